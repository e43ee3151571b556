"""Markdown from the Document: one text that every Markdown renderer and site generator reads
the same way.

The text is CommonMark with GFM tables, written so that the renderers people publish with —
GitHub, markdown-it, Python-Markdown (MkDocs), kramdown (Jekyll), Goldmark (Hugo) — and the
template languages some of them run over the file first (Liquid, Nunjucks, Jinja2 macros,
Vue, Hugo shortcodes) all show every text literally:

* the characters a template language or a Markdown extension gives a meaning to are written
  as HTML character references (``{`` ``}`` ``<`` ``>`` ``&`` ``|`` ``~`` ``"`` ``'``), so no
  ``{{ }}``, ``{% %}``, ``{{< >}}`` or tag ever reaches a template engine and no typographer
  turns quotes or dashes into others;
* the characters of Markdown itself are backslash-escaped with the escapes every renderer
  knows (``\\`` ``*`` ``_`` `````` ``[`` ``]``, and ``#`` ``+`` ``-`` ``.`` ``!`` where a
  line would start a heading, a list or a quote);
* what GFM would turn into a link or an emoji by itself — ``www.``, ``scheme://``,
  ``:name:``, and for markdown-it's ``linkify`` a dot between letters (``shop.kz``) — and
  what typographers rewrite (``--``, ``..``, ``(c)``, ``+-``) is broken up the same way, and
  ``$`` (kramdown's ``$$`` maths) is a reference too. An ``@`` between letters gets an
  empty HTML comment before it as well (``mail<!-- -->&#64;x.kz``): cmark-gfm (GitHub)
  decodes references before it looks for e-mail addresses, and only another node stops it.
  Inside link text, where no renderer links again, the comment is left out. So only the
  operator's own links are links. Each of these is tested on the real generators
  (tests/test_site_generators.py).

Each clause and section carries its anchors as empty raw-HTML elements, ``<a id="c-…"
data-clause="…"></a>`` and ``<a id="n-5-4"></a>``: invisible wherever they render, the same
ids as the HTML export, and what ``kzpolicy diff`` reads a clause's id back from.

With ``front_matter=True`` the file starts with YAML front matter for static site generators
(Hugo, Jekyll, Eleventy, Astro, VitePress): title, lang, version, effective_date, description,
in that order, dumped by a safe YAML dumper, so the same document always gives the same bytes.
The MkDocs plugin writes the same Markdown in its own page frame (:func:`render_mkdocs`).
"""

from __future__ import annotations

import re
from html import escape as html_escape

import yaml

from .. import document as d

BREAK = "<!-- -->"  # an empty comment: invisible, and a node of its own in every renderer
_ENTITIES = {
    "&": "&amp;", "<": "&lt;", ">": "&gt;", "{": "&#123;", "}": "&#125;", "|": "&#124;",
    "~": "&#126;", '"': "&quot;", "'": "&#39;", ".": "&#46;", ":": "&#58;", "@": BREAK + "&#64;", "-": "&#45;",
    "$": "&#36;", "(": "&#40;", ",": "&#44;", "?": "&#63;", "!": "&#33;",
}
# One pass over the text: the sequences that extensions turn into something else — GFM
# autolinks (www., scheme://, user@host), markdown-it's fuzzy links (shop.kz), emoji
# shortcodes (:smile:), typographers (-- ... .. ,, ???? !!!! +- (c) (tm) (r)) — have one of
# their characters encoded; the characters in brackets at the end always are.
_ESCAPE = re.compile(
    r"(?<=[Ww]{3})\.|:(?=//)|(?<=[\w.+\-])@(?=[\w\-])|:(?=[A-Za-z0-9_+\-]+:)"
    r"|(?<=\w)\.(?=[^\W\d_])|(?<=[-+])-|(?<=\.)\.|(?<=,),|(?<=\?\?\?)\?|(?<=!!!)!|(?i:\((?=(?:c|r|tm|p)\)))"
    r"|[&<>{}|~$\"'\\`*_\[\]]"
)


_LINE_START = re.compile(r"^(\s*)([#+\-=>!]|\d+[.)])")


def _escaped(match: re.Match[str]) -> str:
    ch = match.group(0)
    return _ENTITIES.get(ch) or "\\" + ch


def escape(text: str) -> str:
    """Text that every renderer and template language shows literally (see the module doc)."""
    return _ESCAPE.sub(_escaped, text)


def escape_block_start(line: str) -> str:
    """A paragraph or list item that must not start a heading, a list or a quote of its own."""
    match = _LINE_START.match(line)
    if not match:
        return line
    lead, marker = match.group(1), match.group(2)
    rest = line[match.end() :]
    if marker[-1] in ".)":
        return f"{lead}{marker[:-1]}\\{marker[-1]}{rest}"
    return f"{lead}\\{marker}{rest}"


_LINK_TARGET = {" ": "%20", "(": "%28", ")": "%29", "<": "%3C", ">": "%3E", "{": "%7B", "}": "%7D", "|": "%7C",
                '"': "%22", "'": "%27", "\\": "%5C", "`": "%60"}


def link_target(href: str) -> str:
    """A URL as a Markdown link target: the characters that would end or break it, or that a
    template language would read, percent-encoded (the address stays the same)."""
    return "".join(_LINK_TARGET.get(ch, ch) for ch in href)


def anchors(clause: d.Clause) -> str:
    """The empty elements that carry a clause's ids (see the module doc)."""
    return (f'<a id="{d.anchor(clause.id)}" data-clause="{html_escape(clause.id)}"></a>'
            f'<a id="{d.number_anchor(clause.number)}"></a>')


class MarkdownWriter(d.Visitor):
    def __init__(self, document: d.Document) -> None:
        super().__init__(document)
        self.out: list[str] = []

    # ------------------------------------------------------------------ inline

    def text(self, text: str) -> str:
        return escape(text)

    def strong(self, inner: str) -> str:
        return f"**{inner}**"

    def emph(self, inner: str) -> str:
        return f"*{inner}*"

    def link(self, href: str, inner: str) -> str:
        return f"[{inner.replace(BREAK, '')}]({link_target(href)})"

    # ------------------------------------------------------------------ blocks

    def begin(self, meta: d.Meta) -> None:
        self.out.append(f"# {escape(meta.title)}")
        if meta.subtitle:
            self.out.append(f"*{escape(meta.subtitle)}*")

    def preamble_block(self, block: d.Paragraph | d.BulletList | d.Table) -> None:
        self.block(block)

    def enter_section(self, section: d.Section) -> None:
        self.out.append(
            f'## <a id="{d.anchor(section.id)}" data-section="{html_escape(section.id)}"></a>'
            f"{section.number}. {escape(section.title)}"
        )

    def clause_block(self, clause: d.Clause, block: d.Paragraph | d.BulletList | d.Table, first: bool,
                     depth: int) -> None:
        if not first:
            self.block(block)
        elif isinstance(block, d.Paragraph):
            self.out.append(f"{anchors(clause)}{clause.number}. {self.inlines(block.inlines)}")
        else:  # a clause that opens with a table: its number stands alone above it
            self.out.append(f"{anchors(clause)}{clause.number}.")
            self.block(block)

    def block(self, block: d.Paragraph | d.BulletList | d.Table) -> None:
        if isinstance(block, d.Paragraph):
            self.out.append(escape_block_start(self.inlines(block.inlines)))
        elif isinstance(block, d.BulletList):
            self.out.append("\n".join(f"- {escape_block_start(self.inlines(item))}" for item in block.items))
        else:
            self.table(block)

    def table(self, table: d.Table) -> None:
        def row(cells: tuple[tuple[d.Inline, ...], ...]) -> str:
            return "| " + " | ".join(self.inlines(c) for c in cells) + " |"

        header = table.header or tuple(() for _ in table.rows[0])
        lines = [row(header), "|" + "|".join(" --- " for _ in header) + "|"]
        lines.extend(row(r) for r in table.rows)
        self.out.append("\n".join(lines))

    def render(self) -> str:
        self.visit()
        return "\n\n".join(self.out) + "\n"


def front_matter_block(document: d.Document) -> str:
    """``---`` YAML front matter ``---`` (with its final newline) for the document's metadata."""
    meta = document.meta
    description = meta.description
    if "<" in description:
        # VitePress copies the front matter into a <script> element unescaped: a "</script>"
        # typed in the operator's name would end it and fail the build. Without the name:
        description = f"{meta.title} – {meta.subtitle}" if meta.subtitle else meta.title
    data = {
        "title": meta.title,
        "lang": meta.lang,
        "version": meta.version,
        "effective_date": meta.effective_date,
        "description": description,
    }
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False, width=1_000_000)
    return f"---\n{body}---\n"


def render_markdown(document: d.Document, *, front_matter: bool = False) -> str:
    """The document as Markdown; ``front_matter`` prepends YAML front matter (see the module doc)."""
    body = MarkdownWriter(document).render()
    if not front_matter:
        return body
    return front_matter_block(document) + "\n" + body


def render_mkdocs(document: d.Document, *, front_matter: bool = True) -> str:
    """The Markdown of an MkDocs page: the same text in the page frame the plugin needs —
    front matter MkDocs reads into ``page.meta``, and the policy inside
    ``<div class="kzp-policy" lang="…" markdown="1">`` (Python-Markdown's md_in_html)."""
    meta = document.meta
    frame = front_matter_block(document) + "\n" if front_matter else ""
    frame += f'<div class="kzp-policy" lang="{html_escape(meta.lang)}" markdown="1">\n\n'
    return frame + MarkdownWriter(document).render() + "\n</div>\n"
