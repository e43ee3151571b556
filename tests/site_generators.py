"""Real sites built with the generators people publish a policy with, and what to expect of them.

Each builder below makes a minimal site around the Markdown that ``kzpolicy build
--front-matter`` writes (for MkDocs: the plugin's generated page), runs the real program
(Hugo, Jekyll and cmark-gfm — GitHub's renderer — from Debian; Eleventy, VitePress and
markdown-it with linkify and its typographer from ``tests/site-generators/`` installed with
``npm ci``; MkDocs and mkdocs-macros-plugin from PyPI) and hands back the published HTML
pages, the list of published files and the build's output. ``tests/test_site_generators.py`` asserts on them.

Two sets of answers go into every site: ``examples/online-store-too.yaml`` as it is, and
the same operator with every free-text field the policy prints filled with :data:`PAYLOAD`:
template tags of every language a generator runs over Markdown (Liquid, Nunjucks, Jinja2,
Hugo shortcodes, Vue), text that GFM extensions turn into links or emoji, what
typographers rewrite, Markdown and HTML syntax and Kazakh letters.
"""

from __future__ import annotations

import copy
import html
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import html5lib
import yaml

import generator as kz
from generator import document as d

from .conftest import ROOT, kzpolicy_command

NODE_DIR = ROOT / "tests" / "site-generators"
DOC = ROOT / "docs" / "site-builds.md"
EXAMPLE = ROOT / "examples" / "online-store-too.yaml"
SITE_TITLE = "SITE-TITLE-MARKER"  # what an evaluated {{ site.title }} would print
LANGS = ("kk", "ru")

# One string with everything that must stay text. It goes, behind a field's own tag, into
# every free-text field the policy prints (see hostile_answers).
PAYLOAD = (
    '{% assign x = "RAN" %}{{ x }} {{ site.title }} {{ 7*7 }} {{6*7}} {% if 1 %}IF{% endif %} '
    "{%- raw -%} {% include 'nope.html' %} {# note #} {%comment%}c{%endcomment%} "
    '{{< param "x" >}} {{% param "x" %}} {{< nope >}} {{% nope %}} {{ .Site.Title }} '
    '{{ $frontmatter.title }} v-if="false" :title="t" @click="x" <span v-html="1">s</span> '
    "<script>alert(1)</script> <!-- c --> <b>b</b> &amp; &lt; &copy; &#123; "
    "www.x.kz http://evil.example/a ftp://e.kz mail@x.kz shop.kz :smile: :+1: "
    "\"q\" 'q' -- --- ... << >> (c) (tm) +- 1/2 "
    "|a|b| back\\slash \\* \\{ *x* _y_ **z** `c` ~~s~~ ^s^ H~2~O ==m== $x$ $$y$$ [^1] "
    "[l](http://l.kz) ![i](x.png) <http://a.kz> {: .cls #id} {::comment} {#id} # 1. + - > "
    "ӘҒҚҢӨҰҮҺІ әғқңөұүһі Ёё"
)

# Field path -> tag; the tags are distinct and none is part of another.
FIELDS = {
    "operator.name": "Fname",
    "operator.brand": "Fbrand",
    "operator.address": "Faddress",
    "operator.working_hours": "Fhours",
    "operator.responsible_person.name": "Fperson",
    "operator.responsible_person.position": "Fposition",
    "operator.bank.bank": "Fbank",
    "services[-1].name": "Fservice",
    "services[-1].company": "Fcompany",
    "services[-1].purpose": "Fpurpose",
    "storage.hosting": "Fhosting",
    "storage.city": "Fstorecity",
    "cross_border.transfers[0].recipient": "Frecipient",
    "cross_border.transfers[0].purpose": "Ftransfer",
    "retention.rules[0].basis": "Fbasis",
    "automated_decisions.logic": "Flogic",
    "policy.city": "Fpolicycity",
}


def doc_block(name: str) -> str:
    """A named code block of docs/site-builds.md (```` ```toml hugo.toml ````): the sites
    below are configured as the documentation says."""
    blocks = dict((n.strip(), body) for _, n, body in re.findall(
        r"^```(\w+) ([^\n`]+)\n(.*?)^```$", DOC.read_text(encoding="utf-8"), re.MULTILINE | re.DOTALL))
    return blocks[name]


def hostile_value(tag: str) -> str:
    return f"{tag}: {PAYLOAD}"


def hostile_answers() -> dict[str, Any]:
    """The example operator with every printed free-text field set to its hostile value."""
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data = copy.deepcopy(data)
    data["services"].append({"name": "x", "company": "x", "country": "DE", "category": "crm",
                             "purpose": "x", "receives": ["email"]})
    data["cross_border"] = {"transfers": [{"country": "TR", "recipient": "x", "purpose": "x", "data": ["email"]}]}
    data["automated_decisions"] = {"used": True, "logic": "x"}
    for path, tag in FIELDS.items():
        target: Any = data
        parts = re.findall(r"[a-z_]+|\[-?\d+\]", path)
        for part in parts[:-1]:
            target = target[int(part[1:-1])] if part.startswith("[") else target[part]
        target[parts[-1]] = hostile_value(tag)
    return data


# --------------------------------------------------------------------------- the two policies


@dataclass(frozen=True)
class Policy:
    """One set of answers: its name in the sites, the answers file, the Documents."""

    name: str
    answers_file: Path
    documents: dict[str, d.Document]
    hostile: bool


def prepare_policies(work: Path) -> list[Policy]:
    work.mkdir(parents=True, exist_ok=True)
    hostile_file = work / "hostile.yaml"
    hostile_file.write_text(yaml.safe_dump(hostile_answers(), allow_unicode=True, sort_keys=False),
                            encoding="utf-8")
    policies = []
    for name, path, hostile in (("privacy", EXAMPLE, False), ("hostile", hostile_file, True)):
        answers = kz.load_answers(path)
        policies.append(Policy(name, path, kz.build_documents(answers, LANGS), hostile))
    return policies


def kzpolicy_build(answers: Path, out: Path, *extra: str) -> None:
    """``kzpolicy build ANSWERS --format md --front-matter --out OUT``, the real command."""
    command = [*kzpolicy_command(), "build", str(answers), "--format", "md", "--front-matter", "--out", str(out),
               "--force", *extra]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"kzpolicy build failed:\n{done.stderr}"


# --------------------------------------------------------------------------- a built site


@dataclass
class Site:
    """A built site: its published pages (policy name, lang -> HTML), every published file,
    the build's exit code and output."""

    generator: str
    root: Path
    published: Path
    pages: dict[tuple[str, str], str] = field(default_factory=dict)
    returncode: int = 0
    log: str = ""

    def published_files(self) -> list[str]:
        return sorted(str(p.relative_to(self.published)) for p in self.published.rglob("*") if p.is_file())


def run(command: list[str], cwd: Path, *, env: dict[str, str] | None = None, timeout: int = 300) -> tuple[int, str]:
    full_env = {**os.environ, "NO_COLOR": "1", "FORCE_COLOR": "0", **(env or {})}
    full_env.pop("CI", None)  # some tools change their output in CI; the test decides what CI means
    done = subprocess.run(command, cwd=cwd, env=full_env, capture_output=True, text=True, timeout=timeout)
    return done.returncode, done.stdout + done.stderr


def node_bin(name: str) -> Path:
    return NODE_DIR / "node_modules" / ".bin" / name


def _find(published: Path, *candidates: str) -> str:
    for candidate in candidates:
        path = published / candidate
        if path.is_file():
            return path.read_text(encoding="utf-8")
    listing = sorted(str(p.relative_to(published)) for p in published.rglob("*.html"))
    raise AssertionError(f"none of {candidates} was published; pages: {listing[:40]}")


# Minimal layouts: the page title and description from the front matter (escaped, as every
# layout must print data), the content in <main>. Jekyll's is the one the docs give.
JEKYLL_LAYOUT = doc_block("_layouts/policy.html")
HUGO_LAYOUT = """<!DOCTYPE html>
<html lang="{{ .Lang }}"><head><meta charset="utf-8"><title>{{ .Title }}</title>
<meta name="description" content="{{ .Description }}"></head>
<body><main>{{ .Content }}</main></body></html>
"""


def build_hugo(root: Path, policies: list[Policy], *, unsafe: bool) -> Site:
    """Hugo with the policy as ``content/<name>/privacy-policy.<lang>.md``; ``unsafe``: the
    configuration docs/site-builds.md gives (raw HTML kept, so the anchors are there)."""
    documented = doc_block("hugo.toml")
    assert 'title = "DalaShop"' in documented and "unsafe = true" in documented
    config = documented.replace('title = "DalaShop"', f'title = "{SITE_TITLE}"')
    if not unsafe:
        config = config.replace("[markup.goldmark.renderer]\nunsafe = true\n", "")
    # Fewer kinds of page to build, and a parameter a shortcode could print.
    config = ('disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]\n' + config
              + '\n[params]\nx = "PARAM-MARKER"\n')
    (root / "hugo.toml").write_text(config, encoding="utf-8")
    layouts = root / "layouts" / "_default"
    layouts.mkdir(parents=True)
    (layouts / "single.html").write_text(HUGO_LAYOUT, encoding="utf-8")
    (layouts / "list.html").write_text("<!DOCTYPE html><title>list</title>\n", encoding="utf-8")
    for policy in policies:
        kzpolicy_build(policy.answers_file, root / "content" / policy.name)
    code, log = run(["hugo", "--destination", "public", "--panicOnWarning"], root)
    site = Site("hugo" if unsafe else "hugo-default", root, root / "public", returncode=code, log=log)
    if code == 0:
        for policy in policies:
            for lang in LANGS:
                prefix = "" if lang == "ru" else f"{lang}/"
                site.pages[policy.name, lang] = _find(site.published,
                                                      f"{prefix}{policy.name}/privacy-policy/index.html")
    return site


def kzpolicy_fragments(policy: Policy, out: Path) -> None:
    """The HTML fragments of ``policy`` (``kzpolicy build --format html --fragment``) in ``out``."""
    command = [*kzpolicy_command(), "build", str(policy.answers_file), "--format", "html", "--fragment",
               "--out", str(out), "--force"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"kzpolicy build failed:\n{done.stderr}"


# Pages that {% include %} the hostile HTML fragment: the template language runs over it.
FRAGMENT_PAGE = {
    "jekyll": ("fragment/{lang}.html",
               "---\nlayout: policy\n---\n{{% include kzp/privacy-policy.{lang}.fragment.html %}}\n"),
    "eleventy-liquid": ("fragment/{lang}.liquid", '{{% include "kzp/privacy-policy.{lang}.fragment.html" %}}\n'),
    "eleventy-njk": ("fragment/{lang}.njk", '{{% include "kzp/privacy-policy.{lang}.fragment.html" %}}\n'),
}
FRAGMENT_INCLUDES = set(FRAGMENT_PAGE)
# Generators whose page (our layout, or the theme) prints the front matter's title and description.
META_FROM_FRONT_MATTER = {"hugo", "hugo-default", "jekyll", "eleventy-liquid", "eleventy-njk", "vitepress"}


def add_fragment_pages(generator: str, source: Path, includes: Path, policies: list[Policy]) -> None:
    hostile = next(p for p in policies if p.hostile)
    kzpolicy_fragments(hostile, includes / "kzp")
    path, text = FRAGMENT_PAGE[generator]
    for lang in LANGS:
        page = source / path.format(lang=lang)
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(text.format(lang=lang), encoding="utf-8")


def build_jekyll(root: Path, policies: list[Policy]) -> Site:
    """Jekyll 4 with kramdown (its default, GFM input) and a layout set by ``defaults``."""
    config = yaml.safe_load(doc_block("_config.yml"))
    config["title"] = SITE_TITLE
    config["defaults"][0]["scope"]["path"] = ""  # the layout for the hostile and fragment pages too
    (root / "_config.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    (root / "_layouts").mkdir()
    (root / "_layouts" / "policy.html").write_text(JEKYLL_LAYOUT, encoding="utf-8")
    for policy in policies:
        kzpolicy_build(policy.answers_file, root / policy.name)
    add_fragment_pages("jekyll", root, root / "_includes", policies)
    code, log = run(["jekyll", "build", "--safe", "--destination", "_site"], root,
                    env={"JEKYLL_ENV": "production", "HOME": str(root)})
    site = Site("jekyll", root, root / "_site", returncode=code, log=log)
    if code == 0:
        for policy in policies:
            for lang in LANGS:
                site.pages[policy.name, lang] = _find(site.published, f"{policy.name}/privacy-policy.{lang}.html")
        for lang in LANGS:
            site.pages["hostile/fragment", lang] = _find(site.published, f"fragment/{lang}.html")
    return site


ELEVENTY_CONFIG = """module.exports = function (eleventyConfig) {
  eleventyConfig.addGlobalData("site", { title: "%(title)s" });
  eleventyConfig.addGlobalData("layout", "policy.%(engine)s");
  return { markdownTemplateEngine: "%(engine)s", dir: { input: "src", output: "_site" } };
};
"""
ELEVENTY_LAYOUTS = {
    "liquid": JEKYLL_LAYOUT.replace("page.", ""),
    "njk": JEKYLL_LAYOUT.replace("page.", "").replace("{{ content }}", "{{ content | safe }}"),
}


def build_eleventy(root: Path, policies: list[Policy], engine: str) -> Site:
    """Eleventy 3: Markdown pre-processed by Liquid (its default) or by Nunjucks."""
    (root / "eleventy.config.cjs").write_text(ELEVENTY_CONFIG % {"title": SITE_TITLE, "engine": engine},
                                             encoding="utf-8")
    includes = root / "src" / "_includes"
    includes.mkdir(parents=True)
    (includes / f"policy.{engine}").write_text(ELEVENTY_LAYOUTS[engine], encoding="utf-8")
    for policy in policies:
        kzpolicy_build(policy.answers_file, root / "src" / policy.name)
    add_fragment_pages(f"eleventy-{engine}", root / "src", includes, policies)
    code, log = run([str(node_bin("eleventy")), "--config=eleventy.config.cjs"], root)
    site = Site(f"eleventy-{engine}", root, root / "_site", returncode=code, log=log)
    if code == 0:
        for policy in policies:
            for lang in LANGS:
                site.pages[policy.name, lang] = _find(site.published,
                                                      f"{policy.name}/privacy-policy.{lang}/index.html")
        for lang in LANGS:
            site.pages["hostile/fragment", lang] = _find(site.published, f"fragment/{lang}/index.html")
    return site


def build_vitepress(root: Path, policies: list[Policy]) -> Site:
    """VitePress 1 with its default theme: Markdown compiled to Vue templates."""
    (root / ".vitepress").mkdir()
    (root / ".vitepress" / "config.mjs").write_text(
        f'export default {{ title: "{SITE_TITLE}", lang: "ru" }}\n', encoding="utf-8")
    (root / "index.md").write_text("# Home\n", encoding="utf-8")
    (root / "node_modules").symlink_to(NODE_DIR / "node_modules")  # the site imports vue from there
    for policy in policies:
        kzpolicy_build(policy.answers_file, root / policy.name)
    code, log = run([str(node_bin("vitepress")), "build", "."], root)
    site = Site("vitepress", root, root / ".vitepress" / "dist", returncode=code, log=log)
    if code == 0:
        for policy in policies:
            for lang in LANGS:
                site.pages[policy.name, lang] = _find(site.published, f"{policy.name}/privacy-policy.{lang}.html")
    return site


MKDOCS_CONFIG = """site_name: %(title)s
site_url: https://example.kz/
theme:
  name: mkdocs
nav:
  - index.md
plugins:
%(plugins)s  - kzpolicy:
      answers: %(answers)s
      languages: [kk, ru]
      path: %(path)s
"""


def build_mkdocs(root: Path, policies: list[Policy], *, macros: bool) -> Site:
    """MkDocs with the kzpolicy plugin, one site per policy folder, optionally with
    mkdocs-macros-plugin (which runs Jinja2 over every page's Markdown)."""
    site = Site("mkdocs-macros" if macros else "mkdocs", root, root, returncode=0, log="")
    for policy in policies:
        src = root / policy.name
        (src / "docs").mkdir(parents=True)
        (src / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
        # Beside the plugin's pages, the files `kzpolicy build --front-matter` writes into
        # docs/: MkDocs publishes every file of docs_dir but dot-files.
        kzpolicy_build(policy.answers_file, src / "docs" / "files")
        plugins = "  - search\n" + ("  - macros\n" if macros else "")
        config = MKDOCS_CONFIG % {"title": SITE_TITLE, "plugins": plugins, "answers": policy.answers_file,
                                  "path": policy.name}
        if macros:
            config += "extra:\n  x: PARAM-MARKER\n"
        (src / "mkdocs.yml").write_text(config, encoding="utf-8")
        mkdocs = Path(sys.executable).with_name("mkdocs")
        code, log = run([str(mkdocs), "build", "--strict", "--site-dir", str(root / "site" / policy.name)], src)
        site.returncode = site.returncode or code
        site.log += log
        if code == 0:
            for lang in LANGS:
                site.pages[policy.name, lang] = _find(root / "site" / policy.name, f"{policy.name}/{lang}/index.html")
    site.published = root / "site"
    return site


RENDERERS = {
    # cmark-gfm, the renderer GitHub is built on, with GitHub's extensions (tables, autolinks,
    # strikethrough, tag filter) and raw HTML kept, as GitHub keeps it before its sanitizer.
    "gfm": ["cmark-gfm", "--unsafe", "--extension", "table", "--extension", "autolink", "--extension",
            "strikethrough", "--extension", "tagfilter"],
    # markdown-it with linkify and the typographer on (NODE_DIR/markdown-it.mjs).
    "markdown-it": ["node", str(NODE_DIR / "markdown-it.mjs")],
}


def build_renderer(root: Path, policies: list[Policy], renderer: str) -> Site:
    """A Markdown renderer on its own: the plain Markdown (no front matter, which GitHub
    shows as a table), each file rendered and put in a minimal page."""
    site = Site(renderer, root, root / "html")
    site.published.mkdir(parents=True)
    for policy in policies:
        out = root / "md" / policy.name
        command = [*kzpolicy_command(), "build", str(policy.answers_file), "--format", "md", "--out", str(out),
                   "--force"]
        done = subprocess.run(command, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        for lang in LANGS:
            rendered = subprocess.run([*RENDERERS[renderer], str(out / f"privacy-policy.{lang}.md")],
                                      capture_output=True, text=True, timeout=120)
            site.returncode = site.returncode or rendered.returncode
            site.log += rendered.stderr
            body = rendered.stdout
            page = (f'<!DOCTYPE html>\n<html lang="{lang}"><head><title>p</title></head>'
                    f"<body><main>{body}</main></body></html>\n")
            (site.published / f"{policy.name}.{lang}.html").write_text(page, encoding="utf-8")
            site.pages[policy.name, lang] = page
    return site


BUILDERS: dict[str, Callable[[Path, list[Policy]], Site]] = {
    "hugo": lambda root, policies: build_hugo(root, policies, unsafe=True),
    "hugo-default": lambda root, policies: build_hugo(root, policies, unsafe=False),
    "jekyll": build_jekyll,
    "eleventy-liquid": lambda root, policies: build_eleventy(root, policies, "liquid"),
    "eleventy-njk": lambda root, policies: build_eleventy(root, policies, "njk"),
    "vitepress": build_vitepress,
    "mkdocs": lambda root, policies: build_mkdocs(root, policies, macros=False),
    "mkdocs-macros": lambda root, policies: build_mkdocs(root, policies, macros=True),
    "gfm": lambda root, policies: build_renderer(root, policies, "gfm"),
    "markdown-it": lambda root, policies: build_renderer(root, policies, "markdown-it"),
}

# What each generator needs: a program on PATH, a package in node_modules or a Python module.
REQUIRES: dict[str, tuple[str, str]] = {
    "hugo": ("program", "hugo"),
    "hugo-default": ("program", "hugo"),
    "jekyll": ("program", "jekyll"),
    "eleventy-liquid": ("node", "eleventy"),
    "eleventy-njk": ("node", "eleventy"),
    "vitepress": ("node", "vitepress"),
    "mkdocs": ("python", "mkdocs"),
    "mkdocs-macros": ("python", "mkdocs_macros"),
    "gfm": ("program", "cmark-gfm"),
    "markdown-it": ("node", "markdown-it"),
}


def missing(generator: str) -> str | None:
    """Why ``generator`` cannot be built here, or None."""
    kind, name = REQUIRES[generator]
    if kind == "program":
        return None if shutil.which(name) else f"{name} is not on PATH"
    if kind == "node":
        return None if node_bin(name).exists() else f"{name} is not installed (cd tests/site-generators && npm ci)"
    import importlib.util

    return None if importlib.util.find_spec(name) else f"the Python package {name} is not installed"


# --------------------------------------------------------------------------- reading a page


def parse(page: str) -> ET.Element:
    return html5lib.HTMLParser(namespaceHTMLElements=False).parse(page)


def content_of(generator: str, tree: ET.Element) -> ET.Element:
    """The element that holds the policy on a generator's page."""
    if generator == "vitepress":
        found = [e for e in tree.iter("div") if "vp-doc" in (e.get("class") or "").split()]
    elif generator.startswith("mkdocs"):
        found = [e for e in tree.iter("div") if "kzp-policy" in (e.get("class") or "").split()]
    else:
        found = list(tree.iter("main"))
    assert len(found) == 1, f"{generator}: {len(found)} content elements"
    return found[0]


# The links a generator adds to headings (VitePress's header-anchor, MkDocs's headerlink).
HEADER_ANCHOR = re.compile(r"\b(header-anchor|headerlink)\b")


def _texts(element: ET.Element) -> Iterator[str]:
    # What a reader sees: element text and tails, not comments (html5lib's Comment elements
    # carry their text, and ElementTree's itertext yields it).
    if isinstance(element.tag, str) and not HEADER_ANCHOR.search(element.get("class") or ""):
        if element.text:
            yield element.text
        for child in element:
            yield from _texts(child)
    if element.tail:
        yield element.tail


def text_of(element: ET.Element) -> str:
    """The text of ``element``, whitespace collapsed."""
    saved, element.tail = element.tail, None
    try:
        return " ".join("".join(_texts(element)).split())
    finally:
        element.tail = saved


def blocks_of(element: ET.Element) -> Iterator[str]:
    """The text of every paragraph, list item, cell and heading, whitespace collapsed."""
    for node in element.iter():
        if node.tag in ("p", "li", "td", "th", "h1", "h2", "h3"):
            yield text_of(node)


def links_of(element: ET.Element) -> list[str]:
    """The targets of the links a reader can follow, without the anchors a generator adds
    to headings (VitePress's ``header-anchor``, MkDocs's ``headerlink``)."""
    found = []
    for node in element.iter("a"):
        href = node.get("href")
        if href is None or HEADER_ANCHOR.search(node.get("class") or ""):
            continue
        found.append(html.unescape(href))
    return found


# --------------------------------------------------------------------------- what the Document says


def expected_links(document: d.Document) -> list[str]:
    found: list[str] = []

    def inlines(nodes: Any) -> None:
        for node in nodes:
            if isinstance(node, d.Link):
                if d.safe_href(node.href):
                    found.append(node.href)
                inlines(node.children)
            elif isinstance(node, d.Strong | d.Emph):
                inlines(node.children)

    def block(item: Any) -> None:
        if isinstance(item, d.Paragraph):
            inlines(item.inlines)
        elif isinstance(item, d.BulletList):
            for entry in item.items:
                inlines(entry)
        elif isinstance(item, d.Table):
            for row in (item.header or (), *item.rows):
                for cell in row:
                    inlines(cell)

    for item in document.preamble:
        if not isinstance(item, d.Clause):
            block(item)
    for _section, clause, _depth in d.walk(document):
        for own in clause.own_blocks():
            block(own)
    return found


def expected_tables(document: d.Document) -> list[int]:
    """Rows (header included) of every table, in order."""
    rows = []
    for _section, clause, _depth in d.walk(document):
        for own in clause.own_blocks():
            if isinstance(own, d.Table):
                rows.append(len(own.rows) + (1 if own.header else 0))
    return rows


def expected_ids(document: d.Document) -> set[str]:
    ids = {d.anchor(section.id) for section in document.sections}
    for info in kz.clause_index(document):
        ids |= {info.anchor, info.number_anchor}
    return ids


def manifest_files(site: Site) -> list[str]:
    return [name for name in site.published_files() if "manifest" in Path(name).name]


def dump_json(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
