"""``privacy-policy.manifest.json``: what a build wrote, for deploy scripts and consent records.

Written beside the policy files by every ``kzpolicy build`` (and by :func:`generator.build`)
as ``privacy-policy.manifest.json``; with ``--front-matter`` (the files are going into a
static site's content) as the dot-file ``.privacy-policy.manifest.json``, which Hugo, Jekyll,
Eleventy, VitePress and MkDocs all leave out of the published site; with ``--manifest PATH``
wherever PATH says. It holds no timestamps and is dumped with sorted keys, so the same answers always give the
same bytes and the file can be committed and diffed:

* ``version``, ``effective_date`` — from ``policy`` in the answers;
* ``languages`` — the languages built;
* ``files`` — every other file written: ``name``, ``format`` (md, html, docx), ``lang``,
  ``variant`` (``fragment`` or ``provenance`` where it applies), ``sha256``, ``bytes``;
* ``content`` — per language: ``content_hash`` (``sha256:`` of the policy's canonical text,
  :func:`generator.document.content_hash`: it changes exactly when that language's text changes,
  not with the format or the DOCX packaging), ``title``, and ``clauses``: clause id ->
  ``number`` and ``anchor`` (the ``#c-<clause-id>`` id every format uses);
* with ``--documents policy,consent``: the consent's files carry ``document`` (``consent``,
  ``checkbox``; the written form ``variant: written``), and ``consent`` (and ``consent_written``
  for the written form) hold the consent's content hashes as ``content`` does the policy's;
* with ``cookies`` among ``--documents``: the cookie notice's files (``cookie-notice.<lang>.html``
  and ``.txt``, ``cookie-notice.css`` and ``.js``) carry ``document: cookies``.

A site's consent checkbox records ``version`` and the ``content_hash`` of the language it
showed: that pair names the exact text the person agreed to.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from typing import Any

from ..document import Document, clause_index, content_hash
from ..errors import BuildError

MANIFEST_NAME = "privacy-policy.manifest.json"
#: The name with ``--front-matter``: a dot-file, which site generators do not publish.
HIDDEN_MANIFEST_NAME = ".privacy-policy.manifest.json"
#: Every name a build has given its manifest (readers of earlier builds look for these).
MANIFEST_NAMES: tuple[str, ...] = (MANIFEST_NAME, HIDDEN_MANIFEST_NAME)
"""Every name a kzpolicy manifest is written under. A build reads the directory's earlier
manifests by these names to know which files an earlier build wrote (and may remove), and
writes its own manifests after every other file."""
MANIFEST_SCHEMA = 1

_NAME = re.compile(
    r"(?P<stem>privacy-policy|personal-data-consent-written|personal-data-consent|consent-checkbox|cookie-notice)"
    r"\.(?P<lang>[a-z]{2})"
    r"(?:\.(?P<variant>fragment|provenance))?\.(?P<ext>[0-9a-z]+)"
)
_DOCUMENTS = {
    "personal-data-consent": "consent",
    "personal-data-consent-written": "consent",
    "consent-checkbox": "checkbox",
    "cookie-notice": "cookies",
}
#: Files of a build that belong to no language: the cookie notice's style and script.
_SHARED = {"cookie-notice.css": "cookies", "cookie-notice.js": "cookies"}
_FORMATS = {"md": "md", "html": "html", "docx": "docx"}


def _file_entry(name: str, data: bytes) -> dict[str, Any]:
    entry: dict[str, Any] = {"name": name, "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
    match = _NAME.fullmatch(name)
    if match:
        entry["lang"] = match["lang"]
        entry["format"] = _FORMATS.get(match["ext"], match["ext"])
        if match["variant"]:
            entry["variant"] = match["variant"]
        elif match["stem"] == "personal-data-consent-written":
            entry["variant"] = "written"
        if match["stem"] in _DOCUMENTS:  # the policy's entries keep the shape of earlier manifests
            entry["document"] = _DOCUMENTS[match["stem"]]
    else:
        entry["format"] = name.rsplit(".", 1)[-1] if "." in name else ""
        if name in _SHARED:
            entry["document"] = _SHARED[name]
    return entry


def _content(documents: Mapping[str, Document]) -> dict[str, Any]:
    return {
        lang: {
            "content_hash": content_hash(document),
            "title": document.meta.title,
            "clauses": {info.id: {"number": info.number, "anchor": info.anchor} for info in clause_index(document)},
        }
        for lang, document in documents.items()
    }


def build_manifest(
    documents: Mapping[str, Document],
    files: Mapping[str, bytes],
    consents: Mapping[str, Document] | None = None,
    written: Mapping[str, Document] | None = None,
) -> dict[str, Any]:
    """The manifest of a build as plain data: ``documents`` lang -> Document (the languages
    built), ``files`` name -> bytes (the files written; a manifest among them is skipped),
    ``consents`` lang -> consent Document when the build made them (under ``consent``), and
    ``written`` its written forms (under ``consent_written``)."""
    from ..version import __version__

    if not documents:
        raise BuildError("a manifest needs at least one document")
    first = next(iter(documents.values()))
    manifest: dict[str, Any] = {
        "manifest": MANIFEST_SCHEMA,
        "generator": f"kzpolicy {__version__}",
        "version": first.meta.version,
        "effective_date": first.meta.effective_date.isoformat(),
        "languages": list(documents),
        "files": [_file_entry(name, files[name]) for name in sorted(files) if name not in MANIFEST_NAMES],
        "content": _content(documents),
    }
    if consents:
        manifest["consent"] = _content(consents)
    if written:
        manifest["consent_written"] = _content(written)
    return manifest


def manifest_name(*, front_matter: bool) -> str:
    """The manifest's file name beside the policy: hidden when the files go into a site."""
    return HIDDEN_MANIFEST_NAME if front_matter else MANIFEST_NAME


def dumps(manifest: Mapping[str, Any]) -> bytes:
    """Byte-stable JSON: sorted keys, two-space indent, UTF-8, a final newline."""
    return (json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def manifest_json(
    documents: Mapping[str, Document],
    files: Mapping[str, bytes],
    consents: Mapping[str, Document] | None = None,
    written: Mapping[str, Document] | None = None,
) -> bytes:
    """:func:`build_manifest` dumped as the bytes of ``privacy-policy.manifest.json``."""
    return dumps(build_manifest(documents, files, consents, written))
