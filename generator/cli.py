"""The command line: arguments -> the Python API -> an exit code. No business logic here.

Exit codes: 0 success; 2 invalid input or usage (a message naming the field and the fix,
no traceback, nothing written); 1 anything unexpected. Each command lives in
generator/commands/<name>.py.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from importlib import import_module

from . import __version__
from .commands import COMMANDS

EPILOG = """\
exit codes: 0 success; 2 invalid input or usage (nothing is written); 1 unexpected error.
Answers file reference: kzpolicy schema, and the README."""


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
    for name in COMMANDS:
        import_module(f"{__package__}.commands.{name}").add_parser(commands, EPILOG)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    from .errors import KzPolicyError

    command = import_module(f"{__package__}.commands.{args.command}")
    try:
        result: int = command.run(args)
        return result
    except KzPolicyError as exc:
        print(f"kzpolicy: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("kzpolicy: interrupted; nothing was written", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
