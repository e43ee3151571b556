"""DOCX from the Document: a file people print, sign and edit in Word or LibreOffice.

python-docx builds the styled package once per language (A4, margins, fonts with every
Kazakh letter, the document language for the spell checker, heading styles that feed the
navigation pane, a header with the title and a footer with page numbers). Each policy then
only writes its body, header text, hyperlinks and document properties into that package,
so a document costs a few milliseconds instead of a python-docx round trip, and the same
answers always give the same bytes (zip entries carry a fixed timestamp).
"""

from __future__ import annotations

import datetime as dt
import io
import marshal
import os
import re
import zipfile
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path
from typing import Any

from .. import document as d
from ..lang import language

FONT = "Times New Roman"  # has every Kazakh letter; LibreOffice maps it to Liberation Serif
FONT_SIZE_PT = 12
BODY_MARK = "KZPOLICY-BODY-MARK"
HEADER_MARK = "KZPOLICY-HEADER-MARK"
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest a zip entry can say; same for every build
_TWIPS_PER_CHAR = 110  # a generous average letter width of 10 pt table text
_KEEP_TOGETHER_ROWS = 12

# Characters XML 1.0 cannot carry. The answers model rejects them; this is the last line
# of defence so a DOCX is never corrupt whatever reaches the tree.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


#: Characters in a word past which a justified line would gape: a hash, a long URL.
_LONG_WORD = 40


def _text(value: str) -> str:
    # The five replacements of xml.sax.saxutils.escape without importing it (it pulls in
    # urllib.request, http and ssl: ~9 ms of start-up).
    text = _XML_INVALID.sub("", value)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


@dataclass(frozen=True)
class _Base:
    """python-docx's package with our styles, split into what every document of a language
    shares and the parts a document fills in."""

    shared_zip: bytes  # the shared parts, already deflated, in package order: a zip to append to
    document_head: str  # document.xml up to the body content
    document_tail: str  # document.xml from the final sectPr
    rels_head: str  # document.xml.rels without its closing tag
    headers: dict[str, bytes]  # header parts, with HEADER_MARK where the title goes


def _is_filled_in(name: str) -> bool:
    return name in ("word/document.xml", "word/_rels/document.xml.rels", "docProps/core.xml") or (
        name.startswith("word/header") and name.endswith(".xml")
    )


@cache
def _base(lang: str) -> _Base:
    """The styled package of one language: from the on-disk cache, else built with
    python-docx (which then is not even imported on a warm start). The shared parts are
    cached compressed, so a document deflates only what it fills in."""
    from .. import cache

    source = Path(__file__).read_bytes()
    name = f"docx-base-{lang}-{cache.key(source, *_python_docx_stamps())}.marshal"
    stored = cache.read(name)
    if stored is not None:
        try:
            fields = marshal.loads(stored)
            return _Base(**fields)
        except (ValueError, EOFError, TypeError):
            pass  # a damaged entry is rebuilt below
    base = _split_base(_build_base(lang))
    cache.write(name, marshal.dumps(asdict(base)))
    return base


def _python_docx_stamps() -> list[str]:
    """python-docx's code and default template, stamped (found without importing it): the
    base package is made again when python-docx is upgraded."""
    from .. import cache

    package = cache.package_dir("docx")
    if package is None:
        return []
    return [cache.stamp(os.path.join(package, "__init__.py")),
            cache.stamp(os.path.join(package, "templates", "default.docx"))]


def _split_base(entries: dict[str, bytes]) -> _Base:
    xml = entries["word/document.xml"].decode("utf-8")
    mark = xml.index(BODY_MARK)
    start = xml.rindex("<w:p>", 0, mark) if "<w:p>" in xml[:mark] else xml.rindex("<w:p ", 0, mark)
    end = xml.index("</w:p>", mark) + len("</w:p>")
    rels = entries["word/_rels/document.xml.rels"].decode("utf-8")
    shared = {name: data for name, data in entries.items() if not _is_filled_in(name)}
    shared["word/styles.xml"] = _extra_styles(shared["word/styles.xml"])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name in _ordered(shared):
            package.writestr(_zip_info(name), shared[name])
    headers = {name: data for name, data in entries.items() if name.startswith("word/header") and _is_filled_in(name)}
    return _Base(buffer.getvalue(), xml[:start], xml[end:], rels[: rels.rindex("</Relationships>")], headers)


def _zip_info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, FIXED_ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def _build_base(lang: str) -> dict[str, bytes]:
    """Build the styled package of one language with python-docx."""
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt, RGBColor

    document = docx.Document()
    tag = language(lang).tag

    # The language and fonts of every run, via the document defaults: Word's spell
    # checker uses w:lang; w:cs/w:eastAsia fonts stop Word from substituting.
    styles_element = document.styles.element
    defaults = styles_element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for child in list(rpr):
        if child.tag in (qn("w:rFonts"), qn("w:lang"), qn("w:sz"), qn("w:szCs")):
            rpr.remove(child)
    fonts = OxmlElement("w:rFonts")
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    rpr.append(fonts)
    for name in ("w:sz", "w:szCs"):
        size = OxmlElement(name)
        size.set(qn("w:val"), str(FONT_SIZE_PT * 2))
        rpr.append(size)
    lang_element = OxmlElement("w:lang")
    lang_element.set(qn("w:val"), tag)
    lang_element.set(qn("w:eastAsia"), tag)
    lang_element.set(qn("w:bidi"), tag)
    rpr.append(lang_element)

    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(FONT_SIZE_PT)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:cs"), FONT)

    def heading(name: str, size: int, before: int, after: int) -> None:
        style = document.styles[name]
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.color.rgb = RGBColor(0, 0, 0)
        rfonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            rfonts.set(qn(attr), FONT)
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
            if rfonts.get(qn(attr)) is not None:
                del rfonts.attrib[qn(attr)]
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(after)
        style.paragraph_format.keep_with_next = True
        # The default template's Title and Subtitle carry a blue accent rule, letter
        # spacing and a stray list level; complex-script sizes differ from the others.
        ppr, rpr = style.element.get_or_add_pPr(), style.element.get_or_add_rPr()
        for parent, tag in ((ppr, "w:pBdr"), (ppr, "w:numPr"), (rpr, "w:spacing")):
            for child in parent.findall(qn(tag)):
                parent.remove(child)
        size_cs = rpr.find(qn("w:szCs"))
        if size_cs is None:
            size_cs = OxmlElement("w:szCs")
            rpr.append(size_cs)
        size_cs.set(qn("w:val"), str(size * 2))

    heading("Title", 16, 0, 4)
    heading("Subtitle", 12, 0, 12)
    document.styles["Subtitle"].font.bold = False
    document.styles["Subtitle"].font.italic = True
    heading("Heading 1", 13, 14, 6)
    document.styles["Title"].paragraph_format.alignment = 1  # centred
    document.styles["Subtitle"].paragraph_format.alignment = 1

    for level, indent in ((1, 0.0), (2, 0.75), (3, 1.5), (4, 2.25)):
        style = document.styles.add_style(f"Clause {level}", WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.paragraph_format.left_indent = Cm(indent)
        style.paragraph_format.alignment = 3  # justified, as legal texts are set
        style.paragraph_format.space_after = Pt(4)
    document.styles["List Bullet"].paragraph_format.space_after = Pt(2)
    body_text = document.styles["Body Text"]  # the preamble, set like the clauses
    body_text.base_style = normal
    body_text.paragraph_format.alignment = 3
    body_text.paragraph_format.space_after = Pt(6)

    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)  # A4
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.header_distance = section.footer_distance = Cm(1)

    header = section.header.paragraphs[0]
    header.text = HEADER_MARK
    header.style = document.styles["Header"]
    header.alignment = 2  # right
    for run in header.runs:
        run.font.size = Pt(9)
    footer = section.footer.paragraphs[0]
    footer.alignment = 1
    _add_page_field(footer, OxmlElement, qn)

    document.add_paragraph(BODY_MARK)

    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as package:
        entries = {info.filename: package.read(info) for info in package.infolist()}

    return _consistent(entries)


# Parts of python-docx's default template that would contradict what we made of it.
_DROPPED_PARTS = {
    # A thumbnail of an empty page.
    "docProps/thumbnail.jpeg": b"thumbnail",
    # Word 2010's copy of the styles (438 KB) still holds the template's own styles and
    # docDefaults, not ours: Word treats two style sets that disagree as unreadable content
    # and offers to repair the file. Without the part Word reads styles.xml alone (as it
    # does for any file written by Word 2007 or LibreOffice).
    "word/stylesWithEffects.xml": b"stylesWithEffects",
}


def _consistent(entries: dict[str, bytes]) -> dict[str, bytes]:
    """The package without the parts in _DROPPED_PARTS (with their relationships and
    content types), and without settings and properties that describe the template's
    empty page instead of our documents."""
    for name, relationship in _DROPPED_PARTS.items():
        if entries.pop(name, None) is None:
            continue
        for rels in ("_rels/.rels", "word/_rels/document.xml.rels"):
            entries[rels] = re.sub(rb"<Relationship [^>]*" + relationship + rb"[^>]*/>", b"", entries[rels])
        entries["[Content_Types].xml"] = re.sub(
            rb'<Override PartName="/' + re.escape(name.encode()) + rb'"[^>]*/>', b"", entries["[Content_Types].xml"]
        )
    # "Spelling and grammar already checked, nothing found" was true of the empty template,
    # not of a policy: without it Word checks the text in the document's language.
    entries["word/settings.xml"] = re.sub(rb"<w:proofState [^>]*/>", b"", entries["word/settings.xml"])
    entries["docProps/app.xml"] = _APP_PROPERTIES
    return entries


# The template's extended properties claim "Microsoft Macintosh Word" wrote an empty
# one-page document; Word and LibreOffice recount pages and words themselves.
_APP_PROPERTIES = (
    b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    b'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    b"<Template>Normal.dotm</Template><Application>kzpolicy</Application><DocSecurity>0</DocSecurity>"
    b"<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
    b"<HyperlinksChanged>false</HyperlinksChanged></Properties>"
)


def _add_page_field(paragraph: Any, make: Any, qn: Any) -> None:
    """A centred "page N / M" footer from PAGE and NUMPAGES fields (python-docx has no API
    for fields, so the runs are built from OxmlElement)."""

    def run_with(child: Any) -> None:
        run = make("w:r")
        run.append(child)
        paragraph._p.append(run)

    def field_char(kind: str) -> None:
        char = make("w:fldChar")
        char.set(qn("w:fldCharType"), kind)
        run_with(char)

    def text(value: str, tag: str = "w:t") -> None:
        element = make(tag)
        element.set(qn("xml:space"), "preserve")
        element.text = value
        run_with(element)

    def field(code: str) -> None:
        field_char("begin")
        text(f" {code} ", "w:instrText")
        field_char("separate")
        text("1")
        field_char("end")

    field("PAGE")
    text(" / ")
    field("NUMPAGES")


class DocxWriter(d.Visitor):
    def __init__(self, document: d.Document) -> None:
        super().__init__(document)
        self.body: list[str] = []
        self.links: dict[str, str] = {}  # href -> relationship id
        self.bold = False
        self.italic = False

    # Runs -----------------------------------------------------------------------------

    def text(self, text: str) -> str:
        return self.run(text, self.bold, self.italic)

    def ref(self, target: str, number: str) -> str:
        return self.run(number, self.bold, self.italic)

    def inline(self, node: d.Inline) -> str:
        # Bold and italic are properties of the runs inside them, so they are set on the way in.
        if isinstance(node, d.Strong | d.Emph):
            saved = self.bold, self.italic
            if isinstance(node, d.Strong):
                self.bold = True
            else:
                self.italic = True
            try:
                return self.inlines(node.children)
            finally:
                self.bold, self.italic = saved
        return super().inline(node)

    def link(self, href: str, inner: str) -> str:
        rid = self.links.setdefault(href, f"rIdKz{len(self.links) + 1}")
        inner = inner.replace(
            "<w:rPr>", '<w:rPr><w:rStyle w:val="Hyperlink"/><w:color w:val="1F4F8A"/><w:u w:val="single"/>'
        )
        return f'<w:hyperlink r:id="{rid}" w:history="1">{inner}</w:hyperlink>'

    def runs(self, nodes: tuple[d.Inline, ...], bold: bool = False) -> str:
        saved = self.bold
        self.bold = bold
        try:
            return self.inlines(nodes)
        finally:
            self.bold = saved

    @staticmethod
    def run(text: str, bold: bool = False, italic: bool = False) -> str:
        props = ("<w:b/><w:bCs/>" if bold else "") + ("<w:i/><w:iCs/>" if italic else "")
        return f'<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{_text(text)}</w:t></w:r>'

    def paragraph(self, style: str, content: str, keep_next: bool = False, ragged: bool = False) -> None:
        keep = "<w:keepNext/>" if keep_next else ""
        align = '<w:jc w:val="left"/>' if ragged else ""
        self.body.append(f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{keep}{align}</w:pPr>{content}</w:p>')

    # Blocks ---------------------------------------------------------------------------

    def begin(self, meta: d.Meta) -> None:
        self.paragraph("Title", self.run(meta.title))
        if meta.subtitle:
            self.paragraph("Subtitle", self.run(meta.subtitle))

    def preamble_block(self, block: d.Paragraph | d.BulletList | d.Table) -> None:
        self.block("BodyText", block, "")

    def enter_section(self, section: d.Section) -> None:
        self.paragraph("Heading1", self.run(f"{section.number}. {section.title}"))

    def clause_block(self, clause: d.Clause, block: d.Paragraph | d.BulletList | d.Table, first: bool,
                     depth: int) -> None:
        lead = self.run(f"{clause.number}. ", bold=True) if first else ""
        self.block(f"Clause{min(depth, 4)}", block, lead)

    def block(self, style: str, block: d.Paragraph | d.BulletList | d.Table, lead: str) -> None:
        if isinstance(block, d.Paragraph):
            self.paragraph(style, lead + self.inlines(block.inlines), ragged=self.unbreakable(block.inlines))
        elif isinstance(block, d.BulletList):
            if lead:
                self.paragraph(style, lead)
            for item in block.items:
                self.paragraph("ListBullet", self.inlines(item))
        else:
            if lead:
                self.paragraph(style, lead, keep_next=True)
            self.table(block)

    def unbreakable(self, inlines: tuple[d.Inline, ...]) -> bool:
        """A paragraph with a word that cannot break (a content hash, a long address) is set
        ragged-right: justified, the line before it would be stretched across the page."""
        return any(len(word) > _LONG_WORD for word in d.plain_text(inlines, self.document.numbers).split())

    def column_widths(self, table: d.Table, width: int) -> list[int]:
        """Column widths in twips from the text each column holds, never narrower than its longest word."""
        lines = ([table.header] if table.header else []) + list(table.rows)
        columns = len(lines[0])
        numbers = self.document.numbers
        texts = [[d.plain_text(line[j], numbers) for line in lines if j < len(line)] for j in range(columns)]
        longest = [max((len(w) for t in col for w in t.split()), default=1) for col in texts]
        mean = [sum(len(t) for t in col) / max(len(col), 1) for col in texts]
        weights = [max(m, w + 2) for m, w in zip(mean, longest, strict=True)]
        floor = [min((w + 2) * _TWIPS_PER_CHAR, width // columns * 2) for w in longest]
        widths = [int(width * w / sum(weights)) for w in weights]
        short = [j for j in range(columns) if widths[j] < floor[j]]
        if short and sum(floor[j] for j in short) < width:
            rest = [j for j in range(columns) if j not in short]
            spare = width - sum(floor[j] for j in short)
            total = sum(weights[j] for j in rest) or 1
            for j in short:
                widths[j] = floor[j]
            for j in rest:
                widths[j] = int(spare * weights[j] / total)
        widths[-1] += width - sum(widths)  # rounding: the columns fill the text width exactly
        return widths

    def table(self, table: d.Table) -> None:
        width = 9354  # twips: A4 (11906) less 3 cm + 1.5 cm margins
        widths = self.column_widths(table, width)
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
        rows: list[str] = []
        # A short table (the operator's requisites) stays on one page with its clause
        # number: every row but the last keeps with the next. Long tables may break
        # between rows, and their header row repeats on each page.
        keep_together = len(table.rows) + bool(table.header) <= _KEEP_TOGETHER_ROWS

        def row(cells: tuple[tuple[d.Inline, ...], ...], header: bool, last: bool) -> str:
            props = "<w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>" if header else "<w:trPr><w:cantSplit/></w:trPr>"
            shading = '<w:shd w:val="clear" w:color="auto" w:fill="EEF1F5"/>' if header else ""
            keep = "<w:keepNext/>" if header or (keep_together and not last) else ""
            out = []
            for cell, cell_width in zip(cells, widths, strict=False):
                content = self.runs(cell, bold=header) or ""
                out.append(
                    f'<w:tc><w:tcPr><w:tcW w:w="{cell_width}" w:type="dxa"/>{shading}</w:tcPr>'
                    f'<w:p><w:pPr><w:pStyle w:val="TableText"/>{keep}</w:pPr>{content}</w:p></w:tc>'
                )
            return f"<w:tr>{props}{''.join(out)}</w:tr>"

        if table.header:
            rows.append(row(table.header, True, not table.rows))
        rows.extend(row(r, False, i == len(table.rows) - 1) for i, r in enumerate(table.rows))
        borders = "".join(
            f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="A6AEB8"/>'
            for side in ("top", "left", "bottom", "right", "insideH", "insideV")
        )
        self.body.append(
            f'<w:tbl><w:tblPr><w:tblW w:w="{width}" w:type="dxa"/><w:tblBorders>{borders}</w:tblBorders>'
            '<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="85" w:type="dxa"/>'
            '<w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr>'
            f"<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"
        )
        # Word requires a paragraph between a table and what follows; it is the spacing
        # after the table, not an empty clause.
        self.body.append('<w:p><w:pPr><w:pStyle w:val="TableGap"/></w:pPr></w:p>')

    # Package --------------------------------------------------------------------------

    def render(self) -> bytes:
        self.visit()
        return self.package()

    def package(self) -> bytes:
        meta = self.document.meta
        base = _base(meta.lang)
        parts: dict[str, bytes] = {}
        parts["word/document.xml"] = (base.document_head + "".join(self.body) + base.document_tail).encode("utf-8")
        links = "".join(
            f'<Relationship Id="{rid}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            f'hyperlink" Target="{_text(href)}" TargetMode="External"/>'
            for href, rid in self.links.items()
        )
        parts["word/_rels/document.xml.rels"] = (base.rels_head + links + "</Relationships>").encode("utf-8")
        title = _text(f"{meta.title} – {meta.operator}").encode("utf-8")
        for name, header in base.headers.items():
            parts[name] = header.replace(HEADER_MARK.encode(), title)
        parts["docProps/core.xml"] = _core_properties(meta).encode("utf-8")
        # Append this document's parts to the shared ones, which stay as they were deflated.
        out = io.BytesIO(base.shared_zip)
        with zipfile.ZipFile(out, "a") as package:
            for name in sorted(parts):
                package.writestr(_zip_info(name), parts[name])
        return out.getvalue()


def _ordered(entries: dict[str, bytes]) -> list[str]:
    # [Content_Types].xml first, as Office expects; the rest in a fixed order.
    names = sorted(entries)
    names.remove("[Content_Types].xml")
    return ["[Content_Types].xml", *names]


@cache
def _styles_addition() -> bytes:
    # Paragraph styles referenced by id in the body: table text and the gap after a table.
    return (
        b'<w:style w:type="paragraph" w:customStyle="1" w:styleId="TableText"><w:name w:val="Table Text"/>'
        b'<w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:before="20" w:after="20" w:line="240" '
        b'w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:style>'
        b'<w:style w:type="paragraph" w:customStyle="1" w:styleId="TableGap"><w:name w:val="Table Gap"/>'
        b'<w:basedOn w:val="Normal"/><w:pPr><w:spacing w:before="0" w:after="120" w:line="120" '
        b'w:lineRule="exact"/></w:pPr><w:rPr><w:sz w:val="4"/></w:rPr></w:style>'
        b'<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/>'
        b'<w:rPr><w:color w:val="1F4F8A"/><w:u w:val="single"/></w:rPr></w:style>'
    )


def _extra_styles(styles: bytes) -> bytes:
    if b'w:styleId="Hyperlink"' in styles:
        addition = _styles_addition().split(b'<w:style w:type="character"')[0]
    else:
        addition = _styles_addition()
    return styles.replace(b"</w:styles>", addition + b"</w:styles>")


def _core_properties(meta: d.Meta) -> str:
    # Dates come from the policy's effective date, never the clock: same answers, same bytes.
    stamp = dt.datetime.combine(meta.effective_date, dt.time(0, 0)).strftime("%Y-%m-%dT%H:%M:%SZ")
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{_text(meta.title)}</dc:title>"
        f"<dc:subject>{_text(meta.subtitle)}</dc:subject>"
        f"<dc:creator>{_text(meta.operator)}</dc:creator>"
        f"<cp:keywords>{_text(meta.title)}; 94-V</cp:keywords>"
        f"<dc:description>{_text(meta.description)}</dc:description>"
        f"<cp:lastModifiedBy>{_text(meta.operator)}</cp:lastModifiedBy>"
        f"<cp:revision>1</cp:revision>"
        f"<cp:version>{_text(meta.version)}</cp:version>"
        f"<dc:language>{_text(meta.tag)}</dc:language>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        "</cp:coreProperties>"
    )


def render_docx(document: d.Document) -> bytes:
    return DocxWriter(document).render()
