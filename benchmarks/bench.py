"""How fast and how big is kzpolicy? Whole processes, single documents, a batch, and pandoc.

    python benchmarks/bench.py            # the full run: a few minutes
    python benchmarks/bench.py --smoke    # the same table from tiny counts, in seconds
    python benchmarks/bench.py --help     # counts, work directory, bytecode mode

Run it with the interpreter kzpolicy is installed in (a venv's python): the console script
next to it is what gets timed. Prints Markdown tables (machine, date, numbers, targets met
or not) that the README can paste; benchmarks/README.md explains every number.

Timing and memory of a command come from a small wrapper process that starts it and reads
its wall time and ru_maxrss from wait4(): the peak RSS of that process or, for a batch, of
the largest process among the parent and its workers. The total memory of a batch (parent
plus workers together) is sampled from /proc while it runs (Linux only).
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a checkout without installing

EXAMPLE = ROOT / "examples" / "online-store-too.yaml"
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
LANGS = ("kk", "ru")
FORMATS = ("md", "html", "docx")

# Targets: reported as met or not, never asserted.
TARGET_HELP_RATIO = 2.0  # `kzpolicy --help` within 2x of `python -c pass`
TARGET_WARM_BUILD_S = 0.4  # one example, all formats, both languages, warm cache
TARGET_PANDOC_RATIO = 5.0  # the batch at least 5x faster than pandoc on the same documents
TARGET_PEAK_MIB = 150.0  # peak RSS of the single build and of any process of the batch


@dataclass(frozen=True)
class Settings:
    runs: int  # whole-process runs per measurement
    renders: int  # in-process renders per document and format
    files: int  # answers files in the batch
    pandoc_sample: int  # documents pandoc converts (then extrapolated)
    smoke: bool


FULL = Settings(runs=15, renders=100, files=1000, pandoc_sample=50, smoke=False)
SMOKE = Settings(runs=1, renders=5, files=20, pandoc_sample=5, smoke=True)


# --------------------------------------------------------------------------- measuring processes

# Starts the command, waits with wait4() and reports the command's own wall time and peak RSS.
# A separate small process, because a child spawned from this (large) process inherits its
# RSS high-water mark at exec on Linux, which would inflate the child's ru_maxrss.
_WRAPPER = """
import json, os, subprocess, sys, time
report, *command = sys.argv[1:]
start = time.perf_counter()
child = subprocess.Popen(command, stdout=subprocess.DEVNULL)
_, status, usage = os.wait4(child.pid, 0)
seconds = time.perf_counter() - start
child.returncode = code = os.waitstatus_to_exitcode(status)
kib = usage.ru_maxrss / (1024 if sys.platform == "darwin" else 1)  # Linux: KiB; macOS: bytes
with open(report, "w") as handle:
    json.dump({"code": code, "seconds": seconds, "cpu": usage.ru_utime + usage.ru_stime, "max_rss_kib": kib}, handle)
"""


Command = Sequence[str | os.PathLike[str]]


@dataclass(frozen=True)
class Measure:
    seconds: float  # wall clock
    cpu: float  # user + system seconds of the process and of the workers it waited for
    max_rss_mib: float
    total_mib: float | None = None  # sampled sum over the process tree (batch only)


class CommandError(RuntimeError):
    pass


def measure(command: Command, env: dict[str, str], *, sample_tree: bool = False) -> Measure:
    """Run ``command`` once through the wrapper; raise CommandError on a non-zero exit."""
    with tempfile.TemporaryDirectory(prefix="kzp-bench-") as scratch:
        report = Path(scratch) / "report.json"
        wrapper = subprocess.Popen(
            [sys.executable, "-c", _WRAPPER, str(report), *map(str, command)],
            stdin=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
        )
        sampler = _TreeSampler(wrapper.pid) if sample_tree else None
        _, stderr = wrapper.communicate()
        if sampler is not None:
            sampler.stop()
        if wrapper.returncode != 0 or not report.exists():
            raise CommandError(f"wrapper failed: {stderr.decode(errors='replace')[-2000:]}")
        result = json.loads(report.read_text())
    if result["code"] != 0:
        raise CommandError(
            f"{' '.join(map(str, command))} exited with {result['code']}:\n{stderr.decode(errors='replace')[-2000:]}"
        )
    return Measure(result["seconds"], result["cpu"], result["max_rss_kib"] / 1024,
                   sampler.peak_mib if sampler else None)


class _TreeSampler:
    """Samples the memory of every descendant of ``root`` (not ``root`` itself) from /proc:
    PSS where the kernel reports it (shared pages split fairly between forked workers),
    else RSS. The peak of the sums is kept. Linux only: elsewhere peak_mib stays None."""

    def __init__(self, root: int, interval: float = 0.05) -> None:
        self.root = root
        self.interval = interval
        self.peak_kib: int | None = 0 if Path("/proc/self/stat").exists() else None
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        if self.peak_kib is not None:
            self._thread.start()

    @property
    def peak_mib(self) -> float | None:
        return None if not self.peak_kib else self.peak_kib / 1024

    def stop(self) -> None:
        self._done.set()
        if self._thread.is_alive():
            self._thread.join()

    def _run(self) -> None:
        while not self._done.wait(self.interval):
            total = sum(_memory_kib(pid) for pid in _descendants(self.root))
            self.peak_kib = max(self.peak_kib or 0, total)


def _descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue
        ppid = int(stat.rsplit(b")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    found, stack = [], list(children.get(root, ()))
    while stack:
        pid = stack.pop()
        found.append(pid)
        stack.extend(children.get(pid, ()))
    return found


def _memory_kib(pid: int) -> int:
    for name, key in (("smaps_rollup", "Pss:"), ("status", "VmRSS:")):
        try:
            with open(f"/proc/{pid}/{name}") as handle:
                for line in handle:
                    if line.startswith(key):
                        return int(line.split()[1])
        except OSError:
            continue
    return 0


@dataclass
class Series:
    """Repeated whole-process measurements of one command."""

    seconds: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    rss_mib: list[float] = field(default_factory=list)

    def add(self, m: Measure) -> None:
        self.seconds.append(m.seconds)
        self.cpu.append(m.cpu)
        self.rss_mib.append(m.max_rss_mib)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def min(self) -> float:
        return min(self.seconds)

    @property
    def median_cpu(self) -> float:
        return statistics.median(self.cpu)

    @property
    def peak_mib(self) -> float:
        return max(self.rss_mib)


def repeat(runs: int, command: Callable[[int], Command], env: Callable[[int], dict[str, str]]) -> Series:
    series = Series()
    for index in range(runs):
        series.add(measure(command(index), env(index)))
    return series


# --------------------------------------------------------------------------- the program under test


def kzpolicy_command() -> list[str]:
    """The console script installed next to this interpreter, else `python -m generator`."""
    script = Path(sys.executable).with_name("kzpolicy")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "generator"]


def base_env(work: Path, *, bytecode_cache: bool) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KZPOLICY_")}
    if bytecode_cache:
        # As after `pip install` (which compiles every module): compiled bytecode is reused.
        # It goes to a private directory, so neither the checkout nor site-packages change.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    return env


# --------------------------------------------------------------------------- the batch input


def make_batch(directory: Path, count: int) -> tuple[int, int]:
    """Write ``count`` answers files varied from the examples: the operator's name, a new
    BIN or IIN with a valid check digit, and the services. Returns (files, fallbacks): a
    fallback keeps the example's services when the varied list does not validate or makes
    the compliance checks refuse the build (a service no declared purpose uses)."""
    import yaml

    from generator.answers.model import validate_answers
    from generator.answers.source import parse_text
    from generator.catalog import load_catalog
    from generator.checks.rules import has_errors, run_checks
    from generator.errors import AnswersError
    from generator.identifiers import IdentifierError, with_check_digit

    bases = [parse_text(p.read_text(encoding="utf-8"), p.name).data for p in EXAMPLES]
    domestic = sorted(
        key for key, service in load_catalog().services.items() if getattr(service, "country", "KZ") == "KZ"
    )
    directory.mkdir(parents=True, exist_ok=True)
    fallbacks = 0
    for index in range(count):
        data = copy.deepcopy(bases[index % len(bases)])
        operator = data["operator"]
        suffix = f" {index + 1:04d}"
        name = operator["name"]
        operator["name"] = {k: v + suffix for k, v in name.items()} if isinstance(name, dict) else name + suffix
        for key, prefix_length, serial_digits in (("bin", 6, 5), ("iin", 7, 4)):
            if operator.get(key):
                prefix = operator[key][:prefix_length]
                for attempt in range(20):
                    serial = (index * 7919 + attempt) % 10**serial_digits
                    try:
                        operator[key] = with_check_digit(f"{prefix}{serial:0{serial_digits}d}")
                        break
                    except IdentifierError:
                        continue
        original = list(data.get("services") or [])
        varied = [s for i, s in enumerate(original) if len(original) < 2 or i != index % len(original)]
        ids = {s if isinstance(s, str) else s.get("id") for s in varied}
        extra = domestic[index % len(domestic)] if domestic else None
        if extra and extra not in ids:
            varied.append(extra)
        data["services"] = varied
        try:
            refused = has_errors(run_checks(validate_answers(data)))
        except AnswersError:
            refused = True
        if refused:
            data["services"] = original
            fallbacks += 1
            validate_answers(data)  # the example itself with a new name and number: must be valid
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        (directory / f"client-{index + 1:04d}.yaml").write_text(text, encoding="utf-8")
    return count, fallbacks


# --------------------------------------------------------------------------- sections


@dataclass
class Results:
    settings: Settings
    jobs: int
    bytecode_cache: bool
    python_pass: Series | None = None
    help: Series | None = None
    build_cold: Series | None = None
    build_warm: Series | None = None
    build_warm_no_bytecode: Series | None = None
    load_ms: float | None = None
    document_ms: dict[str, float] = field(default_factory=dict)  # lang -> ms
    render_ms: dict[tuple[str, str], float] = field(default_factory=dict)  # (lang, fmt) -> ms
    build_one_ms: float | None = None  # a whole answers file in-process, varied files
    batch: Measure | None = None
    batch_fallbacks: int = 0
    pandoc_version: str | None = None
    pandoc_ms: dict[str, float] = field(default_factory=dict)  # fmt -> median ms per document
    pandoc_mean_ms: dict[str, float] = field(default_factory=dict)
    pandoc_cpu_ms: dict[str, float] = field(default_factory=dict)  # fmt -> mean CPU ms per document
    pandoc_sampled: int = 0
    notes: list[str] = field(default_factory=list)


def processes(results: Results, work: Path) -> None:
    runs = results.settings.runs
    env = base_env(work, bytecode_cache=results.bytecode_cache)
    kz = kzpolicy_command()
    out = work / "single"
    build = [*kz, "build", str(EXAMPLE), "--out", str(out)]  # all formats, both languages

    warm_cache = work / "cache-warm"
    warm_env = {**env, "KZPOLICY_CACHE_DIR": str(warm_cache)}
    for command in ([sys.executable, "-c", "pass"], [*kz, "--help"], build):
        measure(command, warm_env)  # warm-up: bytecode, file system cache, kzpolicy's cache

    results.python_pass = repeat(runs, lambda i: [sys.executable, "-c", "pass"], lambda i: env)
    results.help = repeat(runs, lambda i: [*kz, "--help"], lambda i: env)
    results.build_cold = repeat(
        runs, lambda i: build, lambda i: {**env, "KZPOLICY_CACHE_DIR": str(work / f"cache-cold-{i}")}
    )
    results.build_warm = repeat(runs, lambda i: build, lambda i: warm_env)
    if results.bytecode_cache and not results.settings.smoke:
        as_is = {**base_env(work, bytecode_cache=False), "KZPOLICY_CACHE_DIR": str(warm_cache)}
        if as_is.get("PYTHONDONTWRITEBYTECODE") or as_is.get("PYTHONPYCACHEPREFIX"):
            results.build_warm_no_bytecode = repeat(runs, lambda i: build, lambda i: as_is)


def in_process(results: Results, work: Path, clients: Path) -> None:
    """After warm-up, in this process: per document (load + validate, build the Document,
    render each format) for the example, and whole answers files (varied, so nothing is
    reused between them) as one batch worker builds them."""
    from generator.api import build_document, load_answers, render

    n = results.settings.renders
    warmup = 3

    def median_ms(action: Callable[[], object]) -> float:
        for _ in range(warmup):
            action()
        times = []
        for _ in range(n):
            start = time.perf_counter()
            action()
            times.append(time.perf_counter() - start)
        return statistics.median(times) * 1000

    answers = load_answers(EXAMPLE)
    results.load_ms = median_ms(lambda: load_answers(EXAMPLE))
    for lang in LANGS:
        results.document_ms[lang] = median_ms(lambda lang=lang: build_document(answers, lang))
        document = build_document(answers, lang)
        for fmt in FORMATS:
            results.render_ms[(lang, fmt)] = median_ms(lambda d=document, f=fmt: render(d, fmt=f))

    try:
        from generator.api import BuildOptions
        from generator.batch import build_file as build_one
    except ImportError as exc:  # pragma: no cover - the internals moved
        results.notes.append(f"in-process whole-file timing skipped: {exc}")
        return
    options = BuildOptions(langs=LANGS, formats=FORMATS)
    sources = sorted(clients.glob("*.yaml"))[: max(n, warmup + 1)]
    for source in sources[:warmup]:
        build_one(source, work / "in-process" / source.stem, options)
    times = []
    for source in sources[warmup:]:
        start = time.perf_counter()
        build_one(source, work / "in-process" / source.stem, options)
        times.append(time.perf_counter() - start)
    results.build_one_ms = statistics.median(times) * 1000


def batch(results: Results, work: Path, clients: Path) -> Path:
    out = work / "batch-out"
    env = {**base_env(work, bytecode_cache=results.bytecode_cache), "KZPOLICY_CACHE_DIR": str(work / "cache-warm")}
    command = [*kzpolicy_command(), "build", str(clients), "--out", str(out),
               "--lang", ",".join(LANGS), "--format", ",".join(FORMATS)]
    if results.jobs:
        command += ["--jobs", str(results.jobs)]
    results.batch = measure(command, env, sample_tree=True)
    built = [d for d in out.iterdir() if d.is_dir()]
    if len(built) != results.settings.files:
        raise CommandError(f"the batch built {len(built)} of {results.settings.files} answers files")
    return out


def pandoc(results: Results, batch_out: Path, work: Path) -> None:
    """pandoc converting the batch's own Markdown to DOCX and to standalone HTML, one
    document at a time, for an even sample of the documents."""
    program = shutil.which("pandoc")
    if program is None:
        results.notes.append("pandoc is not installed: the comparison with pandoc is skipped")
        return
    first = subprocess.run([program, "--version"], capture_output=True, text=True).stdout.splitlines()
    results.pandoc_version = first[0] if first else "pandoc"
    documents = sorted(batch_out.glob("*/privacy-policy.*.md"))
    sample_size = min(results.settings.pandoc_sample, len(documents))
    step = len(documents) / sample_size
    sample = [documents[int(i * step)] for i in range(sample_size)]
    target = work / "pandoc"
    target.mkdir(exist_ok=True)
    env = dict(os.environ)
    commands = {
        "docx": lambda src, dst: [program, "-f", "gfm", "-t", "docx", "-o", f"{dst}.docx", str(src)],
        "html": lambda src, dst: [program, "-f", "gfm", "-t", "html5", "-s", "--metadata", "pagetitle=policy",
                                  "-o", f"{dst}.html", str(src)],
    }
    measure(commands["docx"](sample[0], target / "warmup"), env)  # file system cache
    for fmt, command in commands.items():
        runs = [measure(command(src, target / f"{i}"), env) for i, src in enumerate(sample)]
        results.pandoc_ms[fmt] = statistics.median(m.seconds for m in runs) * 1000
        results.pandoc_mean_ms[fmt] = statistics.fmean(m.seconds for m in runs) * 1000
        results.pandoc_cpu_ms[fmt] = statistics.fmean(m.cpu for m in runs) * 1000
    results.pandoc_sampled = sample_size


# --------------------------------------------------------------------------- report


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms" if seconds < 10 else f"{seconds:,.1f} s"


def _mib(value: float | None) -> str:
    return "n/a" if value is None else f"{value:,.0f} MiB"


def _met(ok: bool | None) -> str:
    return "n/a" if ok is None else ("met" if ok else "**missed**")


def _ratio(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}×"


def report(results: Results) -> str:
    s = results.settings
    cores = os.cpu_count() or 1
    smoke = " (smoke run: tiny counts, not for comparison)" if s.smoke else ""
    lines = [
        f"### kzpolicy benchmark, {dt.date.today().isoformat()}{smoke}",
        "",
        f"Machine: {platform.platform()}, {platform.machine()}, {cores} CPUs (os.cpu_count), "
        f"Python {platform.python_version()}; {results.pandoc_version or 'no pandoc'}. "
        f"Whole processes: median and minimum of {s.runs} runs, wall clock; CPU is user + system; "
        f"bytecode {'cached (as after pip install)' if results.bytecode_cache else 'as the environment has it'}.",
        "",
        "| whole process | median | min | CPU (median) | peak RSS |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    rows = [
        ("`python -c pass`", results.python_pass),
        ("`kzpolicy --help`", results.help),
        ("`kzpolicy build` one example, 3 formats × kk+ru, cold cache", results.build_cold),
        ("`kzpolicy build` one example, 3 formats × kk+ru, warm cache", results.build_warm),
        ("the same, warm cache, without a bytecode cache", results.build_warm_no_bytecode),
    ]
    for label, series in rows:
        if series is not None:
            lines.append(f"| {label} | {_ms(series.median)} | {_ms(series.min)} | {_ms(series.median_cpu)} "
                         f"| {_mib(series.peak_mib)} |")
    help_ratio = results.help.median / results.python_pass.median if results.help and results.python_pass else None
    lines.append(f"| `--help` ÷ `python -c pass` (medians) | {_ratio(help_ratio)} | | | |")

    lines += ["", "| in-process, warm (median) | kk | ru |", "| --- | ---: | ---: |"]
    if results.load_ms is not None:
        lines.append(f"| load + validate the example's answers file | {results.load_ms:.1f} ms | (once for both) |")
    if results.document_ms:
        cells = " | ".join(f"{results.document_ms[lang]:.1f} ms" for lang in LANGS)
        lines.append(f"| build the Document | {cells} |")
    for fmt in FORMATS:
        if (LANGS[0], fmt) in results.render_ms:
            cells = " | ".join(f"{results.render_ms[(lang, fmt)]:.2f} ms" for lang in LANGS)
            lines.append(f"| render {fmt} | {cells} |")
    if results.build_one_ms is not None:
        lines.append(f"| a whole answers file (varied), load to files written, as a batch worker does "
                     f"| {results.build_one_ms:.1f} ms | (both) |")

    pandoc_ratio = None
    if results.batch is not None:
        files, jobs, documents = s.files, results.jobs or cores, s.files * len(LANGS)
        b = results.batch
        lines += [
            "",
            f"| batch: {files:,} answers files × {len(LANGS)} languages × {len(FORMATS)} formats, "
            f"`kzpolicy build DIR`, {jobs} jobs | value |",
            "| --- | ---: |",
            f"| total wall time | {b.seconds:,.2f} s |",
            f"| per answers file (6 documents): wall / CPU | {b.seconds / files * 1000:,.1f} ms / "
            f"{b.cpu / files * 1000:,.1f} ms |",
            f"| peak RSS of the largest process (parent or a worker) | {_mib(b.max_rss_mib)} |",
            f"| peak total memory, parent + workers (PSS, sampled) | {_mib(b.total_mib)} |",
        ]
        if results.batch_fallbacks:
            lines.append(f"| files that kept their example's services | {results.batch_fallbacks} |")
        if results.pandoc_ms:
            per_doc = sum(results.pandoc_mean_ms.values()) / 1000  # docx + html, one document
            sequential = per_doc * documents
            parallel = sequential / cores  # as if pandoc scaled perfectly over every core
            pandoc_ratio = parallel / b.seconds
            cpu_ratio = sum(results.pandoc_cpu_ms.values()) / 1000 * documents / b.cpu
            lines += [
                f"| pandoc md → docx, per document: wall (median of {results.pandoc_sampled}) / CPU "
                f"| {results.pandoc_ms['docx']:,.0f} ms / {results.pandoc_cpu_ms['docx']:,.0f} ms |",
                f"| pandoc md → html (standalone), per document: wall / CPU "
                f"| {results.pandoc_ms['html']:,.0f} ms / {results.pandoc_cpu_ms['html']:,.0f} ms |",
                f"| pandoc, the same {documents:,} documents × 2 formats, one core (extrapolated) "
                f"| {sequential:,.1f} s |",
                f"| pandoc, the same, {cores} cores with perfect scaling (extrapolated) | {parallel:,.1f} s |",
                f"| kzpolicy batch (validation + md + html + docx) vs pandoc (html + docx only), wall, "
                f"{cores} cores each | **{pandoc_ratio:.1f}× faster** |",
                f"| the same by CPU time | {cpu_ratio:.1f}× less CPU |",
            ]

    peaks = [results.build_warm.peak_mib if results.build_warm else None,
             results.batch.max_rss_mib if results.batch else None]
    peak = max((p for p in peaks if p is not None), default=None)
    warm = results.build_warm.median if results.build_warm else None
    lines += [
        "",
        "| target | measured | |",
        "| --- | ---: | --- |",
        f"| `kzpolicy --help` within {TARGET_HELP_RATIO:g}× of `python -c pass` | {_ratio(help_ratio)} "
        f"| {_met(None if help_ratio is None else help_ratio <= TARGET_HELP_RATIO)} |",
        f"| one example, all formats, both languages, warm cache, under {TARGET_WARM_BUILD_S:g} s "
        f"| {'n/a' if warm is None else _ms(warm)} | {_met(None if warm is None else warm < TARGET_WARM_BUILD_S)} |",
        f"| the {s.files:,}-file batch at least {TARGET_PANDOC_RATIO:g}× faster than pandoc "
        f"| {'n/a' if pandoc_ratio is None else f'{pandoc_ratio:.1f}×'} "
        f"| {_met(None if pandoc_ratio is None else pandoc_ratio >= TARGET_PANDOC_RATIO)} |",
        f"| peak RSS (single build; any process of the batch) under {TARGET_PEAK_MIB:g} MB | {_mib(peak)} "
        f"| {_met(None if peak is None else peak < TARGET_PEAK_MIB)} |",
    ]
    lines += [f"\nNote: {note}" for note in results.notes]
    return "\n".join(lines)


# --------------------------------------------------------------------------- main


@contextmanager
def work_directory(keep: Path | None) -> Iterator[Path]:
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
        yield keep
        return
    directory = Path(tempfile.mkdtemp(prefix="kzpolicy-bench-"))
    try:
        yield directory
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--smoke", action="store_true", help="tiny counts: checks that everything runs")
    parser.add_argument("--runs", type=int, help=f"whole-process runs per measurement (default {FULL.runs})")
    parser.add_argument("--renders", type=int, help=f"in-process renders per document (default {FULL.renders})")
    parser.add_argument("--files", type=int, help=f"answers files in the batch (default {FULL.files})")
    parser.add_argument("--pandoc-sample", type=int, help=f"documents pandoc converts (default {FULL.pandoc_sample})")
    parser.add_argument("--jobs", type=int, default=None, help="kzpolicy --jobs for the batch (default: every core)")
    parser.add_argument("--no-bytecode-cache", action="store_true",
                        help="run kzpolicy with the environment as it is (e.g. PYTHONDONTWRITEBYTECODE=1)")
    parser.add_argument("--work", type=Path, default=None, help="keep the work files in this directory")
    args = parser.parse_args(argv)

    base = SMOKE if args.smoke else FULL
    settings = Settings(
        runs=args.runs or base.runs,
        renders=args.renders or base.renders,
        files=args.files or base.files,
        pandoc_sample=args.pandoc_sample or base.pandoc_sample,
        smoke=base.smoke,
    )
    results = Results(settings, jobs=args.jobs or 0, bytecode_cache=not args.no_bytecode_cache)
    with work_directory(args.work) as work:
        # In this process too (the in-process section), generator uses the warm cache.
        os.environ["KZPOLICY_CACHE_DIR"] = str(work / "cache-warm")
        clients = work / "clients"
        outputs: list[Path] = []

        def make_clients() -> None:
            _, results.batch_fallbacks = make_batch(clients, settings.files)

        steps: list[tuple[str, Callable[[], Any]]] = [
            ("whole processes", lambda: processes(results, work)),
            (f"writing {settings.files} answers files", make_clients),
            ("in-process documents", lambda: in_process(results, work, clients)),
            ("batch", lambda: outputs.append(batch(results, work, clients))),
            ("pandoc", lambda: pandoc(results, outputs[0], work)),
        ]
        for label, step in steps:
            start = time.perf_counter()
            print(f"... {label}", file=sys.stderr, flush=True)
            step()
            print(f"    {time.perf_counter() - start:.1f} s", file=sys.stderr, flush=True)
    print(report(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
