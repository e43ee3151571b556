"""The ``kzpolicy`` MkDocs plugin: the policy pages built with the site, in the site's theme.

Install with ``pip install 'kzpolicy[mkdocs]'`` and configure in ``mkdocs.yml``::

    plugins:
      - search
      - kzpolicy:
          answers: answers.yaml        # relative to mkdocs.yml
          languages: [kk, ru]          # default: policy.languages in the answers
          path: privacy                # pages privacy/kk.md, privacy/ru.md
          overrides: policy-overrides  # optional: <lang>/clauses/<clause-id>.j2 files
          documents: [policy, consent, cookies]  # optional: the consent pages, the cookie notice

At build time the plugin adds one generated page per language, ``<path>/<lang>.md``
(URL ``<path>/<lang>/``; list them in ``nav`` like any page). Each page is Markdown for the
site's theme: YAML front matter (title, lang, version, effective_date, description, read by
MkDocs into ``page.meta``), then the policy inside ``<div class="kzp-policy" lang="kk">``:
the same Markdown ``kzpolicy build`` writes (:mod:`generator.export.markdown`), with the
same anchors as the HTML export: ``#c-<section-id>`` on section headings, ``#c-<clause-id>``
on clauses and ``#n-<number>`` on clause numbers. The plugin enables the ``tables`` and
``md_in_html`` Markdown extensions (both part of Python-Markdown) for that. Like
``kzpolicy build``, an answers file with error-level compliance findings stops the build.

With ``consent`` among ``documents`` the Art. 8(4) consent gets a page per language too,
``<path>/consent/<lang>.md``. With ``cookies``, every page of the site ends with the cookie
notice (where the answers name services whose cookies need consent) in the page's language —
the language of a generated page, else the theme's ``locale`` if it is one of the policy's,
else the first — linking to that policy's cookies section; ``cookie-notice.css`` and ``.js``
are written to ``assets/kzpolicy/`` in the site.

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

from ..document import CookieNotice, Document
from ..errors import KzPolicyError
from ..export.markdown import render_mkdocs
from ..lang import LANGUAGES

#: What the plugin can add to the site (the policy always).
DOCUMENTS = ("policy", "consent", "cookies")
#: Where the cookie notice's style and script go inside site_dir.
ASSETS_DIR = "assets/kzpolicy"


class KzPolicyConfig(base.Config):  # type: ignore[no-untyped-call]
    answers = c.Type(str)
    languages = c.ListOfItems(c.Choice(LANGUAGES), default=[])
    path = c.Type(str, default="privacy")
    overrides = c.Optional(c.Type(str))
    documents = c.ListOfItems(c.Choice(DOCUMENTS), default=["policy"])


class KzPolicyPlugin(BasePlugin[KzPolicyConfig]):  # type: ignore[no-untyped-call]
    """Adds ``<path>/<lang>.md`` for every language, generated from the answers at build time."""

    def __init__(self) -> None:
        super().__init__()
        self._pages: dict[str, str] = {}  # src_uri -> Markdown
        self._page_langs: dict[str, str] = {}  # src_uri -> the language of a generated page
        self._policy_pages: dict[str, str] = {}  # lang -> src_uri of the policy page
        self._policy_urls: dict[str, str] = {}  # lang -> the policy page's URL in the site
        self._notices: dict[str, tuple[CookieNotice, Document]] = {}
        self._locale: str | None = None
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
            documents = ("policy", *(kind for kind in self.config.documents if kind != "policy"))
            options = BuildOptions(
                langs=tuple(self.config.languages) or None, formats=("md",), front_matter=True, manifest=False,
                loaders=resolve_loaders([overrides] if overrides else None), documents=documents,
            )
            result = build(BuildRequest(answers, options, str(answers_path)), None)
        except KzPolicyError as exc:
            raise PluginError(f"kzpolicy: {exc}") from None
        self._pages, self._page_langs = {}, {}
        self._policy_pages = {lang: f"{path}/{lang}.md" for lang in result.documents}
        pages = [(self._policy_pages[lang], lang, doc) for lang, doc in result.documents.items()]
        pages += [(f"{path}/consent/{lang}.md", lang, doc) for lang, doc in result.consents.items()]
        for src_uri, lang, document in pages:
            self._pages[src_uri] = render_mkdocs(document)
            self._page_langs[src_uri] = lang
        self._notices = {lang: (notice, result.documents[lang]) for lang, notice in result.cookie_notices.items()}
        locale = config.theme.get("locale") if config.theme else None
        self._locale = str(getattr(locale, "language", locale) or "") or None
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        for src_uri, content in self._pages.items():
            if files.get_file_from_path(src_uri) is not None:
                raise PluginError(
                    f"kzpolicy: {src_uri} exists in docs_dir and would be replaced by the generated policy: "
                    "remove it or set another 'path'"
                )
            files.append(self._file(config, src_uri, content))
        self._policy_urls = {}
        for lang, src_uri in self._policy_pages.items():
            file = files.get_file_from_path(src_uri)
            if file is not None:
                self._policy_urls[lang] = file.url
        return files

    def on_post_page(self, output: str, *, page: Any, config: MkDocsConfig) -> str:
        """Every page ends with the cookie notice, in the page's language."""
        if not self._notices:
            return output
        from mkdocs.utils import get_relative_url

        from ..export.cookies import notice_html

        src_uri = page.file.src_uri
        lang = self._page_langs.get(src_uri)
        if lang not in self._notices:
            lang = self._locale if self._locale in self._notices else next(iter(self._notices))
        notice, policy = self._notices[lang]
        policy_href = get_relative_url(self._policy_urls.get(lang, ""), page.url)
        assets = get_relative_url(ASSETS_DIR, page.url).rstrip("/") + "/"
        snippet = notice_html(notice, policy, policy_href=policy_href, assets=assets)
        end = output.rfind("</body>")
        return output[:end] + snippet + "\n" + output[end:] if end >= 0 else output + snippet

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self._notices:
            return
        from ..export.cookies import asset_files

        target = Path(config.site_dir, ASSETS_DIR)
        target.mkdir(parents=True, exist_ok=True)
        for name, data in asset_files().items():
            (target / name).write_bytes(data)

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
