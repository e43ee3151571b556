"""`kzpolicy build`: write the policy files from an answers file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..api import BuildOptions


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
    build.add_argument("--documents", type=_split, default=None, metavar="policy,consent,cookies",
                       help="which documents: policy (default), consent (the Art. 8(4) consent, "
                       "personal-data-consent.<lang>.<ext>, with the checkbox snippets "
                       "consent-checkbox.<lang>.html and .txt), cookies (the cookie notice "
                       "cookie-notice.<lang>.html and .txt with cookie-notice.css and .js, when a "
                       "service's cookies need consent); the policy is always built")
    build.add_argument("--out", type=Path, default=Path("out"), metavar="DIR",
                       help="output directory (default: ./out)")
    build.add_argument("--fragment", action="store_true",
                       help="HTML without <html>/<head>, to include in a site's layout")
    build.add_argument("--front-matter", action="store_true",
                       help="Markdown starts with YAML front matter (title, lang, version, effective_date, "
                       "description) for Hugo, Jekyll, Eleventy, Astro")
    build.add_argument("--manifest", dest="manifest_path", default=None, metavar="PATH",
                       help="write the manifest to PATH (default: DIR/privacy-policy.manifest.json, with "
                       "--front-matter DIR/.privacy-policy.manifest.json, a dot-file site generators do not publish)")
    build.add_argument("--jobs", type=int, default=None, metavar="N",
                       help="parallel builds for several answers files (default: every core)")
    build.add_argument("--annotate", action="store_true",
                       help="also write privacy-policy.<lang>.provenance.md: clause number -> id -> "
                       "article of Law 94-V, for a lawyer's review")
    build.add_argument("--force", action="store_true",
                       help="build even when the answers have error-level compliance findings (kzpolicy check "
                       "lists them); warnings are always printed to stderr and never stop a build")


def options_from(args: argparse.Namespace) -> BuildOptions:
    from ..api import BuildOptions

    return BuildOptions(
        langs=tuple(args.lang) if args.lang else None,
        formats=tuple(args.formats) if args.formats else None,
        fragment=args.fragment,
        front_matter=args.front_matter,
        annotate=args.annotate,
        force=args.force,
        manifest_path=args.manifest_path,
        documents=tuple(args.documents) if args.documents else ("policy",),
    )


def run(args: argparse.Namespace) -> int:
    from . import read_answers, source_label

    options = options_from(args)
    sources: list[str] = args.answers
    if len(sources) == 1 and not Path(sources[0]).is_dir():
        from ..api import BuildRequest, build

        result = build(BuildRequest(read_answers(sources[0]), options, source_label(sources[0])), args.out)
        for note in result.warnings():
            print(note, file=sys.stderr)
        for path in result:
            print(path)
        return 0
    from ..batch import build_many, collect_sources, summary
    from ..errors import InputError

    if args.manifest_path is not None:
        raise InputError("--manifest names one file: give one answers file, or leave --manifest out "
                         "(each build then writes its manifest into its own folder)")
    if "-" in sources:
        raise InputError("'-' (standard input) builds one answers file: give it alone")
    if args.jobs is not None and args.jobs < 1:
        raise InputError("--jobs must be 1 or more")
    outcomes = build_many(collect_sources(sources), args.out, options, jobs=args.jobs, progress=sys.stderr)
    for outcome in outcomes:
        for note in outcome.notes:
            print(f"{outcome.source}: {note}", file=sys.stderr)
    report, code = summary(outcomes)
    print(report)
    return code
