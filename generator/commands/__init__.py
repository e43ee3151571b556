"""One module per `kzpolicy` command: ``add_parser(subparsers)`` and ``run(args) -> int``.

cli.py only registers them and maps errors to exit codes; each command imports what it
needs when it runs, so `kzpolicy --help` stays fast.
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False  # not from typing: a faster start (see generator/__init__.py)
if TYPE_CHECKING:
    from ..answers import Answers

COMMANDS = ("init", "build", "check", "schema", "diff")

STDIN = "-"


def read_answers(argument: str) -> Answers:
    """The answers a command line names: a file, or ``-`` for standard input."""
    from ..answers import load_answers, parse_answers

    if argument == STDIN:
        return parse_answers(sys.stdin.buffer.read(), name=source_label(argument))
    return load_answers(argument)


def source_label(argument: str) -> str:
    """How messages name where the answers came from."""
    return "<stdin>" if argument == STDIN else argument
