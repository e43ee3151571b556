"""The markup a clause template writes, parsed into the Document's nodes.

A clause template writes a small XML-like markup:

* text, ``<b>``, ``<i>``, ``<a href="...">`` and ``<ref to="clause.id"/>`` inline;
* ``<p>`` an extra paragraph, ``<ul><li>`` a bullet list, ``<table><tr><th|td>`` a table;
* ``<clause id="...">`` a numbered sub-clause (nested as deep as needed).

Jinja2 renders it with autoescaping, so whatever a user typed arrives here escaped and
comes out of the parser as literal text: it can never become markup.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from .. import document as d
from ..errors import BuildError

_WS = re.compile(r"\s+")
_INLINE_TAGS = {"b", "i", "a", "ref"}


class Parser:
    def __init__(self, template: str) -> None:
        self.template = template
        self.numbers: dict[str, str] = {}
        self.articles: dict[str, tuple[str, ...]] = {}

    def fail(self, message: str) -> BuildError:
        return BuildError(f"{self.template}: {message}")

    # Inline content -----------------------------------------------------------------

    def inlines(self, element: ET.Element) -> list[d.Inline]:
        out: list[d.Inline] = []
        if element.text:
            out.append(d.Text(element.text))
        for child in element:
            out.append(self.inline(child))
            if child.tail:
                out.append(d.Text(child.tail))
        return out

    def inline(self, element: ET.Element) -> d.Inline:
        tag = element.tag
        if tag == "b":
            return d.Strong(_tidy(self.inlines(element)))
        if tag == "i":
            return d.Emph(_tidy(self.inlines(element)))
        if tag == "a":
            href = element.get("href")
            if not href:
                raise self.fail("<a> without href")
            return d.Link(href, _tidy(self.inlines(element)))
        if tag == "ref":
            target = element.get("to")
            if not target:
                raise self.fail("<ref> without to=")
            return d.Ref(target)
        raise self.fail(f"<{tag}> is not allowed inside text")

    # Blocks ---------------------------------------------------------------------------

    def clause(self, element: ET.Element, clause_id: str, number: str, articles: tuple[str, ...]) -> d.Clause:
        if clause_id in self.numbers:
            raise self.fail(f"clause id {clause_id!r} is used twice")
        self.numbers[clause_id] = number
        blocks: list[d.Block] = []
        pending: list[d.Inline] = []
        sub = 0

        def flush() -> None:
            inlines = _tidy(pending)
            if inlines:
                blocks.append(d.Paragraph(inlines))
            pending.clear()

        if element.text:
            pending.append(d.Text(element.text))
        for child in element:
            tag = child.tag
            if tag in _INLINE_TAGS:
                pending.append(self.inline(child))
            else:
                flush()
                if tag == "p":
                    inlines = _tidy(self.inlines(child))
                    if not inlines:
                        raise self.fail(f"an empty <p> in clause {clause_id!r}")
                    blocks.append(d.Paragraph(inlines))
                elif tag == "ul":
                    blocks.append(self.bullets(child, clause_id))
                elif tag == "table":
                    blocks.append(self.table(child, clause_id))
                elif tag == "clause":
                    sub += 1
                    child_id = child.get("id") or f"{clause_id}.{sub}"
                    law = tuple(a.strip() for a in child.get("law", "").split(",") if a.strip()) or articles
                    blocks.append(self.clause(child, child_id, f"{number}.{sub}", law))
                else:
                    raise self.fail(f"unknown element <{tag}> in clause {clause_id!r}")
            if child.tail:
                pending.append(d.Text(child.tail))
        flush()
        if not blocks:
            raise self.fail(f"clause {clause_id!r} rendered empty")
        if not isinstance(blocks[0], (d.Paragraph, d.Table)):
            raise self.fail(f"clause {clause_id!r} must start with its own text")
        self.articles[clause_id] = articles
        return d.Clause(clause_id, number, articles, tuple(blocks), self.template)

    def bullets(self, element: ET.Element, clause_id: str) -> d.BulletList:
        items = []
        for child in element:
            if child.tag != "li":
                raise self.fail(f"<{child.tag}> inside <ul> in {clause_id!r}: only <li>")
            inlines = _tidy(self.inlines(child))
            if not inlines:
                raise self.fail(f"an empty list item in {clause_id!r}")
            items.append(inlines)
        if not items:
            raise self.fail(f"an empty list in {clause_id!r}")
        # Items that are parts of one sentence end with ";" and the last with "." -
        # computed here because conditional items make the last one vary.
        if all(_ends_with(item, ";") or _ends_with(item, ".") for item in items):
            items = [_with_end(item, ";") for item in items[:-1]] + [_with_end(items[-1], ".")]
        return d.BulletList(tuple(items))

    def table(self, element: ET.Element, clause_id: str) -> d.Table:
        header: tuple[tuple[d.Inline, ...], ...] = ()
        rows: list[tuple[tuple[d.Inline, ...], ...]] = []
        for row in element:
            if row.tag != "tr":
                raise self.fail(f"<{row.tag}> inside <table> in {clause_id!r}: only <tr>")
            cells = tuple(_tidy(self.inlines(cell)) for cell in row)
            kinds = {cell.tag for cell in row}
            if kinds == {"th"} and not rows and not header:
                header = cells
            elif kinds == {"td"}:
                rows.append(cells)
            else:
                raise self.fail(f"a table row in {clause_id!r} mixes or misuses <th>/<td>")
        if not rows:
            raise self.fail(f"a table without rows in {clause_id!r}")
        width = len(header) if header else len(rows[0])
        if any(len(r) != width for r in rows):
            raise self.fail(f"table rows of different widths in {clause_id!r}")
        return d.Table(header, tuple(rows))


def _ends_with(inlines: tuple[d.Inline, ...], mark: str) -> bool:
    return bool(inlines) and isinstance(inlines[-1], d.Text) and inlines[-1].text.endswith(mark)


def _with_end(inlines: tuple[d.Inline, ...], mark: str) -> tuple[d.Inline, ...]:
    last = inlines[-1]
    assert isinstance(last, d.Text)
    return (*inlines[:-1], d.Text(last.text[:-1] + mark))


def _tidy(nodes: list[d.Inline]) -> tuple[d.Inline, ...]:
    """Collapse whitespace, merge adjacent text and trim the ends of a run of inline nodes."""
    merged: list[d.Inline] = []
    for node in nodes:
        if isinstance(node, d.Text):
            text = _WS.sub(" ", node.text)
            if merged and isinstance(merged[-1], d.Text):
                merged[-1] = d.Text(merged[-1].text + text)
            elif text:
                merged.append(d.Text(text))
        else:
            merged.append(node)
    if merged and isinstance(merged[0], d.Text):
        merged[0] = d.Text(merged[0].text.lstrip())
    if merged and isinstance(merged[-1], d.Text):
        merged[-1] = d.Text(merged[-1].text.rstrip())
    # No space before punctuation that follows an inline element ("<ref/> -тармақ" stays as typed).
    return tuple(n for n in merged if not (isinstance(n, d.Text) and not n.text))


def parse(markup: str, template: str) -> ET.Element:
    """The rendered markup of one template as an element tree (its root is ``<clause>``)."""
    try:
        return ET.fromstring(f"<clause>{markup}</clause>")
    except ET.ParseError as exc:
        raise BuildError(f"{template}: the template produced malformed markup ({exc})") from None
