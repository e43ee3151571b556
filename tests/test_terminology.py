"""One official term per notion: forbidden variants never reach templates, catalogues or text."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
import yaml

from generator.answers.model import load_answers
from generator.api import render_text

from .conftest import EXAMPLES, ROOT

GLOSSARY = ROOT / "generator" / "catalog" / "glossary.yaml"


@cache
def forbidden(lang: str) -> list[tuple[str, re.Pattern[str]]]:
    terms = yaml.safe_load(GLOSSARY.read_text(encoding="utf-8"))["terms"]
    out = []
    for term in terms:
        for variant in term["avoid"][lang]:
            # Word-start match, any ending: Kazakh and Russian inflect at the end of a word.
            pattern = re.compile(r"(?<![\w-])" + re.escape(variant), re.IGNORECASE)
            out.append((variant, pattern))
    return out


def offending(text: str, lang: str) -> list[str]:
    return [variant for variant, pattern in forbidden(lang) if pattern.search(text)]


def test_the_glossary_has_both_languages_for_every_term() -> None:
    terms = yaml.safe_load(GLOSSARY.read_text(encoding="utf-8"))["terms"]
    assert len(terms) >= 15
    for term in terms:
        assert term["kk"] and term["ru"] and term["en"]
        assert set(term["avoid"]) == {"kk", "ru"}


def test_the_checker_catches_a_forbidden_variant() -> None:
    assert offending("Пайдаланушының жеке мәліметтерін өңдеу", "kk") == ["жеке мәліметтер"]
    assert offending("Құпиялық саясаты", "kk") == ["Құпиялық саясат", "Құпиялық саясаты"]
    assert offending("деректерді беймәлімдендіру", "kk") == ["беймәлімдендіру"]
    assert offending("третьей стороне", "ru") == ["третья сторона"] or offending("третья сторона", "ru")
    assert offending("Құпиялылық саясаты", "kk") == []
    assert offending("субъектінің жеке келісімімен", "kk") == ["жеке келісім"]
    assert offending("тапсырыстың мәртебесі туралы", "kk") == ["тапсырыстың мәртебесі"]
    assert offending("таргеттелген жарнама", "kk") == ["таргеттелген"]


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_templates_use_only_official_terms(lang: str) -> None:
    for path in sorted((ROOT / "templates" / lang).rglob("*")):
        if path.is_file():
            assert offending(path.read_text(encoding="utf-8"), lang) == [], path.name


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_catalogue_labels_use_only_official_terms(lang: str) -> None:
    for path in sorted((ROOT / "generator" / "catalog").glob("*.yaml")):
        if path.name == "glossary.yaml":
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        labels: list[str] = []

        def collect(node: object, labels: list[str] = labels) -> None:
            if isinstance(node, dict):
                for key, value in node.items():
                    if key == lang and isinstance(value, str):
                        labels.append(value)
                    else:
                        collect(value, labels)
            elif isinstance(node, list):
                for value in node:
                    collect(value, labels)

        collect(data)
        for label in labels:
            assert offending(label, lang) == [], f"{path.name}: {label}"


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_generated_policies_use_only_official_terms(example: Path, lang: str) -> None:
    text = render_text(load_answers(example), lang, "md")
    assert offending(text, lang) == []
