"""The command line: arguments -> the Python API -> an exit code. No business logic here.

Exit codes: 0 success; 2 invalid input or usage (a message naming the field and the fix,
no traceback, nothing written); 1 anything unexpected. Each command lives in
generator/commands/<name>.py.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from importlib import import_module

from .commands import COMMANDS
from .version import __version__

TYPE_CHECKING = False  # not from typing: a faster start (see generator/__init__.py)
if TYPE_CHECKING:
    import argparse

EPILOG = """\
exit codes: 0 success; 2 invalid input or usage (nothing is written); 1 unexpected error.
Answers file reference: kzpolicy schema, and the README."""


def _parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line, or with ``only`` the one command being run: the other
    commands' modules and argument lists need not be loaded to parse its arguments."""
    import argparse

    parser = argparse.ArgumentParser(
        prog="kzpolicy",
        description="Privacy policies for website operators in Kazakhstan (Law No. 94-V), "
        "in Kazakh and Russian, as Markdown, HTML and DOCX.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"kzpolicy {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS if only is None else (only,):
        import_module(f"{__package__}.commands.{name}").add_parser(commands, EPILOG)
    return parser


HELP_FILE = "help.txt"  # the top-level help, pre-rendered at 80 columns (see render_help)


def render_help() -> str:
    """The top-level help as argparse writes it at 80 columns: the source of help.txt, which
    a test keeps equal to it (regenerate: python -c "from generator.cli import write_help; write_help()")."""
    import os

    previous = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = "80"
    try:
        return _parser().format_help()
    finally:
        if previous is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = previous


def write_help() -> None:
    import os

    with open(os.path.join(os.path.dirname(__file__), HELP_FILE), "w", encoding="utf-8") as handle:
        handle.write(render_help())


def _fast_help(arguments: Sequence[str]) -> int | None:
    """`kzpolicy`, `-h` and `--help` print the pre-rendered help without building the
    parser: argparse and the command modules cost more than the rest of the start-up."""
    if list(arguments) not in ([], ["-h"], ["--help"]):
        return None
    import os

    try:
        with open(os.path.join(os.path.dirname(__file__), HELP_FILE), encoding="utf-8") as handle:
            text = handle.read()
    except OSError:
        return None
    sys.stdout.write(text)
    return 0 if arguments else 2


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    fast = _fast_help(arguments)
    if fast is not None:
        return fast
    parser = _parser(arguments[0] if arguments and arguments[0] in COMMANDS else None)
    args = parser.parse_args(arguments)
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
