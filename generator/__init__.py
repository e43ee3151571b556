"""kzpolicy: privacy policies for website operators in Kazakhstan (Law No. 94-V).

The public API, imported lazily so that ``kzpolicy --help`` stays fast::

    import generator as kz
    answers = kz.load_answers("answers.yaml")
    kz.build(answers, "out")                          # every language and format + manifest
    markdown = kz.render_text(answers, lang="ru", fmt="md", front_matter=True)
    document = kz.build_document(answers, "kk", loaders=["overrides"])  # one clause replaced
    for clause in kz.clause_index(document):
        print(clause.number, clause.id, clause.anchor)

Site builds: ``generator.integrations.jinja`` (a Jinja2 global) and
``generator.integrations.mkdocs`` (an MkDocs plugin); see docs/site-builds.md.
"""

from __future__ import annotations

import sys
import types
from importlib import import_module

# Not `from typing import TYPE_CHECKING`: importing typing costs `kzpolicy --help` several
# milliseconds; type checkers treat a module-level TYPE_CHECKING as true all the same.
TYPE_CHECKING = False

from .version import __version__ as __version__  # noqa: E402 - after the fast TYPE_CHECKING flag

_EXPORTS = {
    "load_answers": "api",
    "parse_answers": "api",
    "validate_answers": "api",
    "answers_from": "api",
    "build_document": "api",
    "build_consents": "api",
    "build_documents": "api",
    "render": "api",
    "render_text": "api",
    "build": "api",
    "build_files": "api",
    "output_name": "api",
    "overrides_loader": "api",
    "ClauseInfo": "api",
    "clause_index": "api",
    "clause_text": "api",
    "policy_text": "api",
    "content_hash": "api",
    "MANIFEST_NAME": "export.manifest",
    "build_manifest": "export.manifest",
    "manifest_json": "export.manifest",
    "PolicyDiff": "diff",
    "diff_answers": "diff",
    "diff_documents": "diff",
    "diff_markdown": "diff",
    "Answers": "answers",
    "json_schema": "answers",
    "Document": "document",
    "KzPolicyError": "errors",
    "InputError": "errors",
    "AnswersError": "errors",
    "OutputError": "errors",
    "BuildError": "errors",
}

if TYPE_CHECKING:
    from typing import Any

    from .answers.model import Answers, json_schema
    from .api import (
        ClauseInfo,
        answers_from,
        build,
        build_consents,
        build_document,
        build_documents,
        build_files,
        clause_index,
        clause_text,
        content_hash,
        load_answers,
        output_name,
        overrides_loader,
        parse_answers,
        policy_text,
        render,
        render_text,
        validate_answers,
    )
    from .diff.compare import PolicyDiff, diff_answers, diff_documents, diff_markdown
    from .document import Document
    from .errors import AnswersError, BuildError, InputError, KzPolicyError, OutputError
    from .export.manifest import MANIFEST_NAME, build_manifest, manifest_json


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'generator' has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{module}"), name)


class _Package(types.ModuleType):
    """``generator.render`` names two things: the public function and the clause-engine
    submodule. Importing the submodule binds it on the package and would hide the function
    (``kz.render(...)`` failing after the first build), so the package attribute always
    gives the function; the engine stays importable as ``from generator.render import ...``."""

    @property
    def render(self) -> Any:
        return import_module(f"{__name__}.api").render

    @render.setter
    def render(self, value: Any) -> None:  # the import system binding the submodule: ignored
        pass


sys.modules[__name__].__class__ = _Package

# Static, so linters and type checkers see the re-exports; a test keeps it equal to _EXPORTS.
__all__ = [
    "MANIFEST_NAME",
    "Answers",
    "AnswersError",
    "BuildError",
    "ClauseInfo",
    "Document",
    "InputError",
    "KzPolicyError",
    "OutputError",
    "PolicyDiff",
    "answers_from",
    "build",
    "build_consents",
    "build_document",
    "build_documents",
    "build_files",
    "build_manifest",
    "clause_index",
    "clause_text",
    "content_hash",
    "diff_answers",
    "diff_documents",
    "diff_markdown",
    "json_schema",
    "load_answers",
    "manifest_json",
    "output_name",
    "overrides_loader",
    "parse_answers",
    "policy_text",
    "render",
    "render_text",
    "validate_answers",
]
