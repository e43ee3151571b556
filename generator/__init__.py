"""kzpolicy: privacy policies for website operators in Kazakhstan (Law No. 94-V).

The public API, imported lazily so that ``kzpolicy --help`` stays fast::

    import generator as kz
    answers = kz.load_answers("answers.yaml")
    kz.build(answers, "out")                          # every language and format
    html = kz.render_text(answers, lang="ru", fmt="md")
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "load_answers": "api",
    "parse_answers": "api",
    "validate_answers": "api",
    "build_document": "api",
    "render": "api",
    "render_text": "api",
    "build": "api",
    "build_files": "api",
    "output_name": "api",
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
    from .answers import Answers, json_schema
    from .api import (
        build,
        build_document,
        build_files,
        load_answers,
        output_name,
        parse_answers,
        render,
        render_text,
        validate_answers,
    )
    from .document import Document
    from .errors import AnswersError, BuildError, InputError, KzPolicyError, OutputError


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'generator' has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{module}"), name)


__all__ = sorted(_EXPORTS)
