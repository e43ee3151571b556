"""The Document tree, the one walk over it and the queries every output shares.

Sections hold numbered clauses; clauses hold paragraphs, bullet lists, tables and
sub-clauses; text is a sequence of inline nodes. Numbers are computed when the tree is
built (never typed in a template), and cross-references name clause ids that are
resolved against those numbers, so a clause left out never leaves a gap or a dangling
"see 5.2".

Every output format is a :class:`Visitor`: it receives the nodes in reading order and
renders each one; :func:`walk` is the same order for code that only needs the clauses.
The canonical plain text (:func:`document_text`), its hash, the clause index and each
clause's text live here, so the manifest, ``diff`` and the API cannot disagree about them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from .errors import InputError

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
    why: str = ""  # the facts of the answers that make it true for this operator (from the outline)

    def subclauses(self) -> Iterator[Clause]:
        for block in self.blocks:
            if isinstance(block, Clause):
                yield block

    def own_blocks(self) -> Iterator[Paragraph | BulletList | Table]:
        """Its text without its sub-clauses."""
        for block in self.blocks:
            if not isinstance(block, Clause):
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
class Checkbox:
    """What a site's consent checkbox says, in one language: the label (the same words the
    policy quotes), the link texts, and the separate consents, each its own checkbox:
    (id, label, required)."""

    lang: str
    label: str
    consent_link: str
    policy_link: str
    separate: tuple[tuple[str, str, bool], ...] = ()


@dataclass(frozen=True, slots=True)
class CookieService:
    """A service in the cookie notice: its name and the cookies it sets (none listed for a
    service the answers describe themselves)."""

    name: str
    cookies: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CookieGroup:
    """One choice of the cookie notice: a kind of service (a category with
    ``cookie_consent``), its label, and its services."""

    id: str
    label: str
    services: tuple[CookieService, ...]


@dataclass(frozen=True, slots=True)
class CookieNotice:
    """What a site's cookie notice says, in one language: which cookies are set without
    consent, the choices that need it, how to change the choice, and where the policy tells
    more (the policy's cookies section: its title and anchor). ``version`` names the set of
    choices (not the wording): a visitor is asked again when it changes, not when the
    language does. ``buttons``: accept_all, necessary_only, save, settings -> label."""

    lang: str
    title: str
    necessary: str
    consent: str
    groups: tuple[CookieGroup, ...]
    choose: str
    more: str
    policy_anchor: str
    buttons: dict[str, str]
    version: str


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
    tag: str = ""  # the BCP 47 tag of the language ("kk-KZ") for HTML and DOCX
    kind: str = "policy"  # which document: the privacy policy, the consent...


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
        for _section, clause, _depth in walk(self):
            yield clause

    def clause(self, clause_id: str) -> Clause:
        """The clause with this id; :class:`~generator.errors.InputError` if there is none."""
        found = next((c for c in self.clauses() if c.id == clause_id), None)
        if found is None:
            raise InputError(f"there is no clause {clause_id!r} in this document")
        return found


def walk(document: Document) -> Iterator[tuple[Section, Clause, int]]:
    """Every clause in reading order with its section and depth (1 = a section's clause)."""

    def clause(section: Section, item: Clause, depth: int) -> Iterator[tuple[Section, Clause, int]]:
        yield section, item, depth
        for sub in item.subclauses():
            yield from clause(section, sub, depth + 1)

    for section in document.sections:
        for item in section.clauses:
            yield from clause(section, item, 1)


# --------------------------------------------------------------------------- links and anchors

SAFE_SCHEMES = ("https://", "http://", "mailto:")


def safe_href(href: str) -> bool:
    """Whether a link may be written as a link in any format (never javascript: or data:)."""
    return href.startswith(SAFE_SCHEMES)


def anchor(clause_id: str) -> str:
    """A stable HTML id for a clause or section: ids are ASCII, dots become hyphens."""
    return "c-" + clause_id.replace(".", "-").replace("_", "-")


def number_anchor(number: str) -> str:
    """The HTML id of a clause's number: "5.4" -> "n-5-4"."""
    return "n-" + number.replace(".", "-")


# --------------------------------------------------------------------------- the visitor


class Visitor:
    """One walk over a Document in reading order; every output format is a subclass.

    :meth:`visit` calls, in order: :meth:`begin`, :meth:`preamble_block` for each block of
    the preamble, then for each section :meth:`enter_section`, for each of its clauses (and,
    nested, their sub-clauses) :meth:`enter_clause`, :meth:`clause_block` for each of its
    own blocks, :meth:`leave_clause`, then :meth:`leave_section`; last :meth:`end`.
    Inline content goes through :meth:`inlines`, which calls :meth:`text`, :meth:`ref`,
    :meth:`strong`, :meth:`emph` and :meth:`link` (or :meth:`unsafe_link` for a link whose
    scheme may not be written as a link). Every hook does nothing or returns the text as it
    is; a subclass overrides what its format needs.
    """

    def __init__(self, document: Document) -> None:
        self.document = document

    def visit(self) -> None:
        document = self.document
        self.begin(document.meta)
        for block in document.preamble:
            if not isinstance(block, Clause):
                self.preamble_block(block)
        for section in document.sections:
            self.enter_section(section)
            for clause in section.clauses:
                self._clause(clause, 1)
            self.leave_section(section)
        self.end(document.meta)

    def _clause(self, clause: Clause, depth: int) -> None:
        self.enter_clause(clause, depth)
        first = True
        for block in clause.blocks:
            if isinstance(block, Clause):
                self._clause(block, depth + 1)
            else:
                self.clause_block(clause, block, first, depth)
            first = False
        self.leave_clause(clause, depth)

    # ------------------------------------------------------------------ blocks

    def begin(self, meta: Meta) -> None:
        """Before anything else: the title and whatever frames the document."""

    def preamble_block(self, block: Paragraph | BulletList | Table) -> None:
        """A block of the unnumbered opening text."""

    def enter_section(self, section: Section) -> None: ...

    def leave_section(self, section: Section) -> None: ...

    def enter_clause(self, clause: Clause, depth: int) -> None: ...

    def clause_block(self, clause: Clause, block: Paragraph | BulletList | Table, first: bool, depth: int) -> None:
        """One of the clause's own blocks; ``first``: the block that carries its number."""

    def leave_clause(self, clause: Clause, depth: int) -> None: ...

    def end(self, meta: Meta) -> None: ...

    # ------------------------------------------------------------------ inline

    def inlines(self, nodes: Iterable[Inline]) -> str:
        return "".join(self.inline(node) for node in nodes)

    def inline(self, node: Inline) -> str:
        if isinstance(node, Text):
            return self.text(node.text)
        if isinstance(node, Ref):
            return self.ref(node.target, self.document.number_of(node.target))
        if isinstance(node, Strong):
            return self.strong(self.inlines(node.children))
        if isinstance(node, Emph):
            return self.emph(self.inlines(node.children))
        inner = self.inlines(node.children)
        return self.link(node.href, inner) if safe_href(node.href) else self.unsafe_link(node.href, inner)

    def text(self, text: str) -> str:
        return text

    def ref(self, target: str, number: str) -> str:
        return number

    def strong(self, inner: str) -> str:
        return inner

    def emph(self, inner: str) -> str:
        return inner

    def link(self, href: str, inner: str) -> str:
        return inner

    def unsafe_link(self, href: str, inner: str) -> str:
        """A link to anything but http(s) or mailto: never written as a link."""
        return inner


# --------------------------------------------------------------------------- plain text


class _PlainText(Visitor):
    """The text as a reader sees it: one line per paragraph, ``- item`` per bullet, cells
    joined by `` | `` per table row, references resolved to numbers."""

    def block_lines(self, block: Paragraph | BulletList | Table) -> list[str]:
        if isinstance(block, Paragraph):
            return [self.inlines(block.inlines)]
        if isinstance(block, BulletList):
            return ["- " + self.inlines(item) for item in block.items]
        rows = (block.header, *block.rows) if block.header else block.rows
        return [" | ".join(self.inlines(cell) for cell in row) for row in rows]


class _DocumentText(_PlainText):
    def __init__(self, document: Document) -> None:
        super().__init__(document)
        self.lines: list[str] = []
        self._numbered: Clause | None = None

    def begin(self, meta: Meta) -> None:
        self.lines.append(meta.title)
        if meta.subtitle:
            self.lines.append(meta.subtitle)

    def preamble_block(self, block: Paragraph | BulletList | Table) -> None:
        self.lines.extend(self.block_lines(block))

    def enter_section(self, section: Section) -> None:
        self.lines.append(f"{section.number}. {section.title}")

    def enter_clause(self, clause: Clause, depth: int) -> None:
        self._numbered = clause

    def clause_block(self, clause: Clause, block: Paragraph | BulletList | Table, first: bool, depth: int) -> None:
        own = self.block_lines(block)
        if self._numbered is clause:  # the clause's first line carries its number
            head = own[0] if own else ""
            self.lines.append(f"{clause.number}. {head}".rstrip())
            own = own[1:]
            self._numbered = None
        self.lines.extend(own)

    def leave_clause(self, clause: Clause, depth: int) -> None:
        if self._numbered is clause:  # a clause of sub-clauses only: its number alone
            self.lines.append(f"{clause.number}.")
            self._numbered = None


def document_text(document: Document) -> str:
    """The canonical plain text of the whole document: title, subtitle, preamble, then every
    section heading and clause ("5.4. ...") in order, one line per paragraph, bullet or table
    row. It depends only on what a reader sees, not on any output format."""
    visitor = _DocumentText(document)
    visitor.visit()
    return "\n".join(visitor.lines) + "\n"


def content_hash(document: Document) -> str:
    """``sha256:<hex>`` of :func:`document_text`: it changes exactly when the text a reader
    sees in that language changes (never with the output format or the DOCX packaging).
    Record it with a consent to know which text the person agreed to."""
    return "sha256:" + hashlib.sha256(document_text(document).encode("utf-8")).hexdigest()


def blocks_text(document: Document, blocks: Iterable[Block]) -> str:
    """The plain text of some blocks (sub-clauses left out), one line per paragraph,
    bullet or table row."""
    visitor = _PlainText(document)
    lines: list[str] = []
    for block in blocks:
        if not isinstance(block, Clause):
            lines.extend(visitor.block_lines(block))
    return "\n".join(lines)


def clause_text(document: Document, clause: Clause | str) -> str:
    """The clause's own text as a reader sees it (references resolved), without its number
    and without its sub-clauses: a line per paragraph, ``- item`` per bullet, cells joined
    by `` | `` per table row."""
    found = document.clause(clause) if isinstance(clause, str) else clause
    return blocks_text(document, found.blocks)


def plain_text(inlines: Iterable[Inline], numbers: dict[str, str]) -> str:
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


# --------------------------------------------------------------------------- the clause index


@dataclass(frozen=True, slots=True)
class ClauseInfo:
    """One numbered clause of a built document, for links, tables of contents and reviews."""

    id: str  #: the clause id from the outline ("consent.withdrawal")
    number: str  #: its number in this document ("5.4"); numbers move when clauses are left out
    anchor: str  #: the HTML id every format uses for it ("c-consent-withdrawal")
    number_anchor: str  #: the HTML id of its number ("n-5-4")
    articles: tuple[str, ...]  #: the articles of Law 94-V it implements ("8(2)", "24(1)(5)")
    section: str  #: the id of its section ("consent")
    title: str  #: its first words, for a reader (at most about 60 characters)


def clause_index(document: Document) -> list[ClauseInfo]:
    """Every clause of ``document`` in order, sub-clauses included, with its number and anchors."""
    return [
        ClauseInfo(
            id=clause.id,
            number=clause.number,
            anchor=anchor(clause.id),
            number_anchor=number_anchor(clause.number),
            articles=clause.articles,
            section=section.id,
            title=_first_words(clause_text(document, clause)),
        )
        for section, clause, _depth in walk(document)
    ]


def _first_words(text: str, limit: int = 60) -> str:
    line = text.split("\n", 1)[0].lstrip("-| ").strip()
    if len(line) <= limit:
        return line
    cut = line[:limit].rsplit(" ", 1)[0].rstrip(",;:–- ")
    return cut + "…"


def references(document: Document) -> Iterator[tuple[str, str]]:
    """Every cross-reference as (where it is, the clause id it names), for the engine's check."""

    def inlines(nodes: Iterable[Inline], where: str) -> Iterator[tuple[str, str]]:
        for node in nodes:
            if isinstance(node, Ref):
                yield where, node.target
            elif isinstance(node, Strong | Emph | Link):
                yield from inlines(node.children, where)

    def blocks(items: Iterable[Block], where: str) -> Iterator[tuple[str, str]]:
        for block in items:
            if isinstance(block, Paragraph):
                yield from inlines(block.inlines, where)
            elif isinstance(block, BulletList):
                for item in block.items:
                    yield from inlines(item, where)
            elif isinstance(block, Table):
                for row in (block.header, *block.rows):
                    for cell in row:
                        yield from inlines(cell, where)

    yield from blocks(document.preamble, "preamble")
    for _section, clause, _depth in walk(document):
        yield from blocks(clause.own_blocks(), clause.template or clause.id)
