"""The public Python API: load answers, build the Document, render and write files.

Every entry point (the CLI, the wizard, site-build plugins) goes through these functions,
so they all validate the same way and raise the same errors (generator.errors).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from .answers import LANGUAGES, Answers, load_answers, parse_answers, validate_answers
from .document import Document
from .errors import InputError

FORMAT_ORDER = ("md", "html", "docx")


def build_document(answers: Answers, lang: str = "kk") -> Document:
    """The policy of ``answers`` in ``lang`` as a Document tree."""
    from .render import build_document as _build

    return _build(answers, lang)


def render(answers: Answers | Document, lang: str = "kk", fmt: str = "md", **options: Any) -> bytes:
    """Render the policy in one language and format. Text formats come back UTF-8 encoded."""
    from .export import render as _render

    document = answers if isinstance(answers, Document) else build_document(answers, lang)
    return _render(document, fmt, **options)


def render_text(answers: Answers | Document, lang: str = "kk", fmt: str = "md", **options: Any) -> str:
    """Like :func:`render` for the text formats (md, html), as a string."""
    if fmt == "docx":
        raise InputError("DOCX is binary: use render() for bytes")
    return render(answers, lang, fmt, **options).decode("utf-8")


def output_name(lang: str, fmt: str, *, fragment: bool = False) -> str:
    """``privacy-policy.<lang>.<ext>``: the file names the contract promises."""
    from .export import extension

    suffix = ".fragment" if fragment and fmt == "html" else ""
    return f"privacy-policy.{lang}{suffix}.{extension(fmt)}"


def resolve_languages(answers: Answers, langs: Iterable[str] | None) -> list[str]:
    chosen = list(langs) if langs else list(answers.policy.languages)
    for lang in chosen:
        if lang not in LANGUAGES:
            raise InputError(f"unknown language {lang!r}: use {', '.join(LANGUAGES)}")
    return chosen


def resolve_formats(formats: Iterable[str] | None) -> list[str]:
    from .export import FORMATS

    chosen = list(formats) if formats else [f for f in FORMAT_ORDER if f in FORMATS]
    for fmt in chosen:
        if fmt not in FORMATS:
            raise InputError(f"unknown format {fmt!r}: use {', '.join(f for f in FORMAT_ORDER if f in FORMATS)}")
    return chosen


def build_files(
    answers: Answers,
    *,
    langs: Sequence[str] | None = None,
    formats: Sequence[str] | None = None,
    fragment: bool = False,
) -> dict[str, bytes]:
    """Every requested file of a build, rendered in memory: name -> bytes."""
    files: dict[str, bytes] = {}
    for lang in resolve_languages(answers, langs):
        document = build_document(answers, lang)
        for fmt in resolve_formats(formats):
            options = {"fragment": True} if fragment and fmt == "html" else {}
            files[output_name(lang, fmt, fragment=fragment)] = render(document, fmt=fmt, **options)
    return files


def build(
    answers: Answers,
    out: str | os.PathLike[str] = "out",
    *,
    langs: Sequence[str] | None = None,
    formats: Sequence[str] | None = None,
    fragment: bool = False,
) -> list[Path]:
    """Render and write the policy files into ``out``; all or nothing, each file atomic."""
    from .output import write_all

    files = build_files(answers, langs=langs, formats=formats, fragment=fragment)
    return write_all(Path(out), files)


__all__ = [
    "build",
    "build_document",
    "build_files",
    "load_answers",
    "output_name",
    "parse_answers",
    "render",
    "render_text",
    "validate_answers",
]
