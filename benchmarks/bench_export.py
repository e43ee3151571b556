"""Time the exporters: one Document, rendered N times per format after a warm-up.

    python benchmarks/bench_export.py            # 200 iterations per format
    python benchmarks/bench_export.py 1000       # N iterations
    python benchmarks/bench_export.py --smoke    # 20 iterations, for CI
    python benchmarks/bench_export.py --example examples/aifc-corporate.yaml --lang ru

Prints mean and 95th-percentile milliseconds per document for Markdown, HTML and DOCX,
and for comparison a naive DOCX written through python-docx's own API (a new
docx.Document() per policy, add_heading/add_paragraph/add_table, save), which is what the
exporter's prebuilt styled package avoids. Needs nothing beyond the project itself.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a checkout without installing

from generator import document as d  # noqa: E402
from generator.api import build_document, load_answers, render  # noqa: E402

DEFAULT_EXAMPLE = ROOT / "examples" / "online-store-too.yaml"
WARMUP = 5


def naive_docx(document: d.Document) -> bytes:
    """The same content through python-docx's public API, the straightforward way."""
    import docx

    package = docx.Document()
    meta = document.meta
    package.core_properties.title = meta.title
    package.core_properties.author = meta.operator
    package.add_heading(meta.title, level=0)
    if meta.subtitle:
        package.add_paragraph(meta.subtitle, style="Subtitle")

    def runs(paragraph: object, nodes: tuple[d.Inline, ...], bold: bool = False, italic: bool = False) -> None:
        for node in nodes:
            if isinstance(node, d.Text | d.Ref):
                text = node.text if isinstance(node, d.Text) else document.number_of(node.target)
                run = paragraph.add_run(text)  # type: ignore[attr-defined]
                run.bold, run.italic = bold or None, italic or None
            elif isinstance(node, d.Strong):
                runs(paragraph, node.children, True, italic)
            elif isinstance(node, d.Emph):
                runs(paragraph, node.children, bold, True)
            else:
                runs(paragraph, node.children, bold, italic)

    def blocks(items: tuple[d.Block, ...], number: str | None) -> None:
        for index, block in enumerate(items):
            lead = f"{number}. " if number is not None and index == 0 else None
            if isinstance(block, d.Paragraph):
                paragraph = package.add_paragraph()
                if lead:
                    paragraph.add_run(lead).bold = True
                runs(paragraph, block.inlines)
            elif isinstance(block, d.BulletList):
                if lead:
                    package.add_paragraph().add_run(lead).bold = True
                for item in block.items:
                    runs(package.add_paragraph(style="List Bullet"), item)
            elif isinstance(block, d.Table):
                if lead:
                    package.add_paragraph().add_run(lead).bold = True
                lines = ([block.header] if block.header else []) + list(block.rows)
                table = package.add_table(rows=len(lines), cols=len(lines[0]))
                table.style = "Table Grid"
                for row, line in zip(table.rows, lines, strict=True):
                    for cell, content in zip(row.cells, line, strict=True):
                        runs(cell.paragraphs[0], content, bold=line is block.header)
            else:
                blocks(block.blocks, block.number)

    blocks(document.preamble, None)
    for section in document.sections:
        package.add_heading(f"{section.number}. {section.title}", level=1)
        for clause in section.clauses:
            blocks(clause.blocks, clause.number)
    out = io.BytesIO()
    package.save(out)
    return out.getvalue()


def measure(function: Callable[[], object], iterations: int) -> list[float]:
    for _ in range(WARMUP):
        function()
    times = []
    for _ in range(iterations):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return times


def p95(times: list[float]) -> float:
    if len(times) < 2:
        return times[0]
    return statistics.quantiles(times, n=20, method="inclusive")[18]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("iterations", nargs="?", type=int, default=200, help="iterations per format (default 200)")
    parser.add_argument("--smoke", action="store_true", help="20 iterations: a quick check that it runs")
    parser.add_argument("--example", type=Path, default=DEFAULT_EXAMPLE, help="answers file to render")
    parser.add_argument("--lang", default="kk", choices=("kk", "ru"))
    args = parser.parse_args(argv)
    iterations = 20 if args.smoke else args.iterations
    if iterations < 1:
        parser.error("iterations must be at least 1")

    document = build_document(load_answers(args.example), args.lang)

    # The first DOCX of a process also makes the styled package (python-docx, or the on-disk cache).
    start = time.perf_counter()
    first = render(document, fmt="docx")
    cold_docx = (time.perf_counter() - start) * 1000

    cases: list[tuple[str, Callable[[], object]]] = [
        ("md", lambda: render(document, fmt="md")),
        ("html", lambda: render(document, fmt="html")),
        ("docx", lambda: render(document, fmt="docx")),
        ("docx, naive python-docx", lambda: naive_docx(document)),
    ]
    clauses = sum(1 for _ in document.clauses())
    print(f"{args.example.name} ({args.lang}): {len(document.sections)} sections, {clauses} clauses; "
          f"{iterations} iterations per format after {WARMUP} warm-up runs; Python {sys.version.split()[0]}")
    print(f"first docx of the process (makes or loads the styled package): {cold_docx:.1f} ms, {len(first)} bytes")
    print()
    print(f"{'format':<26}{'mean ms':>10}{'p95 ms':>10}")
    print("-" * 46)
    means: dict[str, float] = {}
    for name, function in cases:
        times = measure(function, iterations)
        means[name] = statistics.fmean(times)
        print(f"{name:<26}{means[name]:>10.2f}{p95(times):>10.2f}")
    print()
    ratio = means["docx, naive python-docx"] / means["docx"]
    print(f"docx: ours is {ratio:.1f}x faster than the naive python-docx path")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
