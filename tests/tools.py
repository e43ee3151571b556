"""External programs the export tests drive (LibreOffice, Chromium, poppler, fontconfig).

One policy for a missing program: in CI (``CI=true``) the test fails, because a green CI
run must mean the check ran; on a developer's machine it is skipped with the reason.
"""

from __future__ import annotations

import os
import shutil

import pytest

# Names tried in order for each tool; the first one found on PATH is used.
ALIASES: dict[str, tuple[str, ...]] = {
    "soffice": ("soffice", "libreoffice"),
    "libreoffice": ("libreoffice", "soffice"),
    "chromium": ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"),
}


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def find_tool(name: str) -> str | None:
    for candidate in ALIASES.get(name, (name,)):
        path = shutil.which(candidate)
        if path:
            return path
    return None


def require_tool(name: str) -> str:
    """The path of ``name``; fails the test under CI=true, skips it otherwise."""
    path = find_tool(name)
    if path:
        return path
    message = f"{name} is not installed (looked for: {', '.join(ALIASES.get(name, (name,)))})"
    if in_ci():
        pytest.fail(f"{message}; CI=true requires it", pytrace=False)
    pytest.skip(message)


def assert_png_not_blank(path: str | os.PathLike[str], *, min_ink: float = 0.01) -> None:
    """The PNG shows something: at least ``min_ink`` of its pixels differ clearly from the background.

    With Pillow the pixels are read; without it, the compressed image data (IDAT) must be
    larger than a blank image of that size could be.
    """
    try:
        from PIL import Image
    except ImportError:  # pragma: no cover - Pillow is a test dependency
        _assert_idat_not_blank(path)
        return
    with Image.open(path) as image:
        gray = image.convert("L")
        histogram = gray.histogram()
        total = gray.width * gray.height
        background = max(range(256), key=histogram.__getitem__)
        ink = sum(count for value, count in enumerate(histogram) if abs(value - background) > 48)
        assert ink / total >= min_ink, f"{path}: only {ink / total:.2%} of the pixels differ from the background"
        assert len([c for c in histogram if c]) > 8, f"{path}: fewer than 9 shades: a blank or flat image"


def _assert_idat_not_blank(path: str | os.PathLike[str]) -> None:
    import struct

    data = open(path, "rb").read()  # noqa: SIM115 - a small file read once
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    offset, idat, width, height = 8, 0, 0, 0
    while offset < len(data):
        length, kind = struct.unpack(">I4s", data[offset : offset + 8])
        if kind == b"IHDR":
            width, height = struct.unpack(">II", data[offset + 8 : offset + 16])
        elif kind == b"IDAT":
            idat += length
        offset += 12 + length
    # A blank page deflates to well under 1 % of its raw size; text and rules do not.
    assert idat > width * height * 0.01, f"{path}: {idat} bytes of image data for {width}x{height}: blank?"
