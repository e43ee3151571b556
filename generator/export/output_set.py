"""Writing files so that a reader never sees half of one.

Every file is written to a temporary file in the target directory and renamed over the
target; a build renders everything in memory first, so a failure writes nothing at all.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from ..errors import OutputError


def prepare_directory(directory: Path) -> None:
    """Create ``directory`` (and its parents) or say clearly why it cannot be used."""
    if directory.exists() and not directory.is_dir():
        raise OutputError(f"{directory}: exists and is not a directory: choose another --out")
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{directory}: cannot create the output directory ({exc.strerror})") from None
    if not os.access(directory, os.W_OK | os.X_OK):
        raise OutputError(f"{directory}: the output directory is not writable: choose another --out")


def write_atomic(path: Path, data: bytes) -> None:
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if isinstance(exc, OSError):
            raise OutputError(f"{path}: cannot write ({exc.strerror})") from None
        raise


def write_set(directory: Path, files: Mapping[str, bytes]) -> list[Path]:
    """Write every file of a build; each one atomically, none if the directory is unusable."""
    prepare_directory(directory)
    written = []
    for name, data in files.items():
        path = directory / name
        write_atomic(path, data)
        written.append(path)
    return written
