"""The real `kzpolicy` console script: the contract users and site builds rely on."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from .conftest import EXAMPLES, Runner, snapshot
from .factories import DELETE, IIN_IP, answers


def write_answers(path: Path, data: dict) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def assert_clean_failure(result, out: Path, before: dict[str, bytes], *needles: str) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("kzpolicy: error:")
    for needle in needles:
        assert needle in result.stderr
    assert snapshot(out) == before


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_build_each_example_in_kazakh_markdown(kzpolicy: Runner, example: Path, tmp_path: Path) -> None:
    result = kzpolicy("build", example, "--lang", "kk", "--format", "md", "--out", tmp_path)
    assert result.returncode == 0, result.stderr
    written = tmp_path / "privacy-policy.kk.md"
    assert result.stdout.splitlines() == [str(written), str(tmp_path / "privacy-policy.manifest.json")]
    text = written.read_text(encoding="utf-8")
    assert text.startswith("# Құпиялылық саясаты\n")
    assert re.search(r"^## .*1\. Терминдер мен анықтамалар$", text, re.MULTILINE)


def test_build_writes_every_language_and_format_by_default(kzpolicy: Runner, tmp_path: Path) -> None:
    result = kzpolicy("build", EXAMPLES[0], "--out", tmp_path)
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in tmp_path.iterdir())
    expected = [f"privacy-policy.{lang}.{ext}" for lang in ("kk", "ru") for ext in ("md", "html", "docx")]
    assert names == sorted([*expected, "privacy-policy.manifest.json"])


def test_build_reads_standard_input(kzpolicy: Runner, tmp_path: Path) -> None:
    result = kzpolicy("build", "-", "--lang", "kk", "--format", "md", "--out", tmp_path,
                      input=EXAMPLES[0].read_text(encoding="utf-8"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "privacy-policy.kk.md").exists()


def test_build_reads_json(kzpolicy: Runner, tmp_path: Path) -> None:
    source = tmp_path / "answers.json"
    source.write_text(json.dumps(answers(), ensure_ascii=False), encoding="utf-8")
    result = kzpolicy("build", source, "--format", "md", "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr


def test_annotate_writes_the_provenance_table(kzpolicy: Runner, tmp_path: Path) -> None:
    result = kzpolicy("build", EXAMPLES[0], "--lang", "kk", "--format", "md", "--annotate", "--out", tmp_path)
    assert result.returncode == 0, result.stderr
    table = (tmp_path / "privacy-policy.kk.provenance.md").read_text(encoding="utf-8")
    assert "| 1.1 | `definitions.terms` | 1 |" in table
    assert "`consent.withdrawal` | 8(2), 8(7), 24(1)(5)" in table


@pytest.mark.parametrize(
    ("change", "needles"),
    [
        ({"operator.bin": "190540012346"}, ("operator.bin", "check digit")),
        ({"operator.bin": DELETE, "operator.iin": IIN_IP}, ("operator", "BIN, not an IIN")),
        ({"operator.adress": "Алматы"}, ("operator.adress", "did you mean 'address'")),
        ({"purposes": ["order", "delivry"]}, ("purposes[1]", "did you mean 'delivery'")),
        ({"retention": {"default": "unlimited"}}, ("retention.default", "12(2)")),
    ],
    ids=["bin-check-digit", "iin-for-llp", "misspelled-key", "misspelled-id", "unlimited-retention"],
)
def test_invalid_answers_exit_2_and_write_nothing(
    kzpolicy: Runner, tmp_path: Path, change: dict, needles: tuple[str, ...]
) -> None:
    source = write_answers(tmp_path / "answers.yaml", answers(**change))
    out = tmp_path / "out"
    result = kzpolicy("build", source, "--out", out)
    assert_clean_failure(result, out, {}, *needles)
    assert not out.exists()


def test_yaml_syntax_error_names_the_line(kzpolicy: Runner, tmp_path: Path) -> None:
    source = tmp_path / "answers.yaml"
    source.write_text("operator:\n  name: [unclosed\nsites: []\n", encoding="utf-8")
    out = tmp_path / "out"
    result = kzpolicy("build", source, "--out", out)
    assert_clean_failure(result, out, {}, "YAML syntax error", "line")


def test_non_utf8_file(kzpolicy: Runner, tmp_path: Path) -> None:
    source = tmp_path / "answers.yaml"
    source.write_bytes(yaml.safe_dump(answers(), allow_unicode=True).encode("cp1251", "replace"))
    out = tmp_path / "out"
    result = kzpolicy("build", source, "--out", out)
    assert_clean_failure(result, out, {}, "not UTF-8")


def test_failed_build_leaves_previous_outputs_untouched(kzpolicy: Runner, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert kzpolicy("build", EXAMPLES[0], "--format", "md", "--out", out).returncode == 0
    before = snapshot(out)
    bad = write_answers(tmp_path / "bad.yaml", answers(**{"operator.email": "nope"}))
    result = kzpolicy("build", bad, "--format", "md", "--out", out)
    assert_clean_failure(result, out, before, "operator.email")


def test_missing_answers_file(kzpolicy: Runner, tmp_path: Path) -> None:
    result = kzpolicy("build", tmp_path / "nope.yaml", "--out", tmp_path / "out")
    assert_clean_failure(result, tmp_path / "out", {}, "no such file")


def test_output_path_that_is_a_file(kzpolicy: Runner, tmp_path: Path) -> None:
    blocker = tmp_path / "out"
    blocker.write_text("not a directory")
    result = kzpolicy("build", EXAMPLES[0], "--out", blocker)
    assert result.returncode == 2 and "not a directory" in result.stderr
    assert blocker.read_text() == "not a directory"


def test_unknown_format_and_language(kzpolicy: Runner, tmp_path: Path) -> None:
    result = kzpolicy("build", EXAMPLES[0], "--format", "pdf", "--out", tmp_path / "o")
    assert result.returncode == 2 and "unknown format 'pdf'" in result.stderr
    result = kzpolicy("build", EXAMPLES[0], "--lang", "de", "--out", tmp_path / "o")
    assert result.returncode == 2 and "unknown language 'de'" in result.stderr
    assert not (tmp_path / "o").exists()


def test_schema_prints_the_json_schema(kzpolicy: Runner) -> None:
    result = kzpolicy("schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert "operator" in schema["properties"]


def test_help_and_no_command(kzpolicy: Runner) -> None:
    result = kzpolicy("--help")
    assert result.returncode == 0 and "build" in result.stdout
    assert kzpolicy().returncode == 2


def test_python_dash_m_is_the_same_program(tmp_path: Path) -> None:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "generator", "--version"], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.startswith("kzpolicy ")


def test_the_pre_rendered_help_is_what_argparse_writes() -> None:
    from generator.cli import HELP_FILE, render_help

    shipped = (Path(__file__).resolve().parent.parent / "generator" / HELP_FILE).read_text(encoding="utf-8")
    assert shipped == render_help(), 'regenerate: python -c "from generator.cli import write_help; write_help()"'


def test_help_does_not_import_the_heavy_libraries(tmp_path: Path) -> None:
    import subprocess
    import sys

    code = ("import sys; from generator.cli import main; main(['--help']); "
            "print(sorted(m for m in ('argparse', 'pydantic', 'jinja2', 'yaml', 'typing') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, check=False)
    assert done.stdout.splitlines()[-1] == "[]"
