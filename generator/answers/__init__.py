"""The answers: everything an operator tells kzpolicy about itself, read and validated once.

``model`` is the pydantic model; ``source`` reads YAML or JSON text with the line of every
value; ``text`` holds the rules for text a user types. Every way in (file, wizard, Python)
ends in :func:`validate_answers`.
"""

from __future__ import annotations

from .model import (
    LANGUAGES,
    Answers,
    CustomService,
    LocalText,
    Period,
    ServiceChoice,
    json_schema,
    load_answers,
    parse_answers,
    validate_answers,
)

__all__ = [
    "LANGUAGES",
    "Answers",
    "CustomService",
    "LocalText",
    "Period",
    "ServiceChoice",
    "json_schema",
    "load_answers",
    "parse_answers",
    "validate_answers",
]
