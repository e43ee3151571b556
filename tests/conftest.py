"""Shared fixtures: the repository's examples and the real `kzpolicy` console script."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
CASES = sorted(p for p in (ROOT / "tests" / "cases").glob("*") if p.is_dir())


def kzpolicy_command() -> list[str]:
    """The installed console script when present (what users run), else the module."""
    script = Path(sys.executable).with_name("kzpolicy")
    if script.exists():
        return [str(script)]
    found = shutil.which("kzpolicy")
    return [found] if found else [sys.executable, "-m", "generator"]


Runner = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def kzpolicy() -> Runner:
    def run(*args: str | os.PathLike[str], input: str | bytes | None = None,
            cwd: Path | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        command: Sequence[str] = [*kzpolicy_command(), *map(str, args)]
        full_env = {**os.environ, "PYTHONHASHSEED": "random", **(env or {})}
        data = input.encode() if isinstance(input, str) else input
        done = subprocess.run(command, input=data, capture_output=True, cwd=cwd, env=full_env, timeout=120)
        return subprocess.CompletedProcess(
            done.args, done.returncode, done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace")
        )

    return run


def snapshot(directory: Path) -> dict[str, bytes]:
    """Every file under ``directory`` with its bytes: to prove a failed run changed nothing."""
    if not directory.exists():
        return {}
    return {str(p.relative_to(directory)): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}
