"""Markdown (CommonMark + GFM tables) from the Document.

Everything a user typed arrives here as plain text and is escaped so that no Markdown
renderer can read it as markup: ``*stars*``, ``<script>``, ``[x](javascript:...)`` and a
leading ``1.`` all show literally.

With ``front_matter=True`` the file starts with YAML front matter for static site generators
(Hugo, Jekyll, Eleventy, Astro, MkDocs): title, lang, version, effective_date, description,
in that order, dumped by a safe YAML dumper, so the same document always gives the same bytes.
"""

from __future__ import annotations

import re

import yaml

from .. import document as d

_ALWAYS = re.compile(r"([\\`*_\[\]<>|~])")
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_LINE_START = re.compile(r"^(\s*)([#+\-=>]|\d+[.)])")


def escape(text: str) -> str:
    text = _ALWAYS.sub(r"\\\1", text)
    return _ENTITY.sub(r"\\&", text)


def _escape_block_start(line: str) -> str:
    match = _LINE_START.match(line)
    if not match:
        return line
    lead, marker = match.group(1), match.group(2)
    rest = line[match.end() :]
    if marker[-1] in ".)":
        return f"{lead}{marker[:-1]}\\{marker[-1]}{rest}"
    return f"{lead}\\{marker}{rest}"


def link_target(href: str) -> str:
    """A URL as a Markdown link target: the characters that would end or break it encoded."""
    return href.replace(" ", "%20").replace("(", "%28").replace(")", "%29").replace("<", "%3C").replace(">", "%3E")


class MarkdownWriter:
    def __init__(self, document: d.Document) -> None:
        self.doc = document
        self.out: list[str] = []

    def inlines(self, nodes: tuple[d.Inline, ...]) -> str:
        parts: list[str] = []
        for node in nodes:
            if isinstance(node, d.Text):
                parts.append(escape(node.text))
            elif isinstance(node, d.Ref):
                parts.append(self.doc.number_of(node.target))
            elif isinstance(node, d.Strong):
                parts.append(f"**{self.inlines(node.children)}**")
            elif isinstance(node, d.Emph):
                parts.append(f"*{self.inlines(node.children)}*")
            else:
                parts.append(f"[{self.inlines(node.children)}]({link_target(node.href)})")
        return "".join(parts)

    def paragraph(self, text: str) -> None:
        self.out.append(_escape_block_start(text))

    def blocks(self, blocks: tuple[d.Block, ...], number: str | None = None) -> None:
        for index, block in enumerate(blocks):
            if isinstance(block, d.Paragraph):
                text = self.inlines(block.inlines)
                if index == 0 and number is not None:
                    self.out.append(f"{number}. {text}")
                else:
                    self.paragraph(text)
            elif isinstance(block, d.BulletList):
                self.out.append("\n".join(f"- {_escape_block_start(self.inlines(item))}" for item in block.items))
            elif isinstance(block, d.Table):
                if index == 0 and number is not None:
                    self.out.append(f"{number}.")
                self.table(block)
            else:
                self.blocks(block.blocks, block.number)

    def table(self, table: d.Table) -> None:
        def row(cells: tuple[tuple[d.Inline, ...], ...]) -> str:
            return "| " + " | ".join(self.inlines(c) for c in cells) + " |"

        header = table.header or tuple(() for _ in table.rows[0])
        lines = [row(header), "|" + "|".join(" --- " for _ in header) + "|"]
        lines.extend(row(r) for r in table.rows)
        self.out.append("\n".join(lines))

    def render(self) -> str:
        meta = self.doc.meta
        self.out.append(f"# {escape(meta.title)}")
        if meta.subtitle:
            self.out.append(f"*{escape(meta.subtitle)}*")
        self.blocks(self.doc.preamble)
        for section in self.doc.sections:
            self.out.append(f"## {section.number}. {escape(section.title)}")
            for clause in section.clauses:
                self.blocks(clause.blocks, clause.number)
        return "\n\n".join(self.out) + "\n"


def front_matter_block(document: d.Document) -> str:
    """``---`` YAML front matter ``---`` (with its final newline) for the document's metadata."""
    meta = document.meta
    data = {
        "title": meta.title,
        "lang": meta.lang,
        "version": meta.version,
        "effective_date": meta.effective_date,
        "description": meta.description,
    }
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False, width=1_000_000)
    return f"---\n{body}---\n"


def render_markdown(document: d.Document, *, front_matter: bool = False) -> str:
    """The document as Markdown; ``front_matter`` prepends YAML front matter (see the module doc)."""
    body = MarkdownWriter(document).render()
    if not front_matter:
        return body
    return front_matter_block(document) + "\n" + body
