"""The reviewer's view: which clause implements which article of Law 94-V.

A lawyer checks the policy against the law clause by clause; this lists, for every clause
in the built document, its number, its id, the articles it implements and its template.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..answers.model import Answers
from ..document import Document


def provenance_table(document: Document) -> str:
    lines = [
        f"# {document.meta.title}: provenance ({document.meta.lang})",
        "",
        "| № | clause id | Law 94-V articles | template |",
        "| --- | --- | --- | --- |",
    ]
    for clause in document.clauses():
        articles = ", ".join(clause.articles) or "—"
        lines.append(f"| {clause.number} | `{clause.id}` | {articles} | `{clause.template}` |")
    return "\n".join(lines) + "\n"


def provenance_files(answers: Answers, langs: Sequence[str] | None) -> dict[str, bytes]:
    from ..api import build_document, resolve_languages

    return {
        f"privacy-policy.{lang}.provenance.md": provenance_table(build_document(answers, lang)).encode("utf-8")
        for lang in resolve_languages(answers, langs)
    }
