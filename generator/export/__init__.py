"""Exporters: one visitor over the Document per output format, and the files of a build.

Each exporter is imported only when its format is asked for, so a Markdown build never
pays for python-docx.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from ..document import Document
from ..errors import InputError

# format -> (module, function, file extension)
FORMATS: dict[str, tuple[str, str, str]] = {
    "md": ("markdown", "render_markdown", "md"),
    "html": ("html", "render_html", "html"),
    "docx": ("docx", "render_docx", "docx"),
}
FORMAT_ORDER: tuple[str, ...] = tuple(FORMATS)

DOCUMENT_NAMES: dict[str, str] = {
    "policy": "privacy-policy",
    "consent": "personal-data-consent",
    "consent-written": "personal-data-consent-written",
}
"""Each kind of document's file name stem: the names the contract promises."""


def render(document: Document, fmt: str, **options: Any) -> bytes:
    """The document in one format; text formats UTF-8 encoded."""
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}: use {', '.join(FORMAT_ORDER)}")
    module, function, _ = FORMATS[fmt]
    result = getattr(import_module(f"{__name__}.{module}"), function)(document, **options)
    return result if isinstance(result, bytes) else result.encode("utf-8")


def extension(fmt: str) -> str:
    return FORMATS[fmt][2]


def output_name(lang: str, fmt: str, *, fragment: bool = False, kind: str = "policy") -> str:
    """``privacy-policy.<lang>.<ext>`` (``.fragment.html`` for a fragment)."""
    suffix = ".fragment" if fragment and fmt == "html" else ""
    return f"{DOCUMENT_NAMES[kind]}.{lang}{suffix}.{extension(fmt)}"
