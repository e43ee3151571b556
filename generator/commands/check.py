"""`kzpolicy check`: compliance findings against Law 94-V, with stable codes."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from ..checks.rules import Finding

EPILOG = """\
exit codes for check: 0 no error-level finding (warnings and info may be listed);
1 at least one error-level finding (1 also means an unexpected error: then a message
says so and no report is printed); 2 invalid input or usage (the answers or --site).
Colour only on a terminal, never with NO_COLOR set or TERM=dumb.
Answers file reference: kzpolicy schema, and the README."""

FORMAT_VERSION = 1
"""The version of the JSON document; it changes only when a key changes meaning."""

_HEADINGS = {
    "en": {"error": "Errors", "warning": "Warnings", "info": "Info"},
    "kk": {"error": "Қателер", "warning": "Ескертулер", "info": "Ақпарат"},
    "ru": {"error": "Ошибки", "warning": "Предупреждения", "info": "Информация"},
}
_NOTHING = {"en": "no findings", "kk": "ескертулер жоқ", "ru": "замечаний нет"}
_COLOURS = {"error": "\033[1;31m", "warning": "\033[1;33m", "info": "\033[36m"}
_BOLD, _RESET = "\033[1m", "\033[0m"


def add_parser(commands: Any, epilog: str) -> None:
    check = commands.add_parser(
        "check",
        help="check the answers against Law 94-V: findings with stable codes (KZ101...)",
        description="Check the answers (and, with --site, a built site) against Law 94-V and the rules\n"
        "around it. Each finding has a stable code (KZ101...), a level (error, warning, info),\n"
        "the article it rests on and a fix; the codes are listed in the README.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    check.add_argument("answers", metavar="ANSWERS", help="answers file (YAML or JSON); - reads standard input")
    check.add_argument("--site", type=Path, default=None, metavar="DIR",
                       help="also scan the *.html files of a built site for scripts, pixels and iframes of "
                       "services the answers do not declare")
    check.add_argument("--format", dest="output", choices=("text", "json"), default="text",
                       help="text for people (default) or json for CI: sorted keys, findings in a stable order")
    check.add_argument("--lang", choices=("en", "kk", "ru"), default="en",
                       help="language of the messages (default: en)")


def use_colour(stream: TextIO) -> bool:
    """Colour only for a person at a terminal: never with NO_COLOR set (no-color.org) or TERM=dumb."""
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def render_text(findings: list[Finding], source: str, lang: str, *, colour: bool = False) -> str:
    """The report for people: findings grouped by level, one line each."""

    def paint(text: str, code: str) -> str:
        return f"{code}{text}{_RESET}" if colour else text

    if not findings:
        return f"{source}: {_NOTHING[lang]}\n"
    lines: list[str] = []
    for level in ("error", "warning", "info"):
        group = [f for f in findings if f.level == level]
        if not group:
            continue
        if lines:
            lines.append("")
        lines.append(paint(f"{_HEADINGS[lang][level]} ({len(group)})", _BOLD))
        for finding in group:
            head = paint(f"{finding.code} {finding.level}", _COLOURS[level])
            lines.append(f"{head}: {finding.message(lang)} — {finding.fix(lang)}")
    counts = ", ".join(
        f"{_HEADINGS[lang][level].lower()}: {sum(f.level == level for f in findings)}"
        for level in ("error", "warning", "info")
    )
    lines.extend(["", f"{source}: {counts}"])
    return "\n".join(lines) + "\n"


def render_json(findings: list[Finding], source: str, lang: str) -> str:
    """The report for CI: a stable document (sorted keys; findings by level, code, subject)."""
    import json

    document = {
        "format": FORMAT_VERSION,
        "source": source,
        "lang": lang,
        "ok": not any(f.level == "error" for f in findings),
        "counts": {level: sum(f.level == level for f in findings) for level in ("error", "warning", "info")},
        "findings": [f.as_dict(lang) for f in findings],
    }
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def run(args: argparse.Namespace) -> int:
    from ..checks import has_errors, run_checks
    from . import read_answers, source_label

    answers = read_answers(args.answers)
    findings = run_checks(answers, site=args.site)
    source = source_label(args.answers)
    if args.output == "json":
        sys.stdout.write(render_json(findings, source, args.lang))
    else:
        sys.stdout.write(render_text(findings, source, args.lang, colour=use_colour(sys.stdout)))
    sys.stdout.flush()
    return 1 if has_errors(findings) else 0
