"""Every language says the same thing: the same clauses under the same conditions.

The outlines (templates/outlines/<kind>.yaml) are shared, so which top-level clauses exist
and when they apply cannot differ. Inside a clause, the templates must have the same
conditions, loops, sub-clause ids and references; only the language differs.
"""

from __future__ import annotations

import re
from pathlib import Path

import jinja2
import pytest
import yaml
from jinja2 import nodes

from generator.engine.outline import KINDS, load_outline
from generator.lang import LANGUAGES

from .conftest import ROOT

TEMPLATES = ROOT / "templates"
LANGS = LANGUAGES
OTHERS = LANGS[1:]
#: The strings of each kind of document, and of the cookie notice (a snippet with no outline).
STRING_FILES = ["strings.yaml", *(f"{kind}/document.yaml" for kind in KINDS), "cookies/document.yaml"]


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


@pytest.mark.parametrize("lang", OTHERS)
def test_every_template_exists_in_every_language(lang: str) -> None:
    kk, other = template_names("kk"), template_names(lang)
    assert sorted(kk - other) == [], f"Kazakh templates with no {lang} counterpart"
    assert sorted(other - kk) == [], f"{lang} templates with no Kazakh counterpart"


@pytest.mark.parametrize("kind", KINDS)
def test_every_outline_clause_has_a_template_in_each_language(kind: str) -> None:
    for clause_id in load_outline(kind).clause_ids():
        for lang in LANGS:
            assert (TEMPLATES / lang / kind / "clauses" / f"{clause_id}.j2").is_file(), (lang, kind, clause_id)


@pytest.mark.parametrize("kind", KINDS)
def test_no_template_outside_the_outline(kind: str) -> None:
    ids = set(load_outline(kind).clause_ids())
    for lang in LANGS:
        extra = {p.stem for p in (TEMPLATES / lang / kind / "clauses").glob("*.j2")} - ids
        assert not extra, (lang, kind, extra)


@pytest.mark.parametrize("lang", OTHERS)
@pytest.mark.parametrize("name", sorted(template_names("kk")))
def test_same_conditions_loops_clauses_and_references(name: str, lang: str) -> None:
    kk = structure(TEMPLATES / "kk" / name)
    other = structure(TEMPLATES / lang / name)
    # Values printed may differ only by the language of a macro file path; compare the rest.
    for key in ("if", "for", "clause ids", "references", "macros"):
        assert kk[key] == other[key], f"{lang}/{name}: {key} differ"
    assert neutral(kk["printed"]) == neutral(other["printed"]), f"{lang}/{name}: printed values differ"


def neutral(printed: list[str]) -> list[str]:
    """Printed expressions without what is language-specific by design: the language of a
    macro file and the grammatical case of a date («…маусымнан», «в течение трех лет»)."""
    out = [re.sub(r"'(kk|ru|en)/", "'LANG/", p) for p in printed]
    return [re.sub(r", Const\(value='(abl|attr|nom|gen|loc)'\)", "", p) for p in out]


def test_the_parity_check_catches_a_different_condition(tmp_path: Path) -> None:
    (tmp_path / "kk.j2").write_text("{% if f.marketing %}a{% endif %}", encoding="utf-8")
    (tmp_path / "ru.j2").write_text("{% if f.analytics %}a{% endif %}", encoding="utf-8")
    assert structure(tmp_path / "kk.j2")["if"] != structure(tmp_path / "ru.j2")["if"]


def _keys(data: object, prefix: str = "") -> set[str]:
    if not isinstance(data, dict):
        return {prefix}
    return {key for name, value in data.items() for key in _keys(value, f"{prefix}.{name}" if prefix else name)}


@pytest.mark.parametrize("lang", OTHERS)
@pytest.mark.parametrize("name", STRING_FILES)
def test_document_strings_have_the_same_keys(name: str, lang: str) -> None:
    kk = yaml.safe_load((TEMPLATES / "kk" / name).read_text(encoding="utf-8"))
    other = yaml.safe_load((TEMPLATES / lang / name).read_text(encoding="utf-8"))
    assert _keys(kk) == _keys(other), (lang, name)


def _placeholders(data: object, prefix: str = "") -> dict[str, list[str]]:
    if isinstance(data, dict):
        found: dict[str, list[str]] = {}
        for name, value in data.items():
            found.update(_placeholders(value, f"{prefix}.{name}" if prefix else name))
        return found
    return {prefix: sorted(re.findall(r"\{(\w+)\}", data))} if isinstance(data, str) else {}


@pytest.mark.parametrize("lang", OTHERS)
@pytest.mark.parametrize("name", STRING_FILES)
def test_document_strings_have_the_same_placeholders(name: str, lang: str) -> None:
    kk = yaml.safe_load((TEMPLATES / "kk" / name).read_text(encoding="utf-8"))
    other = yaml.safe_load((TEMPLATES / lang / name).read_text(encoding="utf-8"))
    assert _placeholders(kk) == _placeholders(other), (lang, name)
