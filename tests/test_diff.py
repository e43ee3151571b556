"""`kzpolicy diff`: exactly the clauses whose text changed, from answers or built Markdown."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

import generator as kz
from generator.diff.compare import Change, diff_files, read_markdown, word_diff
from generator.errors import InputError

from .conftest import EXAMPLES, ROOT, Runner

EXAMPLE = ROOT / "examples" / "online-store-too.yaml"
OLD_KK = "Абай даңғылы, 10, 5-кеңсе"
NEW_KK = "Абай даңғылы, 12, 5-кеңсе"


def example_data() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    return data


def kk_address_changed() -> dict[str, Any]:
    data = example_data()
    data["operator"]["address"]["kk"] = data["operator"]["address"]["kk"].replace(OLD_KK, NEW_KK)
    return data


def without_marketing() -> dict[str, Any]:
    data = example_data()
    data["purposes"].remove("marketing")
    del data["marketing"]
    data["services"].remove("mobizon")
    return data


def write(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def clauses_containing(data: dict[str, Any], lang: str, needle: str) -> set[str]:
    document = kz.build_document(kz.validate_answers(data), lang)
    found = {c.id for c in document.clauses() if needle in kz.clause_text(document, c)}
    assert found, f"{needle!r} is in no clause"
    return found


def test_a_kazakh_only_change_shows_exactly_the_clauses_that_hold_it() -> None:
    old, new = example_data(), kk_address_changed()
    result = kz.diff_answers(old, new, "kk")
    assert {c.kind for c in result.changes} == {"changed"}
    assert {c.id for c in result.changes} == clauses_containing(old, "kk", OLD_KK)
    for change in result.changes:
        assert change.old_number == change.new_number
        assert "[-10-]{+12+}" in change.word_diff()
    assert kz.diff_answers(old, new, "ru").identical


def test_removed_clauses_and_renumbering_by_id() -> None:
    result = kz.diff_answers(example_data(), without_marketing(), "ru")
    removed = {c.id for c in result.changes if c.kind == "removed"}
    assert removed == {"purposes.list.marketing", "marketing.consent", "marketing.frequency", "marketing.opt_out"}
    assert not [c for c in result.changes if c.kind == "added"]
    renumbered = {c.id: (c.old_number, c.new_number) for c in result.changes if c.kind == "renumbered"}
    assert renumbered["cookies.what"] == ("8.1", "7.1")
    changed = {c.id for c in result.changes if c.kind == "changed"}
    # Changed: the clauses whose references to moved numbers changed, and the recipients table.
    assert "consent.withdrawal" in changed and "transfer.recipients" in changed
    assert "cookies.what" not in changed
    back = kz.diff_answers(without_marketing(), example_data(), "ru")
    assert {c.id for c in back.changes if c.kind == "added"} == removed


@pytest.mark.parametrize("front_matter", [False, True])
def test_markdown_files_give_the_same_changes_by_number(tmp_path: Path, front_matter: bool) -> None:
    for old, new in ((example_data(), kk_address_changed()), (example_data(), without_marketing())):
        by_id = kz.diff_answers(old, new, "kk")
        paths = []
        for name, data in (("old", old), ("new", new)):
            out = tmp_path / name
            kz.build(kz.validate_answers(data), out, formats=["md"], langs=["kk"], front_matter=front_matter)
            paths.append(out / "privacy-policy.kk.md")
        from_markdown = diff_files(paths[0], paths[1])  # the Markdown carries the clause ids
        assert from_markdown.lang == "kk" and from_markdown.by == "id"
        summary = [(c.kind, c.id, c.old_number, c.new_number, c.old_text, c.new_text) for c in from_markdown.changes]
        assert summary == [(c.kind, c.id, c.old_number, c.new_number, c.old_text, c.new_text) for c in by_id.changes]
        for path in paths:  # a file built before the Markdown carried ids: aligned by text, the same changes
            path.write_text(re.sub(r'<a id="[^"]*"(?: data-\w+="[^"]*")?></a>', "", path.read_text()))
        by_text = diff_files(paths[0], paths[1])
        assert by_text.by == "text"
        summary = [(c.kind, c.old_number, c.new_number, c.old_text, c.new_text) for c in by_text.changes]
        assert summary == [(c.kind, c.old_number, c.new_number, c.old_text, c.new_text) for c in by_id.changes]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_markdown_reads_back_every_clause_text(example: Path, lang: str) -> None:
    from generator.diff.compare import document_entries

    document = kz.build_document(kz.load_answers(example), lang)
    entries = document_entries(document)
    read = read_markdown(kz.render_text(document, lang, "md", front_matter=True)).entries
    assert [(e.number, e.text) for e in read] == [(e.number, e.text) for e in entries]


def test_word_diff_marks_and_shortens() -> None:
    old = "один два три четыре пять шесть семь восемь девять десять одиннадцать"
    new = old.replace("шесть", "6")
    assert word_diff(old, new, context=2) == "… четыре пять [-шесть-]{+6+} семь восемь …"
    assert word_diff(old, new, context=2, style="md") == "… четыре пять ~~шесть~~**6** семь восемь …"
    assert word_diff("пункт 11.4 Политики", "пункт 10.4 Политики") == "пункт [-11.4-]{+10.4+} Политики"
    change = Change("changed", "x", "1.1", "1.1", "", "a\nb", "a\nc")
    assert change.unified(context=0)[2:] == ["@@ -2 +2 @@", "-b", "+c"]


# --------------------------------------------------------------------------- the command


def test_cli_exit_codes_and_formats(kzpolicy: Runner, tmp_path: Path) -> None:
    old = write(tmp_path / "old.yaml", example_data())
    new = write(tmp_path / "new.yaml", kk_address_changed())

    same = kzpolicy("diff", old, old)
    assert (same.returncode, same.stdout) == (0, "")
    assert "no differences" in same.stderr

    text = kzpolicy("diff", old, new)
    assert text.returncode == 1, text.stderr
    assert text.stdout.startswith(f"--- {old} (kk, version 2.0, effective 2026-09-01)\n+++ {new} ")
    assert "2 changed, 0 added, 0 removed, 0 renumbered" in text.stdout
    assert "changed 11.3 rights.request  [11. Дербес деректер субъектісінің құқықтары]" in text.stdout
    assert "[-10-]{+12+}" in text.stdout

    assert kzpolicy("diff", old, new, "--lang", "ru").returncode == 0

    md = kzpolicy("diff", old, new, "--format", "md")
    assert md.returncode == 1
    assert md.stdout.startswith("## Privacy policy changes (kk)\n\nVersion 2.0, not raised: ")
    assert "Clauses: 2 changed" in md.stdout
    assert "### 11.3 changed (`rights.request`)" in md.stdout and "~~10~~**12**" in md.stdout

    data = json.loads(kzpolicy("diff", old, new, "--format", "json").stdout)
    assert data["identical"] is False and data["matched_by"] == "id"
    assert data["summary"] == {"changed": 2, "added": 0, "removed": 0, "renumbered": 0}
    assert [c["id"] for c in data["changes"]] == ["rights.request", "requisites.table"]
    assert any(line.startswith("+") and NEW_KK in line for line in data["changes"][0]["diff"])
    assert json.loads(kzpolicy("diff", old, old, "--format", "json").stdout)["identical"] is True


def test_cli_compares_markdown_and_mixed_inputs(kzpolicy: Runner, tmp_path: Path) -> None:
    old = write(tmp_path / "old.yaml", example_data())
    new = write(tmp_path / "new.yaml", kk_address_changed())
    assert kzpolicy("build", new, "--format", "md", "--out", tmp_path / "out").returncode == 0
    built_ru = tmp_path / "out" / "privacy-policy.ru.md"
    built_kk = tmp_path / "out" / "privacy-policy.kk.md"
    mixed = kzpolicy("diff", old, built_kk)
    assert mixed.returncode == 1 and "changed 11.3 rights.request  [11." in mixed.stdout
    assert kzpolicy("diff", old, built_ru).returncode == 0  # the language comes from the Markdown
    assert kzpolicy("diff", built_kk, built_kk).returncode == 0


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("missing.yaml", "old.yaml"), "no such file"),
        (("old.yaml", "notes.md"), "no numbered clauses"),
        (("old.yaml", "missing.md"), "no such file"),
        (("old.yaml", "old.yaml", "--lang", "en"), "invalid choice"),
        (("old.yaml", "bad.yaml"), "operator.bin"),
    ],
)
def test_cli_invalid_input_exits_2(kzpolicy: Runner, tmp_path: Path, args: tuple[str, ...], needle: str) -> None:
    write(tmp_path / "old.yaml", example_data())
    bad = example_data()
    bad["operator"]["bin"] = "190540012346"
    write(tmp_path / "bad.yaml", bad)
    (tmp_path / "notes.md").write_text("# Notes\n\nNothing numbered here.\n", encoding="utf-8")
    result = kzpolicy("diff", *args, cwd=tmp_path)
    assert result.returncode == 2, result.stdout + result.stderr
    assert needle in result.stderr and "Traceback" not in result.stderr


def test_diff_files_rejects_an_unknown_language(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="unknown language"):
        diff_files(EXAMPLE, EXAMPLE, "de")


def test_preamble_counts_as_a_clause() -> None:
    old = example_data()
    new = copy.deepcopy(old)
    new["policy"]["city"] = "Астана"
    result = kz.diff_answers(old, new, "ru")
    assert result.changes[0].id == "preamble" and result.changes[0].kind == "changed"
    assert "[-Алматы-]{+Астана+}" in result.changes[0].word_diff()


def test_a_raised_version_and_date_head_the_changelog_entry() -> None:
    old = example_data()
    new = kk_address_changed()
    new["policy"].update(version="2.1", effective_date="2026-10-01")
    entry = kz.diff_answers(old, new, "kk").to_markdown()
    head = "## Privacy policy changes (kk)\n\nVersion 2.0 → 2.1. Effective date 2026-09-01 → 2026-10-01."
    assert entry.startswith(head)
    text = kz.diff_answers(old, new, "kk").to_text()
    assert "note:" not in text and "changed preamble" in text and "[-2.0-]{+2.1+}" in text
