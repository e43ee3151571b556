"""Golden files: each scenario's answers and the exact text of the policy and of the consent
they must produce, in every language (Kazakh, Russian and the informational English
translation).

A change to a template shows up here as a readable diff of the generated policy. After
reviewing it, refresh the expected files with:

    KZPOLICY_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.api import build_files, load_answers
from generator.lang import LANGUAGES

from .conftest import CASES, EXAMPLES

UPDATE = os.environ.get("KZPOLICY_UPDATE_GOLDEN") == "1"


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_golden_policy(case: Path) -> None:
    files = build_files(
        load_answers(case / "answers.yaml"), langs=list(LANGUAGES), formats=["md"], kinds=("policy", "consent")
    )
    files = {name: data for name, data in files.items() if name.endswith(".md")}  # not the checkbox snippets
    expected_dir = case / "expected"
    if UPDATE:
        expected_dir.mkdir(exist_ok=True)
        for name, data in files.items():
            (expected_dir / name).write_bytes(data)
    expected = sorted(p.name for p in expected_dir.glob("*.md"))
    assert sorted(files) == sorted(f"{stem}.{lang}.md" for stem in ("personal-data-consent", "privacy-policy")
                                   for lang in LANGUAGES)
    assert sorted(files) == expected
    for name, data in files.items():
        assert data.decode("utf-8") == (expected_dir / name).read_text(encoding="utf-8"), f"{case.name}/{name}"


def test_every_example_has_a_golden_case() -> None:
    cases = {c.name for c in CASES}
    assert {e.stem for e in EXAMPLES} <= cases
    for example in EXAMPLES:
        assert (Path(str(example)).read_bytes() == (next(c for c in CASES if c.name == example.stem)
                                                      / "answers.yaml").read_bytes()), example.stem
