"""Valid but edgy answers files: what Windows editors and copy-paste produce must still build.

A UTF-8 byte-order mark, CRLF line ends (also together, also in JSON and on standard input)
and Cyrillic that looks like a Windows-1251 mix-up but is valid UTF-8 are not errors: the
build succeeds and writes exactly what the plain file gives.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from .conftest import ROOT, Runner, kzpolicy_command, snapshot

PLAIN = ROOT / "examples" / "online-store-too.yaml"
NAME = "Дала Маркет"
# «Дала Маркет» as UTF-8 bytes read as Windows-1251: what a mixed-up encoding shows. Every
# character is a real one, so this is valid UTF-8 text that must be taken as typed.
MOJIBAKE = NAME.encode("utf-8").decode("cp1251")
BOM = b"\xef\xbb\xbf"
POLICY_FILES = sorted(f"privacy-policy.{lang}.{ext}" for lang in ("kk", "ru") for ext in ("md", "html", "docx"))


def _crlf(data: bytes) -> bytes:
    return data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


def _as_json(data: bytes) -> bytes:
    def plain(value: object) -> str:
        assert isinstance(value, dt.date)
        return value.isoformat()

    return json.dumps(yaml.safe_load(data), ensure_ascii=False, indent=2, default=plain).encode("utf-8")


VARIANTS: dict[str, tuple[str, Callable[[bytes], bytes]]] = {
    "utf8-bom": (".yaml", lambda data: BOM + data),
    "crlf": (".yaml", _crlf),
    "bom-and-crlf": (".yaml", lambda data: BOM + _crlf(data)),
    "json-bom-crlf": (".json", lambda data: BOM + _crlf(_as_json(data))),
}


@pytest.fixture(scope="module")
def plain_build(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """Every file the plain example builds into (one build for the whole module)."""
    out = tmp_path_factory.mktemp("plain") / "out"
    done = subprocess.run([*kzpolicy_command(), "build", str(PLAIN), "--out", str(out)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    files = snapshot(out)
    assert set(POLICY_FILES) <= set(files)
    return files


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_variant_builds_the_same_files(
    kzpolicy: Runner, plain_build: dict[str, bytes], tmp_path: Path, variant: str
) -> None:
    suffix, transform = VARIANTS[variant]
    source = tmp_path / f"answers{suffix}"
    source.write_bytes(transform(PLAIN.read_bytes()))
    out = tmp_path / "out"
    result = kzpolicy("build", source, "--out", out)
    assert result.returncode == 0, result.stderr
    assert snapshot(out) == plain_build


def test_bom_and_crlf_on_standard_input(kzpolicy: Runner, plain_build: dict[str, bytes], tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = kzpolicy("build", "-", "--out", out, input=BOM + _crlf(PLAIN.read_bytes()))
    assert result.returncode == 0, result.stderr
    assert snapshot(out) == plain_build


def _docx_parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {name: package.read(name) for name in package.namelist()}


def test_windows_1251_looking_utf8_is_taken_as_typed(
    kzpolicy: Runner, plain_build: dict[str, bytes], tmp_path: Path
) -> None:
    text = PLAIN.read_text(encoding="utf-8")
    assert text.count(f"name: {NAME}\n") == 1
    source = tmp_path / "answers.yaml"
    source.write_text(text.replace(f"name: {NAME}\n", f"name: {MOJIBAKE}\n"), encoding="utf-8")
    out = tmp_path / "out"
    result = kzpolicy("build", source, "--out", out)
    assert result.returncode == 0, result.stderr
    built = snapshot(out)
    assert set(POLICY_FILES) <= set(built)
    wanted, mojibake = NAME.encode("utf-8"), MOJIBAKE.encode("utf-8")
    for name in POLICY_FILES:
        if name.endswith(".docx"):
            got, expected = _docx_parts(built[name]), _docx_parts(plain_build[name])
            assert sorted(got) == sorted(expected)
            assert any(mojibake in part for part in got.values())
            assert {n: p.replace(mojibake, wanted) for n, p in got.items()} == expected, name
        else:
            assert mojibake in built[name]  # shown literally, not "repaired"
            assert built[name].replace(mojibake, wanted) == plain_build[name], name
