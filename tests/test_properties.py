"""Properties that hold for every valid answers file, found with Hypothesis.

The strategies (tests/strategies.py) draw valid answers over the whole model; each test
states one promise of the product: the structure of the document, the escaping of what
a user typed in every output format, the answers model's round trip and determinism.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import subprocess
import sys
import unicodedata
import warnings
from html import escape as html_escape
from html import unescape as html_unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import document as d
from generator.answers.model import Answers, CustomService, validate_answers
from generator.catalog import load_catalog
from generator.engine.build import build_document
from generator.export import render
from generator.facts import derive

from .factories import answers as answers_factory
from .strategies import answers_dicts, validated_answers

LANGS = ("kk", "ru")
FORMATS = ("md", "html", "docx")
CATALOG = load_catalog()
ROOT = Path(__file__).resolve().parent.parent

# Big composite strategies: generation takes a moment, which is not what these tests are about.
pytestmark = pytest.mark.slow  # hundreds of generated examples

SLOW = [HealthCheck.too_slow, HealthCheck.data_too_large]


# --------------------------------------------------------------------------- helpers


def collapse(text: str) -> str:
    """What generator/text.py does to free text: NFC and one space between words."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def inline_text(inlines: tuple[d.Inline, ...], numbers: dict[str, str]) -> str:
    return d.plain_text(inlines, numbers)


def block_texts(blocks: tuple[d.Block, ...], numbers: dict[str, str]) -> list[str]:
    """The text of each block a reader sees (sub-clauses included), references resolved."""
    out: list[str] = []
    for block in blocks:
        if isinstance(block, d.Paragraph):
            out.append(inline_text(block.inlines, numbers))
        elif isinstance(block, d.BulletList):
            out.extend(inline_text(item, numbers) for item in block.items)
        elif isinstance(block, d.Table):
            out.extend(inline_text(cell, numbers) for cell in block.header)
            out.extend(inline_text(cell, numbers) for row in block.rows for cell in row)
        else:
            out.extend(block_texts(block.blocks, numbers))
    return out


def document_text(document: d.Document) -> str:
    parts = [document.meta.title, document.meta.subtitle, *block_texts(document.preamble, document.numbers)]
    for section in document.sections:
        parts.append(section.title)
        parts.extend(block_texts(section.clauses, document.numbers))
    return "\n".join(parts)


def all_inlines(blocks: tuple[d.Block, ...]) -> list[d.Inline]:
    out: list[d.Inline] = []

    def walk(nodes: tuple[d.Inline, ...]) -> None:
        for node in nodes:
            out.append(node)
            if isinstance(node, d.Strong | d.Emph | d.Link):
                walk(node.children)

    for block in blocks:
        if isinstance(block, d.Paragraph):
            walk(block.inlines)
        elif isinstance(block, d.BulletList):
            for item in block.items:
                walk(item)
        elif isinstance(block, d.Table):
            for cell in block.header:
                walk(cell)
            for row in block.rows:
                for cell in row:
                    walk(cell)
        else:
            out.extend(all_inlines(block.blocks))
    return out


def printed_user_strings(answers: Answers, lang: str) -> list[str]:
    """The free text a user typed that the policy in ``lang`` prints (each as validated).

    Not printed by design: a site's ``name`` (the policy names sites by their address), the
    storage city when the database is abroad and the logic of automated decisions that are
    not used."""
    operator = answers.operator
    out = [operator.name(lang), operator.address(lang), answers.policy.city(lang)]
    for value in (operator.brand, operator.working_hours):
        if value is not None:
            out.append(value(lang))
    person = operator.responsible_person
    if person is not None:
        out.append(person.name(lang))
        if person.position is not None:
            out.append(person.position(lang))
    if operator.bank is not None:
        out.append(operator.bank.bank(lang))
    for service in answers.services:
        if isinstance(service, CustomService):
            out.extend([service.name, service.purpose(lang)])
            if service.company is not None:
                out.append(service.company)
    storage = answers.storage
    if storage.hosting is not None and storage.hosting not in CATALOG.services:
        out.append(storage.hosting)
    if storage.city is not None and storage.country == "KZ":
        out.append(storage.city(lang))
    for transfer in answers.cross_border.transfers:
        out.extend([transfer.recipient(lang), transfer.purpose(lang)])
    for rule in answers.retention.rules:
        if rule.basis is not None:
            out.append(rule.basis(lang))
    automated = answers.automated_decisions
    if automated.used and automated.logic is not None:
        out.append(automated.logic(lang))
    return out


# Markdown ---------------------------------------------------------------------------------

_ASCII_PUNCT = re.compile(r"\\([!-/:-@\[-`{-~])")
_ANCHORS = re.compile(r'<a id="[^"]*"(?: data-(?:clause|section)="[^"]*")?></a>')


def without_anchors(markdown: str) -> str:
    """The Markdown without the exporter's own empty anchor elements and the empty comments
    it puts before the ``@`` of an address (``mail<!-- -->&#64;x.kz``)."""
    return _ANCHORS.sub("", markdown).replace("<!-- -->", "")


def md_decoded(markdown: str) -> str:
    """What a CommonMark reader makes of the text: backslash escapes of ASCII punctuation
    and HTML character references resolved (markup characters stay as they are)."""
    return html_unescape(_ASCII_PUNCT.sub(r"\1", without_anchors(markdown)))


TEMPLATE_SYNTAX = ("{{", "{%", "{#", "%}", "}}", "#}", "{{<", "{{%")
"""What Liquid, Nunjucks, Jinja2 (MkDocs macros), Vue and Hugo shortcodes would run."""


# What makes a line open a block in CommonMark: an indent, an ATX heading, a list item, a
# block quote, a setext underline, a code fence or a thematic break.
_OPENS_BLOCK = re.compile(r"\s|#{1,6}(\s|$)|[-+*](\s|$)|>|=+\s*$|-+\s*$|`{3}|~{3}|\d{1,9}[.)](\s|$)|([-*_]\s*){3,}$")
_CLAUSE_NUMBER = re.compile(r"\d+(\.\d+)+\.( |$)")


def md_stray_blocks(markdown: str) -> list[str]:
    """Lines whose text opens a block the exporter did not mean: only the title, section
    headings, clause numbers, bullets and table rows may shape the Markdown."""
    stray = []
    lines = without_anchors(markdown).split("\n")
    for index, line in enumerate(lines):
        if not line or line.startswith(("## ", "|")) or (index == 0 and line.startswith("# ")):
            continue
        if index == 2 and line.startswith("*") and line.endswith("*"):  # the subtitle
            continue
        if _CLAUSE_NUMBER.match(line):
            continue  # "5.2. text": a paragraph; the text after the number is inline
        rest = line[2:] if line.startswith("- ") else line
        if _OPENS_BLOCK.match(rest):
            stray.append(line)
    return stray


def md_unescaped(markdown: str, chars: str) -> list[int]:
    """Positions of ``chars`` in ``markdown`` that are not backslash-escaped."""
    found: list[int] = []
    index = 0
    while index < len(markdown):
        ch = markdown[index]
        if ch == "\\" and index + 1 < len(markdown) and _ASCII_PUNCT.match(markdown, index):
            index += 2
            continue
        if ch in chars:
            found.append(index)
        index += 1
    return found


# HTML -------------------------------------------------------------------------------------

_ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "main", "article", "header", "h1", "h2", "p", "div", "nav", "ol",
    "ul", "li", "a", "section", "table", "thead", "tbody", "tr", "th", "td", "strong", "em",
}  # fmt: skip
_SAFE_HREF = ("#", "https://", "http://", "mailto:")


class _HtmlAudit(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.raw_tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes.extend(attrs)
        self.raw_tags.append(self.get_starttag_text() or "")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


# DOCX -------------------------------------------------------------------------------------


def docx_text(data: bytes) -> str:
    import docx
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    package = docx.Document(io.BytesIO(data))
    assert package.core_properties.title  # docProps/core.xml parses too
    parts = [Paragraph(p, package).text for p in package.element.body.iter(qn("w:p"))]
    for section in package.sections:
        parts.extend(p.text for p in section.header.paragraphs)
    return "\n".join(parts)


# --------------------------------------------------------------------------- structure


def check_structure(document: d.Document) -> None:
    numbers = document.numbers
    # Sections 1..N, none empty; clauses N.1, N.2...; sub-clauses N.M.1...
    assert [s.number for s in document.sections] == [str(i) for i in range(1, len(document.sections) + 1)]

    def check_clause(clause: d.Clause, expected: str) -> None:
        assert clause.number == expected, (clause.id, clause.number, expected)
        assert numbers.get(clause.id) == clause.number, clause.id
        assert clause.blocks, f"clause {clause.id} has no blocks"
        own = [b for b in clause.blocks if not isinstance(b, d.Clause)]
        assert own and isinstance(clause.blocks[0], d.Paragraph | d.Table), f"clause {clause.id} has no text"
        assert all(t.strip() for t in block_texts(tuple(own), numbers)), f"clause {clause.id} has an empty block"
        for index, sub in enumerate(clause.subclauses(), start=1):
            check_clause(sub, f"{clause.number}.{index}")

    for section in document.sections:
        assert section.clauses, f"section {section.id} has no clauses"
        assert section.title.strip()
        assert numbers.get(section.id) == section.number
        for index, clause in enumerate(section.clauses, start=1):
            check_clause(clause, f"{section.number}.{index}")

    ids = [c.id for c in document.clauses()]
    assert len(ids) == len(set(ids)), "a clause id is used twice"
    all_numbers = [c.number for c in document.clauses()]
    assert len(all_numbers) == len(set(all_numbers)), "a clause number is used twice"

    # Every reference names a clause or section of this document.
    inlines = all_inlines(document.preamble)
    for section in document.sections:
        inlines.extend(all_inlines(section.clauses))
    for node in inlines:
        if isinstance(node, d.Ref):
            assert node.target in numbers, node.target
        if isinstance(node, d.Text):
            assert node.text, "an empty text node"


TEMPLATE_LEFTOVERS = ("<clause", "<ref", "</", "{%", "%}", "{#", "#}", "{{", "}}", "None", "Undefined")
DOUBLE_ESCAPES = ("&amp;", "&lt;", "&gt;", "&#", "&quot;")


@settings(max_examples=200, deadline=None, suppress_health_check=SLOW)
@given(answers_dicts(hostile=False))
def test_every_valid_answers_build_a_well_formed_document_in_both_languages(data: dict[str, Any]) -> None:
    answers = validate_answers(data)
    facts = derive(answers)
    documents = {lang: build_document(answers, lang, facts=facts) for lang in LANGS}

    for lang, document in documents.items():
        check_structure(document)
        text = document_text(document)
        markdown = render(document, "md").decode("utf-8")
        # User text is realistic here: whatever looks like markup or template code came
        # from a template (or was escaped twice).
        for leftover in TEMPLATE_LEFTOVERS + DOUBLE_ESCAPES:
            assert leftover not in text, (lang, leftover)
        for leftover in TEMPLATE_LEFTOVERS:
            assert leftover not in without_anchors(markdown), (lang, leftover)
        for twice in ("&amp;amp;", "&amp;#", "&amp;lt;", "&amp;gt;", "&amp;quot;"):
            assert twice not in markdown, (lang, twice)
        assert not md_stray_blocks(markdown), md_stray_blocks(markdown)

        for service in facts.services:
            assert service.name in text, (lang, service.id)
        for data_id in facts.all_data:
            label = CATALOG.data_categories[data_id].label.get(lang)  # type: ignore[arg-type]
            assert label in text, (lang, data_id)

    # One outline: the same clauses, in the same order, in both languages.
    assert [c.id for c in documents["kk"].clauses()] == [c.id for c in documents["ru"].clauses()]
    assert [s.id for s in documents["kk"].sections] == [s.id for s in documents["ru"].sections]


def test_a_selected_service_that_receives_none_of_the_data_is_still_named() -> None:
    # Minimal example found by the property above: amoCRM receives names, phones and e-mails,
    # and this operator collects only an account.
    answers = validate_answers(
        answers_factory(**{"data.collected": ["account"], "data.technical": [], "services": ["amocrm"]})
    )
    for lang in LANGS:
        assert "amoCRM" in document_text(build_document(answers, lang)), lang


# --------------------------------------------------------------------------- escaping


@settings(max_examples=120, deadline=None, suppress_health_check=SLOW)
@given(answers_dicts(hostile=True))
def test_user_text_stays_text_in_markdown_html_and_docx(data: dict[str, Any]) -> None:
    answers = validate_answers(data)
    for lang in LANGS:
        document = build_document(answers, lang)
        check_structure(document)
        user = printed_user_strings(answers, lang)
        assert all(s == collapse(s) for s in user)  # the model normalized them

        text = document_text(document)
        for value in user:
            assert value in text, (lang, value)

        # Markdown: no raw HTML but the anchors, no template syntax, no link but the
        # templates' own; user text reads back as typed.
        markdown = render(document, "md").decode("utf-8")
        assert not md_unescaped(without_anchors(markdown), "<>"), "raw < or > in the Markdown"
        for syntax in TEMPLATE_SYNTAX:
            assert syntax not in markdown, (lang, syntax)
        assert not md_stray_blocks(markdown), md_stray_blocks(markdown)
        for position in md_unescaped(markdown, "]"):
            if markdown.startswith("](", position):  # a link: only the templates' own, to a safe place
                target = markdown[position + 2 : position + 12].lower()  # schemes are case-insensitive
                assert target.startswith(_SAFE_HREF[1:]), markdown[position : position + 60]
        decoded = md_decoded(markdown)
        for value in user:
            assert value in decoded, (lang, value)

        # HTML: no script, no event handler, no unsafe link; user text escaped.
        page = render(document, "html").decode("utf-8")
        assert "<script" not in page.lower()
        audit = _HtmlAudit()
        audit.feed(page)
        audit.close()
        assert set(audit.tags) <= _ALLOWED_TAGS, set(audit.tags) - _ALLOWED_TAGS
        for name, value in audit.attributes:
            assert not name.startswith("on"), name
            if name == "href":
                assert value is not None and value.lower().startswith(_SAFE_HREF), value
        for raw in audit.raw_tags:
            outside_values = re.sub(r'"[^"]*"|\'[^\']*\'', '""', raw)
            assert not re.search(r"\son\w+\s*=", outside_values), raw
        html_text = "".join(audit.text)
        for value in user:
            # escaped, with { and } as references (an included fragment holds no template tag)
            written = html_escape(value, quote=False).replace("{", "&#123;").replace("}", "&#125;")
            assert written in page, (lang, value)
            assert value in html_text, (lang, value)

        # DOCX: a package python-docx opens, with every user string as typed.
        words = collapse(docx_text(render(document, "docx")))
        for value in user:
            assert collapse(value) in words, (lang, value)


# --------------------------------------------------------------------------- the model

@settings(max_examples=300, deadline=None, suppress_health_check=SLOW)
@given(answers_dicts())
def test_answers_survive_a_round_trip_through_json(data: dict[str, Any]) -> None:
    answers = validate_answers(data)
    dumped = answers.model_dump(mode="json")
    again = validate_answers(json.loads(json.dumps(dumped, ensure_ascii=False)))
    assert again == answers
    assert again.model_dump(mode="json") == dumped


def test_dumping_answers_with_a_catalogue_service_does_not_warn() -> None:
    answers = validate_answers(answers_factory(services=["kaspi_pay"]))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        answers.model_dump(mode="json")


# --------------------------------------------------------------------------- determinism


def _digests(answers: Answers) -> dict[str, str]:
    out = {}
    for lang in LANGS:
        document = build_document(answers, lang)
        for fmt in FORMATS:
            out[f"{lang}.{fmt}"] = hashlib.sha256(render(document, fmt)).hexdigest()
    return out


@settings(max_examples=40, deadline=None, suppress_health_check=SLOW)
@given(answers_dicts())
def test_the_same_answers_give_the_same_bytes(data: dict[str, Any]) -> None:
    first = validate_answers(data)
    second = validate_answers(data)
    for lang in LANGS:
        one, two = build_document(first, lang), build_document(second, lang)
        for fmt in FORMATS:
            assert render(one, fmt) == render(two, fmt), (lang, fmt)


_CHILD = """
import hashlib, json, sys
from generator.answers.model import validate_answers
from generator.export import render
from generator.engine.build import build_document
out = []
for data in json.load(sys.stdin):
    answers = validate_answers(data)
    digests = {}
    for lang in ("kk", "ru"):
        document = build_document(answers, lang)
        for fmt in ("md", "html", "docx"):
            digests[f"{lang}.{fmt}"] = hashlib.sha256(render(document, fmt)).hexdigest()
    out.append(digests)
json.dump(out, sys.stdout)
"""


@settings(max_examples=2, deadline=None, suppress_health_check=SLOW)
@given(st.lists(validated_answers(), min_size=6, max_size=6))
def test_the_same_answers_give_the_same_bytes_in_another_process(models: list[Answers]) -> None:
    """Another process has another string hash seed: no output depends on set order."""
    payload = json.dumps([m.model_dump(mode="json") for m in models], ensure_ascii=False)
    env = {**os.environ, "PYTHONHASHSEED": "12345", "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", _CHILD],
        input=payload,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [_digests(m) for m in models]
