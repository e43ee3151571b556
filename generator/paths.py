"""Where kzpolicy's own data lives, in a source checkout and in an installed wheel."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def templates_dir() -> Path:
    """The templates/ directory: shipped inside the package by the wheel build, or at the
    top of the repository in a source checkout or an editable install."""
    for candidate in (_PACKAGE / "templates", _PACKAGE.parent / "templates"):
        if (candidate / "outlines" / "policy.yaml").is_file():
            return candidate
    raise FileNotFoundError(
        "kzpolicy's templates are missing: reinstall the package (pip install --force-reinstall kzpolicy)"
    )
