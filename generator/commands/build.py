"""`kzpolicy build`: write the policy files from an answers file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def add_parser(commands: Any, epilog: str) -> None:
    build = commands.add_parser(
        "build",
        help="write the policy from an answers file",
        description="Write DIR/privacy-policy.<lang>.<ext> for every language and format asked for.",
        epilog=epilog,
    )
    build.add_argument("answers", metavar="ANSWERS", help="answers file (YAML or JSON); - reads standard input")
    build.add_argument("--lang", type=_split, default=None, metavar="kk,ru",
                       help="document languages (default: policy.languages in the answers)")
    build.add_argument("--format", dest="formats", type=_split, default=None, metavar="md,html,docx",
                       help="output formats (default: all)")
    build.add_argument("--out", type=Path, default=Path("out"), metavar="DIR",
                       help="output directory (default: ./out)")
    build.add_argument("--fragment", action="store_true",
                       help="HTML without <html>/<head>, to include in a site's layout")
    build.add_argument("--annotate", action="store_true",
                       help="also write privacy-policy.<lang>.provenance.md: clause number -> id -> "
                       "article of Law 94-V, for a lawyer's review")


def load(source: str) -> Any:
    from ..api import load_answers, parse_answers

    if source == "-":
        return parse_answers(sys.stdin.buffer.read(), name="<stdin>")
    return load_answers(source)


def run(args: argparse.Namespace) -> int:
    from ..api import build_files
    from ..output import write_all

    answers = load(args.answers)
    files = build_files(answers, langs=args.lang, formats=args.formats, fragment=args.fragment)
    if args.annotate:
        from ..provenance import provenance_files

        files.update(provenance_files(answers, args.lang))
    for path in write_all(args.out, files):
        print(path)
    return 0
