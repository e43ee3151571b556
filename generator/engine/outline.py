"""The outlines: which clauses a document has, when each applies and what it rests on.

One outline per kind of document (``templates/outlines/<kind>.yaml``), language-neutral;
each language gives the text of the same clause ids in ``templates/<lang>/<kind>/clauses/``
and the headings in ``templates/<lang>/<kind>/document.yaml``. The YAML comes from the
compiled template bundle when there is one (:mod:`generator.engine.bundle`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..errors import BuildError
from ..paths import templates_dir
from .bundle import Bundle, load_bundle, read_yaml

KINDS: tuple[str, ...] = ("policy", "consent")
"""The kinds of document, in the order a build writes them."""


@dataclass(frozen=True, slots=True)
class OutlineClause:
    id: str
    law: tuple[str, ...]
    when: str | None
    why: str | None = None
    """The facts of the answers that make the clause true for this operator, in words."""


@dataclass(frozen=True, slots=True)
class OutlineSection:
    id: str
    law: tuple[str, ...]
    clauses: tuple[OutlineClause, ...]


@dataclass(frozen=True, slots=True)
class Outline:
    kind: str
    preamble: tuple[str, ...]  # template names (without .j2) of unnumbered opening paragraphs
    sections: tuple[OutlineSection, ...]

    def clause_ids(self) -> list[str]:
        return [c.id for s in self.sections for c in s.clauses]


def outline_name(kind: str) -> str:
    return f"outlines/{kind}.yaml"


def conditions(data: dict[str, Any]) -> Iterable[str]:
    """Every ``when`` of every outline in the templates' YAML files (for the bundle)."""
    for kind in KINDS:
        raw = data.get(outline_name(kind))
        if raw is None:
            continue
        for section in raw["sections"]:
            for clause in section["clauses"]:
                if clause.get("when"):
                    yield clause["when"]


@cache
def bundle() -> Bundle | None:
    """The compiled templates and YAML of ``templates/`` (None without a cache)."""
    from .environment import environment

    return load_bundle(environment(), templates_dir(), conditions)


def read_template_yaml(name: str) -> Any:
    """A YAML file of the templates directory, from the bundle when there is one."""
    compiled = bundle()
    if compiled is not None and name in compiled.data:
        return compiled.data[name]
    path = templates_dir() / name
    if not path.is_file():
        raise BuildError(f"templates/{name} is missing: reinstall kzpolicy")
    return read_yaml(path)


def _articles(raw: Any) -> tuple[str, ...]:
    return tuple(str(a) for a in raw or ())


@cache
def load_outline(kind: str = "policy") -> Outline:
    if kind not in KINDS:
        raise BuildError(f"there is no kind of document {kind!r}: use {', '.join(KINDS)}")
    raw = read_template_yaml(outline_name(kind))
    sections = []
    for section in raw["sections"]:
        clauses = tuple(
            OutlineClause(c["id"], _articles(c.get("law")), c.get("when"), c.get("why")) for c in section["clauses"]
        )
        sections.append(OutlineSection(section["id"], _articles(section.get("law")), clauses))
    return Outline(kind, tuple(raw.get("preamble", ())), tuple(sections))


@cache
def load_strings(lang: str, kind: str | None = None) -> dict[str, Any]:
    """A language's strings: those every document shares (``<lang>/strings.yaml``), with a
    kind's own on top (``<lang>/<kind>/document.yaml``: title, headings...)."""
    strings: dict[str, Any] = dict(read_template_yaml(f"{lang}/strings.yaml"))
    if kind is not None:
        strings.update(read_template_yaml(f"{lang}/{kind}/document.yaml"))
    return strings
