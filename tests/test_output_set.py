"""The output directory is one unit: after any build it holds one build's complete set.

What `--out` promises (README, generator/export/output_set.py), proved with the real
programs: a real full disk (a small tmpfs, as root), two real `kzpolicy build` processes into
one directory at once, real `kill -9` of a batch build at random moments and of a build at
each step of its commit, `--format md` over a full build, and files that are not kzpolicy's.
"Complete set" is checked byte for byte against a reference build of the same answers.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.errors import OutputError
from generator.export.manifest import MANIFEST_NAME
from generator.export.output_set import JOURNAL_NAME, STAGING_PREFIX, recover, write_set

from .conftest import EXAMPLES, ROOT, Runner, kzpolicy_command
from .tools import in_ci

STORE = ROOT / "examples" / "online-store-too.yaml"
FOOD = ROOT / "examples" / "food-delivery-ip.yaml"


# --------------------------------------------------------------------------- helpers


def variant(source: Path, target: Path, suffix: str) -> Path:
    """``source`` with another operator name: the same file names, other bytes."""
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    data["operator"]["name"] = f"{data['operator']['name']} {suffix}"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


def entries(directory: Path) -> dict[str, bytes]:
    """The files directly in ``directory`` (a build writes no subdirectories)."""
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir()) if p.is_file() and not p.is_symlink()}


def visible(directory: Path) -> dict[str, bytes]:
    return {name: data for name, data in entries(directory).items() if not name.startswith(".")}


def hidden(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.startswith("."))


def reference(kzpolicy: Runner, answers: Path, out: Path, *args: str) -> dict[str, bytes]:
    result = kzpolicy("build", answers, "--out", out, *args)
    assert result.returncode == 0, result.stderr
    return entries(out)


def assert_manifest_describes(files: dict[str, bytes]) -> None:
    """Every file but the manifest is listed in it with its hash and size, and nothing else is."""
    manifest = json.loads(files[MANIFEST_NAME])
    listed = {entry["name"]: entry for entry in manifest["files"]}
    assert set(listed) == set(files) - {MANIFEST_NAME}
    for name, entry in listed.items():
        assert entry["sha256"] == hashlib.sha256(files[name]).hexdigest(), name
        assert entry["bytes"] == len(files[name]), name


FOREIGN = {
    "index.html": b"<!doctype html><title>the site's own page</title>",
    "notes.txt": b"not kzpolicy's",
    "privacy-policy.kk.pdf": b"%PDF-1.7 printed by hand",  # a policy-like name no manifest lists
    ".htaccess": b"Options -Indexes\n",
}


def add_foreign(directory: Path) -> dict[str, tuple[int, int]]:
    directory.mkdir(parents=True, exist_ok=True)
    for name, data in FOREIGN.items():
        (directory / name).write_bytes(data)
    (directory / "assets").mkdir()
    (directory / "assets" / "logo.svg").write_bytes(b"<svg/>")
    (directory / "link-to-notes").symlink_to("notes.txt")
    return {name: stamp(directory / name) for name in [*FOREIGN, "assets", "assets/logo.svg", "link-to-notes"]}


def stamp(path: Path) -> tuple[int, int]:
    info = os.lstat(path)
    return info.st_ino, info.st_mtime_ns


# --------------------------------------------------------------------------- stale files and foreign files


def test_format_md_over_a_full_build_removes_the_old_html_and_docx(kzpolicy: Runner, tmp_path: Path) -> None:
    out = tmp_path / "out"
    full = reference(kzpolicy, STORE, out)
    assert {name.rsplit(".", 1)[-1] for name in full} == {"md", "html", "docx", "json"}
    only_md = reference(kzpolicy, FOOD, tmp_path / "food-md", "--format", "md")
    result = kzpolicy("build", FOOD, "--format", "md", "--out", out)
    assert result.returncode == 0, result.stderr
    assert entries(out) == only_md  # the food shop's Markdown and manifest, nothing of the store
    assert_manifest_describes(entries(out))
    assert hidden(out) == []


def test_files_no_manifest_lists_are_never_touched(kzpolicy: Runner, tmp_path: Path) -> None:
    out = tmp_path / "out"
    stamps = add_foreign(out)
    builds = [(STORE, ()), (FOOD, ("--format", "md")), (STORE, ("--lang", "ru", "--format", "docx,html", "--fragment")),
              (STORE, ("--annotate",))]
    for index, (answers, args) in enumerate(builds):
        expected = reference(kzpolicy, answers, tmp_path / f"ref{index}", *args)
        result = kzpolicy("build", answers, "--out", out, *args)
        assert result.returncode == 0, result.stderr
        ours = {name: data for name, data in entries(out).items() if name not in FOREIGN}
        assert ours == expected
        for name, data in FOREIGN.items():
            assert (out / name).read_bytes() == data
        assert {name: stamp(out / name) for name in stamps} == stamps  # not even rewritten
    assert (out / "assets" / "logo.svg").read_bytes() == b"<svg/>"


def test_a_hostile_manifest_removes_nothing_outside_its_directory(kzpolicy: Runner, tmp_path: Path) -> None:
    out = tmp_path / "site" / "legal"
    reference(kzpolicy, STORE, out, "--format", "md")
    victim = tmp_path / "site" / "victim.txt"
    victim.write_bytes(b"keep me")
    (out / ".secret").write_bytes(b"hidden")
    (out / "sub").mkdir()
    (out / "sub" / "x").write_bytes(b"x")
    manifest = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))
    manifest["files"] += [{"name": name} for name in ("../victim.txt", str(victim), ".secret", "sub/x", "sub", "..")]
    (out / MANIFEST_NAME).write_text(json.dumps(manifest), encoding="utf-8")
    result = kzpolicy("build", FOOD, "--format", "html", "--out", out)
    assert result.returncode == 0, result.stderr
    assert victim.read_bytes() == b"keep me"
    assert (out / ".secret").read_bytes() == b"hidden" and (out / "sub" / "x").read_bytes() == b"x"
    assert not (out / "privacy-policy.kk.md").exists()  # what the manifest rightly listed is gone


def test_a_manifest_kzpolicy_did_not_write_lists_nothing(kzpolicy: Runner, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "privacy-policy.kk.md").write_bytes(b"typed by hand")
    (out / "privacy-policy.ru.md").write_bytes(b"typed by hand")
    (out / MANIFEST_NAME).write_text(json.dumps({"files": [{"name": "privacy-policy.ru.md"}]}), encoding="utf-8")
    assert kzpolicy("build", STORE, "--lang", "kk", "--format", "html", "--out", out).returncode == 0
    assert (out / "privacy-policy.kk.md").read_bytes() == b"typed by hand"
    assert (out / "privacy-policy.ru.md").read_bytes() == b"typed by hand"


def test_a_directory_in_the_way_fails_before_anything_is_written(kzpolicy: Runner, tmp_path: Path) -> None:
    out = tmp_path / "out"
    before = reference(kzpolicy, STORE, out, "--format", "md")
    (out / "privacy-policy.kk.html").mkdir()
    result = kzpolicy("build", FOOD, "--out", out)
    assert result.returncode == 2
    assert "a directory is in the way" in result.stderr and str(out / "privacy-policy.kk.html") in result.stderr
    assert entries(out) == before and hidden(out) == []


def test_an_out_that_links_nowhere_is_named_with_its_target(kzpolicy: Runner, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.symlink_to(tmp_path / "moved-away")
    result = kzpolicy("build", STORE, "--out", out)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"is a link to {tmp_path / 'moved-away'}, which does not exist" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_leftovers_of_killed_builds_are_removed_by_the_next_build(kzpolicy: Runner, tmp_path: Path) -> None:
    out = tmp_path / "out"
    stamps = add_foreign(out)
    staging = out / f"{STAGING_PREFIX}dead1234"
    staging.mkdir()
    (staging / "privacy-policy.kk.md").write_bytes(b"half a build")
    (out / ".privacy-policy.kk.md.k2j4_x9a.tmp").write_bytes(b"what kzpolicy 0.1 left when killed")
    (out / ".privacy-policy.manifest.json.abcdefgh.tmp").write_bytes(b"{")
    result = kzpolicy("build", STORE, "--out", out)
    assert result.returncode == 0, result.stderr
    assert hidden(out) == [".htaccess"]
    assert {name: stamp(out / name) for name in stamps} == stamps


# --------------------------------------------------------------------------- the lock


HOLDER = textwrap.dedent("""
    import fcntl, os, sys, time
    fd = os.open(sys.argv[1], os.O_RDONLY | os.O_DIRECTORY)
    fcntl.flock(fd, fcntl.LOCK_EX)
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
""")


def hold_lock(directory: Path, seconds: float) -> subprocess.Popen[str]:
    """Another process that holds the directory's lock, as a running build does."""
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(directory), str(seconds)], stdout=subprocess.PIPE,
                              text=True)
    assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
    return holder


def test_a_build_waits_for_the_build_that_holds_the_directory(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    holder = hold_lock(out, 0.8)
    start = time.monotonic()
    written = write_set(out, {"privacy-policy.kk.md": b"new", MANIFEST_NAME: b"{}"})
    waited = time.monotonic() - start
    holder.wait()
    assert waited >= 0.5, f"wrote after {waited:.2f} s while another process held the lock"
    assert [p.name for p in written] == ["privacy-policy.kk.md", MANIFEST_NAME]
    assert (out / "privacy-policy.kk.md").read_bytes() == b"new"


def test_a_build_that_cannot_get_the_directory_fails_cleanly(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "privacy-policy.kk.md").write_bytes(b"old")
    holder = hold_lock(out, 30)
    try:
        with pytest.raises(OutputError) as caught:
            write_set(out, {"privacy-policy.kk.md": b"new"}, lock_timeout=0.3)
    finally:
        holder.kill()
        holder.wait()
    message = str(caught.value)
    assert str(out) in message and "another kzpolicy build" in message and "--out" in message
    assert caught.value.exit_code == 2
    assert entries(out) == {"privacy-policy.kk.md": b"old"} and hidden(out) == []


# --------------------------------------------------------------------------- kill -9 at each step of a commit


KILLER = textwrap.dedent("""
    import json, os, signal, sys
    from pathlib import Path
    from generator.export import output_set

    directory, source, kill_at = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
    files = {name: (source / name).read_bytes() for name in json.loads(sys.argv[4])}
    calls = {"replace": 0, "unlink": 0}
    real_replace, real_unlink = os.replace, os.unlink

    def step(kind):
        calls[kind] += 1
        if f"{kind}:{calls[kind]}" == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)

    def replace(a, b):
        step("replace")
        real_replace(a, b)

    def unlink(path, *args, **kwargs):
        if Path(path).name == output_set.JOURNAL_NAME:
            step("unlink")
        real_unlink(path, *args, **kwargs)

    os.replace, os.unlink = replace, unlink
    output_set.write_set(directory, files)
""")


def kill_during_write(directory: Path, source: Path, files: dict[str, bytes], kill_at: str) -> int:
    names = [name for name in files if name != MANIFEST_NAME] + [MANIFEST_NAME]
    done = subprocess.run([sys.executable, "-c", KILLER, str(directory), str(source), kill_at, json.dumps(names)],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    return done.returncode


@pytest.mark.slow
def test_kill_9_at_every_step_of_the_commit_leaves_the_old_set_or_a_journal_that_completes_the_new(
    kzpolicy: Runner, tmp_path: Path
) -> None:
    old = reference(kzpolicy, STORE, tmp_path / "old")
    new_dir = tmp_path / "new"
    new = reference(kzpolicy, FOOD, new_dir, "--format", "md,html")
    # replace:1 is the journal's rename (the commit point); replace:2.. put the files in
    # place, the manifest last; unlink:1 removes the journal once all is done.
    steps = [f"replace:{n}" for n in range(1, len(new) + 2)] + ["unlink:1"]
    for kill_at in steps:
        out = tmp_path / "out" / kill_at.replace(":", "-")
        shutil.copytree(tmp_path / "old", out)
        assert kill_during_write(out, new_dir, new, kill_at) == -signal.SIGKILL, kill_at
        after_kill = visible(out)
        if kill_at == "replace:1":  # killed before the commit point: the old set stands
            assert after_kill == old
            assert JOURNAL_NAME not in hidden(out)
            assert recover(out) is True  # its staging folder was left behind
            assert entries(out) == old
        else:  # committed: a mix only of the two builds, and the journal finishes the new one
            assert JOURNAL_NAME in hidden(out), kill_at
            for name, data in after_kill.items():
                assert data in (old.get(name), new.get(name)), (kill_at, name)
            assert recover(out) is True
            assert entries(out) == new, kill_at
        assert hidden(out) == []
        assert recover(out) is False  # nothing left to do


@pytest.mark.slow
def test_the_next_build_finishes_a_build_killed_after_its_commit(kzpolicy: Runner, tmp_path: Path) -> None:
    out = tmp_path / "out"
    reference(kzpolicy, STORE, out)
    new_dir = tmp_path / "new"
    new = reference(kzpolicy, FOOD, new_dir, "--format", "md")
    assert kill_during_write(out, new_dir, new, "replace:2") == -signal.SIGKILL
    assert JOURNAL_NAME in hidden(out)
    # The next build (other answers, other formats) first completes the killed one, so the
    # store's HTML and DOCX, stale for the killed build, go as well.
    expected = reference(kzpolicy, variant(STORE, tmp_path / "store2.yaml", "II"), tmp_path / "ref", "--format", "docx")
    result = kzpolicy("build", tmp_path / "store2.yaml", "--format", "docx", "--out", out)
    assert result.returncode == 0, result.stderr
    assert entries(out) == expected


# --------------------------------------------------------------------------- concurrent builds


@pytest.mark.slow
def test_two_builds_at_once_into_one_directory_never_mix(kzpolicy: Runner, tmp_path: Path) -> None:
    builds = {
        "store": (STORE, ()),
        "food": (FOOD, ("--format", "md,html")),
    }
    refs = {key: reference(kzpolicy, answers, tmp_path / f"ref-{key}", *args)
            for key, (answers, args) in builds.items()}
    out = tmp_path / "out"
    winners: dict[str, int] = {}
    for round_ in range(32):
        if round_ % 4 == 0:
            shutil.rmtree(out, ignore_errors=True)  # sometimes into a directory neither has made yet
        processes = [
            subprocess.Popen([*kzpolicy_command(), "build", answers, "--out", out, *args], stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True)
            for answers, args in builds.values()
        ]
        for process in processes:
            _, stderr = process.communicate(timeout=120)
            assert process.returncode == 0, stderr
        found = entries(out)
        winner = next((key for key, ref in refs.items() if found == ref), None)
        assert winner is not None, f"round {round_}: a mix: {sorted(found)}"
        assert_manifest_describes(found)
        assert hidden(out) == []
        winners[winner] = winners.get(winner, 0) + 1
    assert sum(winners.values()) == 32


# --------------------------------------------------------------------------- kill -9 of a batch build


def wait_for_group(pgid: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.01)
    raise AssertionError(f"process group {pgid} still alive after SIGKILL")


def settle_copy(directory: Path, scratch: Path) -> dict[str, bytes]:
    """What the directory holds once a committed journal is rolled forward (on a copy)."""
    shutil.rmtree(scratch, ignore_errors=True)
    shutil.copytree(directory, scratch, symlinks=True)
    recover(scratch)
    assert hidden(scratch) == []
    return entries(scratch)


@pytest.mark.slow
def test_kill_9_of_a_batch_build_leaves_whole_sets_and_the_next_build_cleans_up(
    kzpolicy: Runner, tmp_path: Path
) -> None:
    stems = [f"client{i}" for i in range(6)]
    one, two = tmp_path / "one", tmp_path / "two"
    for index, stem in enumerate(stems):
        example = EXAMPLES[index % len(EXAMPLES)]
        variant(example, one / f"{stem}.yaml", "I")
        variant(example, two / f"{stem}.yaml", "II")
    batches = {"one": (one, ()), "two": (two, ("--format", "md,html"))}
    refs: dict[str, dict[str, dict[str, bytes]]] = {}
    durations = []
    for key, (source, args) in batches.items():
        start = time.monotonic()
        result = kzpolicy("build", source, "--out", tmp_path / f"ref-{key}", "--jobs", "2", *args)
        durations.append(time.monotonic() - start)
        assert result.returncode == 0, result.stderr
        refs[key] = {stem: entries(tmp_path / f"ref-{key}" / stem) for stem in stems}
    duration = max(durations)

    out = tmp_path / "out"
    rng = random.Random(94)
    states: dict[str, int] = {}
    interrupted = 0
    for run in range(40):
        key = "one" if run % 2 == 0 else "two"
        source, args = batches[key]
        process = subprocess.Popen([*kzpolicy_command(), "build", source, "--out", out, "--jobs", "2", *args],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        time.sleep(rng.uniform(0.05, 1.1) * duration)
        interrupted += process.poll() is None
        with contextlib.suppress(ProcessLookupError):  # the whole group: the workers too
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        wait_for_group(process.pid)
        for stem in stems:
            state = classify(out / stem, [refs["one"][stem], refs["two"][stem]], tmp_path / "scratch")
            states[state] = states.get(state, 0) + 1
    assert interrupted >= 20, f"only {interrupted} of 40 batch builds were still running when killed"

    result = kzpolicy("build", one, "--out", out, "--jobs", "2")
    assert result.returncode == 0, result.stderr
    for stem in stems:
        assert entries(out / stem) == refs["one"][stem], stem
        assert hidden(out / stem) == []
    assert sorted(p.name for p in out.iterdir()) == stems, states


def classify(directory: Path, complete_sets: list[dict[str, bytes]], scratch: Path) -> str:
    """How a batch build killed at a random moment left one answers file's directory:
    absent, empty, one complete set, or committed with its journal (inside the window)."""
    if not directory.exists():
        return "absent"
    for name in hidden(directory):
        assert name == JOURNAL_NAME or name.startswith(STAGING_PREFIX), f"{directory}: unexpected {name}"
    files = visible(directory)
    if JOURNAL_NAME in hidden(directory):
        for name, data in files.items():
            assert any(data == ref.get(name) for ref in complete_sets), f"{directory}/{name}: of neither build"
        assert settle_copy(directory, scratch) in complete_sets, f"{directory}: the journal does not complete a set"
        return "window"
    if not files:
        return "empty"
    assert files in complete_sets, f"{directory}: a mix of builds: {sorted(files)}"
    return "complete"


# --------------------------------------------------------------------------- a full disk


def require_root_for_mount() -> None:
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("mount"):
        return
    message = "mounting a small tmpfs needs root and mount(8)"
    if in_ci():
        pytest.fail(f"{message}; CI=true requires it", pytrace=False)
    pytest.skip(message)


@pytest.fixture
def small_disk(tmp_path: Path) -> Any:
    """A real 2 MiB tmpfs, unmounted afterwards."""
    require_root_for_mount()
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m,mode=0755", "kzpolicy-test", str(mount)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        if in_ci():
            pytest.fail(f"mount -t tmpfs failed: {done.stderr.strip()}", pytrace=False)
        pytest.skip(f"mount -t tmpfs failed: {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(disk: Path, leave: int) -> None:
    """Fill the disk so that about ``leave`` bytes stay free."""
    filler = disk / "filler.bin"
    filler.unlink(missing_ok=True)
    info = os.statvfs(disk)
    free = info.f_bavail * info.f_frsize
    assert free > leave, f"{free} bytes free, {leave} wanted"
    with filler.open("wb") as handle:
        handle.write(b"\0" * (free - leave))
    info = os.statvfs(disk)
    assert abs(info.f_bavail * info.f_frsize - leave) <= 8192


def set_size(files: dict[str, bytes], page: int = 4096) -> int:
    return sum(-(-len(data) // page) * page for data in files.values())


@pytest.mark.slow
def test_a_full_disk_over_an_older_build_leaves_it_byte_identical(
    kzpolicy: Runner, tmp_path: Path, small_disk: Path
) -> None:
    out = small_disk / "out"
    old = reference(kzpolicy, STORE, out)
    new = reference(kzpolicy, FOOD, tmp_path / "new")
    size = set_size(new)
    for share in (0.0, 0.1, 0.3, 0.5, 0.7, 0.9):  # out of space at different files of the set
        fill(small_disk, int(size * share) // 4096 * 4096)
        result = kzpolicy("build", FOOD, "--out", out)
        assert result.returncode == 2, (share, result.stderr)
        assert "No space left on device" in result.stderr and str(out) in result.stderr
        assert "nothing was written" in result.stderr and "Traceback" not in result.stderr
        assert entries(out) == old, share
        assert hidden(out) == [], share
    # The same build with room enough: the disk, not something else, refused it above.
    fill(small_disk, size + 64 * 1024)
    result = kzpolicy("build", FOOD, "--out", out)
    assert result.returncode == 0, result.stderr
    assert entries(out) == new


@pytest.mark.slow
def test_a_full_disk_into_a_new_directory_leaves_no_directory(
    kzpolicy: Runner, tmp_path: Path, small_disk: Path
) -> None:
    new = reference(kzpolicy, STORE, tmp_path / "new")
    size = set_size(new)
    empty = small_disk / "empty"
    empty.mkdir()
    for share in (0.0, 0.2, 0.5, 0.8):
        fill(small_disk, int(size * share) // 4096 * 4096)
        nested = small_disk / "site" / "legal" / "out"
        result = kzpolicy("build", STORE, "--out", nested)
        assert result.returncode == 2, (share, result.stderr)
        assert "No space left on device" in result.stderr
        assert not (small_disk / "site").exists(), "a failed build left the directories it created"
        result = kzpolicy("build", STORE, "--out", empty)
        assert result.returncode == 2, (share, result.stderr)
        assert empty.is_dir() and list(empty.iterdir()) == []  # an existing empty directory stays
    assert sorted(p.name for p in small_disk.iterdir()) == ["empty", "filler.bin"]

