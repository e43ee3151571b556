"""`kzpolicy schema`: print the JSON Schema of the answers file."""

from __future__ import annotations

import argparse
from typing import Any


def add_parser(commands: Any, epilog: str) -> None:
    commands.add_parser("schema", help="print the JSON Schema of the answers file", epilog=epilog)


def run(args: argparse.Namespace) -> int:
    import json

    from ..answers.model import json_schema

    print(json.dumps(json_schema(), ensure_ascii=False, indent=2, sort_keys=True))
    return 0
