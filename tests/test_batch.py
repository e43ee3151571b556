"""Batch builds: many answers files, every core, one bad file does not stop the others."""

from __future__ import annotations

import shutil
from pathlib import Path

from .conftest import EXAMPLES, Runner, snapshot


def make_clients(tmp_path: Path, count: int = 5) -> Path:
    clients = tmp_path / "clients"
    clients.mkdir()
    for index in range(count):
        shutil.copy(EXAMPLES[index % len(EXAMPLES)], clients / f"client{index}.yaml")
    return clients


def test_a_directory_builds_every_answers_file_into_its_own_folder(kzpolicy: Runner, tmp_path: Path) -> None:
    clients = make_clients(tmp_path)
    out = tmp_path / "out"
    result = kzpolicy("build", clients, "--format", "md", "--out", out)
    assert result.returncode == 0, result.stderr
    assert "built 5 of 5 answers files" in result.stdout
    assert sorted(p.name for p in out.iterdir()) == [f"client{i}" for i in range(5)]
    for index in range(5):
        assert (out / f"client{index}" / "privacy-policy.kk.md").is_file()


def test_one_bad_file_does_not_stop_the_others(kzpolicy: Runner, tmp_path: Path) -> None:
    clients = make_clients(tmp_path, 4)
    (clients / "broken.yaml").write_text("operator: [\n", encoding="utf-8")
    (clients / "wrong-bin.yaml").write_text(
        (clients / "client0.yaml").read_text(encoding="utf-8").replace('"230640900124"', '"230640900125"'),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = kzpolicy("build", clients, "--format", "md", "--out", out, "--jobs", "2")
    assert result.returncode == 2
    assert "built 4 of 6 answers files; 2 failed:" in result.stdout
    assert "broken.yaml" in result.stdout and "YAML syntax error" in result.stdout
    assert "wrong-bin.yaml" in result.stdout and "check digit" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert not (out / "broken").exists() and not (out / "wrong-bin").exists()
    assert len(list(out.iterdir())) == 4


def test_several_files_on_the_command_line(kzpolicy: Runner, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = kzpolicy("build", EXAMPLES[0], EXAMPLES[1], "--format", "html", "--out", out)
    assert result.returncode == 0, result.stderr
    assert {p.name for p in out.iterdir()} == {EXAMPLES[0].stem, EXAMPLES[1].stem}


def test_batch_output_equals_single_builds(kzpolicy: Runner, tmp_path: Path) -> None:
    clients = make_clients(tmp_path, 3)
    assert kzpolicy("build", clients, "--out", tmp_path / "batch").returncode == 0
    for index in range(3):
        single = tmp_path / f"single{index}"
        assert kzpolicy("build", clients / f"client{index}.yaml", "--out", single).returncode == 0
        assert snapshot(single) == snapshot(tmp_path / "batch" / f"client{index}")


def test_name_collisions_and_empty_directories_are_refused(kzpolicy: Runner, tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    shutil.copy(EXAMPLES[0], tmp_path / "a" / "same.yaml")
    shutil.copy(EXAMPLES[1], tmp_path / "b" / "same.yaml")
    result = kzpolicy("build", tmp_path / "a", tmp_path / "b", "--out", tmp_path / "out")
    assert result.returncode == 2 and "rename one of them" in result.stderr
    (tmp_path / "empty").mkdir()
    result = kzpolicy("build", tmp_path / "empty", "--out", tmp_path / "out")
    assert result.returncode == 2 and "no answers files" in result.stderr
    assert not (tmp_path / "out").exists()
