"""The wizard of `kzpolicy init`: its questions as data, its review, its file, resuming.

Prompts run through prompt_toolkit's pipe input (keys typed ahead, nothing drawn); the
real command in a terminal is tests/test_wizard_pty.py.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from generator.answers.model import Answers, load_answers, parse_answers, validate_answers
from generator.answers.source import parse_text
from generator.catalog import load_catalog
from generator.checks.rules import run_checks
from generator.errors import AnswersError
from generator.identifiers import IdentifierCode, IdentifierError
from generator.wizard.answers_file import dump_answers, resume_point
from generator.wizard.flow import Files, PlainUI, RichUI, T, Wizard, describe_findings, finding_section
from generator.wizard.questions import (
    MISSING,
    QUESTION_BY_ID,
    QUESTIONS,
    SECTION_BY_ID,
    SECTIONS,
    Question,
    Raw,
    UiLang,
    build_answers,
    check,
    default_of,
    foreign_services,
    get_path,
    help_text,
    identifier_message,
    is_active,
    options_of,
    parse_input,
    split_path,
    summary,
    values_from,
)

from .conftest import EXAMPLES, ROOT, kzpolicy_command
from .factories import BIN_TOO, IIN_IP, answers
from .test_terminology import offending

Q = QUESTION_BY_ID
STORE = ROOT / "examples" / "online-store-too.yaml"


def raw_of(path: Path) -> Raw:
    data = parse_text(path.read_text(encoding="utf-8"), str(path)).data
    assert isinstance(data, dict)
    return data


def ids(options: list[Any]) -> list[Any]:
    return [o.value for o in options]


# --------------------------------------------------------------------------- the questions as data


from generator.answers.model import _model_in  # noqa: E402 - the model's own field walker


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.id)
def test_every_question_fills_a_field_of_the_answers_model(question: Question) -> None:
    current: type[BaseModel] | None = Answers
    for part in split_path(question.id):
        if isinstance(part, int):
            continue
        assert current is not None and part in current.model_fields, question.id
        current = _model_in(current.model_fields[part].annotation)


def test_questions_are_unique_and_every_section_has_some() -> None:
    assert len(QUESTION_BY_ID) == len(QUESTIONS)
    assert {q.section for q in QUESTIONS} == {s.id for s in SECTIONS}
    assert len(SECTION_BY_ID) == len(SECTIONS)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_question_has_a_label_a_short_name_and_one_line_of_help(lang: UiLang) -> None:
    for question in QUESTIONS:
        for text in (question.label(lang), question.short(lang), question.help(lang), help_text(question, lang)):
            assert text and text == text.strip() and "\n" not in text, question.id
        assert question.help(lang).endswith("."), question.id
        if question.type in ("select", "checkbox"):
            assert question.options is not None, question.id
            assert options_of(question, answers(), lang), question.id


def test_legal_questions_say_which_article_of_law_94v_asks_for_them() -> None:
    laws = {q.id: q.law for q in QUESTIONS}
    assert laws["operator.responsible_person.name"] == "25(2)(10)"
    assert laws["storage.country"] == "12(2)"
    assert laws["retention.default"] == "12(2)"
    assert laws["cross_border.transfers"] == "16"
    assert laws["operator.bin"] and laws["operator.iin"] and laws["data.collected"] and laws["data.minors"]
    responsible = Q["operator.responsible_person.name"]
    assert help_text(responsible, "kk").endswith("(№\u00a094-V Заңның 25-бабы 2-тармағының 10) тармақшасы)")
    assert help_text(responsible, "ru").endswith("(подп. 10) п. 2 ст. 25 Закона №\u00a094-V)")


def _all_texts(lang: UiLang) -> Iterator[str]:
    raws: list[Raw] = [{"sites": [{"kind": kind}]} for kind in load_catalog().site_kinds]
    for question in QUESTIONS:
        yield question.label(lang)
        yield help_text(question, lang)
        yield question.short(lang)
        for message in (question.error, question.also_error):
            if message is not None:
                yield message(lang)
        for raw in raws[:3]:
            yield from (o.title for o in options_of(question, raw, lang))
    yield from (section.title(lang) for section in SECTIONS)
    yield from (text(lang) for text in T.values())
    yield dump_answers(build_answers(raw_of(STORE), {}), lang)
    yield dump_answers({}, lang, draft=True)
    for code in typing.get_args(IdentifierCode):
        for kind in ("BIN", "IIN"):
            yield identifier_message(IdentifierError(code, "x", {"kind": kind}), lang)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_wizard_speaks_the_official_terms_of_law_94v(lang: UiLang) -> None:
    for text in _all_texts(lang):
        assert offending(text, lang) == [], text
    texts = " ".join(_all_texts(lang))
    if lang == "kk":
        assert "дербес деректер" in texts and "БСН" in texts and "ЖСН" in texts
        assert "дербес деректерді өңдеуді ұйымдастыруға жауапты адам" in texts.lower()
        assert "БИН" not in texts and "ИИН" not in texts
    else:
        assert "персональные данные" in texts and "БИН" in texts and "ИИН" in texts
        assert "ответственного за организацию обработки персональных данных" in texts
        assert "БСН" not in texts and "ЖСН" not in texts


# --------------------------------------------------------------------------- conditions


@pytest.mark.parametrize("form_id", list(load_catalog().legal_forms))
def test_bin_or_iin_is_asked_by_legal_form_and_the_responsible_person_only_of_legal_entities(form_id: str) -> None:
    form = load_catalog().legal_forms[form_id]
    raw: Raw = {"operator": {"legal_form": form_id}}
    assert is_active(Q["operator.bin"], raw) == (form.identifier == "bin")
    assert is_active(Q["operator.iin"], raw) == (form.identifier == "iin")
    assert is_active(Q["operator.responsible_person.name"], raw) == (form.kind == "legal_entity")


def test_changing_the_legal_form_drops_the_answers_that_no_longer_apply() -> None:
    base = answers()
    values = values_from(base) | {"operator.legal_form": "ip", "operator.iin": IIN_IP}
    built = build_answers(base, values)
    assert "bin" not in built["operator"] and "responsible_person" not in built["operator"]
    assert built["operator"]["iin"] == IIN_IP
    assert validate_answers(built).operator.identifier == IIN_IP


def test_delivery_address_and_purpose_are_offered_to_stores_only() -> None:
    store: Raw = {"sites": [{"kind": "online_store"}]}
    corporate: Raw = {"sites": [{"kind": "corporate"}]}
    assert "delivery_address" in ids(options_of(Q["data.collected"], store, "kk"))
    assert "delivery" in ids(options_of(Q["purposes"], store, "ru"))
    assert "delivery_address" not in ids(options_of(Q["data.collected"], corporate, "kk"))
    assert "delivery" not in ids(options_of(Q["purposes"], corporate, "ru"))
    # ... unless the answers already have it: what a file says is never silently dropped
    corporate["purposes"] = ["delivery"]
    assert "delivery" in ids(options_of(Q["purposes"], corporate, "ru"))


def test_minors_are_asked_about_where_they_are_likely_users() -> None:
    assert is_active(Q["data.minors"], {"sites": [{"kind": "education"}]})
    assert default_of(Q["data.minors"], {"sites": [{"kind": "education"}]}) == "with_consent"
    assert not is_active(Q["data.minors"], {"sites": [{"kind": "online_store"}]})
    with_consent: Raw = {"sites": [{"kind": "corporate"}], "data": {"minors": "with_consent"}}
    assert is_active(Q["data.minors"], with_consent)
    assert "parents" in default_of(Q["data.subjects"], with_consent)


def test_marketing_is_asked_only_with_a_marketing_purpose_and_dropped_without_it() -> None:
    assert not is_active(Q["marketing.channels"], {"purposes": ["order"]})
    assert is_active(Q["marketing.channels"], {"purposes": ["order", "marketing"]})
    base = raw_of(STORE)
    values = values_from(base)
    values["purposes"] = [p for p in values["purposes"] if p != "marketing"]
    built = build_answers(base, values)
    assert "marketing" not in built
    validate_answers(built)


def test_the_cross_border_section_is_suggested_from_the_services_countries() -> None:
    raw: Raw = {"services": ["kaspi_pay", "google_analytics", "yandex_metrica"]}
    assert foreign_services(raw) == [("US", "Google Analytics"), ("RU", "Яндекс Метрика")]
    note = Q["cross_border.transfers"].note
    assert note is not None
    kk, ru = note(raw, "kk"), note(raw, "ru")
    assert kk is not None and "Америка Құрама Штаттары — Google Analytics" in kk
    assert ru is not None and "Россия — Яндекс Метрика" in ru
    assert default_of(Q["cross_border.transfers[0].country"], raw) == "US"
    assert ids(options_of(Q["cross_border.transfers[0].country"], raw, "ru"))[:2] == ["US", "RU"]
    only_kz = note({"services": ["kaspi_pay"]}, "ru")
    assert only_kz is not None and "в Казахстане" in only_kz


def test_optional_parts_open_with_a_yes_and_close_without_a_trace() -> None:
    base = answers()
    assert default_of(Q["operator.bank"], base) is False
    assert not is_active(Q["operator.bank.iban"], build_answers(base, values_from(base)))
    opened = build_answers(base, values_from(base) | {"operator.bank": True}, draft=True)
    assert is_active(Q["operator.bank.iban"], opened)
    transfer = values_from(base) | {"cross_border.transfers": True, "cross_border.transfers[0].country": "CN",
                                    "cross_border.transfers[0].recipient": "Ali Trade Ltd",
                                    "cross_border.transfers[0].purpose": "заказ товара",
                                    "cross_border.transfers[0].data": ["full_name"]}
    built = build_answers(base, transfer)
    assert validate_answers(built).cross_border.transfers[0].country == "CN"
    closed = build_answers(built, values_from(built) | {"cross_border.transfers": False})
    assert "cross_border" not in closed
    assert build_answers(built, values_from(built) | {"cross_border.transfers": False}, draft=True)[
        "cross_border"] == {"transfers": []}


# --------------------------------------------------------------------------- defaults by site kind


def test_an_online_store_starts_with_the_order_data_and_purposes() -> None:
    raw: Raw = {"sites": [{"kind": "online_store"}]}
    collected = default_of(Q["data.collected"], raw)
    assert {"full_name", "phone", "email", "delivery_address"} <= set(collected)
    assert {"order", "payment", "delivery", "order_notifications"} <= set(default_of(Q["purposes"], raw))
    assert default_of(Q["data.subjects"], raw) == ["visitors", "customers"]
    assert default_of(Q["data.technical"], raw) == ["ip", "cookies", "browser", "access_time", "referrer"]


@pytest.mark.parametrize("kind", list(load_catalog().site_kinds))
def test_keeping_the_defaults_of_any_site_kind_gives_valid_answers_without_compliance_errors(kind: str) -> None:
    base = answers(**{"sites": [{"url": "https://test.kz", "kind": kind}]})
    for key in ("data", "purposes"):
        base.pop(key)
    values = values_from(base)
    raw = build_answers(base, values, draft=True)
    for question in QUESTIONS:
        if is_active(question, raw) and question.id not in values:
            values[question.id] = default_of(question, raw)
            raw = build_answers(base, values, draft=True)
    if kind == "media":  # a blog's defaults include newsletters: their channels are the next questions
        assert is_active(Q["marketing.channels"], raw)
    result = validate_answers(build_answers(base, values))
    assert [f.code for f in run_checks(result) if f.level == "error"] == []


# --------------------------------------------------------------------------- validators


def _store() -> Raw:
    return answers()


@pytest.mark.parametrize(
    ("lang", "needle"), [("kk", "соңғы (бақылау) цифры"), ("ru", "последняя (контрольная) цифра")]
)
def test_a_bin_with_a_wrong_check_digit_is_explained_in_the_interface_language(lang: UiLang, needle: str) -> None:
    wrong = BIN_TOO[:-1] + "6"
    message = check(Q["operator.bin"], wrong, _store(), lang)
    assert message is not None and needle in message.lower()
    assert check(Q["operator.bin"], BIN_TOO, _store(), lang) is None
    assert check(Q["operator.bin"], "1905 4001 2345", _store(), lang) is None


def test_bin_and_iin_messages_while_typing() -> None:
    raw = _store()
    assert check(Q["operator.bin"], "1905", raw, "kk") == "БСН 12 цифрдан тұрады, қазір 4 цифр енгізілді"
    assert check(Q["operator.bin"], "1905", raw, "ru") == "БИН состоит из 12 цифр, сейчас введено: 4"
    assert "О" in (check(Q["operator.bin"], "19054001234О", raw, "ru") or "")  # a Cyrillic O, not a zero
    iin = check(Q["operator.iin"], BIN_TOO, {"operator": {"legal_form": "ip"}}, "ru")
    assert iin is not None and "7-я цифра ИИН" in iin and "БИН" in iin
    assert check(Q["operator.iin"], IIN_IP, {"operator": {"legal_form": "ip"}}, "kk") is None


@pytest.mark.parametrize("code", typing.get_args(IdentifierCode))
def test_every_identifier_error_code_has_a_kazakh_and_a_russian_message(code: IdentifierCode) -> None:
    error = IdentifierError(code, "English", {"kind": "BIN", "digit": "9", "month": "13", "length": "5",
                                              "expected": "12", "position": "3", "character": "x"})
    kk, ru = identifier_message(error, "kk"), identifier_message(error, "ru")
    assert kk != "English" and ru != "English" and kk != ru


@pytest.mark.parametrize(
    ("question_id", "bad", "good", "needle_kk", "needle_ru"),
    [
        ("operator.email", "info@", "info@shop.kz", "Электрондық пошта", "электронной почты"),
        ("operator.phone", "12345", "8 701 555 12 34", "Телефон нөмірі", "номер телефона"),
        ("sites[0].url", "dalashop.kz", "https://dalashop.kz", "толық", "полностью"),
        ("policy.version", "версия один", "1.10", "Нұсқа", "Версия"),
    ],
)
def test_fields_are_checked_by_the_answers_model_with_a_message_in_the_interface_language(
    question_id: str, bad: str, good: str, needle_kk: str, needle_ru: str
) -> None:
    raw = _store()
    question = Q[question_id]
    bad_kk = check(question, parse_input(question, bad), raw, "kk")
    bad_ru = check(question, parse_input(question, bad), raw, "ru")
    assert bad_kk is not None and needle_kk in bad_kk
    assert bad_ru is not None and needle_ru in bad_ru
    assert check(question, parse_input(question, good), raw, "kk") is None


def test_bank_details_are_checked_by_the_model() -> None:
    raw = _store()
    raw["operator"]["bank"] = {"bank": "Kaspi Bank"}
    assert check(Q["operator.bank.iban"], "KZ86125KZT5004100100", raw, "kk") is None
    wrong = check(Q["operator.bank.iban"], "KZ86125KZT5004100101", raw, "ru")
    assert wrong is not None and "ИИК" in wrong
    assert check(Q["operator.bank.bic"], "CASPKZKA", raw, "kk") is None
    assert check(Q["operator.bank.kbe"], "170", raw, "ru") == "Кбе — две цифры, например 17"
    assert check(Q["operator.bank.kbe"], None, raw, "ru") is None  # optional


def test_required_optional_and_group_rules() -> None:
    raw = _store()
    assert check(Q["operator.name"], None, raw, "kk") == "Бұл сұраққа жауап беріңіз"
    assert check(Q["operator.brand"], None, raw, "kk") is None
    assert check(Q["data.collected"], [], raw, "ru") == "Выберите хотя бы один вариант"
    assert check(Q["data.special"], [], raw, "ru") is None
    nobody = {**raw, "operator": {**raw["operator"], "responsible_person": {"name": "Әлиева", "email": None}}}
    message = check(Q["operator.responsible_person.phone"], None, nobody, "ru")
    assert message is not None and message.startswith("Укажите почту или телефон")
    assert check(Q["operator.responsible_person.phone"], "+7 701 555 12 34", nobody, "ru") is None


def test_typed_dates_numbers_and_hostings_become_answers() -> None:
    assert parse_input(Q["policy.effective_date"], "01.09.2026") == "2026-09-01"
    assert parse_input(Q["policy.effective_date"], "2026-09-01") == "2026-09-01"
    assert check(Q["policy.effective_date"], parse_input(Q["policy.effective_date"], "31.02.2026"), _store(), "kk")
    assert parse_input(Q["data.subjects_count"], "40 000") == 40000
    assert check(Q["data.subjects_count"], parse_input(Q["data.subjects_count"], "көп"), _store(), "kk")
    assert parse_input(Q["storage.hosting"], "PS.kz") == "ps_kz"
    assert parse_input(Q["storage.hosting"], "Beget") == "Beget"
    assert parse_input(Q["operator.brand"], "   ") is None


# --------------------------------------------------------------------------- the review


def test_the_summary_shows_every_answer_by_section_in_the_interface_language() -> None:
    raw = raw_of(STORE)
    kk = {section.id: dict(rows) for section, rows in summary(raw, "kk")}
    ru = {section.id: dict(rows) for section, rows in summary(raw, "ru")}
    assert list(kk) == ["operator", "responsible", "bank", "site", "data", "purposes", "marketing", "services",
                        "cross_border", "storage", "consent", "policy"]
    assert kk["operator"]["Нысаны"] == "ЖШС — жауапкершілігі шектеулі серіктестік"
    assert ru["operator"]["Форма"] == "ТОО — товарищество с ограниченной ответственностью"
    assert ru["operator"]["Наименование"] == "Дала Маркет"
    assert kk["marketing"]["Жиілігі"] == "күніне 1 рет"
    assert ru["marketing"]["Частота"] == "1 раз в день"
    assert ru["storage"]["Хостинг"] == "PS.kz"
    assert ru["policy"]["Дата вступления в силу"] == "01.09.2026"
    assert "Kaspi Pay — платежные сервисы (Казахстан)" in ru["services"]["Сервисы"]


def test_the_summary_leaves_out_what_does_not_apply_and_shows_the_models_defaults() -> None:
    raw = answers(**{"operator.legal_form": "ip", "operator.iin": IIN_IP})
    raw["operator"].pop("bin")
    raw["operator"].pop("responsible_person")
    effective = validate_answers(raw).model_dump(mode="json", warnings=False)
    sections = {section.id: dict(rows) for section, rows in summary(raw, "ru", effective)}
    assert "responsible" not in sections and "marketing" not in sections
    assert "БИН" not in sections["operator"] and sections["operator"]["ИИН"] == IIN_IP
    assert sections["policy"]["Языки документа"] == "Казахский; Русский"
    assert sections["consent"]["Автоматизированные решения"] == "Нет"


def test_compliance_findings_are_shown_in_the_interface_language_with_the_section_to_edit() -> None:
    model = load_answers(ROOT / "examples" / "state-enterprise-library.yaml")
    findings = run_checks(model)
    lines = dict(describe_findings(findings, "kk"))
    assert any(line.startswith("KZ205 Кеңес:") for line in lines.values())
    raw = raw_of(ROOT / "examples" / "state-enterprise-library.yaml")
    sections = {f.code: finding_section(f, raw) for f in findings}
    assert sections["KZ107"] == "data"
    assert sections["KZ205"] == "services"
    assert sections["KZ203"] == "cross_border"


# --------------------------------------------------------------------------- the answers file


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_commented_answers_file_loads_back_into_an_equal_model(example: Path, lang: UiLang, tmp_path: Path) -> None:
    raw = raw_of(example)
    text = dump_answers(build_answers(raw, values_from(raw)), lang)
    saved = tmp_path / "answers.yaml"
    saved.write_text(text, encoding="utf-8")
    assert load_answers(saved) == load_answers(example)


def test_the_file_explains_itself_with_the_questions_in_the_interface_language() -> None:
    text = dump_answers(build_answers(raw_of(STORE), {}), "ru", name="shop.yaml")
    assert text.startswith("# kzpolicy: файл ответов")
    assert "# Составить документы: kzpolicy build shop.yaml\n" in text
    assert "# --- Лицо, ответственное за организацию обработки персональных данных ---" in text
    label = text.index(f"  # {Q['operator.name'].label('ru')}\n")
    assert text.index("  name: Дала Маркет\n") > label > text.index("  legal_form: too")
    assert "  legal_form: too  # ТОО — товарищество с ограниченной ответственностью\n" in text
    assert "    - delivery_address  # Адрес доставки\n" in text
    assert "  frequency: {count: 1, per: day}  # 1 раз в день\n" in text
    assert "  effective_date: 2026-09-01\n" in text
    assert "  version: '2.0'\n" in text
    assert "(п. 2 ст. 12 Закона №\u00a094-V)" in text


@pytest.mark.parametrize("tricky", ["true", "null", "1.10", "+77011234567", "061211600012", "a: b # c", "- x",
                                    "'quoted'", "«Дала» & Co", "@home", "1e3", "no", "~"])
def test_text_that_yaml_would_misread_is_quoted(tricky: str) -> None:
    data = answers(**{"operator.brand": tricky, "operator.working_hours": {"kk": tricky, "ru": "ru " + tricky}})
    model = parse_answers(dump_answers(build_answers(data, values_from(data)), "kk"))
    assert model == validate_answers(data)
    assert model.operator.brand is not None and model.operator.brand.kk == tricky


def test_a_draft_keeps_empty_answers_and_where_it_stopped() -> None:
    base: Raw = {"operator": {"legal_form": "too", "name": "Береке"}}
    values = values_from(base) | {"operator.brand": None, "operator.bank": False}
    text = dump_answers(build_answers(base, values, draft=True), "ru", draft=True, resume_at="operator.email")
    assert text.startswith("# ЧЕРНОВИК")
    assert resume_point(text) == "operator.email"
    data = parse_text(text, "draft").data
    assert data["operator"]["brand"] is None and data["operator"]["bank"] is None
    again = values_from(data)
    assert again["operator.brand"] is None and again["operator.bank"] is False
    assert "operator.bin" not in again


# --------------------------------------------------------------------------- the wizard itself


@pytest.fixture
def keyboard(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Any]:
    """Type keys ahead into every prompt; the input closes after them, so a prompt that is not
    expected gets EOF (the wizard saves a draft) instead of waiting for ever."""
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    monkeypatch.chdir(tmp_path)
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):

        def type_keys(*keys: str) -> None:
            pipe.send_text("".join(keys))
            pipe.close()

        yield type_keys


def wizard(path: Path | None, lang: UiLang = "kk") -> Wizard:
    from generator.wizard.flow import read_answers_file

    files = Files.for_args(path)
    base, resume_at, draft = read_answers_file(files.loaded) if files.loaded else ({}, None, False)
    return Wizard(RichUI(lang, color=False), files, base, resume_at, draft=draft)


def test_a_complete_file_goes_straight_to_the_review_and_saves_an_equal_model(keyboard: Any, tmp_path: Path) -> None:
    shop = tmp_path / "shop.yaml"
    shutil.copy(STORE, shop)
    keyboard("\r", "\r", "2\r")  # review: Сақтау; the same file; build now? Жоқ
    assert wizard(shop).run() == 0
    assert load_answers(shop) == load_answers(STORE)
    assert shop.read_text(encoding="utf-8").startswith("# kzpolicy:")
    assert not (tmp_path / "shop.draft.yaml").exists()


def test_resuming_asks_only_what_is_missing_and_keeps_what_no_question_covers(keyboard: Any, tmp_path: Path) -> None:
    partial = raw_of(ROOT / "examples" / "online-school-minors.yaml")
    del partial["policy"]
    # what the wizard wrote when it was interrupted: the optional parts it asked about are null or []
    answered_no = {"operator.bank": False, "data.special": [], "cross_border.transfers": False,
                   "automated_decisions.used": False}
    draft = tmp_path / "school.draft.yaml"
    draft.write_text(dump_answers(build_answers(partial, values_from(partial) | answered_no, draft=True), "ru",
                                  draft=True), encoding="utf-8")
    keyboard(
        "Караганда\r", "\x15Қарағанды\r",  # policy.city (ru, then kk)
        "\x1501.09.2026\r", "\r", "\r",  # effective date, version, languages
        "\r", "\r", "2\r",  # review: Сохранить; school.yaml; build now? Нет
    )
    assert wizard(draft, "ru").run() == 0
    final = load_answers(tmp_path / "school.yaml")
    assert final.policy.city.ru == "Караганда" and final.policy.city.kk == "Қарағанды"
    example = load_answers(ROOT / "examples" / "online-school-minors.yaml")
    assert final.retention == example.retention  # rules: no question asks about them, they are kept
    assert final.services == example.services  # including the service with its own list of data
    assert final.operator == example.operator
    assert not draft.exists()


def test_ctrl_c_saves_a_draft_with_the_half_typed_answer(keyboard: Any, tmp_path: Path) -> None:
    keyboard(f"{list(load_catalog().legal_forms).index('too') + 1}\r", "Дала Мар\x03")
    assert wizard(None).run() == 130
    draft = tmp_path / "kzpolicy-draft.yaml"
    text = draft.read_text(encoding="utf-8")
    assert "legal_form: too" in text and "name: Дала Мар" in text
    assert resume_point(text) == "operator.name"
    assert not (tmp_path / "kzpolicy.yaml").exists()


def test_input_that_ends_early_saves_a_draft_instead_of_hanging(keyboard: Any, tmp_path: Path) -> None:
    keyboard("4\r")
    assert wizard(None).run() == 130
    assert "legal_form: too" in (tmp_path / "kzpolicy-draft.yaml").read_text(encoding="utf-8")


def test_nothing_is_saved_when_nothing_was_answered(keyboard: Any, tmp_path: Path) -> None:
    keyboard("\x03")
    assert wizard(None).run() == 130
    assert list(tmp_path.iterdir()) == []


def test_draft_and_answers_file_names() -> None:
    cwd = Path("/srv/shop")
    assert Files.for_args(None, cwd) == Files(cwd / "kzpolicy.yaml", cwd / "kzpolicy-draft.yaml", None)
    shop = Files.for_args(Path("shop.yaml"), cwd)
    assert (shop.answers, shop.draft, shop.given) == (cwd / "shop.yaml", cwd / "shop.draft.yaml", True)
    resumed = Files.for_args(Path("shop.draft.yaml"), cwd)
    assert (resumed.answers, resumed.draft) == (cwd / "shop.yaml", cwd / "shop.draft.yaml")
    default = Files.for_args(Path("kzpolicy-draft.yaml"), cwd)
    assert (default.answers, default.draft) == (cwd / "kzpolicy.yaml", cwd / "kzpolicy-draft.yaml")


# --------------------------------------------------------------------------- plain mode


def plain(*lines: str) -> tuple[PlainUI, list[str]]:
    typed = iter(lines)
    shown: list[str] = []

    def read(prompt: str) -> str:
        shown.append(prompt)
        try:
            return next(typed)
        except StopIteration:
            raise EOFError from None  # like input() at the end of its input

    return PlainUI("ru", read=read, write=shown.append), shown


def test_plain_mode_numbers_the_choices_and_reads_numbers() -> None:
    ui, shown = plain("7", "2")
    assert ui.select("Что это за сайт?", ["Интернет-магазин", "Сайт услуг"], 0) == 1
    assert shown[:3] == ["Что это за сайт?", "  1) Интернет-магазин", "  2) Сайт услуг"]
    assert "! Напишите номер от 1 до 2" in shown


def test_plain_mode_checkboxes_add_remove_or_replace() -> None:
    titles = ["a", "b", "c", "d"]
    ok = lambda chosen: None  # noqa: E731
    assert plain("")[0].checkbox("?", titles, [True, False, True, False], ok) == [0, 2]
    assert plain("+2 -1")[0].checkbox("?", titles, [True, False, True, False], ok) == [1, 2]
    assert plain("4, 1")[0].checkbox("?", titles, [True, False, True, False], ok) == [0, 3]
    assert plain("0")[0].checkbox("?", titles, [True, False, True, False], ok) == []
    ui, shown = plain("9", "0", "2")
    refuse_empty = lambda chosen: "Выберите хотя бы один вариант" if not chosen else None  # noqa: E731
    assert ui.checkbox("?", titles, [False] * 4, refuse_empty) == [1]
    assert "! Выберите хотя бы один вариант" in shown


def test_plain_mode_text_keeps_the_default_on_enter_and_clears_with_a_dash() -> None:
    assert plain("")[0].text("Версия", "1.0", lambda s: None) == "1.0"
    assert plain("-")[0].text("Бренд", "DalaShop", lambda s: None) == ""
    ui, shown = plain("x", "2.0")
    assert ui.text("Версия", "1.0", lambda s: None if s != "x" else "нет", False) == "2.0"
    assert shown[0] == "Версия [1.0]: " and "! нет" in shown


# --------------------------------------------------------------------------- the command


def test_without_a_terminal_init_refuses_at_once_and_points_to_build(tmp_path: Path) -> None:
    done = subprocess.run([*kzpolicy_command(), "init"], input=b"", capture_output=True, cwd=tmp_path, timeout=60)
    stderr = done.stderr.decode()
    assert done.returncode == 2
    assert stderr.startswith("kzpolicy: error: init asks questions and needs a terminal")
    assert "kzpolicy build ANSWERS" in stderr and "Traceback" not in stderr
    assert list(tmp_path.iterdir()) == []


def test_init_help_names_its_options(tmp_path: Path) -> None:
    done = subprocess.run([*kzpolicy_command(), "init", "--help"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0
    for option in ("--answers", "--ui-lang", "--plain"):
        assert option in done.stdout


_IMPORTS = """
import sys
from generator.cli import main
try:
    code = main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
loaded = sorted({m.split(".")[0] for m in sys.modules} & {"questionary", "prompt_toolkit", "generator.wizard"})
loaded += sorted(m for m in sys.modules if m in ("generator.wizard", "generator.questions"))
print("LOADED", loaded, code)
"""


@pytest.mark.parametrize("args", [["--help"], ["build", "EXAMPLE", "--format", "md", "--out", "OUT"]],
                         ids=["help", "build"])
def test_help_and_build_never_import_questionary_or_prompt_toolkit(args: list[str], tmp_path: Path) -> None:
    args = [str(STORE) if a == "EXAMPLE" else str(tmp_path) if a == "OUT" else a for a in args]
    done = subprocess.run([sys.executable, "-c", _IMPORTS, *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=60)
    assert "LOADED [] 0" in done.stdout, done.stdout + done.stderr


def test_the_question_defaults_are_missing_only_when_not_answered() -> None:
    raw = answers()
    values = values_from(raw)
    assert values["operator.name"] == "Тест Маркет"
    assert get_path(raw, "operator.brand") is MISSING and "operator.brand" not in values


def test_a_rule_over_the_whole_answers_is_shown_on_review_and_its_section_offered_first(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    school = raw_of(ROOT / "examples" / "online-school-minors.yaml")
    school["data"]["subjects"].remove("parents")  # minors with consent, but no legal representatives
    path = tmp_path / "school.yaml"
    path.write_text(dump_answers(school, "ru"), encoding="utf-8")
    ui, shown = plain(
        "",  # review: the default action is to edit «Персональные данные»
        "1", "", "", "", "", "",  # minors: no; subjects, collected, technical, special, count: as they are
        "1", "", "2",  # review: save; school.yaml; build now? no
    )
    files = Files.for_args(path)
    from generator.wizard.flow import read_answers_file

    base, _, draft = read_answers_file(path)
    assert not draft
    assert Wizard(ui, files, base).run() == 0
    # said in the interface's language, at the field it is about
    assert any("Персональные данные" in line and "добавьте законных представителей в субъекты" in line
               for line in shown), shown
    assert not any("add 'parents'" in line for line in shown)
    assert any(line.startswith("Номер [") and line != "Номер [1]: " for line in shown)  # not «Сохранить»
    assert load_answers(path).data.minors == "not_directed"


def test_the_interface_follows_plain_term_dumb_and_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.wizard.flow import choose_ui

    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert isinstance(choose_ui("kk", plain=True), PlainUI)
    rich = choose_ui("ru", plain=False)
    assert isinstance(rich, RichUI) and rich.color and rich.lang == "ru"
    monkeypatch.setenv("NO_COLOR", "1")
    colourless = choose_ui("kk", plain=False)
    assert isinstance(colourless, RichUI) and not colourless.color
    monkeypatch.setenv("TERM", "dumb")
    assert isinstance(choose_ui(None, plain=False), PlainUI)


def test_an_unreadable_answers_file_is_an_input_error(tmp_path: Path) -> None:
    from generator.errors import InputError
    from generator.wizard.flow import read_answers_file

    broken = tmp_path / "broken.yaml"
    broken.write_text("operator: [unclosed\n", encoding="utf-8")
    with pytest.raises(InputError, match="YAML syntax error"):
        read_answers_file(broken)
    listed = tmp_path / "list.yaml"
    listed.write_text("- a\n- b\n", encoding="utf-8")
    with pytest.raises(InputError, match="mapping"):
        read_answers_file(listed)


def test_an_incomplete_hand_written_file_asks_only_what_the_model_requires(keyboard: Any, tmp_path: Path) -> None:
    shop = raw_of(STORE)
    del shop["policy"]  # city and effective date are required; the version and languages have defaults
    path = tmp_path / "shop.yaml"
    path.write_text(dump_answers(shop, "kk"), encoding="utf-8")
    keyboard("Алматы\r", "\r", "\x1501.10.2026\r", "\r", "\r", "2\r")  # city kk, ru; date; save; path; no build
    assert wizard(path).run() == 0
    saved = load_answers(path)
    assert str(saved.policy.effective_date) == "2026-10-01" and saved.policy.version == "1.0"
    assert saved.services == load_answers(STORE).services


def test_a_check_across_sections_waits_for_the_review_instead_of_blocking_a_question() -> None:
    # Choosing the marketing purpose before the marketing section exists, or taking
    # 'parents' out while minors use the site with consent, is a problem the review raises
    # (where either side can be changed), not a reason to refuse this one answer.
    raw = _store()
    raw.pop("marketing", None)
    purposes = [p for p in raw["purposes"] if p != "marketing"]
    assert check(Q["purposes"], [*purposes, "marketing"], raw, "ru") is None
    school = raw_of(ROOT / "examples" / "online-school-minors.yaml")
    subjects = [s for s in school["data"]["subjects"] if s != "parents"]
    assert check(Q["data.subjects"], subjects, school, "kk") is None
    school["data"]["subjects"] = subjects
    with pytest.raises(AnswersError) as caught:
        validate_answers(school)
    [problem] = caught.value.problems
    assert problem.path == "data.subjects" and problem.across


def test_every_check_across_fields_has_the_interfaces_words() -> None:
    import re

    from generator.answers import model as answers_module
    from generator.wizard.questions import ACROSS

    source = Path(answers_module.__file__).read_text(encoding="utf-8")
    raised = set(re.findall(r'FieldCheckError\(\s*"(\w+)"', source))
    required_fields = {"needs_iin", "needs_bin", "needs_responsible_person", "needs_logic", "needs_parent",
                       "needs_third_party_sources"}  # asked as questions
    # checks of one value (its type, an invisible character): shown at the question itself
    field_local = {"wrong_type", "invisible_character"}
    assert raised - required_fields - field_local == set(ACROSS)
    for code, message in ACROSS.items():
        assert message("kk") and message("ru") and message("kk") != message("ru"), code
