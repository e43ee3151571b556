"""The HTML export: valid, self-contained, anchored, and saying what the Markdown says.

Every example in both languages is parsed with a strict HTML5 parser, checked for the
things a site owner relies on (language, anchors, no scripts or external requests, a
Content-Security-Policy that matches the inline stylesheet), compared clause by clause
with the Markdown and the Document, and one page is rendered by headless Chromium.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import html5lib
import pytest

from generator import document as d
from generator.api import build_files, render_text
from generator.document import number_anchor

from .conftest import EXAMPLES
from .document_text import (
    CASE_IDS,
    CASES,
    answers_of,
    document_from,
    document_of,
    element_text,
    html_of,
    markdown_of,
    norm,
    parity_mismatches,
)
from .factories import answers
from .tools import assert_png_not_blank, require_tool

EVIL = {
    "operator.name": "<script>alert(1)</script> A & B",
    "operator.brand": "\"Quoted\" 'Brand' *stars*",
    "operator.address": "{{ 7*7 }} street, <b>bold</b> & \"x\"",
}


def parse_page(html: str) -> ET.Element:
    """The page through html5lib in strict mode: any parse error raises."""
    return html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(html)


def parse_fragment(html: str) -> ET.Element:
    return html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parseFragment(html)


def classes(element: ET.Element) -> list[str]:
    return (element.get("class") or "").split()


# --------------------------------------------------------------------------- standalone page


@pytest.mark.parametrize(("example", "lang"), CASES, ids=CASE_IDS)
def test_page_is_valid_html5_with_language_and_charset(example: Path, lang: str) -> None:
    html = html_of(example, lang)
    assert html.startswith("<!DOCTYPE html>\n")
    tree = parse_page(html)
    assert tree.tag == "html" and tree.get("lang") == lang
    head = tree.find("head")
    assert head is not None
    charset = [m for m in head.iter("meta") if m.get("charset") is not None]
    assert [m.get("charset").lower() for m in charset] == ["utf-8"]
    assert head[0] is charset[0], "<meta charset> must come first in <head>"
    assert re.search(r'<html lang="(kk|ru)">', html).group(1) == lang


@pytest.mark.parametrize(("example", "lang"), CASES, ids=CASE_IDS)
def test_page_headings_anchors_and_links(example: Path, lang: str) -> None:
    document = document_of(example, lang)
    tree = parse_page(html_of(example, lang))

    h1 = list(tree.iter("h1"))
    assert [norm(element_text(h)) for h in h1] == [document.meta.title]

    sections = [s for s in tree.iter("section")]
    assert [s.get("id") for s in sections] == [d.anchor(s.id) for s in document.sections]
    for element, section in zip(sections, document.sections, strict=True):
        h2 = element.findall("h2")
        assert [norm(element_text(h)) for h in h2] == [f"{section.number}. {section.title}"]

    items = {li.get("id"): li for li in tree.iter("li") if li.get("id")}
    for clause in document.clauses():
        item = items.get(d.anchor(clause.id))
        assert item is not None, f"clause {clause.number} ({clause.id}) has no li#{d.anchor(clause.id)}"
        first = item.find("p")
        assert first is not None and item[0] is first, f"clause {clause.number} does not open with its number"
        assert not (first.text or "").strip(), f"text before the number of clause {clause.number}"
        link = first[0] if len(first) else None
        assert link is not None and link.tag == "a" and "kzp-num" in classes(link), clause.number
        assert link.get("id") == number_anchor(clause.number) == "n-" + clause.number.replace(".", "-")
        assert link.get("href") == f"#{d.anchor(clause.id)}"
        assert norm(element_text(link)) == f"{clause.number}."

    ids = [element.get("id") for element in tree.iter() if element.get("id") is not None]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert not duplicates, f"duplicate ids: {duplicates}"
    for element in tree.iter("a"):
        href = element.get("href") or ""
        if href.startswith("#"):
            assert href[1:] in ids, f"link to a missing anchor: {href}"


@pytest.mark.parametrize(("example", "lang"), CASES, ids=CASE_IDS)
def test_page_has_no_scripts_handlers_inline_styles_or_external_requests(example: Path, lang: str) -> None:
    html = html_of(example, lang)
    assert_no_active_content(html, parse_page(html))


def assert_no_active_content(html: str, tree: ET.Element) -> None:
    assert "<script" not in html.lower()
    for element in tree.iter():
        for name in element.attrib:
            assert not name.lower().startswith("on"), f"<{element.tag} {name}=...>"
            assert name.lower() != "style", f"<{element.tag} style=...>"
    external = re.compile(
        r"""(?:\bsrc\s*=\s*["']?|<link\b[^>]*|@import\s+(?:url\()?\s*["']?|\burl\(\s*["']?)\s*(?:https?:)?//""",
        re.IGNORECASE,
    )
    assert not external.search(html), external.search(html).group(0)
    assert not [e for e in tree.iter() if e.tag in ("script", "link", "iframe", "img", "object", "embed")]


@pytest.mark.parametrize(("example", "lang"), CASES, ids=CASE_IDS)
def test_csp_hash_matches_the_stylesheet(example: Path, lang: str) -> None:
    tree = parse_page(html_of(example, lang))
    styles = list(tree.iter("style"))
    assert len(styles) == 1
    digest = base64.b64encode(hashlib.sha256((styles[0].text or "").encode("utf-8")).digest()).decode("ascii")
    policies = [m.get("content") or "" for m in tree.iter("meta")
                if (m.get("http-equiv") or "").lower() == "content-security-policy"]
    assert len(policies) == 1
    directives = dict(
        (part.split()[0], part.split()[1:]) for part in (p.strip() for p in policies[0].split(";")) if part
    )
    assert directives["default-src"] == ["'none'"]
    assert directives["style-src"] == [f"'sha256-{digest}'"], "the CSP hash does not allow the <style> content"


# --------------------------------------------------------------------------- fragment


@pytest.mark.parametrize(("example", "lang"), CASES, ids=CASE_IDS)
def test_fragment_is_bare_and_prefixes_every_class(example: Path, lang: str) -> None:
    fragment = html_of(example, lang, fragment=True)
    assert not re.search(r"<(?:!doctype|html|head|body|meta|title|style)\b", fragment, re.IGNORECASE)
    tree = parse_fragment(fragment)
    tags = {element.tag for element in tree.iter()}
    assert not tags & {"html", "head", "body"}
    found = [c for element in tree.iter() for c in classes(element)]
    assert found, "the fragment has no classes to style"
    assert [c for c in found if not c.startswith("kzp-")] == []
    assert_no_active_content(fragment, tree)
    # The fragment is the page's <main> landmark's content, nothing more and nothing less.
    page = html_of(example, lang)
    assert page.split("<body>\n<main>\n", 1)[1].rsplit("</main>\n</body>", 1)[0] == fragment


def test_fragment_option_reaches_the_exporter_through_every_entry_point() -> None:
    example = EXAMPLES[0]
    document = document_of(example, "kk")
    direct = render_text(document, fmt="html", fragment=True)
    files = build_files(answers_of(example), langs=["kk"], formats=["html"], fragment=True)
    assert list(files) == ["privacy-policy.kk.fragment.html"]
    assert files["privacy-policy.kk.fragment.html"].decode("utf-8") == direct
    assert direct != render_text(document, fmt="html")


# --------------------------------------------------------------------------- text parity


@pytest.mark.parametrize(("example", "lang"), CASES, ids=CASE_IDS)
def test_every_clause_says_the_same_in_html_markdown_and_the_document(example: Path, lang: str) -> None:
    document = document_of(example, lang)
    problems = parity_mismatches(document, markdown_of(example, lang), parse_page(html_of(example, lang)))
    assert not problems, "\n".join(problems[:10])


def test_the_parity_check_notices_a_changed_clause() -> None:
    example, lang = EXAMPLES[0], "kk"
    document = document_of(example, lang)
    markdown, html = markdown_of(example, lang), html_of(example, lang)
    clause = list(document.clauses())[3]
    assert not parity_mismatches(document, markdown, parse_page(html))

    # One letter more at the end of the clause's first paragraph, in the HTML only ...
    start = html.index(f'id="{d.anchor(clause.id)}"')
    end = html.index("</p>", start)
    changed_html = html[:end] + "x" + html[end:]
    problems = parity_mismatches(document, markdown, parse_page(changed_html))
    assert len(problems) == 1 and problems[0].startswith(f"html {clause.number} ")

    # ... and in the Markdown only.
    line = next(line for line in markdown.split("\n") if f"></a>{clause.number}. " in line)
    changed_markdown = markdown.replace(line, line + "x", 1)
    problems = parity_mismatches(document, changed_markdown, parse_page(html))
    assert len(problems) == 1 and problems[0].startswith(f"markdown {clause.number} ")

    # Two clauses' texts swapped is a difference too, though every text still exists.
    first, second = list(document.clauses())[3:5]
    a = f'id="{d.anchor(first.id)}"'
    b = f'id="{d.anchor(second.id)}"'
    swapped = html.replace(a, "@@A@@").replace(b, a).replace("@@A@@", b)
    assert parity_mismatches(document, markdown, parse_page(swapped))


def test_user_text_is_escaped_in_the_page() -> None:
    for lang in ("kk", "ru"):
        document = document_from(answers(**EVIL), lang)
        html = render_text(document, fmt="html")
        tree = parse_page(html)
        assert_no_active_content(html, tree)
        assert not [e for e in tree.iter() if e.tag == "b"]
        text = norm(element_text(tree))
        for value in EVIL.values():
            assert norm(value) in text
        assert "49 street" not in text
        markdown = render_text(document, fmt="md")
        assert not parity_mismatches(document, markdown, tree)


def test_typed_braces_are_references_so_an_included_fragment_holds_no_template_tag() -> None:
    """Jekyll's and Eleventy's {% include %} run Liquid or Nunjucks over the fragment."""
    typed = "{{ site.title }} {% include 'x' %} {# c #} {{% param %}}"
    document = document_from(answers(**{"operator.name": typed}), "ru")
    for fragment in (True, False):
        page = render_text(document, fmt="html", fragment=fragment)
        body = page.split("</style>", 1)[-1]  # the stylesheet's own braces are not typed text
        assert "{" not in body and "}" not in body
        assert typed in norm(element_text(parse_page(page) if not fragment else parse_fragment(page)))


# --------------------------------------------------------------------------- Chromium


CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)


@pytest.mark.slow
def test_chromium_renders_the_kazakh_page(tmp_path: Path) -> None:
    chromium = require_tool("chromium")
    page = tmp_path / "privacy-policy.kk.html"
    page.write_text(html_of(EXAMPLES[0], "kk"), encoding="utf-8")
    png = tmp_path / "privacy-policy.kk.png"
    profile = tmp_path / "chromium-profile"
    profile.mkdir()
    done = subprocess.run(
        [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--screenshot={png}",
         "--window-size=1200,1600", page.as_uri()],
        capture_output=True, text=True, timeout=120, cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert png.is_file(), done.stderr[-2000:]
    assert png.stat().st_size > 20_000, f"{png.stat().st_size} bytes: a blank or broken page?"
    assert_png_not_blank(png, min_ink=0.02)
    keep = os.environ.get("KZPOLICY_ARTIFACTS")
    if keep:  # for a person to look at, e.g. as a CI artifact
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(png, Path(keep) / png.name)
