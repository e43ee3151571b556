"""The Document tree: one structure that every output format is a visitor over.

Sections hold numbered clauses; clauses hold paragraphs, bullet lists, tables and
sub-clauses; text is a sequence of inline nodes. Numbers are computed when the tree is
built (never typed in a template), and cross-references name clause ids that are
resolved against those numbers, so a clause left out never leaves a gap or a dangling
"see 5.2".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

# --------------------------------------------------------------------------- inline


@dataclass(frozen=True, slots=True)
class Text:
    text: str


@dataclass(frozen=True, slots=True)
class Strong:
    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Emph:
    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Link:
    href: str
    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Ref:
    """A reference to a clause by id; rendered as the clause's number ("5.2")."""

    target: str


Inline = Text | Strong | Emph | Link | Ref

# --------------------------------------------------------------------------- blocks


@dataclass(frozen=True, slots=True)
class Paragraph:
    inlines: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class BulletList:
    items: tuple[tuple[Inline, ...], ...]


@dataclass(frozen=True, slots=True)
class Table:
    header: tuple[tuple[Inline, ...], ...]  # empty tuple: no header row
    rows: tuple[tuple[tuple[Inline, ...], ...], ...]


@dataclass(frozen=True, slots=True)
class Clause:
    """A numbered clause. ``blocks`` starts with its own text, then lists and sub-clauses."""

    id: str
    number: str  # "5.2" (no trailing dot; exporters add the punctuation)
    articles: tuple[str, ...]  # articles of Law 94-V this clause implements, e.g. ("8(7)", "24(1)(5)")
    blocks: tuple[Block, ...]
    template: str = ""  # the template that produced it, for reviewers and error messages

    def subclauses(self) -> Iterator[Clause]:
        for block in self.blocks:
            if isinstance(block, Clause):
                yield block


Block = Paragraph | BulletList | Table | Clause


@dataclass(frozen=True, slots=True)
class Section:
    id: str
    number: str
    title: str
    articles: tuple[str, ...]
    clauses: tuple[Clause, ...]


@dataclass(frozen=True, slots=True)
class Meta:
    lang: str
    title: str
    subtitle: str
    operator: str  # the operator as named in the document ("«Дала Маркет» ЖШС")
    version: str
    effective_date: dt.date
    effective_date_text: str  # the date as written in the document's language
    city: str
    description: str  # one sentence for <meta name=description> and front matter
    toc_title: str  # "Мазмұны" / "Содержание"


@dataclass(frozen=True, slots=True)
class Document:
    meta: Meta
    preamble: tuple[Block, ...]
    sections: tuple[Section, ...]
    numbers: dict[str, str] = field(default_factory=dict, compare=False)  # clause id -> number

    def number_of(self, clause_id: str) -> str:
        return self.numbers[clause_id]

    def clauses(self) -> Iterator[Clause]:
        """Every clause, depth first, in document order."""

        def walk(clause: Clause) -> Iterator[Clause]:
            yield clause
            for sub in clause.subclauses():
                yield from walk(sub)

        for section in self.sections:
            for clause in section.clauses:
                yield from walk(clause)


SAFE_SCHEMES = ("https://", "http://", "mailto:")


def safe_href(href: str) -> bool:
    """Whether a link may be written as a link in any format (never javascript: or data:)."""
    return href.startswith(SAFE_SCHEMES)


def anchor(clause_id: str) -> str:
    """A stable HTML id for a clause or section: ids are ASCII, dots become hyphens."""
    return "c-" + clause_id.replace(".", "-").replace("_", "-")


def plain_text(inlines: tuple[Inline, ...], numbers: dict[str, str]) -> str:
    """The text of inline nodes as a reader sees it (references resolved)."""
    out: list[str] = []
    for node in inlines:
        if isinstance(node, Text):
            out.append(node.text)
        elif isinstance(node, Ref):
            out.append(numbers[node.target])
        else:
            out.append(plain_text(node.children, numbers))
    return "".join(out)
