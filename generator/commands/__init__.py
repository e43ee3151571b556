"""One module per `kzpolicy` command: ``add_parser(subparsers)`` and ``run(args) -> int``.

cli.py only registers them and maps errors to exit codes; each command imports what it
needs when it runs, so `kzpolicy --help` stays fast.
"""

from __future__ import annotations

COMMANDS = ("init", "build", "check", "schema", "diff")
