"""`kzpolicy diff OLD NEW`: what changed in the policy's text, clause by clause.

Exit codes follow diff(1): 0 no differences, 1 differences, 2 invalid input or usage.
An unexpected error (a bug) exits 3 with its traceback, so a script can tell "the policy
changed" from "the comparison failed".
"""

from __future__ import annotations

import argparse
import sys
import traceback
from typing import Any

EXIT_SAME = 0
EXIT_DIFFERENT = 1
EXIT_BUG = 3


def add_parser(commands: Any, epilog: str) -> None:
    diff = commands.add_parser(
        "diff",
        help="what changed in the text between two answers or Markdown files",
        description="Compare two answers files (clauses matched by id) or two built privacy-policy.<lang>.md "
        "files (clauses read back by number and aligned by text): added, removed, changed (with a word "
        "diff) and renumbered clauses. Use --format md for a changelog entry.",
        epilog="exit codes (as diff(1)): 0 no differences; 1 differences; 2 invalid input or usage; "
        "3 unexpected error.",
    )
    diff.add_argument("old", metavar="OLD", help="the old answers file (YAML/JSON) or privacy-policy.<lang>.md")
    diff.add_argument("new", metavar="NEW", help="the new answers file (YAML/JSON) or privacy-policy.<lang>.md")
    diff.add_argument("--lang", choices=("kk", "ru"), default=None,
                      help="the language to compare (default: kk, or the language of the Markdown files)")
    diff.add_argument("--format", dest="fmt", choices=("text", "md", "json"), default="text",
                      help="text for a person (default), md for a changelog entry, json for programs")
    diff.add_argument("--context", type=int, default=8, metavar="N",
                      help="unchanged words shown around each change (default: 8)")


def run(args: argparse.Namespace) -> int:
    from ..errors import InputError, KzPolicyError

    try:
        from ..diff.compare import diff_files

        if args.context < 0:
            raise InputError("--context must be 0 or more")
        result = diff_files(args.old, args.new, args.lang)
        output = result.format(args.fmt, args.context)
    except (InputError, BrokenPipeError):
        raise
    except KzPolicyError as exc:  # a BuildError: a template bug, not "differences" (exit 1)
        print(f"kzpolicy: error: {exc}", file=sys.stderr)
        return EXIT_BUG
    except Exception:  # a bug: never let it look like "differences" (exit 1)
        print("kzpolicy: internal error, please report it:", file=sys.stderr)
        traceback.print_exc()
        return EXIT_BUG
    sys.stdout.write(output)
    if result.identical and args.fmt != "json":
        print(f"kzpolicy: no differences in the {result.lang} text", file=sys.stderr)
    return EXIT_SAME if result.identical else EXIT_DIFFERENT
