"""The DOCX export: the right text, styles and page, readable by Word's peers, same bytes every time.

Each example in both languages is read back twice (python-docx, and plain XML) and compared
with the Document clause for clause; the page setup, properties, header and footer are
checked; LibreOffice converts every file to PDF in one run, whose text and fonts are then
inspected; and two builds in different environments must give identical files.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn

from generator import document as d
from generator.api import build_files, validate_answers
from generator.export.docx import FIXED_ZIP_TIME, FONT, render_docx
from generator.lang import language

from .conftest import EXAMPLES, Runner, snapshot
from .document_text import (
    CASE_IDS,
    CASES,
    KAZAKH_LETTERS,
    TITLES,
    answers_of,
    clean,
    document_from,
    document_of,
    docx_of,
    docx_xml_paragraph_texts,
    expected_clause_units,
    expected_document_units,
    markdown_clause_units,
    markdown_of,
    norm,
    python_docx_units,
)
from .factories import answers
from .tools import assert_png_not_blank, require_tool

EVIL = {
    "operator.name": "<script>alert(1)</script> A & B",
    "operator.brand": "\"Quoted\" 'Brand' *stars*",
    "operator.address": "{{ 7*7 }} street, <b>bold</b> & \"x\"",
}
# No example happens to use һ (it is rare in Kazakh); this operator does, so every letter
# of the Kazakh alphabet goes through the font and PDF checks.
ALPHABET = {
    "operator.name": "Жиһаз Әлемі",
    "operator.responsible_person.name": "Зуһра Ғалымқызы Өмірбекова",
}
# Upper and lower case of ә ғ қ ң ө ұ ү һ і.
KAZAKH_CHARSET = "04d8 04d9 0492 0493 049a 049b 04a2 04a3 04e8 04e9 04b0 04b1 04ae 04af 04ba 04bb 0406 0456"
BULLET_FONT = "OpenSymbol"  # LibreOffice draws list bullets with its own symbol font


@dataclass(frozen=True)
class Case:
    name: str
    lang: str
    document: d.Document
    data: bytes


EXTRA_CASES = (("escaping", EVIL, ("kk", "ru")), ("alphabet", ALPHABET, ("kk",)))
CASE_NAMES = CASE_IDS + [f"{name}-{lang}" for name, _, langs in EXTRA_CASES for lang in langs]


def all_cases() -> list[Case]:
    """Every example in each language, and the made-up operators, as DOCX."""
    cases = [Case(f"{e.stem}-{lang}", lang, document_of(e, lang), docx_of(e, lang)) for e, lang in CASES]
    for name, changes, langs in EXTRA_CASES:
        for lang in langs:
            document = document_from(answers(**changes), lang)
            cases.append(Case(f"{name}-{lang}", lang, document, render_docx(document)))
    assert [case.name for case in cases] == CASE_NAMES
    return cases


def open_docx(data: bytes) -> Any:
    return docx.Document(io.BytesIO(data))


# --------------------------------------------------------------------------- LibreOffice, once


@dataclass(frozen=True)
class Converted:
    done: subprocess.CompletedProcess[str]
    cases: dict[str, Case]
    pdfs: dict[str, Path]


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> Converted:
    """Every case's DOCX converted to PDF by one LibreOffice run with a fresh profile."""
    soffice = require_tool("soffice")
    root = tmp_path_factory.mktemp("libreoffice")
    source, out, profile = root / "docx", root / "pdf", root / "profile"
    source.mkdir()
    cases = {case.name: case for case in all_cases()}
    for case in cases.values():
        (source / f"{case.name}.docx").write_bytes(case.data)
    done = subprocess.run(
        [soffice, "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
         "--convert-to", "pdf", "--outdir", str(out), *sorted(str(p) for p in source.glob("*.docx"))],
        capture_output=True, text=True, timeout=300, cwd=root,
    )
    return Converted(done, cases, {name: out / f"{name}.pdf" for name in cases})


def pdf_text(path: Path) -> str:
    pdftotext = require_tool("pdftotext")
    done = subprocess.run([pdftotext, "-enc", "UTF-8", str(path), "-"], capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    return done.stdout.decode("utf-8")


# --------------------------------------------------------------------------- text


@pytest.mark.parametrize(("example", "lang"), CASES, ids=CASE_IDS)
def test_python_docx_reads_every_clause_in_order(example: Path, lang: str) -> None:
    document = document_of(example, lang)
    expected = expected_document_units(document)
    found = python_docx_units(open_docx(docx_of(example, lang)))
    assert_same_sequence(found, expected)
    # The same clause texts as the Markdown, so all three formats agree.
    from_markdown = markdown_clause_units(markdown_of(example, lang))
    for clause_id, units in expected_clause_units(document).items():
        assert from_markdown.get(document.numbers[clause_id]) == units, clause_id


@pytest.mark.parametrize(("example", "lang"), CASES, ids=CASE_IDS)
def test_document_xml_read_without_python_docx(example: Path, lang: str) -> None:
    with zipfile.ZipFile(io.BytesIO(docx_of(example, lang))) as package:
        texts = docx_xml_paragraph_texts(package.read("word/document.xml"))
    assert_same_sequence(clean(texts), expected_document_units(document_of(example, lang)))


def assert_same_sequence(found: list[str], expected: list[str]) -> None:
    for index, (got, want) in enumerate(zip(found, expected, strict=False)):
        assert got == want, f"text piece {index} differs:\n  expected {want!r}\n  found    {got!r}"
    assert len(found) == len(expected), f"{len(found)} text pieces, expected {len(expected)}: " + repr(
        (found[len(expected) :] or expected[len(found) :])[:3]
    )


# --------------------------------------------------------------------------- structure


@pytest.mark.parametrize(("example", "lang"), CASES, ids=CASE_IDS)
def test_sections_are_heading_1(example: Path, lang: str) -> None:
    document = document_of(example, lang)
    package = open_docx(docx_of(example, lang))
    headings = [norm(p.text) for p in package.paragraphs if p.style.name == "Heading 1"]
    assert headings == [f"{s.number}. {s.title}" for s in document.sections]
    opening = ["Title", "Subtitle"] if document.meta.subtitle else ["Title"]
    assert [p.style.name for p in package.paragraphs[: len(opening)]] == opening


@pytest.mark.parametrize(("example", "lang"), CASES, ids=CASE_IDS)
def test_properties_page_header_and_footer(example: Path, lang: str) -> None:
    meta = document_of(example, lang).meta
    package = open_docx(docx_of(example, lang))

    core = package.core_properties
    assert core.title == meta.title == TITLES[lang]
    assert core.subject == meta.subtitle
    assert core.author == meta.operator
    assert core.language == language(lang).tag == {"kk": "kk-KZ", "ru": "ru-RU", "en": "en"}[lang]

    assert len(package.sections) == 1
    section = package.sections[0]
    assert section.page_width.cm == pytest.approx(21.0, abs=0.01)
    assert section.page_height.cm == pytest.approx(29.7, abs=0.01)
    assert section.left_margin.cm == pytest.approx(3.0, abs=0.01)

    header = norm(" ".join(p.text for p in section.header.paragraphs))
    assert meta.title in header and meta.operator in header
    fields = [norm(t.text or "") for t in section.footer._element.iter(qn("w:instrText"))]
    simple = [norm(f.get(qn("w:instr"))) for f in section.footer._element.iter(qn("w:fldSimple"))]
    assert "PAGE" in [f.split(" ")[0] for f in fields + simple if f], "no PAGE field in the footer"


@pytest.mark.parametrize(("example", "lang"), CASES, ids=CASE_IDS)
def test_only_table_gaps_are_empty(example: Path, lang: str) -> None:
    package = open_docx(docx_of(example, lang))
    body = package.element.body
    for p in body.iter(qn("w:p")):
        style = p.pPr.pStyle.val if p.pPr is not None and p.pPr.pStyle is not None else "Normal"
        text = "".join(t.text or "" for t in p.iter(qn("w:t")))
        if style == "TableGap":
            assert not text.strip()
            previous = p.getprevious()
            assert previous is not None and previous.tag == qn("w:tbl"), "a table gap not after a table"
        else:
            assert text.strip(), f"an empty paragraph of style {style}"


@pytest.mark.parametrize(("example", "lang"), CASES, ids=CASE_IDS)
def test_document_language_in_style_defaults(example: Path, lang: str) -> None:
    with zipfile.ZipFile(io.BytesIO(docx_of(example, lang))) as package:
        styles = package.read("word/styles.xml").decode("utf-8")
    defaults = re.search(r"<w:docDefaults>.*?</w:docDefaults>", styles, re.S)
    assert defaults is not None
    assert re.search(rf'<w:lang w:val="{language(lang).tag}"', defaults.group(0)), defaults.group(0)


# --------------------------------------------------------------------------- Kazakh letters and the font


def test_kazakh_letters_occur_and_the_font_has_them() -> None:
    kazakh = [case for case in all_cases() if case.lang == "kk"]
    text = "".join(
        "".join(docx_xml_paragraph_texts(zipfile.ZipFile(io.BytesIO(case.data)).read("word/document.xml")))
        for case in kazakh
    )
    assert [c for c in KAZAKH_LETTERS if c not in text] == []

    family = substituted_family(FONT)
    covering = families_with_kazakh_letters()
    assert family in covering, (
        f"{FONT!r} is drawn with {family!r} on this machine, which lacks Kazakh letters; "
        f"fonts that have them: {sorted(covering)}"
    )


def substituted_family(font: str) -> str:
    fc_match = require_tool("fc-match")
    done = subprocess.run([fc_match, "-f", "%{family[0]}", font], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.strip(), done.stderr
    return done.stdout.strip()


def families_with_kazakh_letters() -> set[str]:
    fc_list = require_tool("fc-list")
    done = subprocess.run([fc_list, f":charset={KAZAKH_CHARSET}", "family"], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    return {name.strip() for line in done.stdout.splitlines() for name in line.split(",") if name.strip()}


# --------------------------------------------------------------------------- LibreOffice


@pytest.mark.parametrize("name", CASE_NAMES)
@pytest.mark.slow
def test_libreoffice_converts_to_pdf(converted: Converted, name: str) -> None:
    assert converted.done.returncode == 0, converted.done.stderr[-2000:]
    pdf = converted.pdfs[name]
    assert pdf.is_file() and pdf.stat().st_size > 10_000, (name, converted.done.stdout[-2000:])
    text = norm(pdf_text(pdf))
    meta = converted.cases[name].document.meta
    assert TITLES[meta.lang] in text
    assert norm(meta.operator) in text


@pytest.mark.slow
def test_pdf_uses_only_the_kazakh_capable_font(converted: Converted) -> None:
    pdffonts = require_tool("pdffonts")
    family = substituted_family(FONT).replace(" ", "")
    seen = ""
    for name, case in converted.cases.items():
        if case.lang != "kk":
            continue
        done = subprocess.run([pdffonts, str(converted.pdfs[name])], capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        fonts = {line.split()[0].split("+")[-1] for line in done.stdout.splitlines()[2:] if line.strip()}
        strays = {f for f in fonts if not f.startswith(family) and f != BULLET_FONT}
        assert not strays, f"{name}: LibreOffice fell back to {sorted(strays)} for some characters"
        seen += pdf_text(converted.pdfs[name])
    assert [c for c in KAZAKH_LETTERS if c not in seen] == [], "Kazakh letters missing from the PDF text"


@pytest.mark.slow
def test_first_page_renders(converted: Converted, tmp_path: Path) -> None:
    pdftoppm = require_tool("pdftoppm")
    name = f"{EXAMPLES[0].stem}-kk"
    done = subprocess.run([pdftoppm, "-png", "-r", "60", "-f", "1", "-l", "1", str(converted.pdfs[name]),
                           str(tmp_path / "page")], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    pngs = sorted(tmp_path.glob("page*.png"))
    assert len(pngs) == 1
    assert_png_not_blank(pngs[0], min_ink=0.02)
    keep = os.environ.get("KZPOLICY_ARTIFACTS")
    if keep:  # for a person to look at, e.g. as a CI artifact
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(pngs[0], Path(keep) / f"{name}-page-1.png")


# --------------------------------------------------------------------------- reproducibility

ENVIRONMENTS = (
    {"TZ": "UTC", "PYTHONHASHSEED": "0", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"},
    {"TZ": "Asia/Almaty", "PYTHONHASHSEED": "4242", "LC_ALL": "C", "LANG": "C"},
)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_same_answers_same_bytes_in_any_environment(kzpolicy: Runner, example: Path, tmp_path: Path) -> None:
    # The first build starts cold (an empty cache: the DOCX base package is made with
    # python-docx and stored), the second warm (read from that cache); same bytes either way.
    cache = tmp_path / "cache"
    builds = []
    for index, env in enumerate(ENVIRONMENTS):
        out = tmp_path / f"out{index}"
        result = kzpolicy("build", example, "--out", out,
                          env={**env, "KZPOLICY_CACHE_DIR": str(cache), "KZPOLICY_NO_CACHE": ""})
        assert result.returncode == 0, result.stderr
        builds.append(snapshot(out))
        if index == 0:
            assert list(cache.rglob("docx-base-*")), "the cold build left no DOCX base package in the cache"
    first, second = builds
    assert sorted(first) == sorted(second)
    assert {".md", ".html", ".docx"} <= {Path(n).suffix for n in first}
    for name in first:  # every file the build writes, the policy and anything beside it
        assert first[name] == second[name], f"{name} differs between TZ/PYTHONHASHSEED/LC_ALL settings"
    # The console script writes what the API renders.
    rendered = build_files(answers_of(example))
    assert {name: first.get(name) for name in rendered} == rendered
    assert FIXED_ZIP_TIME == (1980, 1, 1, 0, 0, 0)
    for name, data in first.items():
        if name.endswith(".docx"):
            with zipfile.ZipFile(io.BytesIO(data)) as package:
                stamps = {info.filename: info.date_time for info in package.infolist()}
            assert set(stamps.values()) == {FIXED_ZIP_TIME}, stamps


# --------------------------------------------------------------------------- escaping


def test_user_text_reaches_the_docx_literally() -> None:
    data = validate_answers(answers(**EVIL), source="<test>")
    files = build_files(data, langs=["kk", "ru"])
    names = [f"privacy-policy.{lang}.{ext}" for lang in ("kk", "ru") for ext in ("md", "html", "docx")]
    assert sorted(files) == sorted(names)
    for lang in ("kk", "ru"):
        document = document_from(answers(**EVIL), lang)
        # The very bytes test_libreoffice_converts_to_pdf[escaping-kk|ru] hands to LibreOffice.
        assert files[f"privacy-policy.{lang}.docx"] == render_docx(document)
        package = open_docx(files[f"privacy-policy.{lang}.docx"])
        texts = "\n".join(python_docx_units(package))
        for value in EVIL.values():
            assert value in texts, value
        assert "49 street" not in texts
        assert python_docx_units(package) == expected_document_units(document)
        assert package.core_properties.author == document.meta.operator
        assert EVIL["operator.name"] in package.core_properties.author
        header = " ".join(p.text for p in package.sections[0].header.paragraphs)
        assert EVIL["operator.name"] in header
