"""Building many answers files at once, on every core, one bad file never stopping the rest.

A studio that keeps hundreds of clients' answers runs `kzpolicy build clients/ --out site/`:
each answers file gets its own output directory named after the file, failures are
collected with their reasons, and the exit code says whether everything was built.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from .errors import InputError, KzPolicyError

if TYPE_CHECKING:
    from .api import BuildOptions

ANSWER_SUFFIXES = (".yaml", ".yml", ".json")


@dataclass
class Outcome:
    source: Path
    files: list[Path] = field(default_factory=list)
    error: str | None = None
    exit_code: int = 0
    notes: list[str] = field(default_factory=list)  # warnings worth showing in the summary

    @property
    def ok(self) -> bool:
        return self.error is None


def collect_sources(arguments: Iterable[str]) -> list[Path]:
    """The answers files named on the command line: files as given, directories expanded
    to their *.yaml, *.yml and *.json files (sorted, not recursive)."""
    sources: list[Path] = []
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix.lower() in ANSWER_SUFFIXES and p.is_file())
            if not found:
                raise InputError(f"{path}: no answers files (*.yaml, *.yml, *.json) in this directory")
            sources.extend(found)
        else:
            sources.append(path)
    seen: dict[str, Path] = {}
    for source in sources:
        other = seen.setdefault(source.stem, source)
        if other != source:
            raise InputError(
                f"{other} and {source} would both be built into {source.stem}/: rename one of them"
            )
    return sources


def build_file(source: Path, out: Path, options: BuildOptions) -> Outcome:
    """One answers file built into ``out`` by :func:`generator.api.build`, as an outcome."""
    from .answers import load_answers
    from .api import BuildRequest, build

    try:
        result = build(BuildRequest(load_answers(source), options, str(source)), out)
    except KzPolicyError as exc:
        return Outcome(source, error=str(exc), exit_code=exc.exit_code)
    except Exception as exc:  # one broken file must not stop the batch
        return Outcome(source, error=f"unexpected error: {exc.__class__.__name__}: {exc}", exit_code=1)
    return Outcome(source, files=list(result), notes=result.warnings())


def _build_chunk(sources: Sequence[Path], out: Path, options: BuildOptions) -> list[Outcome]:
    return [build_file(source, out / source.stem, options) for source in sources]


# What every build needs. Imported once in the parent before the workers fork, they start
# with it instead of each importing it again (and share its memory, copy-on-write).
_WARM_MODULES = (
    "api", "engine.build", "export.output_set", "checks.rules", "export.manifest",
    "export.markdown", "export.html", "export.docx",
)


def _warm_up() -> None:
    from importlib import import_module

    try:
        for name in _WARM_MODULES:
            import_module(f"{__package__}.{name}")
        import_module(f"{__package__}.catalog").load_catalog()
    except Exception:  # only an optimization: each build still reports its own errors
        pass


def _chunk_size(count: int, jobs: int) -> int:
    # A few files per task: fewer round trips to the workers, still about four tasks per
    # worker so that the work evens out at the end.
    return max(1, min(8, count // (jobs * 4)))


def build_many(
    sources: Sequence[Path],
    out: Path,
    options: BuildOptions,
    *,
    jobs: int | None = None,
    progress: TextIO | None = None,
) -> list[Outcome]:
    """Build every source into ``out/<stem>/``; outcomes in source order."""
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(sources)))
    outcomes: dict[Path, Outcome] = {}
    bar = _Progress(len(sources), progress)
    if jobs == 1:
        for source in sources:
            outcomes[source] = build_file(source, out / source.stem, options)
            bar.advance(outcomes[source].ok)
    else:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor, as_completed

        context = multiprocessing.get_context()
        if context.get_start_method() == "fork":
            _warm_up()
        size = _chunk_size(len(sources), jobs)
        chunks = [sources[i : i + size] for i in range(0, len(sources), size)]
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            futures = {pool.submit(_build_chunk, chunk, out, options): chunk for chunk in chunks}
            for future in as_completed(futures):
                for source, outcome in zip(futures[future], future.result(), strict=True):
                    outcomes[source] = outcome
                    bar.advance(outcome.ok)
    bar.finish()
    return [outcomes[source] for source in sources]


def summary(outcomes: Sequence[Outcome]) -> tuple[str, int]:
    """A report for a person and the exit code: 0 all built; else the worst failure's code."""
    failed = [o for o in outcomes if not o.ok]
    lines = [f"built {len(outcomes) - len(failed)} of {len(outcomes)} answers files"
             + (f"; {len(failed)} failed:" if failed else "")]
    for outcome in failed:
        first, *rest = (outcome.error or "").splitlines() or [""]
        first = first.removeprefix(f"{outcome.source}: ")  # the error may already name the file
        lines.append(f"  {outcome.source}: {first}")
        lines.extend(f"    {line.strip()}" for line in rest)
    code = max((o.exit_code for o in failed), default=0)
    return "\n".join(lines), code


class _Progress:
    """A one-line progress bar on a terminal; silent when not a terminal."""

    def __init__(self, total: int, stream: TextIO | None) -> None:
        self.total = total
        self.done = 0
        self.failed = 0
        self.stream = stream if stream is not None and stream.isatty() else None

    def advance(self, ok: bool) -> None:
        self.done += 1
        self.failed += 0 if ok else 1
        if self.stream is None:
            return
        width = 30
        filled = width * self.done // self.total
        bar = "#" * filled + "." * (width - filled)
        failed = f", {self.failed} failed" if self.failed else ""
        self.stream.write(f"\rbuilding [{bar}] {self.done}/{self.total}{failed}")
        self.stream.flush()

    def finish(self) -> None:
        if self.stream is not None:
            self.stream.write("\n")
            self.stream.flush()


def default_progress_stream() -> TextIO:
    return sys.stderr
