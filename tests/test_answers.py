"""The answers model: validation rules, normalization and messages a user can act on."""

from __future__ import annotations

import pytest

from generator.answers.model import LocalText, json_schema, parse_answers, validate_answers
from generator.errors import AnswersError

from .conftest import EXAMPLES, ROOT
from .factories import DELETE, IIN_IP, answers


def problems(data: dict) -> list[str]:
    with pytest.raises(AnswersError) as info:
        validate_answers(data)
    return [p.render() for p in info.value.problems]


def test_base_answers_are_valid() -> None:
    result = validate_answers(answers())
    assert result.operator.bin == "190540012345"
    assert result.policy.languages == ["kk", "ru"]
    assert result.retention.default == "purposes_achieved"


def test_phone_is_normalized_with_kazakhstan_as_default_region() -> None:
    result = validate_answers(answers(**{"operator.phone": "8 (701) 555-12-34"}))
    assert result.operator.phone == "+7 701 555 1234"


@pytest.mark.parametrize("phone", ["12345", "+7 000", "not a phone"])
def test_invalid_phone_names_the_field(phone: str) -> None:
    [message] = problems(answers(**{"operator.phone": phone}))
    assert message.startswith("operator.phone:")
    assert "country code" in message


def test_invalid_email_names_the_field() -> None:
    [message] = problems(answers(**{"operator.email": "info@"}))
    assert message.startswith("operator.email:")


@pytest.mark.parametrize("url", ["dalashop.kz", "javascript:alert(1)", "ftp://x.kz", "https://"])
def test_site_url_must_be_a_web_address(url: str) -> None:
    [message] = problems(answers(sites=[{"url": url, "kind": "online_store"}]))
    assert message.startswith("sites[0].url:")


def test_wrong_bin_check_digit() -> None:
    [message] = problems(answers(**{"operator.bin": "190540012346"}))
    assert message.startswith("operator.bin:")
    assert "check digit" in message


def test_iin_given_for_an_llp() -> None:
    [message] = problems(answers(**{"operator.bin": DELETE, "operator.iin": IIN_IP}))
    assert message.startswith("operator.iin:") and "BIN, not an IIN" in message


def test_bin_given_for_an_individual_entrepreneur() -> None:
    data = answers(**{"operator.legal_form": "ip", "operator.responsible_person": DELETE})
    [message] = problems(data)
    assert "IIN, not a BIN" in message


def test_individual_entrepreneur_with_iin_needs_no_responsible_person() -> None:
    data = answers(**{"operator.legal_form": "ip", "operator.bin": DELETE, "operator.iin": IIN_IP,
                      "operator.responsible_person": DELETE})
    assert validate_answers(data).operator.iin == IIN_IP


def test_legal_entity_needs_a_responsible_person() -> None:
    [message] = problems(answers(**{"operator.responsible_person": DELETE}))
    assert "responsible_person" in message and "25(2)(10)" in message


def test_responsible_person_needs_a_contact() -> None:
    [message] = problems(answers(**{"operator.responsible_person": {"name": "Әлиева Айгерім"}}))
    assert message.startswith("operator.responsible_person:")


def test_unknown_key_suggests_the_right_one() -> None:
    [message] = problems(answers(**{"operator.adress": "x"}))
    assert message.startswith("operator.adress:")
    assert "did you mean 'address'" in message


def test_unknown_catalogue_id_suggests_the_right_one() -> None:
    [message] = problems(answers(purposes=["order", "delivry"]))
    assert message.startswith("purposes[1]:")
    assert "did you mean 'delivery'" in message


def test_unknown_service_suggests_the_right_one() -> None:
    [message] = problems(answers(services=["kaspi_pya"]))
    assert message.startswith("services[0]")
    assert "kaspi_pay" in message


def test_custom_service_is_accepted() -> None:
    custom = {"name": "МойСклад", "country": "RU", "category": "crm",
              "purpose": {"kk": "тауар қалдықтарын есепке алу", "ru": "учёт товарных остатков"},
              "receives": ["full_name", "phone"]}
    result = validate_answers(answers(services=["kaspi_pay", custom]))
    assert result.services[1].name == "МойСклад"  # type: ignore[union-attr]


def test_marketing_purpose_needs_channels() -> None:
    [message] = problems(answers(purposes=["order", "marketing"]))
    assert "marketing" in message and "channels" in message


def test_unlimited_retention_is_refused_with_the_article() -> None:
    [message] = problems(answers(retention={"default": "unlimited"}))
    assert message.startswith("retention.default:")
    assert "12(2)" in message


def test_period_takes_exactly_one_unit() -> None:
    [message] = problems(answers(retention={"default": {"years": 1, "months": 2}}))
    assert "exactly one" in message


def test_future_schema_version_says_to_upgrade() -> None:
    [message] = problems(answers(schema_version=2))
    assert message.startswith("schema_version:") and "upgrade" in message


def test_minors_with_consent_need_parents_as_subjects() -> None:
    [message] = problems(answers(**{"data.minors": "with_consent"}))
    assert "parents" in message


def test_automated_decisions_need_their_logic() -> None:
    [message] = problems(answers(automated_decisions=True))
    assert "logic" in message and "19-1" in message


@pytest.mark.parametrize("text", ["Bad\x07name", "Evil\u202ename", "x\x00y"])
def test_control_and_bidi_characters_are_refused(text: str) -> None:
    [message] = problems(answers(**{"operator.name": text}))
    assert message.startswith("operator.name")
    assert "U+" in message


def test_local_text_from_one_string_or_two_languages() -> None:
    assert LocalText.model_validate("Алматы") == LocalText(kk="Алматы", ru="Алматы")
    assert LocalText.model_validate({"ru": "Алматы"}).kk == "Алматы"
    assert LocalText(kk="a", ru="b").model_dump() == {"kk": "a", "ru": "b"}
    assert LocalText(kk="a", ru="a").model_dump() == "a"


def test_every_problem_is_reported_at_once() -> None:
    data = answers(**{"operator.email": "nope", "operator.phone": "1", "purposes": []})
    assert len(problems(data)) == 3


def test_json_schema_describes_the_answers() -> None:
    schema = json_schema()
    assert schema["title"] == "kzpolicy answers"
    assert {"operator", "sites", "data", "purposes", "policy"} <= set(schema["required"])


# --------------------------------------------------------------------------- YAML / JSON text


def test_yaml_keeps_identifiers_and_phones_as_typed() -> None:
    # Unquoted, YAML 1.1 would read 920712405674 as an int and +77015551234 as an int too.
    text = """
schema_version: 1
operator: {legal_form: ip, name: Ахметова Д., iin: 920712405674, address: Астана,
           email: a@b.kz, phone: +77015551234}
sites: [{url: https://a.kz, kind: online_store}]
data: {collected: [full_name, phone]}
purposes: [order]
policy: {city: Астана, effective_date: 2026-06-05, version: 1.10}
"""
    result = parse_answers(text)
    assert result.operator.iin == "920712405674"
    assert result.operator.phone == "+7 701 555 1234"
    assert result.policy.version == "1.10"


def test_yaml_error_points_at_the_line() -> None:
    with pytest.raises(AnswersError) as info:
        parse_answers("operator:\n  name: [unclosed\npolicy: x\n", name="a.yaml")
    [problem] = info.value.problems
    assert problem.line is not None and problem.line >= 2
    assert "YAML syntax error" in problem.message


def test_yaml_validation_error_carries_the_line() -> None:
    text = "schema_version: 1\noperator:\n  legal_form: tooo\n"
    with pytest.raises(AnswersError) as info:
        parse_answers(text)
    by_path = {p.path: p for p in info.value.problems}
    assert by_path["operator.legal_form"].line == 3


def test_duplicate_keys_are_errors() -> None:
    with pytest.raises(AnswersError) as info:
        parse_answers("policy: 1\npolicy: 2\n")
    assert "twice" in info.value.problems[0].message


def test_duplicate_json_keys_are_errors() -> None:
    with pytest.raises(AnswersError) as info:
        parse_answers('{"policy": 1, "policy": 2}')
    assert "twice" in info.value.problems[0].message


def test_alias_bomb_fails_fast() -> None:
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]']
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 10) + "]")
    with pytest.raises(AnswersError) as info:
        parse_answers("\n".join(lines))
    assert "alias" in info.value.problems[0].message


def test_deep_nesting_is_refused() -> None:
    with pytest.raises(AnswersError) as info:
        parse_answers("a: " + "[" * 100 + "]" * 100)
    assert "nesting" in info.value.problems[0].message


def test_non_utf8_bytes_are_refused_with_the_offset() -> None:
    with pytest.raises(AnswersError) as info:
        parse_answers("operator: Дала".encode("cp1251"))
    assert "not UTF-8" in info.value.problems[0].message


def test_bom_and_crlf_are_accepted() -> None:
    import yaml

    text = yaml.safe_dump(answers(), allow_unicode=True).replace("\n", "\r\n")
    result = parse_answers(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert result.operator.name.kk == "Тест Маркет"


@pytest.mark.parametrize("typed", ["40000", "40 000", "40\u00a0000", "4 000 000"])
def test_a_whole_number_may_be_grouped_by_spaces(typed: str) -> None:
    data = answers()
    data["data"]["subjects_count"] = typed
    assert validate_answers(data).data.subjects_count == int("".join(typed.split()))


@pytest.mark.parametrize("typed", ["40 00", "4,000", "1e3", "30.0", "", " "])
def test_a_whole_number_is_digits_only(typed: str) -> None:
    data = answers()
    data["data"]["subjects_count"] = typed
    with pytest.raises(AnswersError) as info:
        validate_answers(data)
    assert info.value.problems[0].path == "data.subjects_count"


@pytest.mark.parametrize(("typed", "expected"), [("01.09.2026", "2026-09-01"), ("1.9.2026", "2026-09-01"),
                                                  ("2026-09-01", "2026-09-01"), ("25.11.2013", "2013-11-25")])
def test_an_effective_date_may_be_written_as_people_write_it(typed: str, expected: str) -> None:
    data = answers()
    data["policy"]["effective_date"] = typed
    assert validate_answers(data).policy.effective_date.isoformat() == expected


def test_empty_text_is_refused() -> None:
    with pytest.raises(AnswersError) as info:
        parse_answers("  \n")
    assert "empty" in info.value.problems[0].message


URLS = [
    "https://example.kz", "http://шоп.қаз", "HTTPS://Example.kz/path?q=1#f", "https://1.2.3.4",
    "https://[::1]/", "https://user:pw@x.kz/p", "https://x_y.kz", "https://exa mple.kz",
    "https://example.kz:99999", "https://%zz.kz", "https://ex<a>.kz", "https://256.1.1.1",
    "https://x.kz/" + "a" * 2100, "ftp://example.kz", "javascript:alert(1)", "example.kz",
]


@pytest.mark.parametrize("url", URLS)
def test_a_site_address_is_checked_as_pydantic_httpurl_checks_it(url: str) -> None:
    """As HttpUrl, and stricter in one way: no user name before '@' (https://shop.kz@evil.kz
    opens evil.kz), which HttpUrl accepts."""
    from pydantic import HttpUrl, TypeAdapter, ValidationError

    try:
        parsed = TypeAdapter(HttpUrl).validate_python(url)
        expected = url.lower().startswith(("http://", "https://")) and not parsed.username
    except ValidationError:
        expected = False
    data = answers(**{"sites": [{"url": url, "kind": "online_store"}]})
    try:
        validated = validate_answers(data)
    except AnswersError as exc:
        assert not expected, exc
        assert "sites[0].url" in str(exc)
    else:
        assert expected
        assert validated.sites[0].url.startswith(("http://", "https://"))


# --------------------------------------------------------------------------- strict types


def _leaves(value: object, path: tuple[str | int, ...] = ()) -> list[tuple[tuple[str | int, ...], object]]:
    if isinstance(value, dict):
        return [leaf for key, item in value.items() for leaf in _leaves(item, (*path, key))]
    if isinstance(value, list):
        return [leaf for index, item in enumerate(value) for leaf in _leaves(item, (*path, index))]
    return [(path, value)]


def _replaced(data: object, path: tuple[str | int, ...], new: object) -> object:
    import copy

    data = copy.deepcopy(data)
    target = data
    for part in path[:-1]:
        target = target[part]  # type: ignore[index]
    target[path[-1]] = new  # type: ignore[index]
    return data


def _shown(path: tuple[str | int, ...]) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else (f".{p}" if i else p) for i, p in enumerate(path))


@pytest.mark.parametrize("example", [p.name for p in EXAMPLES])
def test_every_value_of_another_kind_is_refused_at_its_own_path(example: str) -> None:
    """For every value in every shipped example: a yes/no where text or a number stands, and
    a list or a mapping where one value stands, is refused and named at that value's path,
    never read as "1 day" or "['+7…']" (pydantic's lax mode would). Values that are yes/no
    already stay yes/no."""
    import yaml

    data = yaml.safe_load((ROOT / "examples" / example).read_text(encoding="utf-8"))
    data["policy"]["effective_date"] = str(data["policy"]["effective_date"])
    validate_answers(data)  # the example itself is valid
    checked = 0
    for path, value in _leaves(data):
        if isinstance(value, bool) or value is None:
            continue
        for wrong in (True, [value], {"x": value}):
            with pytest.raises(AnswersError) as info:
                validate_answers(_replaced(data, path, wrong))  # type: ignore[arg-type]
            paths = [problem.path for problem in info.value.problems]
            assert any(p.startswith(_shown(path)) or _shown(path).startswith(p + "[") for p in paths), (
                path, wrong, paths)
        checked += 1
    assert checked > 30
