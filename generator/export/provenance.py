"""The reviewer's view: which clause rests on which article, and why it is in this policy.

A lawyer checks the policy against the law clause by clause; this lists, for every clause
in the built document, its number, its id, what it rests on (articles of Law 94-V or another
act; "good practice" where no act requires it), the facts of the answers that put it there
(the claims table) and its template.
"""

from __future__ import annotations

from ..document import Document, walk


def provenance_name(lang: str) -> str:
    return f"privacy-policy.{lang}.provenance.md"


def provenance_table(document: Document) -> str:
    lines = [
        f"# {document.meta.title}: provenance ({document.meta.lang})",
        "",
        "| № | clause id | rests on (Law 94-V unless named) | why it is here | template |",
        "| --- | --- | --- | --- | --- |",
    ]
    for _section, clause, depth in walk(document):
        articles = ", ".join(clause.articles) or "good practice"
        why = clause.why or ("part of the clause above" if depth > 1 else "—")
        why = why.replace("|", "/")
        lines.append(f"| {clause.number} | `{clause.id}` | {articles} | {why} | `{clause.template}` |")
    return "\n".join(lines) + "\n"
