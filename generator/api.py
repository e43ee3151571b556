"""The public Python API: load answers, build the Documents, render and write the files.

One build path: :func:`build` takes a :class:`BuildRequest` (the answers and the
:class:`BuildOptions` a command line, a wizard or a site build chose) and does what
``kzpolicy build`` does — the compliance gate, every Document once, every file in memory,
the provenance tables and the manifest, then (given a directory) the files written as one
set. The CLI, the batch, the wizard, the MkDocs plugin and the Jinja global all call it.

Overrides: ``loaders=`` takes directories or Jinja2 loaders whose
``<lang>/clauses/<id>.j2`` (or ``<lang>/<kind>/clauses/<id>.j2``) templates replace single
clauses of ours; everything they do not name stays ours.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias, overload

from .answers import Answers, load_answers, parse_answers, validate_answers
from .document import ClauseInfo, Document, clause_index, clause_text, content_hash, document_text
from .errors import InputError
from .export import FORMAT_ORDER, FORMATS, output_name
from .lang import LANGUAGES, check_language

if TYPE_CHECKING:
    from jinja2 import BaseLoader

    from .checks import Finding
    from .document import CookieNotice
    from .facts import Facts

#: Where answers may come from: validated Answers, a mapping of plain data or a file path.
AnswersSource: TypeAlias = "Answers | Mapping[str, Any] | str | os.PathLike[str]"
#: One override: a directory holding ``<lang>/clauses/<id>.j2`` files, or a Jinja2 loader.
Override: TypeAlias = "BaseLoader | str | os.PathLike[str]"

policy_text = document_text  # the name this API has always given the canonical text


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
    if isinstance(source, str | os.PathLike):
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
    if isinstance(source, str | os.PathLike):
        path = str(Path(source).resolve())
        loader = _directory_loader(path)
        _check_overrides(loader, path)
        return loader
    raise InputError(f"an override is a directory or a jinja2 loader, not a {type(source).__name__}")


def resolve_loaders(loaders: Override | Iterable[Override] | None) -> tuple[BaseLoader, ...]:
    """Normalize ``loaders=`` arguments (directories and loaders) into a tuple of loaders."""
    if loaders is None:
        return ()
    if isinstance(loaders, str | os.PathLike):
        return (overrides_loader(loaders),)
    from jinja2 import BaseLoader

    if isinstance(loaders, BaseLoader):
        return (overrides_loader(loaders),)
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

    from .engine.outline import KINDS, load_outline

    try:
        names = loader.list_templates()
    except TypeError:  # a loader that cannot list its templates: nothing to check
        return
    for name in names:
        parts = name.split("/")
        if len(parts) == 3 and parts[1] == "clauses":
            lang, kind, file = parts[0], "policy", parts[2]
        elif len(parts) == 4 and parts[2] == "clauses" and parts[1] in KINDS:
            lang, kind, file = parts[0], parts[1], parts[3]
        else:
            continue
        if not file.endswith(".j2"):
            continue
        clause_id = file[: -len(".j2")]
        if lang not in LANGUAGES:
            raise InputError(f"{where}: {name}: no language {lang!r}; use {', '.join(LANGUAGES)}")
        known = load_outline(kind).clause_ids()
        if clause_id not in known:
            close = difflib.get_close_matches(clause_id, known, n=1)
            hint = f": did you mean {close[0]!r}?" if close else ""
            raise InputError(f"{where}: {name}: there is no clause {clause_id!r} to override{hint}")


# --------------------------------------------------------------------------- documents


def build_document(
    answers: Answers,
    lang: str = "kk",
    *,
    kind: str = "policy",
    loaders: Override | Iterable[Override] | None = None,
) -> Document:
    """One document (``kind``: ``policy``) of ``answers`` in ``lang`` as a Document tree.

    ``loaders``: directories or Jinja2 loaders searched before ours, so a file
    ``<lang>/clauses/<clause-id>.j2`` there replaces that one clause (see :func:`clause_index`
    for the ids). Raises :class:`~generator.errors.BuildError` if a template is broken.
    """
    from .engine.build import build_document as _build

    return _build(answers, check_language(lang), kind=kind, loaders=resolve_loaders(loaders))


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


# --------------------------------------------------------------------------- the build

DOCUMENTS: tuple[str, ...] = ("policy", "consent", "cookies")
"""What a build can make (``--documents``): the policy (always), the consent with its
checkbox snippets, the cookie notice."""


@dataclass(frozen=True)
class BuildOptions:
    """What a build makes, apart from the answers: everything ``kzpolicy build``'s flags say."""

    langs: tuple[str, ...] | None = None
    """Document languages; None: ``policy.languages`` of the answers."""
    formats: tuple[str, ...] | None = None
    """Output formats (md, html, docx); None: all of them."""
    documents: tuple[str, ...] = ("policy",)
    """What to build (:data:`DOCUMENTS`): ``policy``; ``consent`` for the Art. 8(4) consent
    with its checkbox snippets; ``cookies`` for the cookie notice (when the answers name
    services whose cookies need consent)."""
    fragment: bool = False
    """HTML without ``<html>``/``<head>``, for a site's layout."""
    front_matter: bool = False
    """Markdown starts with YAML front matter for a static site generator."""
    annotate: bool = False
    """Also write ``privacy-policy.<lang>.provenance.md`` for a lawyer's review."""
    force: bool = False
    """Build despite error-level compliance findings."""
    manifest: bool = True
    """Also write the manifest: ``privacy-policy.manifest.json`` beside the files, or with
    ``front_matter`` the dot-file ``.privacy-policy.manifest.json`` that site generators do
    not publish (:data:`generator.export.manifest.MANIFEST_NAMES`)."""
    manifest_path: str | None = None
    """Write the manifest to this path instead (relative to the current directory), e.g.
    outside the folder a site generator publishes."""
    loaders: tuple[BaseLoader, ...] = ()
    """Clause overrides (see :func:`resolve_loaders`)."""

    def __post_init__(self) -> None:
        for lang in self.langs or ():
            check_language(lang)
        for fmt in self.formats or ():
            if fmt not in FORMATS:
                raise InputError(f"unknown format {fmt!r}: use {', '.join(FORMAT_ORDER)}")
        for kind in self.documents:
            if kind not in DOCUMENTS:
                raise InputError(f"unknown document {kind!r}: use {', '.join(DOCUMENTS)}")
        if "policy" not in self.documents:
            raise InputError("--documents: the policy is always built (the consent and the cookie notice "
                             f"refer to it): use policy, policy,consent or {','.join(DOCUMENTS)}, "
                             f"not {','.join(self.documents)}")


@dataclass(frozen=True)
class BuildRequest:
    """One build: the answers, where they came from (for messages) and the options."""

    answers: Answers
    options: BuildOptions = field(default_factory=BuildOptions)
    source: str = "<answers>"

    @property
    def langs(self) -> tuple[str, ...]:
        return self.options.langs or tuple(self.answers.policy.languages)

    @property
    def formats(self) -> tuple[str, ...]:
        return self.options.formats or FORMAT_ORDER


@dataclass(frozen=True)
class BuildResult(Sequence[Path]):
    """What a build made: the files (name -> bytes, the manifest included), the Documents
    (lang -> Document), the compliance findings, and the paths written (when it wrote).
    Iterating over it gives the paths written, as :func:`build` always returned."""

    files: dict[str, bytes]
    documents: dict[str, Document]
    findings: tuple[Finding, ...] = ()
    paths: tuple[Path, ...] = ()
    consents: dict[str, Document] = field(default_factory=dict)
    """The consent Documents (lang -> Document) when the build made them."""
    written_consents: dict[str, Document] = field(default_factory=dict)
    """The written forms of the consent (lang -> Document), to print and sign: made with the
    consent when ``consent.methods`` has ``written`` and DOCX is among the formats."""
    cookie_notices: dict[str, CookieNotice] = field(default_factory=dict)
    """The cookie notices (lang -> CookieNotice) when the build made them: asked for, and
    the answers name services whose cookies need consent."""
    notes: tuple[str, ...] = ()
    """What the build was asked for and did not make, and why (printed with the warnings)."""

    @overload
    def __getitem__(self, index: int) -> Path: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Path]: ...
    def __getitem__(self, index: int | slice) -> Path | Sequence[Path]:
        return self.paths[index]

    def __len__(self) -> int:
        return len(self.paths)

    def __iter__(self) -> Iterator[Path]:
        return iter(self.paths)

    def warnings(self, lang: str = "en") -> list[str]:
        """The findings a build shows (warnings, and errors when forced), one line each."""
        return [
            finding.line(lang) + (" (built anyway: --force)" if finding.level == "error" else "")
            for finding in self.findings
            if finding.level != "info"
        ] + list(self.notes)


def build_documents(
    answers: Answers,
    langs: Sequence[str] | None = None,
    *,
    loaders: Override | Iterable[Override] | None = None,
    facts: Facts | None = None,
) -> dict[str, Document]:
    """The Document of every requested language (default: ``policy.languages``): lang -> Document.
    ``facts``: :func:`generator.facts.derive` of the answers, when the caller has them."""
    from .engine.build import build_document as _build
    from .facts import derive

    facts = facts or derive(answers)  # once for every language
    chosen = resolve_loaders(loaders)
    langs = [check_language(lang) for lang in (langs or answers.policy.languages)]
    return {lang: _build(answers, lang, loaders=chosen, facts=facts) for lang in langs}


def build_consents(
    answers: Answers,
    policies: Mapping[str, Document],
    *,
    loaders: Override | Iterable[Override] | None = None,
    form: str = "online",
    facts: Facts | None = None,
) -> dict[str, Document]:
    """The consent Document of every language of ``policies`` (lang -> Document), each
    referring to the policy of its language; ``form="written"``: the form to print and sign."""
    from .engine.build import build_document as _build
    from .facts import derive

    facts = facts or derive(answers)
    chosen = resolve_loaders(loaders)
    return {
        lang: _build(answers, lang, kind="consent", loaders=chosen, facts=facts, policy=policy, form=form)
        for lang, policy in policies.items()
    }


def build_cookie_notices(
    answers: Answers, policies: Mapping[str, Document], *, facts: Facts | None = None
) -> dict[str, CookieNotice]:
    """The cookie notice of every language of ``policies`` (lang -> CookieNotice), each
    referring to the cookies section of the policy of its language; empty when every cookie
    the answers declare is necessary (there is nothing to ask)."""
    from .engine.snippets import build_cookie_notice
    from .facts import derive

    facts = facts or derive(answers)
    notices = {lang: build_cookie_notice(answers, lang, policy, facts=facts) for lang, policy in policies.items()}
    return {lang: notice for lang, notice in notices.items() if notice is not None}


@dataclass(frozen=True)
class _Made:
    """Everything one build made before it is rendered: the Documents and the snippets."""

    facts: Facts
    policies: dict[str, Document]
    consents: dict[str, Document]
    written: dict[str, Document]
    notices: dict[str, CookieNotice]


def _make(request: BuildRequest, policies: dict[str, Document] | None = None) -> _Made:
    """The Documents and snippets of a request, from one derivation of the facts."""
    from .facts import derive

    answers, options = request.answers, request.options
    facts = derive(answers)
    if policies is None:
        policies = build_documents(answers, request.langs, loaders=options.loaders, facts=facts)
    consents: dict[str, Document] = {}
    written: dict[str, Document] = {}
    if "consent" in options.documents:
        consents = build_consents(answers, policies, loaders=options.loaders, facts=facts)
        # The written form, to print and sign: for consent.methods written, as DOCX.
        if "written" in answers.consent.methods and "docx" in request.formats:
            written = build_consents(answers, policies, loaders=options.loaders, form="written", facts=facts)
    notices = build_cookie_notices(answers, policies, facts=facts) if "cookies" in options.documents else {}
    return _Made(facts, dict(policies), consents, written, notices)


def _render_files(request: BuildRequest, made: _Made) -> dict[str, bytes]:
    from .export import render as _render

    options = request.options
    files: dict[str, bytes] = {}
    for kind, by_lang in (("policy", made.policies), ("consent", made.consents)):
        for lang, document in by_lang.items():
            for fmt in request.formats:
                extra: dict[str, Any] = {}
                if options.fragment and fmt == "html":
                    extra["fragment"] = True
                if options.front_matter and fmt == "md":
                    extra["front_matter"] = True
                files[output_name(lang, fmt, fragment=options.fragment, kind=kind)] = _render(document, fmt, **extra)
    for lang, document in made.written.items():
        files[output_name(lang, "docx", kind="consent-written")] = _render(document, "docx")
    if made.consents:
        from .engine.snippets import build_checkbox
        from .export.checkbox import checkbox_files

        for lang, consent in made.consents.items():
            checkbox = build_checkbox(request.answers, lang, facts=made.facts)
            files.update(checkbox_files(checkbox, made.policies[lang], consent))
    if made.notices:
        from .export.cookies import asset_files, notice_files

        for lang, notice in made.notices.items():
            files.update(notice_files(notice, made.policies[lang]))
        files.update(asset_files())
    if options.annotate:
        from .export.provenance import provenance_name, provenance_table

        for lang, document in made.policies.items():
            files[provenance_name(lang)] = provenance_table(document).encode("utf-8")
    if options.manifest and not options.manifest_path:
        from .export.manifest import manifest_name

        files[manifest_name(front_matter=options.front_matter)] = _manifest(made, files)
    return files


def _manifest(made: _Made, files: Mapping[str, bytes]) -> bytes:
    from .export.manifest import manifest_json

    return manifest_json(made.policies, files, made.consents, made.written)


def build(
    answers: AnswersSource | BuildRequest,
    out: str | os.PathLike[str] | None = "out",
    *,
    langs: Sequence[str] | None = None,
    formats: Sequence[str] | None = None,
    fragment: bool = False,
    front_matter: bool = False,
    annotate: bool = False,
    force: bool = False,
    loaders: Override | Iterable[Override] | None = None,
    manifest: bool = True,
    manifest_path: str | os.PathLike[str] | None = None,
    documents: Sequence[str] = ("policy",),
) -> BuildResult:
    """Build as ``kzpolicy build`` does and, unless ``out`` is None, write the files into
    ``out`` as one set (:mod:`generator.export.output_set`).

    Pass a :class:`BuildRequest`, or the answers (Answers, a mapping or a path) with the
    options as keywords (``documents=("policy", "consent")`` adds the consent and its
    checkbox snippets). With ``manifest_path`` the manifest is written there (after the
    policy files) and is in :attr:`BuildResult.files` under that path. Error-level compliance findings raise
    :class:`~generator.errors.ComplianceError` unless ``force``; nothing is written then.
    """
    if isinstance(answers, BuildRequest):
        request = answers
    else:
        options = BuildOptions(
            langs=tuple(langs) if langs else None, formats=tuple(formats) if formats else None, fragment=fragment,
            front_matter=front_matter, annotate=annotate, force=force, manifest=manifest,
            manifest_path=os.fspath(manifest_path) if manifest_path is not None else None,
            loaders=resolve_loaders(loaders), documents=tuple(documents),
        )
        source = str(answers) if isinstance(answers, str | os.PathLike) else "<answers>"
        request = BuildRequest(answers_from(answers), options, source)
    from .checks import gate

    findings = gate(request.answers, source=request.source, force=request.options.force)
    made = _make(request)
    files = _render_files(request, made)
    manifest_path = request.options.manifest_path if request.options.manifest else None
    manifest_bytes: bytes | None = None
    if manifest_path:
        manifest_bytes = _manifest(made, files)
    paths: tuple[Path, ...] = ()
    if out is not None:
        from .export.output_set import prepare_directory, write_atomic, write_set

        target = Path(manifest_path) if manifest_path else None
        if target is not None and target.is_dir():  # before anything is written
            raise InputError(f"--manifest {manifest_path}: is a directory: give a file name, like "
                             "build/privacy-policy.manifest.json")
        paths = tuple(write_set(Path(out), files))
        if target is not None and manifest_bytes is not None:
            prepare_directory(target.parent)
            write_atomic(target, manifest_bytes)
            paths += (target,)
    if manifest_path and manifest_bytes is not None:
        files = {**files, manifest_path: manifest_bytes}
    notes: tuple[str, ...] = ()
    if "cookies" in request.options.documents and not made.notices:
        notes = ("note: no cookie notice: every cookie the answers declare is necessary, so the Site asks "
                 "nothing (a notice is made for services whose cookies need consent: analytics, advertising, "
                 "video, social and map widgets)",)
    return BuildResult(files, made.policies, tuple(findings), paths, made.consents, made.written, made.notices,
                       notes)


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
    kinds: Sequence[str] = ("policy",),
) -> dict[str, bytes]:
    """Every requested file, rendered in memory (name -> bytes), without the compliance
    gate and without writing: for previews and tests. ``manifest``: add the manifest;
    ``kinds`` (:data:`DOCUMENTS`): ``("policy", "consent")`` adds the consent and its checkbox
    snippets, ``"cookies"`` the cookie notice. ``documents``: the policies, already built."""
    request = BuildRequest(answers, BuildOptions(
        langs=tuple(langs) if langs else None, formats=tuple(formats) if formats else None, fragment=fragment,
        front_matter=front_matter, manifest=manifest, loaders=resolve_loaders(loaders), documents=tuple(kinds),
    ))
    return _render_files(request, _make(request, dict(documents) if documents is not None else None))


def with_options(request: BuildRequest, **changes: Any) -> BuildRequest:
    """The same request with some options changed."""
    return replace(request, options=replace(request.options, **changes))


__all__ = [
    "DOCUMENTS",
    "AnswersSource",
    "BuildOptions",
    "BuildRequest",
    "BuildResult",
    "ClauseInfo",
    "Override",
    "answers_from",
    "build",
    "build_consents",
    "build_cookie_notices",
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
    "with_options",
]
