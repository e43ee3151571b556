"""`kzpolicy build`: write the policy files from an answers file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..batch import BuildOptions, Outcome


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def add_parser(commands: Any, epilog: str) -> None:
    build = commands.add_parser(
        "build",
        help="write the policy from an answers file",
        description="Write DIR/privacy-policy.<lang>.<ext> for every language and format asked for.",
        epilog=epilog,
    )
    build.add_argument("answers", metavar="ANSWERS", nargs="+",
                       help="answers file (YAML or JSON); - reads standard input. Several files or a "
                       "directory build each into DIR/<file name>/, in parallel")
    build.add_argument("--lang", type=_split, default=None, metavar="kk,ru",
                       help="document languages (default: policy.languages in the answers)")
    build.add_argument("--format", dest="formats", type=_split, default=None, metavar="md,html,docx",
                       help="output formats (default: all)")
    build.add_argument("--out", type=Path, default=Path("out"), metavar="DIR",
                       help="output directory (default: ./out)")
    build.add_argument("--fragment", action="store_true",
                       help="HTML without <html>/<head>, to include in a site's layout")
    build.add_argument("--front-matter", action="store_true",
                       help="Markdown starts with YAML front matter (title, lang, version, effective_date, "
                       "description) for Hugo, Jekyll, Eleventy, Astro")
    build.add_argument("--jobs", type=int, default=None, metavar="N",
                       help="parallel builds for several answers files (default: every core)")
    build.add_argument("--annotate", action="store_true",
                       help="also write privacy-policy.<lang>.provenance.md: clause number -> id -> "
                       "article of Law 94-V, for a lawyer's review")
    build.add_argument("--force", action="store_true",
                       help="build even when the answers have error-level compliance findings (kzpolicy check "
                       "lists them); warnings are always printed to stderr and never stop a build")


def load(source: str) -> Any:
    from ..api import load_answers, parse_answers

    if source == "-":  # the batch never passes "-"
        return parse_answers(sys.stdin.buffer.read(), name="<stdin>")
    return load_answers(source)


def options_from(args: argparse.Namespace) -> BuildOptions:
    from ..batch import BuildOptions

    return BuildOptions(
        langs=tuple(args.lang) if args.lang else None,
        formats=tuple(args.formats) if args.formats else None,
        fragment=args.fragment,
        annotate=args.annotate,
        extra=(("front_matter", args.front_matter), ("force", args.force)),
    )


def build_one(source: Path, out: Path, options: BuildOptions) -> Outcome:
    """Build one answers file into ``out``: the whole single-file build, also run by each
    worker of a batch. Raises the usual errors; the batch turns them into outcomes."""
    from ..api import build_documents, build_files
    from ..batch import Outcome
    from ..export.output_set import write_all

    answers = load(str(source))
    from ..checks.rules import build_notes  # warnings to show; error-level findings refuse the build

    notes = build_notes(answers, source="<stdin>" if str(source) == "-" else str(source),
                        force=bool(dict(options.extra).get("force")))
    documents = build_documents(answers, options.langs)  # once: the files, provenance and manifest share them
    files = build_files(answers, langs=options.langs, formats=options.formats, fragment=options.fragment,
                        front_matter=bool(dict(options.extra).get("front_matter")), documents=documents)
    if options.annotate:
        from ..export.provenance import provenance_table

        files.update({f"privacy-policy.{lang}.provenance.md": provenance_table(document).encode("utf-8")
                      for lang, document in documents.items()})
    from ..export.manifest import MANIFEST_NAME, manifest_json  # always: versions, hashes, anchors

    files[MANIFEST_NAME] = manifest_json(documents, files)
    return Outcome(source, files=write_all(out, files), notes=notes)


def run(args: argparse.Namespace) -> int:
    options = options_from(args)
    sources: list[str] = args.answers
    if len(sources) == 1 and not Path(sources[0]).is_dir():
        outcome = build_one(Path(sources[0]), args.out, options)
        for note in outcome.notes:
            print(note, file=sys.stderr)
        for path in outcome.files:
            print(path)
        return 0
    from ..batch import build_many, collect_sources, summary
    from ..errors import InputError

    if "-" in sources:
        raise InputError("'-' (standard input) builds one answers file: give it alone")
    if args.jobs is not None and args.jobs < 1:
        raise InputError("--jobs must be 1 or more")
    outcomes = build_many(collect_sources(sources), args.out, options, build_one, jobs=args.jobs,
                          progress=sys.stderr)
    for outcome in outcomes:
        for note in outcome.notes:
            print(f"{outcome.source}: {note}", file=sys.stderr)
    report, code = summary(outcomes)
    print(report)
    return code
