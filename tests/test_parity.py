"""Kazakh and Russian say the same thing: the same clauses under the same conditions.

The outline (templates/outline.yaml) is shared, so which top-level clauses exist and when
they apply cannot differ. Inside a clause, the templates must have the same conditions,
loops, sub-clause ids and references; only the language differs.
"""

from __future__ import annotations

import re
from pathlib import Path

import jinja2
import pytest
import yaml
from jinja2 import nodes

from generator.engine.build import load_outline

from .conftest import ROOT

TEMPLATES = ROOT / "templates"
LANGS = ("kk", "ru")


def template_names(lang: str) -> set[str]:
    base = TEMPLATES / lang
    return {str(p.relative_to(base)) for p in base.rglob("*.j2")}


def structure(path: Path) -> dict[str, list[str]]:
    source = path.read_text(encoding="utf-8")
    tree = jinja2.Environment().parse(source)

    def dump(node: nodes.Node) -> str:
        return re.sub(r"\s+", " ", repr(node))

    return {
        "if": [dump(n.test) for n in tree.find_all(nodes.If)],
        "for": [f"{dump(n.target)} in {dump(n.iter)}" for n in tree.find_all(nodes.For)],
        "clause ids": re.findall(r'<clause(?: id="([^"]*)")?', source),
        "references": re.findall(r'<ref to="([^"]+)"', source),
        "macros": re.findall(r"import ([\w, ]+?)(?: with context)?\s*%\}", source),
        "printed": sorted(dump(n) for n in tree.find_all(nodes.Output) for n in n.nodes
                          if not isinstance(n, nodes.TemplateData)),
    }


def test_every_template_exists_in_both_languages() -> None:
    kk, ru = template_names("kk"), template_names("ru")
    assert sorted(kk - ru) == [], "Kazakh templates with no Russian counterpart"
    assert sorted(ru - kk) == [], "Russian templates with no Kazakh counterpart"


def test_every_outline_clause_has_a_template_in_each_language() -> None:
    for clause_id in load_outline().clause_ids():
        for lang in LANGS:
            assert (TEMPLATES / lang / "clauses" / f"{clause_id}.j2").is_file(), (lang, clause_id)


def test_no_template_outside_the_outline() -> None:
    ids = set(load_outline().clause_ids())
    for lang in LANGS:
        extra = {p.stem for p in (TEMPLATES / lang / "clauses").glob("*.j2")} - ids
        assert not extra, (lang, extra)


@pytest.mark.parametrize("name", sorted(template_names("kk")))
def test_same_conditions_loops_clauses_and_references(name: str) -> None:
    kk = structure(TEMPLATES / "kk" / name)
    ru = structure(TEMPLATES / "ru" / name)
    # Values printed may differ only by the language of a macro file path; compare the rest.
    for key in ("if", "for", "clause ids", "references", "macros"):
        assert kk[key] == ru[key], f"{name}: {key} differ"
    assert neutral(kk["printed"]) == neutral(ru["printed"]), f"{name}: printed values differ"


def neutral(printed: list[str]) -> list[str]:
    """Printed expressions without what is language-specific by design: the language of a
    macro file and the grammatical case of a Kazakh date («…маусымнан»)."""
    out = [re.sub(r"'(kk|ru)/", "'LANG/", p) for p in printed]
    return [re.sub(r", Const\(value='(abl|attr|nom)'\)", "", p) for p in out]


def test_the_parity_check_catches_a_different_condition(tmp_path: Path) -> None:
    (tmp_path / "kk.j2").write_text("{% if f.marketing %}a{% endif %}", encoding="utf-8")
    (tmp_path / "ru.j2").write_text("{% if f.analytics %}a{% endif %}", encoding="utf-8")
    assert structure(tmp_path / "kk.j2")["if"] != structure(tmp_path / "ru.j2")["if"]


@pytest.mark.parametrize("key", ["sections", "channels", "frequency", "opt_out", "consent_methods", "requisites",
                                 "identifier"])
def test_document_strings_have_the_same_keys(key: str) -> None:
    kk = yaml.safe_load((TEMPLATES / "kk" / "document.yaml").read_text(encoding="utf-8"))
    ru = yaml.safe_load((TEMPLATES / "ru" / "document.yaml").read_text(encoding="utf-8"))
    assert set(kk) == set(ru)
    assert set(kk[key]) == set(ru[key])
