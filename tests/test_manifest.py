"""privacy-policy.manifest.json and Markdown front matter: byte-stable facts about a build."""

from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

import generator as kz
from generator.export.manifest import MANIFEST_NAME
from generator.export.markdown import render_markdown

from .conftest import EXAMPLES, ROOT, Runner

EXAMPLE = ROOT / "examples" / "online-store-too.yaml"


def example_data() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    return data


def hashes(data: dict[str, Any]) -> dict[str, str]:
    answers = kz.validate_answers(data)
    return {lang: kz.content_hash(kz.build_document(answers, lang)) for lang in ("kk", "ru")}


def manifest_of(directory: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((directory / MANIFEST_NAME).read_text(encoding="utf-8"))
    return data


def test_build_writes_the_manifest_beside_the_files(kzpolicy: Runner, tmp_path: Path) -> None:
    result = kzpolicy("build", EXAMPLE, "--out", tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == str(tmp_path / MANIFEST_NAME)
    manifest = manifest_of(tmp_path)
    assert manifest["version"] == "2.0" and manifest["effective_date"] == "2026-09-01"
    assert manifest["languages"] == ["kk", "ru"]
    assert manifest["generator"] == f"kzpolicy {kz.__version__}"
    written = sorted(p.name for p in tmp_path.iterdir() if p.name != MANIFEST_NAME)
    assert [f["name"] for f in manifest["files"]] == written
    for entry in manifest["files"]:
        data = (tmp_path / entry["name"]).read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest() and entry["bytes"] == len(data)
        lang, ext = entry["name"].split(".")[1], entry["name"].rsplit(".", 1)[1]
        assert (entry["lang"], entry["format"]) == (lang, ext)
    answers = kz.load_answers(EXAMPLE)
    for lang in ("kk", "ru"):
        document = kz.build_document(answers, lang)
        content = manifest["content"][lang]
        assert content["content_hash"] == kz.content_hash(document)
        assert content["title"] == document.meta.title
        assert content["clauses"] == {c.id: {"number": c.number, "anchor": c.anchor} for c in kz.clause_index(document)}
    assert content["clauses"]["consent.withdrawal"] == {"number": "5.4", "anchor": "c-consent-withdrawal"}


def test_manifest_is_byte_stable(kzpolicy: Runner, tmp_path: Path) -> None:
    for name in ("one", "two"):
        result = kzpolicy("build", EXAMPLE, "--format", "md,html", "--out", tmp_path / name)
        assert result.returncode == 0, result.stderr
    first = (tmp_path / "one" / MANIFEST_NAME).read_bytes()
    assert first == (tmp_path / "two" / MANIFEST_NAME).read_bytes()
    text = first.decode("utf-8")
    assert text.endswith("}\n") and "Құпиялылық саясаты" in text  # UTF-8, not \\u escapes
    assert json.dumps(json.loads(text), ensure_ascii=False, indent=2, sort_keys=True) + "\n" == text


def test_manifest_lists_fragments_and_provenance(kzpolicy: Runner, tmp_path: Path) -> None:
    result = kzpolicy("build", EXAMPLE, "--lang", "ru", "--format", "html", "--fragment", "--annotate",
                      "--out", tmp_path)
    assert result.returncode == 0, result.stderr
    manifest = manifest_of(tmp_path)
    assert manifest["languages"] == ["ru"] and list(manifest["content"]) == ["ru"]
    assert {(f["name"], f["format"], f.get("variant")) for f in manifest["files"]} == {
        ("privacy-policy.ru.fragment.html", "html", "fragment"),
        ("privacy-policy.ru.provenance.md", "md", "provenance"),
    }


def test_content_hash_does_not_depend_on_the_format(kzpolicy: Runner, tmp_path: Path) -> None:
    for fmt in ("md", "docx"):
        result = kzpolicy("build", EXAMPLE, "--format", fmt, "--out", tmp_path / fmt)
        assert result.returncode == 0, result.stderr
    md, docx = manifest_of(tmp_path / "md"), manifest_of(tmp_path / "docx")
    assert md["content"] == docx["content"]
    assert md["files"] != docx["files"]


@pytest.mark.parametrize("changed", ["kk", "ru"])
def test_a_one_language_change_changes_only_that_hash(changed: str) -> None:
    data = example_data()
    before = hashes(data)
    edited = copy.deepcopy(data)
    edited["operator"]["address"][changed] = edited["operator"]["address"][changed].replace("10", "12")
    after = hashes(edited)
    other = "ru" if changed == "kk" else "kk"
    assert after[changed] != before[changed]
    assert after[other] == before[other]


def test_a_change_in_both_languages_changes_both_hashes_and_version_shows() -> None:
    data = example_data()
    edited = copy.deepcopy(data)
    edited["policy"]["version"] = "2.1"
    before, after = hashes(data), hashes(edited)
    assert before["kk"] != after["kk"] and before["ru"] != after["ru"]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_policy_text_holds_every_clause_once(example: Path) -> None:
    document = kz.build_document(kz.load_answers(example), "kk")
    text = kz.policy_text(document)
    for clause in document.clauses():
        assert text.count(f"\n{clause.number}. ") == 1
    assert text.startswith(document.meta.title + "\n")


def test_api_build_writes_the_manifest_unless_asked_not_to(tmp_path: Path) -> None:
    answers = kz.load_answers(EXAMPLE)
    written = kz.build(answers, tmp_path / "a", formats=["md"])
    assert written[-1].name == MANIFEST_NAME
    kz.build(answers, tmp_path / "b", formats=["md"], manifest=False)
    assert not (tmp_path / "b" / MANIFEST_NAME).exists()


# --------------------------------------------------------------------------- front matter

FRONT_MATTER_KK = """\
---
title: Құпиялылық саясаты
lang: kk
version: '2.0'
effective_date: 2026-09-01
description: «Дала Маркет» ЖШС дербес деректерді жинау, өңдеу және қорғау саясаты
---

# Құпиялылық саясаты
"""


def test_front_matter_is_prepended_to_the_same_markdown() -> None:
    document = kz.build_document(kz.load_answers(EXAMPLE), "kk")
    plain = render_markdown(document)
    with_front = render_markdown(document, front_matter=True)
    assert with_front.startswith(FRONT_MATTER_KK)
    assert with_front.endswith(plain) and with_front[: -len(plain)].endswith("---\n\n")
    assert kz.render_text(document, "kk", "md", front_matter=True) == with_front


def test_cli_front_matter_option(kzpolicy: Runner, tmp_path: Path) -> None:
    result = kzpolicy("build", EXAMPLE, "--format", "md", "--front-matter", "--out", tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "privacy-policy.kk.md").read_text(encoding="utf-8").startswith(FRONT_MATTER_KK)
    assert (tmp_path / "privacy-policy.ru.md").read_text(encoding="utf-8").startswith("---\ntitle: Политика")
    result = kzpolicy("build", EXAMPLE, "--format", "md", "--out", tmp_path / "plain")
    assert (tmp_path / "plain" / "privacy-policy.kk.md").read_text(encoding="utf-8").startswith("# ")


@pytest.mark.parametrize("name", ['Test: "Market" #1', "- yes", "{a: b}", "1.10", "Дала\\Маркет 'x'"])
def test_front_matter_is_safe_yaml_whatever_the_name(name: str) -> None:
    data = example_data()
    data["operator"]["name"] = name
    data["policy"]["version"] = "1.10"
    document = kz.build_document(kz.validate_answers(data), "ru")
    head = render_markdown(document, front_matter=True).split("---\n")[1]
    meta = yaml.safe_load(head)
    assert meta["description"] == document.meta.description
    assert meta["version"] == "1.10"
    assert len(head.splitlines()) == 5  # one line per key: never folded


# --------------------------------------------------------------------------- where the manifest goes


def test_front_matter_builds_hide_the_manifest_and_manifest_path_moves_it(kzpolicy: Runner, tmp_path: Path) -> None:
    """With --front-matter the files go into a site's content: the manifest is a dot-file
    (Hugo, Jekyll, Eleventy, VitePress and MkDocs do not publish dot-files); --manifest PATH
    puts it anywhere, and the same bytes say the same things wherever it is."""
    from generator.export.manifest import HIDDEN_MANIFEST_NAME, MANIFEST_NAMES

    assert MANIFEST_NAMES == (MANIFEST_NAME, HIDDEN_MANIFEST_NAME) and HIDDEN_MANIFEST_NAME.startswith(".")
    site = tmp_path / "content"
    result = kzpolicy("build", EXAMPLE, "--format", "md", "--front-matter", "--out", site)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in site.iterdir()) == [HIDDEN_MANIFEST_NAME, "privacy-policy.kk.md",
                                                      "privacy-policy.ru.md"]
    hidden = (site / HIDDEN_MANIFEST_NAME).read_bytes()
    assert [f["name"] for f in json.loads(hidden)["files"]] == ["privacy-policy.kk.md", "privacy-policy.ru.md"]

    elsewhere = tmp_path / "build" / "deep" / "policy.json"
    result = kzpolicy("build", EXAMPLE, "--format", "md", "--front-matter", "--out", tmp_path / "public",
                      "--manifest", elsewhere)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == str(elsewhere)
    assert sorted(p.name for p in (tmp_path / "public").iterdir()) == ["privacy-policy.kk.md", "privacy-policy.ru.md"]
    assert elsewhere.read_bytes() == hidden

    plain = kz.build(EXAMPLE, tmp_path / "plain", formats=["md"], manifest_path=tmp_path / "m.json")
    assert plain.paths[-1] == tmp_path / "m.json" and plain.files[str(tmp_path / "m.json")] == (
        tmp_path / "m.json").read_bytes()
    assert not [p for p in (tmp_path / "plain").iterdir() if p.name in MANIFEST_NAMES]


def test_manifest_path_refuses_a_directory_and_several_answers(kzpolicy: Runner, tmp_path: Path) -> None:
    result = kzpolicy("build", EXAMPLE, "--out", tmp_path / "out", "--manifest", tmp_path)
    assert result.returncode == 2 and "is a directory" in result.stderr
    assert not (tmp_path / "out").exists()  # nothing written
    result = kzpolicy("build", EXAMPLE, EXAMPLES[0], "--out", tmp_path / "many", "--manifest", tmp_path / "m.json")
    assert result.returncode == 2 and "--manifest names one file" in result.stderr
    assert not (tmp_path / "m.json").exists()
