"""The clause engine: numbering, conditions, references, escaping and build errors."""

from __future__ import annotations

import html
import re

import pytest
from jinja2 import DictLoader

from generator import document as d
from generator.answers.model import validate_answers
from generator.engine.build import build_document
from generator.engine.outline import load_outline
from generator.errors import BuildError
from generator.export.html import render_html
from generator.export.markdown import render_markdown

from .factories import answers

LANGS = ("kk", "ru")


def numbers_of(document: d.Document) -> list[str]:
    return [c.number for c in document.clauses()]


@pytest.mark.parametrize("lang", LANGS)
def test_sections_and_clauses_are_numbered_without_gaps(lang: str) -> None:
    document = build_document(validate_answers(answers()), lang)
    assert [s.number for s in document.sections] == [str(i) for i in range(1, len(document.sections) + 1)]
    for section in document.sections:
        for index, clause in enumerate(section.clauses, start=1):
            assert clause.number == f"{section.number}.{index}"

            def check(parent: d.Clause) -> None:
                subs = list(parent.subclauses())
                assert [s.number for s in subs] == [f"{parent.number}.{i}" for i in range(1, len(subs) + 1)]
                for sub in subs:
                    check(sub)

            check(clause)
    numbers = numbers_of(document)
    assert len(numbers) == len(set(numbers))


def test_a_clause_that_does_not_apply_leaves_no_gap_and_references_follow() -> None:
    plain = build_document(validate_answers(answers(**{"data.technical": ["ip", "access_time"]})), "kk")
    foreign = build_document(validate_answers(answers(services=["google_analytics"])), "kk")
    assert "cross_border" not in [c.id for c in plain.clauses()]
    plain_ids = [s.id for s in plain.sections]
    assert "cookies" not in plain_ids  # no cookies, no cookie section and no empty heading
    assert "cookies" in [s.id for s in foreign.sections]
    # every section is numbered consecutively in both documents
    for document in (plain, foreign):
        assert [int(s.number) for s in document.sections] == list(range(1, len(document.sections) + 1))
    # the reference to the rights section resolves to its number in each document
    for document in (plain, foreign):
        text = render_markdown(document)
        number = document.number_of("rights.request")
        assert f"{number}-тармағында" in text


def test_every_clause_says_what_it_rests_on_and_why_it_is_there() -> None:
    """A clause cites the articles it implements, or says it is good practice; every clause of
    the outline says which facts of the answers put it in the policy."""
    outline = load_outline()
    for section in outline.sections:
        for clause in section.clauses:
            assert clause.why, clause.id
            assert clause.law or "good practice" in clause.why, clause.id
    document = build_document(validate_answers(answers()), "kk")
    good_practice = {c.id for s in outline.sections for c in s.clauses if not c.law}
    assert all(c.articles or c.id in good_practice or c.id.rsplit(".", 1)[0] in good_practice
               for c in document.clauses())


def test_unresolved_reference_is_a_build_error() -> None:
    override = DictLoader({"kk/clauses/general.scope.j2": 'See <ref to="no.such.clause"/>.'})
    with pytest.raises(BuildError, match=r"no\.such\.clause"):
        build_document(validate_answers(answers()), "kk", loaders=(override,))


def test_printing_none_is_a_build_error() -> None:
    override = DictLoader({"kk/clauses/general.scope.j2": "Brand: {{ a.operator.brand }}."})
    with pytest.raises(BuildError, match="None"):
        build_document(validate_answers(answers()), "kk", loaders=(override,))


def test_an_empty_clause_is_a_build_error() -> None:
    override = DictLoader({"kk/clauses/general.scope.j2": "{% if false %}never{% endif %}"})
    with pytest.raises(BuildError, match="empty"):
        build_document(validate_answers(answers()), "kk", loaders=(override,))


def test_unknown_markup_is_a_build_error() -> None:
    override = DictLoader({"kk/clauses/general.scope.j2": "Text <script>x</script>"})
    with pytest.raises(BuildError, match="script"):
        build_document(validate_answers(answers()), "kk", loaders=(override,))


def test_a_site_overrides_one_clause_and_keeps_the_rest() -> None:
    override = DictLoader({"kk/clauses/general.scope.j2": "Біздің өз мәтініміз."})
    document = build_document(validate_answers(answers()), "kk", loaders=(override,))
    text = render_markdown(document)
    assert "Біздің өз мәтініміз." in text
    assert "Терминдер мен анықтамалар" in text


HOSTILE = '{{ 7*7 }} {% if 1 %}x{% endif %} <script>alert(1)</script> A & B "q" *stars* [x](javascript:alert(1))'


@pytest.mark.parametrize("lang", LANGS)
def test_user_text_is_data_never_template_code_or_markup(lang: str) -> None:
    data = answers(**{"operator.name": HOSTILE, "operator.address": "1. # Heading <img src=x onerror=alert(1)>"})
    document = build_document(validate_answers(data), lang)
    texts = [n.text for c in document.clauses() for b in c.blocks if isinstance(b, d.Paragraph)
             for n in b.inlines if isinstance(n, d.Text)]
    assert any("{{ 7*7 }}" in t for t in texts)
    assert not any("49" in t for t in texts)
    markdown = render_markdown(document)
    assert "&lt;script&gt;" in markdown and "<script>" not in markdown
    assert "&#123;&#123; 7\\*7 &#125;&#125;" in markdown and "{{" not in markdown and "{%" not in markdown
    assert "\\*stars\\*" in markdown and "\\[x\\](javascript:alert(1))" in markdown
    html = render_html(document)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert 'href="javascript' not in html


def test_no_template_markers_or_none_leak_into_the_text() -> None:
    document = build_document(validate_answers(answers()), "kk")
    markdown = render_markdown(document)
    for marker in ("{{", "}}", "{%", "%}", "None", "<clause", "<ref"):
        assert marker not in markdown


def test_list_punctuation_is_computed() -> None:
    document = build_document(validate_answers(answers()), "kk")
    for clause in document.clauses():
        for block in clause.blocks:
            if isinstance(block, d.BulletList):
                ends = [d.plain_text(item, document.numbers)[-1] for item in block.items]
                if set(ends) <= {";", "."}:
                    assert ends[-1] == "." and all(e == ";" for e in ends[:-1]), clause.id


def test_operator_is_named_as_each_language_writes_its_legal_form() -> None:
    document = build_document(validate_answers(answers()), "kk")
    assert document.meta.operator == "«Тест Маркет» ЖШС"
    assert re.search(r"^ТОО «Тест Маркет»$", build_document(validate_answers(answers()), "ru").meta.operator)


def test_a_hosting_or_cloud_service_receives_the_whole_database_unless_the_answers_narrow_it() -> None:
    from generator.facts import derive

    data = validate_answers(answers(services=["ps_kz", {"id": "aws", "receives": ["ip"]}, "google_analytics"]))
    facts = derive(data)
    received = {s.id: s.receives for s in facts.services}
    assert received["ps_kz"] == facts.all_data  # keeps the database: everything the operator holds
    assert received["aws"] == ("ip",)  # what the answers say
    assert set(received["google_analytics"]) < set(facts.all_data)  # what analytics is sent
    text = html.unescape(render_markdown(build_document(data, "ru")))  # PS.kz is written PS&#46;kz
    row = next(line for line in text.splitlines() if line.startswith("| PS.kz"))
    for data_id in facts.all_data:
        label = facts.catalog.data_categories[data_id].label.ru
        assert label in row, label


@pytest.mark.parametrize(
    ("example", "labels"),
    [
        ("online-store-too", {"kk": "Заңды мекенжайы", "ru": "Юридический адрес"}),
        ("food-delivery-ip", {"kk": "Тіркелген мекенжайы", "ru": "Адрес регистрации"}),  # no legal address
        ("branch-foreign-company", {"kk": "Орналасқан жері", "ru": "Место нахождения"}),  # not a legal entity
    ],
)
def test_the_address_in_the_requisites_is_named_for_the_legal_form(example: str, labels: dict[str, str]) -> None:
    from generator.api import load_answers

    from .conftest import ROOT

    loaded = load_answers(ROOT / "examples" / f"{example}.yaml")
    others = {"Заңды мекенжайы", "Тіркелген мекенжайы", "Орналасқан жері",
              "Юридический адрес", "Адрес регистрации", "Место нахождения"}
    for lang, label in labels.items():
        table = d.clause_text(build_document(loaded, lang), "requisites.table")
        assert label in table, (example, lang)
        assert not [o for o in others - {label} if o in table], (example, lang)
