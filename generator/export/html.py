"""HTML from the Document: a standalone page or a fragment for a site's layout.

The page is valid HTML5 with the document language, a table of contents, stable anchors
(``c-<clause-id>`` on each clause, ``n-<number>`` on its number), inline print-friendly
CSS and nothing else: no JavaScript, no external requests, no inline ``style`` attributes.
The stylesheet is allowed by its own hash in a Content-Security-Policy meta tag, so the
page works under a strict policy. The page's content is the ``<main>`` landmark; the
fragment is the ``<article>`` alone, for the ``<main>`` of a site's layout.

Text and attribute values also write ``{`` and ``}`` as character references: a fragment
included by a template language (Jekyll's and Eleventy's ``{% include %}`` run Liquid or
Nunjucks over the file, Hugo runs shortcodes over HTML content) then never holds a ``{{``,
``{%`` or ``{#`` that the user typed, and the browser shows the same characters.
"""

from __future__ import annotations

import base64
import hashlib
from html import escape as _html_escape

from .. import document as d

_BRACES = str.maketrans({"{": "&#123;", "}": "&#125;"})


def escape(text: str, quote: bool = True) -> str:
    """HTML escaping plus ``{`` and ``}`` as references (see the module doc)."""
    return _html_escape(text, quote=quote).translate(_BRACES)


PREFIX = "kzp-"

CSS = """
:root { color-scheme: light; }
body { margin: 0; background: #f4f5f7; color: #1c1f24;
  font: 16px/1.6 "Noto Sans", "DejaVu Sans", "Segoe UI", Arial, sans-serif; }
.kzp-policy { max-width: 52rem; margin: 0 auto; padding: 2.5rem 3rem; background: #fff; }
.kzp-policy h1 { font-size: 1.9rem; line-height: 1.25; margin: 0 0 .25rem; }
.kzp-subtitle { margin: 0 0 1.5rem; color: #4a5260; font-size: 1.05rem; }
.kzp-policy h2 { font-size: 1.25rem; margin: 2rem 0 .75rem; padding-bottom: .3rem;
  border-bottom: 1px solid #d9dde3; }
.kzp-policy p { margin: 0 0 .6rem; }
.kzp-clauses, .kzp-clauses ol, .kzp-toc ol { list-style: none; margin: 0; padding: 0; }
.kzp-clauses ol { padding-left: 1.5rem; }
.kzp-clauses li { margin: 0 0 .5rem; }
.kzp-policy .kzp-num { font-weight: 600; color: #1c1f24; text-decoration: none; margin-right: .25rem;
  overflow-wrap: normal; }
.kzp-policy .kzp-num:hover { text-decoration: underline; }
.kzp-policy ul { margin: .25rem 0 .75rem; padding-left: 1.5rem; }
.kzp-policy ul li { margin: 0 0 .25rem; }
.kzp-toc { margin: 1.5rem 0 2rem; padding: 1rem 1.5rem; background: #f4f6f9; border-radius: 6px; }
.kzp-toc h2 { margin: 0 0 .5rem; border: 0; font-size: 1.05rem; }
.kzp-toc li { margin: .15rem 0; }
.kzp-toc a { color: #1f4f8a; text-decoration: none; }
.kzp-table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .92rem; }
.kzp-table th, .kzp-table td { border: 1px solid #cfd5dd; padding: .4rem .6rem;
  text-align: left; vertical-align: top; overflow-wrap: break-word; hyphens: auto; }
.kzp-table th { background: #eef1f5; font-weight: 600; }
.kzp-policy a { color: #1f4f8a; overflow-wrap: anywhere; }
.kzp-footer { margin-top: 2.5rem; color: #4a5260; font-size: .9rem; }
@media (max-width: 40rem) {
  .kzp-policy { padding: 1.25rem; }
  .kzp-table { display: block; overflow-x: auto; }
}
@media print {
  body { background: #fff; font-size: 11pt; }
  .kzp-policy { max-width: none; padding: 0; }
  .kzp-toc { display: none; }
  .kzp-policy h2 { break-after: avoid; }
  .kzp-clauses li, .kzp-table tr { break-inside: avoid; }
  .kzp-policy a { color: inherit; text-decoration: none; }
}
""".strip()



def _style_hash() -> str:
    digest = hashlib.sha256(CSS.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


class HtmlWriter(d.Visitor):
    def __init__(self, document: d.Document) -> None:
        super().__init__(document)
        self.out: list[str] = []
        self._open_lists: list[bool] = []  # per open clause: whether its <ol> of sub-clauses is open

    # Inline -------------------------------------------------------------------------

    def text(self, text: str) -> str:
        return escape(text, quote=False)

    def ref(self, target: str, number: str) -> str:
        return f'<a href="#{d.anchor(target)}">{escape(number)}</a>'

    def strong(self, inner: str) -> str:
        return f"<strong>{inner}</strong>"

    def emph(self, inner: str) -> str:
        return f"<em>{inner}</em>"

    def link(self, href: str, inner: str) -> str:
        return f'<a href="{escape(href)}">{inner}</a>'

    # Clauses: each an <li>, its sub-clauses an <ol> inside it ---------------------------

    @staticmethod
    def _indent(depth: int) -> str:
        return "  " * (2 * depth - 1)

    def enter_clause(self, clause: d.Clause, depth: int) -> None:
        if depth > 1 and not self._open_lists[-1]:  # the parent's first sub-clause opens its list
            self.out.append(f"{self._indent(depth - 1)}  <ol>")
            self._open_lists[-1] = True
        number = escape(clause.number)
        self.out.append(
            f'{self._indent(depth)}<li id="{d.anchor(clause.id)}" data-clause="{escape(clause.id)}" '
            f'data-number="{number}">'
        )
        self._open_lists.append(False)

    def _close_list(self, depth: int) -> None:
        if self._open_lists[-1]:
            self.out.append(f"{self._indent(depth)}  </ol>")
            self._open_lists[-1] = False

    def clause_block(self, clause: d.Clause, block: d.Paragraph | d.BulletList | d.Table, first: bool,
                     depth: int) -> None:
        self._close_list(depth)  # text after sub-clauses keeps document order
        indent = self._indent(depth) + "  "
        number = escape(clause.number)
        link = (f'<a class="{PREFIX}num" id="{d.number_anchor(clause.number)}" '
                f'href="#{d.anchor(clause.id)}">{number}.</a>')
        if isinstance(block, d.Table | d.BulletList):  # the number stands on its own line
            if first:
                self.out.append(f"{indent}<p>{link}</p>")
            self.block(block, indent)
        else:
            self.block(block, indent, f"{link} " if first else "")

    def leave_clause(self, clause: d.Clause, depth: int) -> None:
        self._close_list(depth)
        self._open_lists.pop()
        self.out.append(f"{self._indent(depth)}</li>")

    def block(self, block: d.Paragraph | d.BulletList | d.Table, indent: str, lead: str = "") -> None:
        if isinstance(block, d.Paragraph):
            self.out.append(f"{indent}<p>{lead}{self.inlines(block.inlines)}</p>")
        elif isinstance(block, d.BulletList):
            self.out.append(f"{indent}<ul>")
            for item in block.items:
                self.out.append(f"{indent}  <li>{self.inlines(item)}</li>")
            self.out.append(f"{indent}</ul>")
        else:
            self.table(block, indent)

    def table(self, table: d.Table, indent: str) -> None:
        self.out.append(f'{indent}<table class="{PREFIX}table">')
        if table.header:
            cells = "".join(f'<th scope="col">{self.inlines(c)}</th>' for c in table.header)
            self.out.append(f"{indent}  <thead><tr>{cells}</tr></thead>")
        self.out.append(f"{indent}  <tbody>")
        for row in table.rows:
            if not table.header and len(row) == 2:  # a label/value table: the label heads its row
                cells = f'<th scope="row">{self.inlines(row[0])}</th><td>{self.inlines(row[1])}</td>'
            else:
                cells = "".join(f"<td>{self.inlines(c)}</td>" for c in row)
            self.out.append(f"{indent}    <tr>{cells}</tr>")
        self.out.append(f"{indent}  </tbody>")
        self.out.append(f"{indent}</table>")

    # Document -----------------------------------------------------------------------

    def begin(self, meta: d.Meta) -> None:
        self.out.append(f'<article class="{PREFIX}policy" lang="{meta.lang}">')
        self.out.append("<header>")
        self.out.append(f"<h1>{escape(meta.title)}</h1>")
        if meta.subtitle:
            self.out.append(f'<p class="{PREFIX}subtitle">{escape(meta.subtitle)}</p>')
        self.out.append("</header>")
        if self.document.preamble:
            self.out.append(f'<div class="{PREFIX}preamble">')
            for block in self.document.preamble:
                if not isinstance(block, d.Clause):
                    self.block(block, "  ")
            self.out.append("</div>")
        toc_title = escape(meta.toc_title)
        self.out.append(f'<nav class="{PREFIX}toc" aria-label="{toc_title}">')
        self.out.append(f"<h2>{toc_title}</h2>")
        self.out.append("<ol>")
        for section in self.document.sections:
            self.out.append(
                f'  <li><a href="#{d.anchor(section.id)}">{escape(section.number)}. {escape(section.title)}</a></li>'
            )
        self.out.append("</ol>")
        self.out.append("</nav>")

    def enter_section(self, section: d.Section) -> None:
        self.out.append(f'<section id="{d.anchor(section.id)}" data-section="{escape(section.id)}">')
        self.out.append(f"<h2>{escape(section.number)}. {escape(section.title)}</h2>")
        self.out.append(f'<ol class="{PREFIX}clauses">')

    def leave_section(self, section: d.Section) -> None:
        self.out.append("</ol>")
        self.out.append("</section>")

    def end(self, meta: d.Meta) -> None:
        self.out.append("</article>")

    def page(self) -> str:
        meta = self.document.meta
        csp = f"default-src 'none'; style-src '{_style_hash()}'; img-src 'none'; base-uri 'none'; form-action 'none'"
        self.out.extend(
            [
                "<!DOCTYPE html>",
                f'<html lang="{meta.lang}">',
                "<head>",
                '<meta charset="utf-8">',
                '<meta name="viewport" content="width=device-width, initial-scale=1">',
                f'<meta http-equiv="Content-Security-Policy" content="{csp}">',
                f"<title>{escape(meta.title)} – {escape(meta.operator)}</title>",
                f'<meta name="description" content="{escape(meta.description)}">',
                '<meta name="generator" content="kzpolicy">',
                f"<style>{CSS}</style>",
                "</head>",
                "<body>",
                "<main>",
            ]
        )
        self.visit()
        self.out.extend(["</main>", "</body>", "</html>"])
        return "\n".join(self.out) + "\n"

    def fragment(self) -> str:
        self.visit()
        return "\n".join(self.out) + "\n"


def render_html(document: d.Document, *, fragment: bool = False) -> str:
    writer = HtmlWriter(document)
    return writer.fragment() if fragment else writer.page()
