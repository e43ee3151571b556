"""The ``kzpolicy`` MkDocs plugin: the policy pages built with the site, in the site's theme.

Install with ``pip install 'kzpolicy[mkdocs]'`` and configure in ``mkdocs.yml``::

    plugins:
      - search
      - kzpolicy:
          answers: answers.yaml        # relative to mkdocs.yml
          languages: [kk, ru]          # default: policy.languages in the answers
          path: privacy                # pages privacy/kk.md, privacy/ru.md
          overrides: policy-overrides  # optional: <lang>/clauses/<clause-id>.j2 files

At build time the plugin adds one generated page per language, ``<path>/<lang>.md``
(URL ``<path>/<lang>/``; list them in ``nav`` like any page). Each page is Markdown for the
site's theme: YAML front matter (title, lang, version, effective_date, description, read by
MkDocs into ``page.meta``), then the policy inside ``<div class="kzp-policy" lang="kk">``:
the same Markdown ``kzpolicy build`` writes (:mod:`generator.export.markdown`), with the
same anchors as the HTML export: ``#c-<section-id>`` on section headings, ``#c-<clause-id>``
on clauses and ``#n-<number>`` on clause numbers. The plugin enables the ``tables`` and
``md_in_html`` Markdown extensions (both part of Python-Markdown) for that. Like
``kzpolicy build``, an answers file with error-level compliance findings stops the build.

Answers and override files are watched by ``mkdocs serve``. Invalid answers stop the build
with the same message ``kzpolicy build`` prints.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from ..errors import KzPolicyError
from ..export.markdown import render_mkdocs
from ..lang import LANGUAGES


class KzPolicyConfig(base.Config):  # type: ignore[no-untyped-call]
    answers = c.Type(str)
    languages = c.ListOfItems(c.Choice(LANGUAGES), default=[])
    path = c.Type(str, default="privacy")
    overrides = c.Optional(c.Type(str))


class KzPolicyPlugin(BasePlugin[KzPolicyConfig]):  # type: ignore[no-untyped-call]
    """Adds ``<path>/<lang>.md`` for every language, generated from the answers at build time."""

    def __init__(self) -> None:
        super().__init__()
        self._pages: dict[str, str] = {}  # src_uri -> Markdown
        self._watch: list[str] = []
        self._tempdir: tempfile.TemporaryDirectory[str] | None = None

    def _resolve(self, config: MkDocsConfig, value: str) -> Path:
        base_dir = Path(config.config_file_path or ".").resolve().parent
        return (base_dir / value).resolve()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        for extension in ("tables", "md_in_html"):
            if extension not in config.markdown_extensions:
                config.markdown_extensions.append(extension)
        path = self.config.path.strip("/")
        if not path or ".." in path.split("/"):
            raise PluginError(f"kzpolicy: path {self.config.path!r}: give a folder inside docs_dir, like 'privacy'")
        from ..api import BuildOptions, BuildRequest, build, load_answers, resolve_loaders

        answers_path = self._resolve(config, self.config.answers)
        overrides = self._resolve(config, self.config.overrides) if self.config.overrides else None
        self._watch = [str(answers_path)] + ([str(overrides)] if overrides else [])
        try:
            answers = load_answers(answers_path)
            options = BuildOptions(
                langs=tuple(self.config.languages) or None, formats=("md",), front_matter=True, manifest=False,
                loaders=resolve_loaders([overrides] if overrides else None),
            )
            result = build(BuildRequest(answers, options, str(answers_path)), None)
            self._pages = {f"{path}/{lang}.md": render_mkdocs(document) for lang, document in result.documents.items()}
        except KzPolicyError as exc:
            raise PluginError(f"kzpolicy: {exc}") from None
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        for src_uri, content in self._pages.items():
            if files.get_file_from_path(src_uri) is not None:
                raise PluginError(
                    f"kzpolicy: {src_uri} exists in docs_dir and would be replaced by the generated policy: "
                    "remove it or set another 'path'"
                )
            files.append(self._file(config, src_uri, content))
        return files

    def _file(self, config: MkDocsConfig, src_uri: str, content: str) -> File:
        if hasattr(File, "generated"):  # MkDocs 1.6+
            return File.generated(config, src_uri, content=content)
        # MkDocs 1.5: a real file in a temporary folder standing in for docs_dir.
        if self._tempdir is None:
            self._tempdir = tempfile.TemporaryDirectory(prefix="kzpolicy-mkdocs-")
        target = Path(self._tempdir.name, src_uri)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
        return File(src_uri, self._tempdir.name, config.site_dir, config.use_directory_urls)

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        for path in self._watch:
            if os.path.exists(path):
                server.watch(path)
        return server

    def on_shutdown(self) -> None:
        if self._tempdir is not None:
            self._tempdir.cleanup()
            self._tempdir = None
