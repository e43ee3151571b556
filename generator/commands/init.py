"""`kzpolicy init`: answer questions in Kazakh or Russian and get the answers file (and the policy).

The wizard itself (generator/wizard.py, with questionary) is imported only when the
command runs, so `kzpolicy --help` and `kzpolicy build` never load it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..errors import InputError

NO_TERMINAL = (
    "init asks questions and needs a terminal, but {what} is not one. "
    "To write the policy without questions, make an answers file (see examples/ and `kzpolicy schema`) "
    "and run: kzpolicy build ANSWERS"
)


def add_parser(commands: Any, epilog: str) -> None:
    init = commands.add_parser(
        "init",
        help="answer questions (in Kazakh or Russian) and get the answers file and the policy",
        description="The interactive wizard: asks about the operator, the site and its data, shows a review "
        "where any section can be edited, saves a commented answers file and offers to build the policy. "
        "Ctrl-C saves a draft that --answers continues.",
        epilog=epilog,
    )
    init.add_argument("--answers", type=Path, default=None, metavar="FILE",
                      help="start from this answers file or draft: its values become the defaults (a complete, "
                      "valid file goes straight to the review); the answers are saved there "
                      "(default: ./kzpolicy.yaml, draft ./kzpolicy-draft.yaml)")
    init.add_argument("--ui-lang", choices=("kk", "ru"), default=None,
                      help="language of the questions (asked first when not given); the languages of the "
                      "documents are a separate question")
    init.add_argument("--plain", action="store_true",
                      help="accessible mode: no colour, nothing redrawn, numbered choices typed as numbers "
                      "(screen readers, dumb terminals; also when TERM=dumb)")


def run(args: argparse.Namespace) -> int:
    for what, stream in (("standard input", sys.stdin), ("standard output", sys.stdout)):
        if stream is None or not stream.isatty():
            raise InputError(NO_TERMINAL.format(what=what))
    from ..wizard.flow import run_wizard

    return run_wizard(answers=args.answers, ui_lang=args.ui_lang, plain=args.plain)
