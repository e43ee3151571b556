"""The public Python API: load answers, build the Document, render and write files.

Every entry point (the CLI, the wizard, site-build plugins) goes through these functions,
so they all validate the same way and raise the same errors (generator.errors).

Overrides: ``loaders=`` takes directories or Jinja2 loaders whose ``<lang>/clauses/<id>.j2``
templates replace single clauses of ours; everything they do not name stays ours.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

from .answers.model import LANGUAGES, Answers, load_answers, parse_answers, validate_answers
from .document import Block, BulletList, Clause, Document, Paragraph, anchor, plain_text
from .errors import InputError

if TYPE_CHECKING:
    from jinja2 import BaseLoader

FORMAT_ORDER = ("md", "html", "docx")

#: Where answers may come from: validated Answers, a mapping of plain data or a file path.
AnswersSource: TypeAlias = "Answers | Mapping[str, Any] | str | os.PathLike[str]"
#: One override: a directory holding ``<lang>/clauses/<id>.j2`` files, or a Jinja2 loader.
Override: TypeAlias = "BaseLoader | str | os.PathLike[str]"


# --------------------------------------------------------------------------- answers


def answers_from(source: AnswersSource) -> Answers:
    """Answers from whatever a caller has: :class:`Answers` as they are, a mapping validated
    with :func:`validate_answers`, a path (``str`` or path-like) loaded with
    :func:`load_answers`. For YAML or JSON *text* use :func:`parse_answers`.

    Raises :class:`~generator.errors.AnswersError` for invalid answers or a missing file.
    """
    if isinstance(source, Answers):
        return source
    if isinstance(source, Mapping):
        return validate_answers(dict(source), source="<answers>")
    if isinstance(source, (str, os.PathLike)):
        return load_answers(source)
    raise InputError(f"answers must be Answers, a mapping or a path, not a {type(source).__name__}")


# --------------------------------------------------------------------------- overrides


def overrides_loader(source: Override) -> BaseLoader:
    """A Jinja2 loader for clause overrides: a directory becomes a (cached) FileSystemLoader,
    a loader is used as it is. Files under ``<lang>/clauses/`` must name clauses that exist:
    a misspelt file name would otherwise be silently ignored, so it raises
    :class:`~generator.errors.InputError` with the closest clause id."""
    from jinja2 import BaseLoader

    if isinstance(source, BaseLoader):
        _check_overrides(source, repr(source))
        return source
    if isinstance(source, (str, os.PathLike)):
        path = str(Path(source).resolve())
        loader = _directory_loader(path)
        _check_overrides(loader, path)
        return loader
    raise InputError(f"an override is a directory or a jinja2 loader, not a {type(source).__name__}")


def resolve_loaders(loaders: Override | Iterable[Override] | None) -> tuple[BaseLoader, ...]:
    """Normalize ``loaders=`` arguments (directories and loaders) into a tuple of loaders."""
    if loaders is None:
        return ()
    if isinstance(loaders, (str, os.PathLike)):
        return (overrides_loader(loaders),)
    from jinja2 import BaseLoader

    if isinstance(loaders, BaseLoader):
        return (loaders,)
    return tuple(overrides_loader(item) for item in loaders)


@cache
def _directory_loader(path: str) -> BaseLoader:
    # One loader per directory, so the engine's environment cache (keyed by loaders) is reused.
    from jinja2 import FileSystemLoader

    if not Path(path).is_dir():
        raise InputError(f"{path}: the overrides directory does not exist")
    return FileSystemLoader(path)


def _check_overrides(loader: BaseLoader, where: str) -> None:
    import difflib

    from .engine.build import load_outline

    try:
        names = loader.list_templates()
    except TypeError:  # a loader that cannot list its templates: nothing to check
        return
    known = load_outline().clause_ids()
    for name in names:
        parts = name.split("/")
        if len(parts) != 3 or parts[1] != "clauses" or not parts[2].endswith(".j2"):
            continue
        lang, clause_id = parts[0], parts[2][: -len(".j2")]
        if lang not in LANGUAGES:
            raise InputError(f"{where}: {name}: no language {lang!r}; use {', '.join(LANGUAGES)}")
        if clause_id not in known:
            close = difflib.get_close_matches(clause_id, known, n=1)
            hint = f": did you mean {close[0]!r}?" if close else ""
            raise InputError(f"{where}: {name}: there is no clause {clause_id!r} to override{hint}")


# --------------------------------------------------------------------------- documents


def build_document(
    answers: Answers, lang: str = "kk", *, loaders: Override | Iterable[Override] | None = None
) -> Document:
    """The policy of ``answers`` in ``lang`` ("kk" or "ru") as a Document tree.

    ``loaders``: directories or Jinja2 loaders searched before ours, so a file
    ``<lang>/clauses/<clause-id>.j2`` there replaces that one clause (see :func:`clause_index`
    for the ids). Raises :class:`~generator.errors.BuildError` if a template is broken.
    """
    from .engine.build import build_document as _build

    if lang not in LANGUAGES:
        raise InputError(f"unknown language {lang!r}: use {', '.join(LANGUAGES)}")
    return _build(answers, lang, loaders=resolve_loaders(loaders))


def render(
    answers: Answers | Document,
    lang: str = "kk",
    fmt: str = "md",
    *,
    loaders: Override | Iterable[Override] | None = None,
    **options: Any,
) -> bytes:
    """Render the policy in one language and format; text formats come back UTF-8 encoded.

    ``fmt``: "md" (options: ``front_matter=True``), "html" (``fragment=True``) or "docx".
    ``loaders``: clause overrides, as for :func:`build_document` (ignored for a Document,
    which is already built).
    """
    from .export import render as _render

    if fmt not in FORMAT_ORDER:
        raise InputError(f"unknown format {fmt!r}: use {', '.join(FORMAT_ORDER)}")
    document = answers if isinstance(answers, Document) else build_document(answers, lang, loaders=loaders)
    return _render(document, fmt, **options)


def render_text(
    answers: Answers | Document,
    lang: str = "kk",
    fmt: str = "md",
    *,
    loaders: Override | Iterable[Override] | None = None,
    **options: Any,
) -> str:
    """Like :func:`render` for the text formats (md, html), as a string."""
    if fmt == "docx":
        raise InputError("DOCX is binary: use render() for bytes")
    return render(answers, lang, fmt, loaders=loaders, **options).decode("utf-8")


# --------------------------------------------------------------------------- clause index and text


@dataclass(frozen=True, slots=True)
class ClauseInfo:
    """One numbered clause of a built document, for links, tables of contents and reviews."""

    id: str  #: the clause id from templates/outline.yaml ("consent.withdrawal")
    number: str  #: its number in this document ("5.4"); numbers move when clauses are left out
    anchor: str  #: the HTML id every format uses for it ("c-consent-withdrawal")
    number_anchor: str  #: the HTML id of its number ("n-5-4")
    articles: tuple[str, ...]  #: the articles of Law 94-V it implements ("8(2)", "24(1)(5)")
    section: str  #: the id of its section ("consent")
    title: str  #: its first words, for a reader (at most about 60 characters)


def clause_index(document: Document) -> list[ClauseInfo]:
    """Every clause of ``document`` in order, sub-clauses included, with its number and anchors."""
    infos: list[ClauseInfo] = []

    def walk(clause: Clause, section: str) -> None:
        infos.append(
            ClauseInfo(
                id=clause.id,
                number=clause.number,
                anchor=anchor(clause.id),
                number_anchor="n-" + clause.number.replace(".", "-"),
                articles=clause.articles,
                section=section,
                title=_first_words(clause_text(document, clause)),
            )
        )
        for sub in clause.subclauses():
            walk(sub, section)

    for section in document.sections:
        for clause in section.clauses:
            walk(clause, section.id)
    return infos


def _first_words(text: str, limit: int = 60) -> str:
    line = text.split("\n", 1)[0].lstrip("-| ").strip()
    if len(line) <= limit:
        return line
    cut = line[:limit].rsplit(" ", 1)[0].rstrip(",;:–- ")
    return cut + "…"


def _block_lines(document: Document, blocks: Iterable[Block]) -> list[str]:
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Clause):
            continue  # a sub-clause is a clause of its own
        if isinstance(block, Paragraph):
            lines.append(plain_text(block.inlines, document.numbers))
        elif isinstance(block, BulletList):
            lines.extend("- " + plain_text(item, document.numbers) for item in block.items)
        else:
            rows = (block.header, *block.rows) if block.header else block.rows
            lines.extend(" | ".join(plain_text(cell, document.numbers) for cell in row) for row in rows)
    return lines


def clause_text(document: Document, clause: Clause | str) -> str:
    """The clause's own text as a reader sees it (references resolved), without its number
    and without its sub-clauses: a line per paragraph, ``- item`` per bullet, cells joined
    by `` | `` per table row."""
    if isinstance(clause, str):
        found = next((c for c in document.clauses() if c.id == clause), None)
        if found is None:
            raise InputError(f"there is no clause {clause!r} in this document")
        clause = found
    return "\n".join(_block_lines(document, clause.blocks))


def policy_text(document: Document) -> str:
    """The canonical plain text of the whole policy: title, subtitle, preamble, then every
    section heading and clause ("5.4. ...") in order, one line per paragraph, bullet or table
    row. It depends only on what a reader sees, not on any output format."""
    meta = document.meta
    lines = [meta.title]
    if meta.subtitle:
        lines.append(meta.subtitle)
    lines.extend(_block_lines(document, document.preamble))
    for section in document.sections:
        lines.append(f"{section.number}. {section.title}")
        for clause in _section_clauses(section.clauses):
            own = _block_lines(document, clause.blocks)
            head = own[0] if own else ""
            lines.append(f"{clause.number}. {head}".rstrip())
            lines.extend(own[1:])
    return "\n".join(lines) + "\n"


def _section_clauses(clauses: Iterable[Clause]) -> Iterable[Clause]:
    for clause in clauses:
        yield clause
        yield from _section_clauses(clause.subclauses())


def content_hash(document: Document) -> str:
    """``sha256:<hex>`` of :func:`policy_text`: it changes exactly when the text a reader
    sees in that language changes (never with the output format or the DOCX packaging).
    Record it with a consent to know which text the person agreed to."""
    return "sha256:" + hashlib.sha256(policy_text(document).encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------- files


def output_name(lang: str, fmt: str, *, fragment: bool = False) -> str:
    """``privacy-policy.<lang>.<ext>``: the file names the contract promises."""
    from .export import extension

    suffix = ".fragment" if fragment and fmt == "html" else ""
    return f"privacy-policy.{lang}{suffix}.{extension(fmt)}"


def resolve_languages(answers: Answers, langs: Iterable[str] | None) -> list[str]:
    chosen = list(langs) if langs else list(answers.policy.languages)
    for lang in chosen:
        if lang not in LANGUAGES:
            raise InputError(f"unknown language {lang!r}: use {', '.join(LANGUAGES)}")
    return chosen


def resolve_formats(formats: Iterable[str] | None) -> list[str]:
    from .export import FORMATS

    chosen = list(formats) if formats else [f for f in FORMAT_ORDER if f in FORMATS]
    for fmt in chosen:
        if fmt not in FORMATS:
            raise InputError(f"unknown format {fmt!r}: use {', '.join(f for f in FORMAT_ORDER if f in FORMATS)}")
    return chosen


def build_documents(
    answers: Answers, langs: Sequence[str] | None = None, *, loaders: Override | Iterable[Override] | None = None
) -> dict[str, Document]:
    """The Document of every requested language (default: ``policy.languages``): lang -> Document."""
    chosen = resolve_loaders(loaders)
    return {lang: build_document(answers, lang, loaders=chosen) for lang in resolve_languages(answers, langs)}


def build_files(
    answers: Answers,
    *,
    langs: Sequence[str] | None = None,
    formats: Sequence[str] | None = None,
    fragment: bool = False,
    front_matter: bool = False,
    loaders: Override | Iterable[Override] | None = None,
    manifest: bool = False,
    documents: Mapping[str, Document] | None = None,
) -> dict[str, bytes]:
    """Every requested file of a build, rendered in memory: name -> bytes.

    ``front_matter``: Markdown starts with YAML front matter (title, lang, version,
    effective_date, description). ``manifest``: add ``privacy-policy.manifest.json``
    (see :mod:`generator.manifest`) describing the other files.
    """
    files: dict[str, bytes] = {}
    if documents is None:  # a caller that also needs the Documents builds them once and passes them
        documents = build_documents(answers, langs, loaders=loaders)
    for lang, document in documents.items():
        for fmt in resolve_formats(formats):
            options: dict[str, Any] = {}
            if fragment and fmt == "html":
                options["fragment"] = True
            if front_matter and fmt == "md":
                options["front_matter"] = True
            files[output_name(lang, fmt, fragment=fragment)] = render(document, fmt=fmt, **options)
    if manifest:
        from .export.manifest import MANIFEST_NAME, manifest_json

        files[MANIFEST_NAME] = manifest_json(documents, files)
    return files


def build(
    answers: Answers,
    out: str | os.PathLike[str] = "out",
    *,
    langs: Sequence[str] | None = None,
    formats: Sequence[str] | None = None,
    fragment: bool = False,
    front_matter: bool = False,
    loaders: Override | Iterable[Override] | None = None,
    manifest: bool = True,
) -> list[Path]:
    """Render and write the policy files into ``out``; all or nothing, each file atomic.

    Like ``kzpolicy build`` it also writes ``privacy-policy.manifest.json`` unless
    ``manifest=False``. Returns the paths written.
    """
    from .export.output_set import write_all

    files = build_files(
        answers, langs=langs, formats=formats, fragment=fragment, front_matter=front_matter,
        loaders=loaders, manifest=manifest,
    )
    return write_all(Path(out), files)


__all__ = [
    "AnswersSource",
    "ClauseInfo",
    "Override",
    "answers_from",
    "build",
    "build_document",
    "build_documents",
    "build_files",
    "clause_index",
    "clause_text",
    "content_hash",
    "load_answers",
    "output_name",
    "overrides_loader",
    "parse_answers",
    "policy_text",
    "render",
    "render_text",
    "validate_answers",
]
