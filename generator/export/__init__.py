"""Exporters: one visitor over the Document per output format.

Each exporter is imported only when its format is asked for, so a Markdown build never
pays for python-docx.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from ..document import Document

# format -> (module, function, file extension, binary?)
FORMATS: dict[str, tuple[str, str, str]] = {
    "md": ("markdown", "render_markdown", "md"),
    "html": ("html", "render_html", "html"),
    "docx": ("docx", "render_docx", "docx"),
}


def render(document: Document, fmt: str, **options: Any) -> bytes:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    module, function, _ = FORMATS[fmt]
    result = getattr(import_module(f"{__name__}.{module}"), function)(document, **options)
    return result if isinstance(result, bytes) else result.encode("utf-8")


def extension(fmt: str) -> str:
    return FORMATS[fmt][2]
