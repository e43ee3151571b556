"""The command line: arguments -> the Python API -> an exit code. No business logic here.

Exit codes: 0 success; 2 invalid input or usage (a message naming the field and the fix,
no traceback, nothing written); 1 anything unexpected.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__

EPILOG = """\
exit codes: 0 success; 2 invalid input or usage (nothing is written); 1 unexpected error.
Answers file reference: kzpolicy schema, and the README."""


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kzpolicy",
        description="Privacy policies for website operators in Kazakhstan (Law No. 94-V), "
        "in Kazakh and Russian, as Markdown, HTML and DOCX.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"kzpolicy {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    build = commands.add_parser(
        "build",
        help="write the policy from an answers file",
        description="Write DIR/privacy-policy.<lang>.<ext> for every language and format asked for.",
        epilog=EPILOG,
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

    commands.add_parser("schema", help="print the JSON Schema of the answers file")
    return parser


def _load(source: str) -> object:
    from .api import load_answers, parse_answers

    if source == "-":
        return parse_answers(sys.stdin.buffer.read(), name="<stdin>")
    return load_answers(source)


def _build(args: argparse.Namespace) -> int:
    from .answers import Answers
    from .api import build_files
    from .output import write_all

    answers = _load(args.answers)
    assert isinstance(answers, Answers)
    files = build_files(answers, langs=args.lang, formats=args.formats, fragment=args.fragment)
    if args.annotate:
        from .provenance import provenance_files

        files.update(provenance_files(answers, args.lang))
    for path in write_all(args.out, files):
        print(path)
    return 0


def _schema() -> int:
    import json

    from .answers import json_schema

    print(json.dumps(json_schema(), ensure_ascii=False, indent=2, sort_keys=True))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    from .errors import KzPolicyError

    try:
        if args.command == "build":
            return _build(args)
        if args.command == "schema":
            return _schema()
    except KzPolicyError as exc:
        print(f"kzpolicy: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("kzpolicy: interrupted; nothing was written", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    parser.error(f"unknown command {args.command!r}")
    return 2  # pragma: no cover - parser.error exits
