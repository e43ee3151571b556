"""The lock CI installs from (.ci/requirements.lock) holds every dependency pyproject.toml
declares, at a version its bounds allow, with hashes: a stale lock fails here, not in CI."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / ".ci" / "requirements.lock"
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\;]+)")


def pins() -> dict[str, Version]:
    found: dict[str, Version] = {}
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        match = PIN.match(line)
        if match:
            found[canonicalize_name(match[1])] = Version(match[2])
    return found


def declared() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    build = project["build-system"]["requires"]
    runtime = project["project"]["dependencies"]
    extras = [req for group in project["project"]["optional-dependencies"].values() for req in group]
    return [Requirement(text) for text in (*build, *runtime, *extras)]


def test_every_declared_dependency_is_pinned_within_its_bounds() -> None:
    locked = pins()
    problems = []
    for requirement in declared():
        name = canonicalize_name(requirement.name)
        if name not in locked:
            problems.append(f"{requirement} is not in the lock")
        elif not requirement.specifier.contains(locked[name], prereleases=True):
            problems.append(f"{requirement}: the lock pins {locked[name]}")
    assert not problems, "refresh the lock (bash .ci/refresh-lock):\n" + "\n".join(problems)


def test_every_pin_carries_a_hash() -> None:
    text = LOCK.read_text(encoding="utf-8")
    blocks = re.split(r"\n(?=[A-Za-z0-9])", text)
    missing = [block.split()[0] for block in blocks if PIN.match(block) and "--hash=sha256:" not in block]
    assert not missing, f"pins without hashes: {missing}"
