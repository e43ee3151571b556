"""A small on-disk cache for work that depends only on kzpolicy's own files.

Some start-up work costs more than rendering a whole policy, so the first process keeps
its result here and later processes start warm: the compiled templates (one bundle,
``generator.template_bundle``), the validated catalogue, the CLDR month and country names
(``generator.locale_data``) and the styled DOCX base package.
Entries are keyed by a hash of everything they depend on, so a stale entry is never read;
the cache is optional: when the directory cannot be created or written, work is redone.

Location: $KZPOLICY_CACHE_DIR, else $XDG_CACHE_HOME/kzpolicy, else ~/.cache/kzpolicy.
KZPOLICY_NO_CACHE=1 turns it off.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TypeVar

from .version import __version__

T = TypeVar("T")


@cache
def cache_dir() -> Path | None:
    if os.environ.get("KZPOLICY_NO_CACHE"):
        return None
    explicit = os.environ.get("KZPOLICY_CACHE_DIR")
    if explicit:
        base = Path(explicit)
    else:
        xdg = os.environ.get("XDG_CACHE_HOME")
        base = (Path(xdg) if xdg else Path.home() / ".cache") / "kzpolicy"
    directory = base / __version__
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return directory if os.access(directory, os.W_OK | os.X_OK) else None


def stamp(path: str | os.PathLike[str]) -> str:
    """A file's path, size and modification time, as Python keys its .pyc files: a cache key
    part that changes when the file is edited or reinstalled, without reading it ("" if absent)."""
    try:
        status = os.stat(path)
    except OSError:
        return ""
    return f"{os.fspath(path)}\0{status.st_size}\0{status.st_mtime_ns}"


def package_dir(name: str) -> str | None:
    """Where an installed package lives, found without importing it."""
    from importlib.util import find_spec

    spec = find_spec(name)
    return os.path.dirname(spec.origin) if spec is not None and spec.origin else None


def key(*parts: bytes | str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8") if isinstance(part, str) else part)
        digest.update(b"\0")
    return digest.hexdigest()[:20]


def read(name: str) -> bytes | None:
    directory = cache_dir()
    if directory is None:
        return None
    try:
        return (directory / name).read_bytes()
    except OSError:
        return None


def write(name: str, data: bytes) -> None:
    """Store an entry atomically; any failure just means no cache."""
    directory = cache_dir()
    if directory is None:
        return
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{name}.", dir=directory)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, directory / name)
    except OSError:
        with contextlib.suppress(OSError, UnboundLocalError):
            os.unlink(temp)


def remembered(prefix: str, parts: tuple[bytes | str, ...], make: Callable[[], T], kind: type[T]) -> T:
    """``make()``, kept pickled under a key of ``parts`` (the bytes it is made from): for the
    validated data files, whose parsing and validation cost more than loading the result.
    An entry that cannot be read or is not a ``kind`` is made again."""
    import pickle

    name = f"{prefix}-{key(*parts)}.pickle"
    stored = read(name)
    if stored is not None:
        try:
            loaded = pickle.loads(stored)
        except Exception:  # any damage to an entry just means it is made again
            loaded = None
        if isinstance(loaded, kind):
            return loaded
    value = make()
    write(name, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    return value
