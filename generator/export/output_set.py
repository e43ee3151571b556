"""The output directory holds one build's complete set of files, never a mix of two.

:func:`write_set` writes a build (name -> bytes, the manifest among them) into a directory:

1. **Lock.** ``flock`` on a descriptor of the directory itself serializes builds into it
   (no lock file is written; the lock dies with its process). A second build waits up to
   ``lock_timeout`` seconds, then fails with :class:`~generator.errors.OutputError`.
2. **Recover.** A journal left by a build killed while it renamed (see 5) is rolled
   forward: that build is finished first. Staging folders of dead builds, and the
   ``.privacy-policy.*.tmp`` files earlier versions of kzpolicy left when killed, are removed.
3. **Stage.** Every new file is written into a hidden staging folder inside the directory
   (the same filesystem, so a rename moves it atomically) and flushed to disk. A failure
   here (a full disk, a quota, an I/O error) removes the staging folder, and the directory
   too if this build created it: the directory is exactly as it was.
4. **Commit.** A journal naming the staging folder, the new files and the stale ones is
   written atomically (``.kzpolicy-commit.json``). Its rename is the commit point: before
   it the old set stands, after it the new set will.
5. **Complete.** The new files are renamed into place — the manifest last, so a reader that
   sees the new manifest finds every file it lists — the stale files are removed, and the
   journal and staging folder with them.

Stale files are those an earlier kzpolicy build wrote that this one does not: the files
listed in the directory's previous manifest (:data:`~generator.export.manifest.MANIFEST_NAMES`)
and that manifest itself. Nothing else in the directory is ever touched.

The one window: between the commit and the last rename (microseconds; SIGINT, SIGTERM and
SIGHUP are held back meanwhile) a reader may see new files beside old ones, and a
``kill -9`` or power loss inside it leaves them so until the next build into the directory
rolls the journal forward (step 2). Placing several files at once has no atomic primitive
short of making the outputs symbolic links into a versioned folder, which deploy scripts,
web servers and git would then see; the manifest's hashes tell any reader which build a
file belongs to.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import shutil
import signal
import stat
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import OutputCommitError, OutputError
from .manifest import MANIFEST_NAMES

try:  # POSIX; elsewhere builds into one directory are not serialized
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

STAGING_PREFIX = ".kzpolicy-staging."
JOURNAL_NAME = ".kzpolicy-commit.json"
JOURNAL_SCHEMA = 1
LOCK_TIMEOUT = 30.0
"""Seconds a build waits for another build into the same directory to finish."""
_LOCK_POLL = 0.02
# What tempfile.mkstemp(prefix=".<name>.", suffix=".tmp") left behind in kzpolicy 0.1's
# atomic writes when the process was killed: always an output name and 8 random characters.
_LEGACY_TEMP = re.compile(r"\.privacy-policy\.[A-Za-z0-9_.-]+\.[a-z0-9_]{8}\.tmp")
_HELD_SIGNALS = frozenset(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))


# --------------------------------------------------------------------------- single files


def prepare_directory(directory: Path) -> None:
    """Create ``directory`` (and its parents) or say clearly why it cannot be used."""
    if directory.exists() and not directory.is_dir():
        raise OutputError(f"{directory}: exists and is not a directory: choose another --out")
    if directory.is_symlink() and not directory.exists():
        raise OutputError(
            f"{directory}: is a link to {os.readlink(directory)}, which does not exist: "
            "create that directory or choose another --out"
        )
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{directory}: cannot create the output directory ({exc.strerror})") from None
    if not os.access(directory, os.W_OK | os.X_OK):
        raise OutputError(f"{directory}: the output directory is not writable: choose another --out")


def write_atomic(path: Path, data: bytes) -> None:
    """One file, written to a temporary file beside it and renamed over it (the wizard's
    answers and drafts; a build's files go through :func:`write_set`)."""
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


# --------------------------------------------------------------------------- the set


@dataclass(frozen=True)
class _Journal:
    """What a committed build still has to do: move ``files`` out of ``staging`` (in this
    order) and remove ``stale``."""

    staging: str
    files: tuple[str, ...]
    stale: tuple[str, ...]

    def dumps(self) -> bytes:
        data = {"kzpolicy_commit": JOURNAL_SCHEMA, "staging": self.staging, "files": list(self.files),
                "stale": list(self.stale)}
        return (json.dumps(data, indent=2, sort_keys=True) + "\n").encode("utf-8")


def write_set(directory: Path, files: Mapping[str, bytes], *, lock_timeout: float = LOCK_TIMEOUT) -> list[Path]:
    """Write a build's files into ``directory`` as one set (see the module docstring); the
    paths written, the manifest last.

    Raises :class:`~generator.errors.OutputError` when nothing was written (the directory
    unusable, the disk full, another build holding it past ``lock_timeout``), and
    :class:`~generator.errors.OutputCommitError` in the one case where the new set was
    committed but could not be put in place (the next build into ``directory`` finishes it).
    """
    names = _ordered_names(files)
    created = _create(directory)
    with _locked(directory, lock_timeout) as fd:
        try:
            _recover(directory, fd)
            stale = tuple(sorted(_previous_names(directory) - set(names)))
            _check_targets(directory, names)
            staging = _stage(directory, names, files)
        except BaseException:
            _remove_created(created)
            raise
        journal = _Journal(staging, names, stale)
        try:
            _commit(directory, fd, journal)
        except BaseException:
            shutil.rmtree(directory / staging, ignore_errors=True)
            _remove_created(created)
            raise
        _complete(directory, fd, journal)
    return [directory / name for name in names]


def recover(directory: Path) -> bool:
    """Finish a build into ``directory`` that was killed after its commit point, and remove
    what killed builds left there; True if there was anything to do. Every build does this
    first; call it to settle a directory without building into it (before a deploy)."""
    if not directory.is_dir():
        return False
    with _locked(directory, LOCK_TIMEOUT) as fd:
        return _recover(directory, fd)


def _ordered_names(files: Mapping[str, bytes]) -> tuple[str, ...]:
    for name in files:
        if not _plain(name) or (name.startswith(".") and name not in MANIFEST_NAMES):
            raise OutputError(f"{name!r}: not a plain file name for the output directory")
    manifests = [name for name in MANIFEST_NAMES if name in files]
    return (*(name for name in files if name not in manifests), *manifests)


def _create(directory: Path) -> list[Path]:
    """Make ``directory`` and the parents it needs; the ones this call created, outermost
    first (a failed build removes them again, so that it leaves nothing behind)."""
    missing: list[Path] = []
    probe = directory
    while not os.path.lexists(probe):
        missing.append(probe)
        if probe.parent == probe:
            break
        probe = probe.parent
    prepare_directory(directory)
    return [path for path in reversed(missing) if path.is_dir()]


def _remove_created(created: Sequence[Path]) -> None:
    for path in reversed(created):  # innermost first; a directory someone else filled stays
        try:
            os.rmdir(path)
        except OSError:
            return


@contextlib.contextmanager
def _locked(directory: Path, timeout: float) -> Iterator[int]:
    """An exclusive flock on the directory itself, waiting up to ``timeout`` seconds; the
    directory's descriptor (-1 where directories cannot be opened: Windows)."""
    deadline = time.monotonic() + timeout
    while True:
        fd = _open_directory(directory)
        try:
            if fd >= 0 and fcntl is not None and not _lock(fd, directory, deadline, timeout):
                continue  # locked a directory that was removed or replaced meanwhile: lock the new one
            yield fd
            return
        finally:
            if fd >= 0:
                os.close(fd)  # closing the descriptor releases the lock


def _open_directory(directory: Path) -> int:
    if not hasattr(os, "O_DIRECTORY"):  # pragma: no cover - Windows
        return -1
    for attempt in (1, 2):
        try:
            return os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
        except FileNotFoundError:
            if attempt == 2:
                raise OutputError(f"{directory}: the output directory keeps disappearing: build again") from None
            # A concurrent build that had created the directory failed and removed it.
            prepare_directory(directory)
        except OSError as exc:
            raise OutputError(f"{directory}: cannot open the output directory ({exc.strerror})") from None
    raise AssertionError("unreachable")


def _lock(fd: int, directory: Path, deadline: float, timeout: float) -> bool:
    """Lock ``fd``; False when the path no longer names the directory that was locked."""
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise OutputError(
                    f"{directory}: another kzpolicy build has been writing into this directory for over "
                    f"{timeout:g} s: wait for it to finish, or build into another --out"
                ) from None
            time.sleep(_LOCK_POLL)
        except OSError as exc:
            if exc.errno in (errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EINVAL, errno.EBADF):
                return True  # a filesystem without locks (some network ones): go on unserialized
            raise OutputError(f"{directory}: cannot lock the output directory ({exc.strerror})") from None
    try:
        here, now = os.fstat(fd), os.stat(directory)
    except FileNotFoundError:
        return False
    return (here.st_dev, here.st_ino) == (now.st_dev, now.st_ino)


# --------------------------------------------------------------------------- recovery


def _recover(directory: Path, fd: int) -> bool:
    """Roll a committed journal forward; remove staging folders and temporary files of dead
    builds (the lock is held: no live build owns them). True if there was anything to do."""
    did = False
    journal = _read_journal(directory)
    if journal is not None:
        _complete(directory, fd, journal)
        did = True
    try:
        entries = list(os.scandir(directory))
    except OSError as exc:
        raise OutputError(f"{directory}: cannot list the output directory ({exc.strerror})") from None
    for entry in entries:
        if entry.name.startswith(STAGING_PREFIX) and entry.is_dir(follow_symlinks=False):
            shutil.rmtree(entry.path, ignore_errors=True)
            did = True
        elif _LEGACY_TEMP.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(entry.path)
            did = True
    return did


def _read_journal(directory: Path) -> _Journal | None:
    path = directory / JOURNAL_NAME
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise OutputError(f"{path}: cannot read the commit journal of an earlier build ({exc.strerror})") from None
    try:
        data = json.loads(raw)
        staging, files, stale = data["staging"], data["files"], data["stale"]
        if not (isinstance(staging, str) and staging.startswith(STAGING_PREFIX) and _plain(staging)
                and isinstance(files, list) and isinstance(stale, list)
                and all(isinstance(n, str) and _plain(n) for n in [*files, *stale])):
            raise ValueError("unexpected content")
    except (ValueError, KeyError, TypeError):
        raise OutputError(
            f"{path}: not a commit journal kzpolicy wrote (it was changed by hand?): check the files beside it, "
            "then remove it and build again"
        ) from None
    return _Journal(staging, tuple(files), tuple(stale))


def _plain(name: str) -> bool:
    return bool(name) and name not in (".", "..") and "/" not in name and os.sep not in name


def _previous_names(directory: Path) -> set[str]:
    """The files of the earlier kzpolicy build in ``directory``: its manifests and what they list."""
    names: set[str] = set()
    for manifest in MANIFEST_NAMES:
        path = directory / manifest
        try:
            data = json.loads(path.read_bytes())
        except FileNotFoundError:
            continue
        except (OSError, ValueError):  # unreadable or not JSON: it lists nothing we may remove
            continue
        if not (isinstance(data, dict) and str(data.get("generator", "")).startswith("kzpolicy")):
            continue  # a file of that name that kzpolicy did not write
        names.add(manifest)
        for entry in data.get("files") or ():
            name = entry.get("name") if isinstance(entry, dict) else None
            if isinstance(name, str) and _plain(name) and not name.startswith("."):
                names.add(name)
    return names


# --------------------------------------------------------------------------- stage, commit, complete


def _check_targets(directory: Path, names: Sequence[str]) -> None:
    for name in names:
        try:
            mode = os.lstat(directory / name).st_mode
        except FileNotFoundError:
            continue
        if stat.S_ISDIR(mode):
            raise OutputError(f"{directory / name}: a directory is in the way of an output file: move it elsewhere")


def _stage(directory: Path, names: Sequence[str], files: Mapping[str, bytes]) -> str:
    try:
        staging = tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=directory)
    except OSError as exc:
        raise _write_error(directory, None, exc) from None
    current = None
    try:
        for name in names:
            current = name
            _write_synced(os.path.join(staging, name), files[name])
        current = None
        _fsync_directory(staging)
    except BaseException as exc:
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(exc, OSError):
            raise _write_error(directory, current, exc) from None
        raise
    return os.path.basename(staging)


def _write_synced(path: str, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o644)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fchmod(fd, 0o644)  # whatever the umask, as the files always were
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_error(directory: Path, name: str | None, exc: OSError) -> OutputError:
    what = f"cannot write {name}" if name else "cannot write into the output directory"
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        fix = "free some space (or raise the quota) or choose another --out"
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        fix = "make the directory writable or choose another --out"
    else:
        fix = "check the disk or choose another --out"
    return OutputError(f"{directory}: {what} ({exc.strerror}): nothing was written, the files there are as "
                       f"they were; {fix}")


def _commit(directory: Path, fd: int, journal: _Journal) -> None:
    """Write the journal atomically: the commit point."""
    temp = os.path.join(directory, journal.staging, JOURNAL_NAME)
    try:
        _write_synced(temp, journal.dumps())
        os.replace(temp, directory / JOURNAL_NAME)
        _fsync(fd)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(directory / JOURNAL_NAME)
        raise _write_error(directory, None, exc) from None


def _complete(directory: Path, fd: int, journal: _Journal) -> None:
    """Put a committed set in place; safe to repeat after a crash at any point of it."""
    staging = directory / journal.staging
    placed = set(journal.files)
    stale_manifests = [name for name in journal.stale if name in MANIFEST_NAMES]
    try:
        with _signals_held():
            # An earlier manifest the new set drops goes first: it must never describe new files.
            for name in stale_manifests:
                _unlink(directory / name)
            for name in journal.files:  # the manifest last
                source = staging / name
                if os.path.lexists(source):  # else moved already, before a crash
                    os.replace(source, directory / name)
            for name in journal.stale:
                if name not in placed and name not in stale_manifests:
                    _unlink(directory / name)
            # No fsync before this unlink: it would keep the window open for as long as the
            # disk takes. Renames and unlinks in one directory reach the disk in order on
            # journaling filesystems, so a power loss cannot keep the unlink and lose a rename.
            _unlink(directory / JOURNAL_NAME)
        _fsync(fd)
        shutil.rmtree(staging, ignore_errors=True)
    except OSError as exc:
        raise OutputCommitError(
            f"{directory}: the new files were committed but could not all be put in place ({exc.strerror}); "
            "the next kzpolicy build into this directory finishes putting them in place"
        ) from None


def _fsync(fd: int) -> None:
    """Make renames in the directory durable (a directory's own fsync; not on Windows)."""
    if fd >= 0:
        os.fsync(fd)


def _fsync_directory(path: str) -> None:
    if not hasattr(os, "O_DIRECTORY"):  # pragma: no cover - Windows
        return
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _unlink(path: Path) -> None:
    try:
        if not stat.S_ISDIR(os.lstat(path).st_mode):
            os.unlink(path)
    except FileNotFoundError:
        pass


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """SIGINT, SIGTERM and SIGHUP wait until the renames are done (kill -9 cannot). The mask
    is the calling thread's: in the command line's single thread that is the process's."""
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - Windows
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
