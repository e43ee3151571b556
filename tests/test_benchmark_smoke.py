"""benchmarks/bench.py --smoke runs end to end and prints its table (no timing is asserted)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.slow  # drives a real program or hundreds of generated examples

BENCH = ROOT / "benchmarks" / "bench.py"


def test_benchmark_smoke_run_prints_the_table(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(BENCH), "--smoke", "--work", str(tmp_path / "work")],
        capture_output=True, text=True, timeout=600, cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Traceback" not in done.stderr
    table = done.stdout
    for row in (
        "### kzpolicy benchmark",
        "| whole process | median | min | CPU (median) | peak RSS |",
        "| `python -c pass` |",
        "| `kzpolicy --help` |",
        "one example, 3 formats × kk+ru, cold cache |",
        "one example, 3 formats × kk+ru, warm cache |",
        "| `--help` ÷ `python -c pass` (medians) |",
        "| build the Document |",
        "| render md |",
        "| render html |",
        "| render docx |",
        "| batch: 20 answers files × 2 languages × 3 formats",
        "| total wall time |",
        "| peak RSS of the largest process (parent or a worker) |",
        "| target | measured | |",
    ):
        assert row in table, f"{row!r} not in:\n{table}"
    assert ("| pandoc md → docx" in table) or ("pandoc is not installed" in table)
    built = sorted(p.name for p in (tmp_path / "work" / "batch-out").iterdir())
    assert len(built) == 20
