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
MkDocs into ``page.meta``), then the policy inside ``<div class="kzp-policy" lang="kk">``
with the same anchors as the HTML export: ``#c-<section-id>`` on section headings,
``#c-<clause-id>`` on clauses and ``#n-<number>`` on clause numbers. The plugin enables the
``attr_list`` and ``md_in_html`` Markdown extensions (both part of Python-Markdown) for that.

Answers and override files are watched by ``mkdocs serve``. Invalid answers stop the build
with the same message ``kzpolicy build`` prints.
"""

from __future__ import annotations

import html
import os
import re
import tempfile
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from .. import document as d
from ..errors import KzPolicyError
from ..export.markdown import link_target

# Python-Markdown's backslash escapes (its ESCAPED_CHARS) that matter inside running text:
# emphasis, code, links and images, attribute lists, headings.
_SPECIAL = re.compile(r"([\\`*_{}\[\]!#])")
_BLOCK_START = re.compile(r"^(\d+)([.)])|^([-+])")


def escape(text: str) -> str:
    """User text as Python-Markdown text that renders literally: HTML special characters as
    entities (Python-Markdown has no backslash escape for ``<``), Markdown ones escaped."""
    return _SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


def _escape_cell(text: str) -> str:
    return escape(text).replace("|", "\\|")


def _block(text: str) -> str:
    """A paragraph or list item that must not start a list of its own."""
    return _BLOCK_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", text, count=1)


class PolicyMarkdown:
    """The policy as Python-Markdown (with attr_list and md_in_html) for an MkDocs page."""

    def __init__(self, document: d.Document) -> None:
        self.doc = document
        self.out: list[str] = []

    def inlines(self, nodes: tuple[d.Inline, ...]) -> str:
        parts: list[str] = []
        for node in nodes:
            if isinstance(node, d.Text):
                parts.append(escape(node.text))
            elif isinstance(node, d.Ref):
                number = self.doc.number_of(node.target)
                parts.append(f'<a href="#{d.anchor(node.target)}">{html.escape(number)}</a>')
            elif isinstance(node, d.Strong):
                parts.append(f"**{self.inlines(node.children)}**")
            elif isinstance(node, d.Emph):
                parts.append(f"*{self.inlines(node.children)}*")
            elif d.safe_href(node.href):
                parts.append(f"[{self.inlines(node.children)}]({link_target(node.href)})")
            else:  # never a javascript: or data: link
                parts.append(self.inlines(node.children))
        return "".join(parts)

    def clause(self, clause: d.Clause) -> None:
        number = html.escape(clause.number)
        ident = d.anchor(clause.id)
        lead = f'<a class="kzp-num" id="n-{clause.number.replace(".", "-")}" href="#{ident}">{number}.</a>'
        for index, block in enumerate(clause.blocks):
            if isinstance(block, d.Clause):
                self.clause(block)
            elif isinstance(block, d.Paragraph):
                text = self.inlines(block.inlines)
                if index == 0:
                    self.out.append(f"{lead} {text}\n{{: #{ident} }}")
                else:
                    self.out.append(_block(text))
            else:
                if index == 0:  # a clause that opens with a list or a table: its number stands alone
                    self.out.append(f"{lead}\n{{: #{ident} }}")
                if isinstance(block, d.BulletList):
                    self.out.append("\n".join(f"- {_block(self.inlines(item))}" for item in block.items))
                else:
                    self.table(block)

    def table(self, table: d.Table) -> None:
        def row(cells: tuple[tuple[d.Inline, ...], ...]) -> str:
            return "| " + " | ".join(self.inlines(cell).replace("|", "\\|") for cell in cells) + " |"

        header = table.header or tuple(() for _ in table.rows[0])
        lines = [row(header), "|" + "|".join(" --- " for _ in header) + "|"]
        lines.extend(row(r) for r in table.rows)
        self.out.append("\n".join(lines))

    def render(self, *, front_matter: bool = True) -> str:
        from ..export.markdown import front_matter_block

        meta = self.doc.meta
        if front_matter:
            self.out.append(front_matter_block(self.doc).rstrip("\n"))
        self.out.append(f'<div class="kzp-policy" lang="{html.escape(meta.lang)}" markdown="1">')
        self.out.append(f"# {escape(meta.title)}")
        if meta.subtitle:
            self.out.append(f"*{escape(meta.subtitle)}*")
        for block in self.doc.preamble:
            if isinstance(block, d.Paragraph):
                self.out.append(_block(self.inlines(block.inlines)))
            elif isinstance(block, d.BulletList):
                self.out.append("\n".join(f"- {_block(self.inlines(item))}" for item in block.items))
            elif isinstance(block, d.Table):
                self.table(block)
        for section in self.doc.sections:
            self.out.append(f"## {html.escape(section.number)}. {escape(section.title)} {{: #{d.anchor(section.id)} }}")
            for clause in section.clauses:
                self.clause(clause)
        self.out.append("</div>")
        return "\n\n".join(self.out) + "\n"


def policy_page(document: d.Document, *, front_matter: bool = True) -> str:
    """The Markdown of one MkDocs policy page (see the module doc)."""
    return PolicyMarkdown(document).render(front_matter=front_matter)


class KzPolicyConfig(base.Config):  # type: ignore[no-untyped-call]
    answers = c.Type(str)
    languages = c.ListOfItems(c.Choice(("kk", "ru")), default=[])
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
        for extension in ("tables", "attr_list", "md_in_html"):
            if extension not in config.markdown_extensions:
                config.markdown_extensions.append(extension)
        path = self.config.path.strip("/")
        if not path or ".." in path.split("/"):
            raise PluginError(f"kzpolicy: path {self.config.path!r}: give a folder inside docs_dir, like 'privacy'")
        from ..api import build_document, load_answers, resolve_languages

        answers_path = self._resolve(config, self.config.answers)
        overrides = self._resolve(config, self.config.overrides) if self.config.overrides else None
        self._watch = [str(answers_path)] + ([str(overrides)] if overrides else [])
        try:
            answers = load_answers(answers_path)
            langs = resolve_languages(answers, self.config.languages or None)
            loaders = [overrides] if overrides else None
            self._pages = {
                f"{path}/{lang}.md": policy_page(build_document(answers, lang, loaders=loaders)) for lang in langs
            }
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
