"""What a reader sees, clause by clause, read back from each output format.

The Document tree says what every clause must say (``expected_clause_units``). The
readers below take a rendered Markdown, HTML or DOCX file apart without the exporters'
code, so the export tests compare three independent readings with one expectation.

A clause's "units" are its own text pieces in order: the first paragraph with the
clause number in front ("5.2. ..."), further paragraphs, each bullet item and each table
cell. A clause that opens with a list or a table has its number as a unit of its own
("5.2."). Sub-clauses are clauses of their own. Whitespace is normalized; empty pieces
are dropped.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from generator import document as d
from generator.answers.model import Answers
from generator.api import build_document, load_answers, render, render_text, validate_answers

from .conftest import EXAMPLES

LANGS = ("kk", "ru")
CASES = [(example, lang) for example in EXAMPLES for lang in LANGS]
CASE_IDS = [f"{example.stem}-{lang}" for example, lang in CASES]
TITLES = {"kk": "Құпиялылық саясаты", "ru": "Политика конфиденциальности"}
KAZAKH_LETTERS = "әғқңөұүһі"

Units = list[str]


def norm(text: str) -> str:
    return " ".join(text.split())


# --------------------------------------------------------------------------- building


@cache
def answers_of(example: Path) -> Answers:
    return load_answers(example)


@cache
def document_of(example: Path, lang: str) -> d.Document:
    return build_document(answers_of(example), lang)


def document_from(data: dict[str, Any], lang: str) -> d.Document:
    return build_document(validate_answers(data, source="<test>"), lang)


@cache
def markdown_of(example: Path, lang: str) -> str:
    return render_text(document_of(example, lang), fmt="md")


@cache
def html_of(example: Path, lang: str, fragment: bool = False) -> str:
    options = {"fragment": True} if fragment else {}
    return render_text(document_of(example, lang), fmt="html", **options)


@cache
def docx_of(example: Path, lang: str) -> bytes:
    return render(document_of(example, lang), fmt="docx")


# --------------------------------------------------------------------------- expected


def _block_units(block: d.Block, numbers: dict[str, str], lead: str | None) -> Units:
    units: Units = []
    if isinstance(block, d.Paragraph):
        text = d.plain_text(block.inlines, numbers)
        units.append(f"{lead}. {text}" if lead is not None else text)
    elif isinstance(block, d.BulletList):
        if lead is not None:
            units.append(f"{lead}.")
        units.extend(d.plain_text(item, numbers) for item in block.items)
    elif isinstance(block, d.Table):
        if lead is not None:
            units.append(f"{lead}.")
        for row in ([block.header] if block.header else []) + list(block.rows):
            units.extend(d.plain_text(cell, numbers) for cell in row)
    return units


def _clean(units: Units) -> Units:
    return [u for u in (norm(u) for u in units) if u]


def clause_units(clause: d.Clause, numbers: dict[str, str]) -> Units:
    """The clause's own text (not its sub-clauses') as the Document says it."""
    units: Units = []
    for index, block in enumerate(clause.blocks):
        if not isinstance(block, d.Clause):
            units.extend(_block_units(block, numbers, clause.number if index == 0 else None))
    return _clean(units)


def expected_clause_units(document: d.Document) -> dict[str, Units]:
    return {clause.id: clause_units(clause, document.numbers) for clause in document.clauses()}


def expected_document_units(document: d.Document) -> Units:
    """Every text piece of the document in reading order: title to the last table cell."""
    meta = document.meta
    units: Units = [meta.title, meta.subtitle]
    for block in document.preamble:
        units.extend(_block_units(block, document.numbers, None))
    for section in document.sections:
        units.append(f"{section.number}. {section.title}")
        for clause in _walk(section.clauses):
            units.extend(clause_units(clause, document.numbers))
    return _clean(units)


def _walk(clauses: tuple[d.Clause, ...]) -> Iterator[d.Clause]:
    for clause in clauses:
        yield clause
        yield from _walk(tuple(clause.subclauses()))


# --------------------------------------------------------------------------- Markdown


_CLAUSE_START = re.compile(r"^(\d+(?:\.\d+)+)\.(?: |$)")


_ANCHOR = re.compile(r'<a id="[^"]*"(?: data-(?:clause|section)="[^"]*")?></a>')


def markdown_inline_text(source: str) -> str:
    """Markdown inline syntax as a reader sees it: anchors, escapes and character references
    resolved, emphasis and link targets gone."""
    source = _ANCHOR.sub("", source)
    out: list[str] = []
    i = 0
    while i < len(source):
        char = source[i]
        if char == "\\" and i + 1 < len(source) and not source[i + 1].isspace():
            out.append(source[i + 1])
            i += 2
        elif char == "*" or char == "[":
            i += 1
        elif char == "]" and source.startswith("](", i):
            close = source.find(")", i)
            i = close + 1 if close != -1 else len(source)
        else:
            out.append(char)
            i += 1
    return html.unescape("".join(out))


def _table_cells(line: str) -> list[str]:
    cells: list[str] = []
    current: list[str] = []
    i = 0
    while i < len(line):
        if line[i] == "\\" and i + 1 < len(line):
            current.append(line[i : i + 2])
            i += 2
            continue
        if line[i] == "|":
            cells.append("".join(current))
            current = []
        else:
            current.append(line[i])
        i += 1
    cells.append("".join(current))
    return [markdown_inline_text(cell.strip()) for cell in cells[1:-1]]


def _markdown_block_units(block: str) -> Units:
    if block.startswith("- "):
        return [markdown_inline_text(line[2:]) for line in block.split("\n")]
    if block.startswith("|"):
        lines = block.split("\n")
        units: Units = []
        for index, line in enumerate(lines):
            if index != 1:  # the delimiter row
                units.extend(_table_cells(line))
        return units
    return [markdown_inline_text(block)]


def markdown_clause_units(markdown: str) -> dict[str, Units]:
    """Clause number -> its units, from the Markdown text alone."""
    clauses: dict[str, Units] = {}
    current: Units | None = None
    for block in markdown.strip("\n").split("\n\n"):
        if block.startswith("#"):
            current = None
            continue
        match = _CLAUSE_START.match(_ANCHOR.sub("", block))
        if match:
            number = match.group(1)
            current = clauses.setdefault(number, [])
            rest = _ANCHOR.sub("", block)[match.end() :]
            current.append(f"{number}. {markdown_inline_text(rest)}" if rest else f"{number}.")
        elif current is not None:
            current.extend(_markdown_block_units(block))
    return {number: _clean(units) for number, units in clauses.items()}


# --------------------------------------------------------------------------- HTML


def element_text(element: ET.Element) -> str:
    return "".join(element.itertext())


def html_clause_units(tree: ET.Element) -> dict[str, Units]:
    """Clause anchor (``c-...``) -> its units, from the parsed HTML alone."""
    clauses: dict[str, Units] = {}
    for item in tree.iter("li"):
        anchor = item.get("id", "")
        if not anchor.startswith("c-"):
            continue
        units: Units = []
        for child in item:
            if child.tag == "ol":  # sub-clauses: read as clauses of their own
                continue
            if child.tag == "p":
                units.append(element_text(child))
            elif child.tag == "ul":
                units.extend(element_text(li) for li in child.findall("li"))
            elif child.tag == "table":
                units.extend(element_text(cell) for row in child.iter("tr") for cell in row)
            else:
                units.append(f"<unexpected {child.tag}>")
        clauses[anchor] = _clean(units)
    return clauses


def parity_mismatches(document: d.Document, markdown: str, tree: ET.Element) -> list[str]:
    """Every clause whose Markdown or HTML text differs from the Document's, with the difference."""
    expected = expected_clause_units(document)
    from_markdown = markdown_clause_units(markdown)
    from_html = html_clause_units(tree)
    problems: list[str] = []
    for clause_id, units in expected.items():
        number = document.numbers[clause_id]
        for name, found in (("markdown", from_markdown.get(number)), ("html", from_html.get(d.anchor(clause_id)))):
            if found != units:
                problems.append(f"{name} {number} ({clause_id}): expected {units!r}, found {found!r}")
    numbers = set(document.numbers.values())
    problems.extend(f"markdown has an unknown clause {n}" for n in sorted(set(from_markdown) - numbers))
    anchors = {d.anchor(c) for c in expected}
    problems.extend(f"html has an unknown clause {a}" for a in sorted(set(from_html) - anchors))
    return problems


# --------------------------------------------------------------------------- DOCX

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_xml_paragraph_texts(document_xml: bytes) -> Units:
    """The text of every w:p of word/document.xml in order (table cells included), by ElementTree."""
    root = ET.fromstring(document_xml)
    body = root.find(f"{W}body")
    assert body is not None
    return ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in body.iter(f"{W}p")]


def python_docx_units(package: Any) -> Units:
    """Paragraph and table-cell texts in body order, through python-docx."""
    from docx.table import Table

    units: Units = []
    for item in package.iter_inner_content():
        if isinstance(item, Table):
            for row in item.rows:
                units.extend(cell.text for cell in row.cells)
        else:
            units.append(item.text)
    return _clean(units)


def clean(units: Units) -> Units:
    return _clean(units)
