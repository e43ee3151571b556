"""The HTML export held to the Nu HTML Checker and axe-core, for every example and language.

The standalone page as it is, and the fragment inside the smallest page a site could give
it (``<main>`` of a layout with a title): vnu.jar (the W3C's checker, from npm) must report
nothing at all, not even a warning; axe-core, run in the system Chromium through
playwright-core, must report no violation of any impact. Both tools come from
``tests/site-generators/`` (``npm ci``), Java and Chromium from Debian.
"""

from __future__ import annotations

import html
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from generator.api import build_documents, build_files, render_text

from .conftest import EXAMPLES
from .document_text import answers_of
from .site_generators import NODE_DIR
from .tools import in_ci, require_tool

pytestmark = pytest.mark.slow

VNU = NODE_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE = NODE_DIR / "axe-check.mjs"

EMBED = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} – site</title>
</head>
<body>
<header><a href="/">Site</a></header>
<main>
{fragment}</main>
<footer>© Site</footer>
</body>
</html>
"""


def require_npm_tools() -> None:
    for path in (VNU, NODE_DIR / "node_modules" / "axe-core", NODE_DIR / "node_modules" / "playwright-core"):
        if not path.exists():
            message = f"{path.relative_to(NODE_DIR)} is missing: cd tests/site-generators && npm ci"
            if in_ci():
                pytest.fail(f"{message}; CI=true requires it", pytrace=False)
            pytest.skip(message)


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every example in each of its languages: the page and the embedded fragment."""
    out = tmp_path_factory.mktemp("html-checkers")
    found: dict[str, Path] = {}
    for example in EXAMPLES:
        answers = answers_of(example)
        for lang, document in build_documents(answers).items():
            page = out / f"{example.stem}.{lang}.html"
            page.write_text(render_text(document, lang, "html"), encoding="utf-8")
            found[page.stem] = page
            embedded = out / f"{example.stem}.{lang}.fragment.html"
            fragment = render_text(document, lang, "html", fragment=True)
            embedded.write_text(EMBED.format(lang=lang, title=html.escape(document.meta.title), fragment=fragment),
                                encoding="utf-8")
            found[embedded.stem] = embedded
        # the consent as a page, and its checkbox snippet in a site's form
        files = build_files(answers, formats=["html"], kinds=("policy", "consent", "cookies"))
        for lang in answers.policy.languages:
            consent = out / f"{example.stem}.{lang}.consent.html"
            consent.write_bytes(files[f"personal-data-consent.{lang}.html"])
            found[consent.stem] = consent
            form = out / f"{example.stem}.{lang}.form.html"
            snippet = files[f"consent-checkbox.{lang}.html"].decode("utf-8")
            form.write_text(EMBED.format(lang=lang, title="form", fragment=(
                '<h1>Form</h1><form action="/send" method="post">'
                '<p><label>E-mail <input type="email" name="email"></label></p>'
                f'{snippet}<p><button type="submit">OK</button></p></form>\n')), encoding="utf-8")
            found[form.stem] = form
            # the cookie notice at the end of a page's <body>, its style and script beside it
            if f"cookie-notice.{lang}.html" in files:
                for name in ("cookie-notice.css", "cookie-notice.js"):
                    (out / name).write_bytes(files[name])
                shop = out / f"{example.stem}.{lang}.cookies.html"
                page_html = EMBED.format(lang=lang, title="shop", fragment="<h1>Shop</h1><p>Goods.</p>\n")
                notice = files[f"cookie-notice.{lang}.html"].decode("utf-8")
                shop.write_text(page_html.replace("</body>", notice + "</body>"), encoding="utf-8")
                found[shop.stem] = shop
    return found


def test_every_example_has_pages(pages: dict[str, Path]) -> None:
    assert len(pages) >= 4 * len(EXAMPLES)  # two languages at least, page and fragment each


def test_the_nu_checker_reports_nothing(pages: dict[str, Path]) -> None:
    require_npm_tools()
    java = require_tool("java")
    done = subprocess.run([java, "-jar", str(VNU), "--format", "json", *map(str, pages.values())],
                          capture_output=True, text=True, timeout=300)
    report: dict[str, Any] = json.loads(done.stderr or done.stdout or "{}")
    messages = [f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['type']}/{m.get('subType', '')}: "
                f"{m['message']}" for m in report.get("messages", [])]
    assert messages == [], "\n".join(messages[:30])
    assert done.returncode == 0, done.stderr[-2000:]


def test_axe_core_finds_no_violation(pages: dict[str, Path]) -> None:
    require_npm_tools()
    chromium = require_tool("chromium")
    node = shutil.which("node") or require_tool("node")
    done = subprocess.run([node, str(AXE), chromium, *map(str, pages.values())], capture_output=True, text=True,
                          timeout=600, cwd=NODE_DIR)
    assert done.returncode == 0, done.stderr[-3000:]
    results: dict[str, list[dict[str, Any]]] = json.loads(done.stdout)
    assert sorted(results) == sorted(map(str, pages.values()))  # every page was checked
    violations = [f"{Path(file).name}: {v['impact']} {v['id']} ({v['help']}) at {v['nodes'][:3]}"
                  for file, found in results.items() for v in found]
    assert violations == [], "\n".join(violations[:30])
