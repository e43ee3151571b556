"""The reviewer's view: which clause implements which article of Law 94-V.

A lawyer checks the policy against the law clause by clause; this lists, for every clause
in the built document, its number, its id, the articles it implements and its template.
"""

from __future__ import annotations

from ..document import Document, walk


def provenance_name(lang: str) -> str:
    return f"privacy-policy.{lang}.provenance.md"


def provenance_table(document: Document) -> str:
    lines = [
        f"# {document.meta.title}: provenance ({document.meta.lang})",
        "",
        "| № | clause id | Law 94-V articles | template |",
        "| --- | --- | --- | --- |",
    ]
    for _section, clause, _depth in walk(document):
        articles = ", ".join(clause.articles) or "—"
        lines.append(f"| {clause.number} | `{clause.id}` | {articles} | `{clause.template}` |")
    return "\n".join(lines) + "\n"
