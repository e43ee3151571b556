"""One exception hierarchy for every entry point (CLI, API, wizard, site plugins).

The CLI maps ``exit_code`` to the process exit status and prints ``str(error)``;
nothing here ever needs a traceback to be understood.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


class KzPolicyError(Exception):
    """Base of every error kzpolicy raises on purpose."""

    exit_code = 1


class InputError(KzPolicyError):
    """The user's input or the command line is wrong; nothing was written."""

    exit_code = 2


@dataclass(frozen=True, slots=True)
class FieldProblem:
    """One problem in an answers file: where it is and how to fix it."""

    path: str  # dotted path such as "operator.bin" or "services[2].country"
    message: str
    line: int | None = None  # 1-based line in the source file, when known
    across: bool = False  # a check across fields: the wizard raises it on review, not at the question
    code: str | None = None  # which check across fields (answers.FieldCheckError), for translations

    def render(self) -> str:
        where = self.path or "(top level)"
        if self.line is not None:
            where = f"{where} (line {self.line})"
        return f"{where}: {self.message}"


SHOWN_PROBLEMS = 20  # a file with a thousand mistakes is the wrong file: show the first ones


class AnswersError(InputError):
    """The answers (file, dict or wizard values) do not validate. ``problems`` holds them all;
    the message shows the first SHOWN_PROBLEMS and counts the rest."""

    def __init__(self, source: str, problems: list[FieldProblem]) -> None:
        self.source = source
        self.problems = problems
        count = len(problems)
        head = f"{source}: {count} problem{'s' if count != 1 else ''} in the answers"
        lines = [f"  - {p.render()}" for p in problems[:SHOWN_PROBLEMS]]
        if count > SHOWN_PROBLEMS:
            rest = count - SHOWN_PROBLEMS
            lines.append(f"  … and {rest} more problem{'s' if rest != 1 else ''}: fix these first, or check "
                         "that this is the answers file you meant")
        body = "\n".join(lines)
        super().__init__(f"{head}\n{body}")


class OutputError(InputError):
    """The output location cannot be written (missing, read-only, not a directory, full,
    held by another build); nothing was written."""


class OutputCommitError(KzPolicyError):
    """A build's files were committed to the output directory but could not all be put in
    place (an I/O error between the commit and the last rename). Not exit code 2: something
    was written. The next build into the directory completes the committed set."""


class BuildError(KzPolicyError):
    """A template or the document engine produced something invalid.

    This is a bug in kzpolicy's templates, never in the user's answers: the message
    names the clause and the template so it can be reported and fixed.
    """


class ComplianceError(InputError):
    """The answers have error-level compliance findings: the policy would say something false
    or the processing would be unlawful. A build refuses them (exit 2, nothing written)
    unless forced. ``findings`` are the findings (generator.checks.Finding); ``lines`` how
    each one reads."""

    def __init__(self, source: str, findings: Sequence[Any], lines: Sequence[str]) -> None:
        self.source = source
        self.findings = list(findings)
        count = len(self.findings)
        noun = "finding" if count == 1 else "findings"
        text = [f"{source}: {count} error-level compliance {noun}"]
        text.extend(f"  - {line}" for line in lines)
        text.append("fix the answers, or use --force to build anyway (kzpolicy check shows every finding)")
        super().__init__("\n".join(text))
