"""BIN (БСН/БИН) and IIN (ЖСН/ИИН): structure and check digit.

Both numbers have 12 digits; positions are counted 1-12.

BIN (legal entity, branch, representative office, joint individual entrepreneur):

    1-4   YYMM of state (accounting) registration or re-registration
    5     type: 4 resident legal entity, 5 non-resident legal entity,
          6 individual entrepreneur in joint entrepreneurship
    6     attribute: 0 head unit, 1 branch, 2 representative office,
          3 peasant/farm enterprise in joint entrepreneurship
    7-11  serial number
    12    check digit

IIN (individual, including a personal individual entrepreneur):

    1-6   date of birth YYMMDD
    7     century and sex: 1/2 the 1800s, 3/4 the 1900s, 5/6 the 2000s;
          odd is male, even is female
    8-11  serial number
    12    check digit

Check digit (the same for both): r = sum(d_i * w_i) mod 11 over positions 1-11 with
weights 1..11; if r is 10, again with weights 3,4,5,6,7,8,9,10,11,1,2; if r is still 10
no number with these 11 digits is ever issued. Otherwise r is digit 12.

The position-11 weight of the first pass is 11, which is 0 mod 11: a number whose check
digit comes from the first pass keeps a valid check digit when only its 11th digit is
mistyped. The check digit catches most typos, not all of them.

Sources: Law of 12.01.2007 No. 223-III "On national registers of identification numbers"
and the Rules for forming the identification number (Government Resolution of 22.05.2007
No. 406).

This module is on the start-up path: standard library only.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = [
    "BIN",
    "IIN",
    "IdentifierCode",
    "IdentifierError",
    "check_digit",
    "iin_warnings",
    "is_valid_checksum",
    "normalize",
    "parse_bin",
    "parse_iin",
    "with_check_digit",
]

IdentifierCode = Literal[
    "length",
    "not_digits",
    "never_issued",
    "check_digit",
    "bin_type",
    "bin_month",
    "bin_attribute",
    "iin_century",
]

_Kind = Literal["IIN", "BIN", "IIN/BIN"]

# Where the user finds the correct number, by kind.
_SOURCE: dict[_Kind, str] = {
    "BIN": "the state registration certificate",
    "IIN": "the identity document",
    "IIN/BIN": "the registration certificate or identity document",
}

_LENGTH = 12
_WEIGHTS_1 = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
_WEIGHTS_2 = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)
_DIGITS = frozenset("0123456789")

# Characters that people type or paste between digit groups: every whitespace
# character (space, tab, NBSP U+00A0, narrow NBSP U+202F, thin space ...), the
# zero-width space and BOM that come with copy-paste, and hyphen or dash characters.
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff")
_DASHES = frozenset("-\u2010\u2011\u2012\u2013\u2014\u2212\ufe63\uff0d")

_BIN_TYPES: dict[str, Literal["resident", "non_resident", "joint_entrepreneur"]] = {
    "4": "resident",
    "5": "non_resident",
    "6": "joint_entrepreneur",
}
_BIN_ATTRIBUTES: dict[
    str, Literal["head", "branch", "representative", "joint_farm"]
] = {
    "0": "head",
    "1": "branch",
    "2": "representative",
    "3": "joint_farm",
}
# IIN digit 7 -> (century as an ordinal: 19 is the 1800s, ...)
_IIN_CENTURIES: dict[str, int] = {"1": 19, "2": 19, "3": 20, "4": 20, "5": 21, "6": 21}


class IdentifierError(ValueError):
    """Raised for an invalid IIN or BIN.

    `code` is a stable machine code (see `IdentifierCode`); `params` holds the values
    the message is made of, all strings, always with "kind" ("IIN", "BIN" or
    "IIN/BIN"); str(err) is a one-line English message that says what is wrong and
    how to fix it.
    """

    code: IdentifierCode
    params: dict[str, str]

    def __init__(
        self,
        code: IdentifierCode,
        message: str,
        params: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.params = dict(params or {})

    def __reduce__(
        self,
    ) -> tuple[type[IdentifierError], tuple[IdentifierCode, str, dict[str, str]]]:
        return (type(self), (self.code, str(self), self.params))


@dataclass(frozen=True, slots=True)
class BIN:
    """A parsed, valid BIN.

    `registration_year` is inferred from the two-digit YY in positions 1-2: YY up to
    the current two-digit year plus one is 20YY, a larger YY is 19YY (so in 2026,
    00-27 mean 2000-2027 and 28-99 mean 1928-1999). The "plus one" allows for a clock
    that is behind.
    """

    value: str
    registration_year: int
    registration_month: int
    entity_type: Literal["resident", "non_resident", "joint_entrepreneur"]
    attribute: Literal["head", "branch", "representative", "joint_farm"]
    serial: str


@dataclass(frozen=True, slots=True)
class IIN:
    """A parsed IIN with a valid structure and check digit.

    `century` is the ordinal century from digit 7: 19 (the 1800s), 20 (the 1900s) or 21
    (the 2000s). `birth_date` is None when positions 1-6 are not a real date in that
    century; that is a warning (see `iin_warnings`), not an error.
    """

    value: str
    birth_date: datetime.date | None
    sex: Literal["male", "female"]
    century: int
    serial: str


def _error(
    code: IdentifierCode, kind: _Kind, message: str, **params: str
) -> IdentifierError:
    return IdentifierError(code, message, {"kind": kind, **params})


def _not_digit(char: str, position: int, kind: _Kind, how: str) -> IdentifierError:
    shown = char if char.isprintable() and not char.isspace() else f"U+{ord(char):04X}"
    hint = ""
    if char in "Oo\u041e\u043e":  # Latin and Cyrillic O
        hint = " (a letter O instead of the digit 0?)"
    elif char in "lI|":
        hint = " (a letter instead of the digit 1?)"
    return _error(
        "not_digits",
        kind,
        f"{kind} has {shown!r} at character {position}, which is not a digit{hint}:"
        f" type only the digits 0-9{how}",
        position=str(position),
        character=shown,
    )


def _normalize(raw: str, kind: _Kind) -> str:
    digits: list[str] = []
    for position, char in enumerate(raw, start=1):
        if char in _DIGITS:
            digits.append(char)
        elif not (char.isspace() or char in _DASHES or char in _INVISIBLE):
            raise _not_digit(char, position, kind, " (spaces and hyphens are ignored)")
    return "".join(digits)


def normalize(raw: str) -> str:
    """Return the digits of `raw` without the separators people type.

    Spaces (any whitespace, including NBSP), zero-width characters and hyphens or dashes
    are removed: "230440 900088" and "2304-4090-0088" give "230440900088". Any other
    character, such as a letter or a non-ASCII digit, raises IdentifierError
    "not_digits". The length is not checked here.
    """
    return _normalize(raw, "IIN/BIN")


def _compute(first11: str) -> int | None:
    digits = [ord(char) - 48 for char in first11]
    r = sum(d * w for d, w in zip(digits, _WEIGHTS_1, strict=True)) % 11
    if r == 10:
        r = sum(d * w for d, w in zip(digits, _WEIGHTS_2, strict=True)) % 11
        if r == 10:
            return None
    return r


def _require_digits(value: str, length: int, kind: _Kind, what: str) -> None:
    for position, char in enumerate(value, start=1):
        if char not in _DIGITS:
            raise _not_digit(char, position, kind, ", without spaces or hyphens")
    if len(value) != length:
        raise _error(
            "length",
            kind,
            f"{what} must have {length} digits but has {len(value)}:"
            f" add the missing or remove the extra digits,"
            f" copying the number from {_SOURCE[kind]}",
            expected=str(length),
            length=str(len(value)),
        )


def check_digit(first11: str) -> int | None:
    """Return the check digit (0-9) for the first 11 digits of an IIN or BIN.

    Two passes, mod 11; None when both give 10: no number starting with these 11 digits
    is ever issued. `first11` must be exactly 11 ASCII digits, else IdentifierError
    ("length" or "not_digits").
    """
    _require_digits(first11, 11, "IIN/BIN", "the first 11 digits of an IIN/BIN")
    return _compute(first11)


def with_check_digit(first11: str) -> str:
    """Return the 12-digit number made of `first11` and its check digit.

    Raises IdentifierError "never_issued" when no check digit exists for `first11`.
    """
    digit = check_digit(first11)
    if digit is None:
        raise _never_issued(first11, "IIN/BIN")
    return first11 + str(digit)


def is_valid_checksum(number: str) -> bool:
    """True when `number` is 12 digits (after `normalize`) with a correct check digit.

    Never raises: malformed input and never-issued numbers give False. Checks the check
    digit only, not the BIN or IIN structure; use parse_bin or parse_iin for that.
    """
    try:
        digits = normalize(number)
    except IdentifierError:
        return False
    if len(digits) != _LENGTH:
        return False
    expected = _compute(digits[:11])
    return expected is not None and expected == ord(digits[11]) - 48


def _never_issued(first11: str, kind: _Kind) -> IdentifierError:
    return _error(
        "never_issued",
        kind,
        f"no {kind} starts with the digits {first11}: both check-digit passes give 10,"
        f" so such a number is never issued; re-type the number from {_SOURCE[kind]}",
        first11=first11,
    )


def _digits12(raw: str, kind: _Kind) -> str:
    digits = _normalize(raw, kind)
    _require_digits(digits, _LENGTH, kind, kind)
    return digits


def _verify_check_digit(digits: str, kind: _Kind) -> None:
    expected = _compute(digits[:11])
    if expected is None:
        raise _never_issued(digits[:11], kind)
    actual = ord(digits[11]) - 48
    if actual != expected:
        raise _error(
            "check_digit",
            kind,
            f"{kind} check digit (position 12) is {actual} but the first 11 digits give"
            f" {expected}: re-type the number from {_SOURCE[kind]}",
            actual=str(actual),
            expected=str(expected),
        )


def parse_bin(raw: str, *, today: datetime.date | None = None) -> BIN:
    """Parse and validate a BIN; raise IdentifierError when it is not valid.

    `raw` may contain spaces and hyphens (see `normalize`). The checks run in this
    order: 12 digits; digit 5 (type); digit 6 (attribute); month (digits 3-4); check
    digit. The structure comes first because its message names the wrong digit.
    `today` (default: the system date) only sets the century of `registration_year`,
    see `BIN`.
    """
    digits = _digits12(raw, "BIN")
    source = _SOURCE["BIN"]
    entity_type = _BIN_TYPES.get(digits[4])
    if entity_type is None:
        raise _error(
            "bin_type",
            "BIN",
            f"BIN digit 5 is {digits[4]} but must be 4 (resident legal entity),"
            f" 5 (non-resident legal entity) or 6 (joint individual entrepreneur):"
            f" check that this is a BIN, not an IIN, and re-type it from {source}",
            digit=digits[4],
        )
    attribute = _BIN_ATTRIBUTES.get(digits[5])
    if attribute is None:
        raise _error(
            "bin_attribute",
            "BIN",
            f"BIN digit 6 is {digits[5]} but must be 0 (head unit), 1 (branch),"
            f" 2 (representative office) or 3 (joint peasant or farm enterprise):"
            f" re-type the number from {source}",
            digit=digits[5],
        )
    month = int(digits[2:4])
    if not 1 <= month <= 12:
        raise _error(
            "bin_month",
            "BIN",
            f"BIN digits 3-4 are the registration month and must be 01-12,"
            f" not {digits[2:4]}: re-type the number from {source}",
            month=digits[2:4],
        )
    _verify_check_digit(digits, "BIN")
    yy = int(digits[:2])
    pivot = (today or datetime.date.today()).year % 100 + 1
    year = (2000 if yy <= pivot else 1900) + yy
    return BIN(
        value=digits,
        registration_year=year,
        registration_month=month,
        entity_type=entity_type,
        attribute=attribute,
        serial=digits[6:11],
    )


def parse_iin(raw: str) -> IIN:
    """Parse and validate an IIN; raise IdentifierError when it is not valid.

    `raw` may contain spaces and hyphens (see `normalize`). The checks run in this
    order: 12 digits; digit 7 (century and sex); check digit. A birth date that is
    not a real date does not raise: `birth_date` is None and `iin_warnings` reports it.
    """
    digits = _digits12(raw, "IIN")
    century = _IIN_CENTURIES.get(digits[6])
    if century is None:
        raise _error(
            "iin_century",
            "IIN",
            f"IIN digit 7 is {digits[6]} but must be 1-6 (century and sex: 1-2 for the"
            f" 1800s, 3-4 for the 1900s, 5-6 for the 2000s): check that this is an IIN,"
            f" not a BIN, and re-type it from {_SOURCE['IIN']}",
            digit=digits[6],
        )
    _verify_check_digit(digits, "IIN")
    year = (century - 1) * 100 + int(digits[:2])
    try:
        birth_date: datetime.date | None = datetime.date(
            year, int(digits[2:4]), int(digits[4:6])
        )
    except ValueError:
        birth_date = None
    return IIN(
        value=digits,
        birth_date=birth_date,
        sex="male" if int(digits[6]) % 2 else "female",
        century=century,
        serial=digits[7:11],
    )


def iin_warnings(iin: IIN, today: datetime.date) -> list[str]:
    """Return English warnings about the birth date of a parsed IIN (empty when none).

    The date checks only warn: some very old or special IINs do not encode a real date.
    """
    if iin.birth_date is None:
        first_year = (iin.century - 1) * 100
        message = (
            f"IIN digits 1-6 ({iin.value[:6]}) are not a real date YYMMDD in"
            f" {first_year}-{first_year + 99} (the century from digit 7): check digits"
            f" 1-7 against {_SOURCE['IIN']};"
            " some old or special IINs carry no real date"
        )
        return [message]
    if iin.birth_date > today:
        message = (
            f"IIN digits 1-7 give the birth date {iin.birth_date.isoformat()}, which is"
            f" after today ({today.isoformat()}): check digits 1-6 (YYMMDD) and digit 7"
            f" (century) against {_SOURCE['IIN']}"
        )
        return [message]
    return []
