"""The clause engine: the answers, an outline and its templates -> the Document tree.

For each clause of the outline whose condition holds, the template of the document's
language is rendered in the sandbox (:mod:`generator.engine.environment`) with the context of
:mod:`generator.engine.context`, and its markup is parsed into nodes
(:mod:`generator.engine.markup`). Numbers are given as clauses are kept; a section none of
whose clauses apply is left out; references are checked once the tree is complete.
"""

from __future__ import annotations

from dataclasses import replace

from jinja2 import BaseLoader

from .. import document as d
from ..answers import Answers
from ..errors import BuildError
from ..facts import Facts, derive
from ..lang import language
from .context import CONSENT_FORMS, context, operator_display
from .environment import environment, holds, render
from .markup import Parser, parse
from .outline import load_outline, load_strings


class PolicyReference:
    """The policy as a consent's templates see it: its clause numbers and content hash."""

    def __init__(self, policy: d.Document) -> None:
        self._policy = policy
        self.hash = d.content_hash(policy)
        self.version = policy.meta.version

    def number(self, clause_id: str) -> str:
        """The number of a policy clause («6.3»); a BuildError for a clause not in it."""
        if clause_id not in self._policy.numbers:
            raise BuildError(f"the consent refers to policy clause {clause_id!r}, which this policy does not have")
        return self._policy.numbers[clause_id]


def clause_template(lang: str, clause_id: str, kind: str = "policy") -> str:
    return f"{lang}/{kind}/clauses/{clause_id}.j2"


def build_document(
    answers: Answers,
    lang: str,
    *,
    kind: str = "policy",
    loaders: tuple[BaseLoader, ...] = (),
    facts: Facts | None = None,
    policy: d.Document | None = None,
    form: str = "online",
) -> d.Document:
    """Build the Document of one kind (``policy``, ``consent``) of ``answers`` in ``lang``.

    A consent refers to its policy (clause numbers, version, content hash): ``policy`` is the
    policy Document of the same build and language, built here when not given. ``form``: a
    consent's ``online`` text (behind the checkbox) or its ``written`` form to print and sign
    (with the signature fields and the legal representative's variant)."""
    if form not in CONSENT_FORMS or (form != "online" and kind != "consent"):
        raise BuildError(f"no {form!r} form of the {kind}: use one of {', '.join(CONSENT_FORMS)} for a consent")
    grammar = language(lang)
    facts = facts or derive(answers)
    env = environment(loaders)
    outline = load_outline(kind)
    strings = load_strings(lang, kind)
    values = context(answers, facts, lang, kind, form)
    if kind == "consent":
        if policy is None:
            policy = build_document(answers, lang, loaders=loaders, facts=facts)
        values["policy"] = PolicyReference(policy)
    parser = Parser("")

    preamble: list[d.Block] = []
    for name in outline.preamble:
        template = f"{lang}/{kind}/{name}.j2"
        parser.template = template
        root = parse(render(env, template, values), template)
        clause = parser.clause(root, f"preamble.{name}", "0", ())
        preamble.extend(clause.blocks)
        del parser.numbers[f"preamble.{name}"]

    titles: dict[str, str] = strings["sections"]
    sections: list[d.Section] = []
    for section in outline.sections:
        number = str(len(sections) + 1)
        clauses: list[d.Clause] = []
        for item in section.clauses:
            if item.when is not None and not holds(env, item.when, values, f"outlines/{kind}.yaml: {item.id}"):
                continue
            template = clause_template(lang, item.id, kind)
            parser.template = template
            root = parse(render(env, template, values), template)
            clause = parser.clause(root, item.id, f"{number}.{len(clauses) + 1}", item.law)
            clauses.append(replace(clause, why=item.why or "") if item.why else clause)
        if not clauses:
            continue  # a section none of whose clauses apply leaves no empty heading
        if section.id not in titles:
            raise BuildError(f"{lang}/{kind}/document.yaml has no title for section {section.id!r}")
        parser.numbers[section.id] = number
        sections.append(d.Section(section.id, number, titles[section.id], section.law, tuple(clauses)))

    settings = answers.policy
    operator = operator_display(answers, facts, lang)
    meta = d.Meta(
        lang=lang,
        title=str(strings["title"]),
        subtitle=str(strings["subtitle_written" if form == "written" else "subtitle"]),
        operator=operator,
        version=settings.version,
        effective_date=settings.effective_date,
        effective_date_text=grammar.date(settings.effective_date),
        city=settings.city.get(lang),
        description=str(strings["description"]).replace("{operator}", operator),
        toc_title=str(strings["toc"]),
        tag=grammar.tag,
        kind=kind,
    )
    document = d.Document(meta=meta, preamble=tuple(preamble), sections=tuple(sections), numbers=dict(parser.numbers))
    for where, target in d.references(document):
        if target not in document.numbers:
            raise BuildError(f"{where}: reference to {target!r}, which is not in this document")
    return document
