"""Tests for generator.identifiers: BIN and IIN structure and check digit.

The real numbers come from the verification table of the legal notes (section 3, IIN and
BIN). The check digit is also recomputed here by an independent reference implementation
of the published algorithm, so a table entry and the module cannot agree by accident.
"""

from __future__ import annotations

import dataclasses
import datetime
import pickle
from collections.abc import Callable, Iterator

import pytest

from generator.identifiers import (
    BIN,
    IIN,
    IdentifierError,
    check_digit,
    iin_warnings,
    is_valid_checksum,
    normalize,
    parse_bin,
    parse_iin,
    with_check_digit,
)

TODAY = datetime.date(2026, 6, 1)

# --- reference implementation, written from the published description --------------

WEIGHTS_1 = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
WEIGHTS_2 = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)


def weighted_sum(first11: str, weights: tuple[int, ...]) -> int:
    return sum(int(d) * w for d, w in zip(first11, weights, strict=True))


def reference(first11: str) -> tuple[int | None, int]:
    """(check digit or None, the pass that decided it: 1 or 2)."""
    r = weighted_sum(first11, WEIGHTS_1) % 11
    if r != 10:
        return r, 1
    r = weighted_sum(first11, WEIGHTS_2) % 11
    return (None if r == 10 else r), 2


def complete(head: str) -> str:
    """A 12-digit number: `head`, zero-padded serial digits, a valid check digit.

    Tries serials from 0 upwards so the result is deterministic; built with the
    reference implementation, not with the module under test.
    """
    free = 11 - len(head)
    for serial in range(10**free):
        first11 = head + str(serial).zfill(free)
        digit, _ = reference(first11)
        if digit is not None:
            return first11 + str(digit)
    raise AssertionError(f"no issuable number starts with {head}")


def wrong_check_digit(number: str) -> str:
    digit, _ = reference(number[:11])
    assert digit is not None
    return number[:11] + str((digit + 1) % 10)


# --- the verification table of the legal notes --------------------------------------

# number, year, month, entity_type, attribute, serial, first-pass sum, second-pass sum
BIN_TABLE = [
    ("230440900088", 2023, 4, "resident", "head", "90008", 195, None),
    ("170740001680", 2017, 7, "resident", "head", "00168", 220, None),
    ("170240014901", 2017, 2, "resident", "head", "01490", 177, None),
    ("940140000385", 1994, 1, "resident", "head", "00038", 159, None),
    ("950341000052", 1995, 3, "resident", "branch", "00005", 112, None),
    ("961141000023", 1996, 11, "resident", "branch", "00002", 76, 102),
    ("070941024691", 2007, 9, "resident", "branch", "02469", 287, None),
]

# number, birth date, sex, century, serial, first-pass sum, second-pass sum
IIN_TABLE = [
    ("871008401427", datetime.date(1987, 10, 8), "female", 20, "0142", 172, None),
    ("760212350620", datetime.date(1976, 2, 12), "male", 20, "5062", 187, None),
    ("800416300257", datetime.date(1980, 4, 16), "male", 20, "0025", 161, None),
    ("680503450037", datetime.date(1968, 5, 3), "female", 20, "5003", 161, None),
    ("061211600012", datetime.date(2006, 12, 11), "female", 21, "0001", 87, 112),
]

SUMS = [(row[0], row[-2], row[-1]) for row in BIN_TABLE + IIN_TABLE]
VALID = [row[0] for row in BIN_TABLE + IIN_TABLE]
BINS = [row[0] for row in BIN_TABLE]
IINS = [row[0] for row in IIN_TABLE]
NEGATIVE_CONTROL = "230440900087"


@pytest.mark.parametrize(
    ("number", "year", "month", "entity_type", "attribute", "serial", "_s1", "_s2"),
    BIN_TABLE,
)
def test_table_bin_parses(
    number: str,
    year: int,
    month: int,
    entity_type: str,
    attribute: str,
    serial: str,
    _s1: int,
    _s2: int | None,
) -> None:
    assert parse_bin(number, today=TODAY) == BIN(
        value=number,
        registration_year=year,
        registration_month=month,
        entity_type=entity_type,  # type: ignore[arg-type]
        attribute=attribute,  # type: ignore[arg-type]
        serial=serial,
    )


@pytest.mark.parametrize(
    ("number", "birth_date", "sex", "century", "serial", "_s1", "_s2"), IIN_TABLE
)
def test_table_iin_parses(
    number: str,
    birth_date: datetime.date,
    sex: str,
    century: int,
    serial: str,
    _s1: int,
    _s2: int | None,
) -> None:
    iin = parse_iin(number)
    assert iin == IIN(
        value=number,
        birth_date=birth_date,
        sex=sex,  # type: ignore[arg-type]
        century=century,
        serial=serial,
    )
    assert iin_warnings(iin, TODAY) == []


@pytest.mark.parametrize(("number", "sum1", "sum2"), SUMS)
def test_table_sums_and_check_digit(number: str, sum1: int, sum2: int | None) -> None:
    """The sums printed in the notes, the pass used, and the module's check digit."""
    first11, digit12 = number[:11], int(number[11])
    assert weighted_sum(first11, WEIGHTS_1) == sum1
    if sum2 is None:
        assert sum1 % 11 == digit12
    else:  # the notes say this number needs the second pass
        assert sum1 % 11 == 10
        assert weighted_sum(first11, WEIGHTS_2) == sum2
        assert sum2 % 11 == digit12
    assert check_digit(first11) == digit12
    assert with_check_digit(first11) == number
    assert is_valid_checksum(number)


def test_the_table_covers_both_passes() -> None:
    assert {reference(n[:11])[1] for n in BINS} == {1, 2}
    assert {reference(n[:11])[1] for n in IINS} == {1, 2}


def test_negative_control() -> None:
    assert not is_valid_checksum(NEGATIVE_CONTROL)
    with pytest.raises(IdentifierError) as info:
        parse_bin(NEGATIVE_CONTROL)
    err = info.value
    assert err.code == "check_digit"
    assert err.params == {"kind": "BIN", "actual": "7", "expected": "8"}
    assert "check digit (position 12) is 7 but the first 11 digits give 8" in str(err)
    assert "re-type the number" in str(err)


# --- single-digit substitutions ------------------------------------------------------


def substitutions(number: str) -> Iterator[tuple[int, str]]:
    """(position 1-12, the number with that one digit replaced), every replacement."""
    for index, old in enumerate(number):
        for new in "0123456789":
            if new != old:
                yield index + 1, number[:index] + new + number[index + 1 :]


@pytest.mark.parametrize("number", VALID)
def test_single_substitution_what_the_check_digit_catches(number: str) -> None:
    """What holds for this two-pass mod-11 check digit, over every single substitution.

    - Position 12: always caught.
    - Position 11: its first-pass weight is 11 = 0 mod 11, so it is caught only when the
      number's check digit comes from the second pass (weight 2 there).
    - Positions 1-10: a substitution that leaves the number in the same pass is always
      caught (weights 1-10 are invertible mod 11); one that moves it to the other pass
      can slip through, at most one replacement digit per position.
    """
    original_pass = reference(number[:11])[1]
    missed: dict[int, list[str]] = {}
    for position, variant in substitutions(number):
        caught = not is_valid_checksum(variant)
        if position == 12:
            assert caught, variant
        elif position == 11:
            assert caught == (original_pass == 2), variant
        else:
            if reference(variant[:11])[1] == original_pass:
                assert caught, variant
            if not caught:
                missed.setdefault(position, []).append(variant)
    assert all(len(variants) == 1 for variants in missed.values()), missed


@pytest.mark.parametrize("number", VALID)
def test_caught_substitutions_are_rejected_by_the_parser(number: str) -> None:
    parse = parse_bin if number in BINS else parse_iin
    for _, variant in substitutions(number):
        if not is_valid_checksum(variant):
            with pytest.raises(IdentifierError):
                parse(variant)


def test_a_mistyped_11th_digit_of_a_first_pass_number_goes_unnoticed() -> None:
    """A weakness of the algorithm, not of the code: pinned so nobody 'fixes' it."""
    variants = [f"2304409000{d}8" for d in "012345679"]
    assert all(is_valid_checksum(v) for v in variants)
    assert parse_bin("230440900018").serial == "90001"


# --- never-issued prefixes -----------------------------------------------------------


def never_issued_prefix(head: str) -> str:
    free = 11 - len(head)
    for serial in range(10**free):
        first11 = head + str(serial).zfill(free)
        if reference(first11) == (None, 2):
            return first11
    raise AssertionError(f"no never-issued prefix starts with {head}")


@pytest.mark.parametrize(
    ("head", "parse"),
    [("230440", parse_bin), ("960341", parse_bin), ("8710084", parse_iin)],
)
def test_never_issued(head: str, parse: Callable[[str], object]) -> None:
    first11 = never_issued_prefix(head)
    assert weighted_sum(first11, WEIGHTS_1) % 11 == 10
    assert weighted_sum(first11, WEIGHTS_2) % 11 == 10
    assert check_digit(first11) is None
    with pytest.raises(IdentifierError) as info:
        with_check_digit(first11)
    assert info.value.code == "never_issued"
    assert info.value.params["first11"] == first11
    for last in "0123456789":
        assert not is_valid_checksum(first11 + last)
        with pytest.raises(IdentifierError) as info:
            parse(first11 + last)
        assert info.value.code == "never_issued"
        assert first11 in str(info.value)
        assert "never issued" in str(info.value)


def test_pass_frequencies_match_the_notes() -> None:
    """'About 9 % need the second pass, about 0.8 % are unusable' (1/11 and 1/121)."""
    serials = [f"{n:05d}" for n in range(100_000)]
    second = unusable = 0
    for serial in serials:
        first11 = "230440" + serial
        digit = check_digit(first11)
        if weighted_sum(first11, WEIGHTS_1) % 11 == 10:
            second += 1
        if digit is None:
            unusable += 1
        assert digit == reference(first11)[0]
    assert 0.085 < second / len(serials) < 0.097
    assert 0.006 < unusable / len(serials) < 0.011


# --- input form ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        "230440900088",
        "230440 900088",
        "230 440 900 088",
        "230440\u00a0900088",
        "230440\u202f900088",
        "2304-4090-0088",
        "2304\u20134090\u20130088",
        "  230440900088\n",
        "\ufeff230440900088",
        "\t2304 - 4090 - 0088 ",
    ],
)
def test_separators_are_ignored(raw: str) -> None:
    assert normalize(raw) == "230440900088"
    assert is_valid_checksum(raw)
    assert parse_bin(raw).value == "230440900088"


def test_normalize_does_not_check_the_length() -> None:
    assert normalize("12 34") == "1234"
    assert normalize("") == ""


@pytest.mark.parametrize(
    ("raw", "position", "character"),
    [
        ("2304409OO088", "8", "O"),  # Latin O for zero
        ("2304409\u041e0088", "8", "\u041e"),  # Cyrillic O for zero
        ("23044090008A", "12", "A"),
        ("BIN 230440900088", "1", "B"),
        ("230440.900088", "7", "."),
        ("230440/900088", "7", "/"),
        ("+230440900088", "1", "+"),
        ("\u0662\u0663\u0660440900088", "1", "\u0662"),  # Arabic-Indic digits
        ("\uff12\uff13\uff10440900088", "1", "\uff12"),  # full-width digits
    ],
)
def test_letters_and_other_characters_are_rejected(
    raw: str, position: str, character: str
) -> None:
    for call in (normalize, parse_bin, parse_iin):
        with pytest.raises(IdentifierError) as info:
            call(raw)
        assert info.value.code == "not_digits"
        assert info.value.params["position"] == position
        assert info.value.params["character"] == character
        assert f"at character {position}" in str(info.value)
    assert not is_valid_checksum(raw)


def test_letter_o_gets_a_hint() -> None:
    with pytest.raises(IdentifierError, match="letter O instead of the digit 0"):
        parse_bin("2304409OO088")


@pytest.mark.parametrize(
    "raw", ["", "2", "23044090008", "2304409000880", "230440 90008"]
)
@pytest.mark.parametrize(("kind", "parse"), [("BIN", parse_bin), ("IIN", parse_iin)])
def test_wrong_length(raw: str, kind: str, parse: Callable[[str], object]) -> None:
    length = str(len(normalize(raw)))
    with pytest.raises(IdentifierError) as info:
        parse(raw)
    assert info.value.code == "length"
    assert info.value.params == {"kind": kind, "expected": "12", "length": length}
    assert f"{kind} must have 12 digits but has {length}" in str(info.value)
    assert not is_valid_checksum(raw)


@pytest.mark.parametrize(
    ("first11", "code"),
    [
        ("2304409000", "length"),
        ("230440900088", "length"),
        ("2304409000O", "not_digits"),
        ("23044 90008", "not_digits"),
    ],
)
def test_check_digit_wants_exactly_11_digits(first11: str, code: str) -> None:
    for call in (check_digit, with_check_digit):
        with pytest.raises(IdentifierError) as info:
            call(first11)
        assert info.value.code == code


# --- BIN structure -------------------------------------------------------------------


@pytest.mark.parametrize("digit", "0123456789")
def test_bin_digit_5_type(digit: str) -> None:
    number = complete("2304" + digit + "0")
    expected = {"4": "resident", "5": "non_resident", "6": "joint_entrepreneur"}
    if digit in expected:
        assert parse_bin(number).entity_type == expected[digit]
    else:
        with pytest.raises(IdentifierError) as info:
            parse_bin(number)
        assert info.value.code == "bin_type"
        assert info.value.params["digit"] == digit
        assert f"BIN digit 5 is {digit} but must be 4" in str(info.value)


@pytest.mark.parametrize("digit", "0123456789")
def test_bin_digit_6_attribute(digit: str) -> None:
    number = complete("23045" + digit)
    expected = {"0": "head", "1": "branch", "2": "representative", "3": "joint_farm"}
    if digit in expected:
        assert parse_bin(number).attribute == expected[digit]
    else:
        with pytest.raises(IdentifierError) as info:
            parse_bin(number)
        assert info.value.code == "bin_attribute"
        assert info.value.params["digit"] == digit
        assert f"BIN digit 6 is {digit} but must be 0" in str(info.value)


@pytest.mark.parametrize(
    ("month", "valid"),
    [
        ("00", False),
        ("01", True),
        ("09", True),
        ("12", True),
        ("13", False),
        ("99", False),
    ],
)
def test_bin_month(month: str, valid: bool) -> None:
    number = complete("23" + month + "60")
    if valid:
        assert parse_bin(number).registration_month == int(month)
    else:
        with pytest.raises(IdentifierError) as info:
            parse_bin(number)
        assert info.value.code == "bin_month"
        assert info.value.params["month"] == month


@pytest.mark.parametrize(
    ("yy", "today", "year"),
    [
        ("00", datetime.date(2026, 1, 1), 2000),
        ("26", datetime.date(2026, 1, 1), 2026),
        ("27", datetime.date(2026, 12, 31), 2027),
        ("28", datetime.date(2026, 1, 1), 1928),
        ("99", datetime.date(2026, 1, 1), 1999),
        ("28", datetime.date(2027, 1, 1), 2028),
        ("01", datetime.date(2000, 1, 1), 2001),
        ("02", datetime.date(2000, 1, 1), 1902),
        ("99", datetime.date(2099, 1, 1), 2099),
    ],
)
def test_bin_registration_year_pivot(yy: str, today: datetime.date, year: int) -> None:
    number = complete(yy + "0540")
    assert parse_bin(number, today=today).registration_year == year


def test_bin_structure_is_checked_before_the_check_digit() -> None:
    number = wrong_check_digit(complete("230470"))
    assert not is_valid_checksum(number)
    with pytest.raises(IdentifierError) as info:
        parse_bin(number)
    assert info.value.code == "bin_type"


@pytest.mark.parametrize("number", IINS)
def test_an_iin_in_the_bin_field_is_caught(number: str) -> None:
    with pytest.raises(IdentifierError) as info:
        parse_bin(number)
    assert info.value.code in {"bin_type", "bin_attribute", "bin_month"}


# --- IIN structure -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("digit", "century", "year", "sex"),
    [
        ("1", 19, 1887, "male"),
        ("2", 19, 1887, "female"),
        ("3", 20, 1987, "male"),
        ("4", 20, 1987, "female"),
        ("5", 21, 2087, "male"),
        ("6", 21, 2087, "female"),
    ],
)
def test_iin_digit_7_century_and_sex(
    digit: str, century: int, year: int, sex: str
) -> None:
    iin = parse_iin(complete("871008" + digit))
    assert (iin.century, iin.sex) == (century, sex)
    assert iin.birth_date == datetime.date(year, 10, 8)


@pytest.mark.parametrize("digit", "0789")
def test_iin_digit_7_out_of_range(digit: str) -> None:
    with pytest.raises(IdentifierError) as info:
        parse_iin(complete("871008" + digit))
    assert info.value.code == "iin_century"
    assert info.value.params["digit"] == digit
    assert f"IIN digit 7 is {digit} but must be 1-6" in str(info.value)


def test_iin_structure_is_checked_before_the_check_digit() -> None:
    number = wrong_check_digit(complete("8710089"))
    with pytest.raises(IdentifierError) as info:
        parse_iin(number)
    assert info.value.code == "iin_century"


def test_iin_check_digit() -> None:
    with pytest.raises(IdentifierError) as info:
        parse_iin(wrong_check_digit("871008401427"))
    assert info.value.code == "check_digit"
    assert info.value.params["kind"] == "IIN"
    assert "identity document" in str(info.value)


@pytest.mark.parametrize("number", ["230440900088", "170740001680", "950341000052"])
def test_a_bin_in_the_iin_field_is_caught(number: str) -> None:
    with pytest.raises(IdentifierError) as info:
        parse_iin(number)
    assert info.value.code == "iin_century"


@pytest.mark.parametrize(
    "head",
    [
        "8702304",  # 30 February
        "8713084",  # month 13
        "8700004",  # month and day 00
        "8710324",  # day 32
        "0002293",  # 29 February 1900: not a leap year
        "9902291",  # 29 February 1899
    ],
)
def test_impossible_iin_date_is_a_warning_not_an_error(head: str) -> None:
    number = complete(head)
    iin = parse_iin(number)
    assert iin.birth_date is None
    assert iin.value == number
    warnings = iin_warnings(iin, TODAY)
    assert len(warnings) == 1
    assert f"IIN digits 1-6 ({number[:6]}) are not a real date" in warnings[0]
    assert "check digits 1-7" in warnings[0]


def test_leap_day_depends_on_the_century() -> None:
    assert parse_iin(complete("0002295")).birth_date == datetime.date(2000, 2, 29)
    assert parse_iin(complete("0002293")).birth_date is None


@pytest.mark.parametrize(
    ("head", "today", "warned"),
    [
        ("2606015", datetime.date(2026, 6, 1), False),  # born today
        ("2606025", datetime.date(2026, 6, 1), True),  # born tomorrow
        ("8710085", datetime.date(2026, 6, 1), True),  # 2087
        ("8710083", datetime.date(2026, 6, 1), False),  # 1987
    ],
)
def test_future_birth_date_is_a_warning(
    head: str, today: datetime.date, warned: bool
) -> None:
    iin = parse_iin(complete(head))
    assert iin.birth_date is not None
    warnings = iin_warnings(iin, today)
    if warned:
        assert len(warnings) == 1
        assert iin.birth_date.isoformat() in warnings[0]
        assert f"after today ({today.isoformat()})" in warnings[0]
    else:
        assert warnings == []


# --- the error and result values -----------------------------------------------------


def error_cases() -> list[IdentifierError]:
    calls: list[tuple[Callable[[str], object], str]] = [
        (parse_bin, "23044O900088"),
        (parse_bin, "2304409000"),
        (parse_bin, NEGATIVE_CONTROL),
        (parse_bin, never_issued_prefix("230440") + "0"),
        (parse_bin, complete("230470")),
        (parse_bin, complete("230448")),
        (parse_bin, complete("231340")),
        (parse_iin, complete("8710080")),
        (parse_iin, wrong_check_digit("871008401427")),
    ]
    errors = []
    for call, raw in calls:
        with pytest.raises(IdentifierError) as info:
            call(raw)
        errors.append(info.value)
    return errors


def test_every_code_is_reachable_and_messages_are_one_line_with_a_fix() -> None:
    errors = error_cases()
    assert {e.code for e in errors} == {
        "not_digits",
        "length",
        "check_digit",
        "never_issued",
        "bin_type",
        "bin_attribute",
        "bin_month",
        "iin_century",
    }
    for err in errors:
        message = str(err)
        assert isinstance(err, ValueError)
        assert "\n" not in message
        assert ": " in message  # what is wrong, then how to fix it
        assert err.params["kind"] in {"BIN", "IIN"}
        assert all(isinstance(v, str) for v in err.params.values())


def test_error_survives_pickling() -> None:
    for err in error_cases():
        copy = pickle.loads(pickle.dumps(err))
        assert (type(copy), copy.code, copy.params, str(copy)) == (
            IdentifierError,
            err.code,
            err.params,
            str(err),
        )


def test_results_are_immutable() -> None:
    bin_ = parse_bin("230440900088")
    iin = parse_iin("871008401427")
    with pytest.raises(dataclasses.FrozenInstanceError):
        bin_.value = "170740001680"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        iin.sex = "male"  # type: ignore[misc]
