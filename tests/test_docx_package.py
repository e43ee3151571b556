"""The DOCX package: valid against the OOXML schemas and consistent, so Word opens it unrepaired.

openxml-audit is the Open XML SDK's validator in Python: the schema constraints of
ECMA-376 / ISO/IEC 29500 (and Office's extensions) for every part, plus the SDK's semantic
checks and the Word compatibility rules (two style parts that disagree: Word's "unreadable
content" repair). Each example in each language is validated as Word 2007 and as Microsoft
365 see it; a package that breaks the rules must be rejected, so the validator is known to look.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from posixpath import dirname, join, normpath

import pytest
from openxml_audit import FileFormat, OpenXmlValidator

from generator.export.docx import render_docx

from .document_text import CASE_IDS, CASES, document_from, docx_of
from .factories import answers
from .test_export_docx import ALPHABET, EVIL

FORMATS = (FileFormat.OFFICE_2007, FileFormat.MICROSOFT_365)
FAST = "online-store-too-kk"


def problems(data: bytes, tmp_path: Path, file_format: FileFormat) -> list[str]:
    path = tmp_path / f"policy-{file_format.name}.docx"
    path.write_bytes(data)
    result = OpenXmlValidator(file_format=file_format, max_errors=0).validate(path)
    return [f"{error.error_type.value}: {error.description}" for error in result.errors]


def case_params() -> list[object]:
    params: list[object] = []
    for (example, lang), case_id in zip(CASES, CASE_IDS, strict=True):
        marks = () if case_id == FAST else (pytest.mark.slow,)
        params.append(pytest.param(example, lang, id=case_id, marks=marks))
    return params


@pytest.mark.parametrize(("example", "lang"), case_params())
def test_every_example_is_valid_ooxml(example: Path, lang: str, tmp_path: Path) -> None:
    data = docx_of(example, lang)
    for file_format in FORMATS:
        assert problems(data, tmp_path, file_format) == [], file_format


@pytest.mark.slow
@pytest.mark.parametrize("changes", [EVIL, ALPHABET], ids=["escaping", "alphabet"])
def test_hostile_and_rare_text_stays_valid_ooxml(changes: dict[str, str], tmp_path: Path) -> None:
    for lang in ("kk", "ru"):
        data = render_docx(document_from(answers(**changes), lang))
        assert problems(data, tmp_path, FileFormat.MICROSOFT_365) == [], lang


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {info.filename: package.read(info) for info in package.infolist()}


def test_the_package_is_consistent() -> None:
    """Every content-type override names a part, every internal relationship reaches one,
    and nothing of python-docx's template contradicts what the document says."""
    files = parts(docx_of(CASES[0][0], "kk"))
    types = files["[Content_Types].xml"].decode()
    for name in re.findall(r'PartName="/([^"]+)"', types):
        assert name in files, f"[Content_Types].xml overrides a missing part {name}"
    for rels_name, rels in files.items():
        if not rels_name.endswith(".rels"):
            continue
        base = dirname(dirname(rels_name))  # word/_rels/document.xml.rels -> word
        for attributes in re.findall(r"<Relationship ([^>]*)/>", rels.decode()):
            if 'TargetMode="External"' in attributes:
                continue
            target = re.search(r'Target="([^"]+)"', attributes)
            assert target is not None
            resolved = normpath(join(base, target[1])).lstrip("/")
            assert resolved in files, f"{rels_name}: a relationship to a missing part {target[1]}"
    assert "word/stylesWithEffects.xml" not in files and b"stylesWithEffects" not in types.encode()
    assert b"stylesWithEffects" not in files["word/_rels/document.xml.rels"]
    assert b"<w:proofState" not in files["word/settings.xml"]  # "already spell-checked" was the empty page's
    app = files["docProps/app.xml"].decode()
    assert "<Application>kzpolicy</Application>" in app and "Macintosh" not in app and "<Words>" not in app


def test_the_validator_rejects_what_word_would_repair(tmp_path: Path) -> None:
    """The checks above can fail: python-docx's own stylesWithEffects part put back, and an
    element out of its schema order, are each reported."""
    import docx

    good = parts(docx_of(CASES[0][0], "kk"))
    template = Path(docx.__file__).parent / "templates" / "default.docx"
    with zipfile.ZipFile(template) as package:
        effects = package.read("word/stylesWithEffects.xml")
    with_effects = dict(good)
    with_effects["word/stylesWithEffects.xml"] = effects
    with_effects["word/_rels/document.xml.rels"] = good["word/_rels/document.xml.rels"].replace(
        b"</Relationships>",
        b'<Relationship Id="rIdFx" Type="http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"'
        b' Target="stylesWithEffects.xml"/></Relationships>',
    )
    with_effects["[Content_Types].xml"] = good["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/word/stylesWithEffects.xml" '
        b'ContentType="application/vnd.ms-word.stylesWithEffects+xml"/></Types>',
    )
    found = problems(package_of(with_effects), tmp_path, FileFormat.MICROSOFT_365)
    assert any("stylesWithEffects" in problem for problem in found), found

    out_of_order = dict(good)
    out_of_order["word/document.xml"] = good["word/document.xml"].replace(b"<w:b/><w:bCs/>", b"<w:bCs/><w:b/>", 1)
    assert out_of_order["word/document.xml"] != good["word/document.xml"]
    found = problems(package_of(out_of_order), tmp_path, FileFormat.OFFICE_2007)
    assert any(problem.startswith("schema:") for problem in found), found


def package_of(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in files.items():
            package.writestr(name, data)
    return buffer.getvalue()

