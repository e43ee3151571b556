"""One module per language behind one interface (:class:`~generator.lang.base.Language`).

    from generator.lang import language
    language("ru").count_words(3, "year")     # '3 (три) года'
    language("kk").date(date(2026, 6, 5))      # '2026 жылғы 5 маусым'

Adding a language is one module here (``xx.py`` with ``LANGUAGE = Xx()``), one entry in
``LANGUAGES`` and one folder of templates; nothing else branches on the language. A code
that is not here is refused, never served by another language.
"""

from __future__ import annotations

from importlib import import_module
from typing import Literal

from ..errors import InputError
from .base import Case, DateCase, Language, Period, Unit

LANGUAGES: tuple[str, ...] = ("kk", "ru", "en")
"""Every language kzpolicy writes, in the order documents are built: Kazakh (the state
language) first, Russian, then the informational English translation."""

AUTHENTIC: tuple[str, ...] = ("kk", "ru")
"""The languages whose texts are authentic; English is an informational translation."""

Lang = Literal["kk", "ru", "en"]

_LOADED: dict[str, Language] = {}


def language(code: str) -> Language:
    """The language module of ``code``; :class:`~generator.errors.InputError` for any other."""
    found = _LOADED.get(code)
    if found is None:
        if code not in LANGUAGES:
            raise InputError(f"unknown language {code!r}: use {', '.join(LANGUAGES)}")
        found = _LOADED[code] = import_module(f"{__name__}.{code}").LANGUAGE
    return found


def check_language(code: str) -> str:
    """``code`` if kzpolicy writes it, else :class:`~generator.errors.InputError`."""
    language(code)
    return code


__all__ = [
    "AUTHENTIC",
    "LANGUAGES",
    "Case",
    "DateCase",
    "Lang",
    "Language",
    "Period",
    "Unit",
    "check_language",
    "language",
]
