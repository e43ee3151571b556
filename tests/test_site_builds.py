"""docs/site-builds.md, run as written: MkDocs, Jinja2, front matter, the CI step, consent.

The recipes' code blocks are named in their info string (```` ```python build_site.py ````);
the tests below take them out of the document and run them, so the documentation cannot
drift from what works. Plus the Python API the recipes stand on.
"""

from __future__ import annotations

import html
import os
import re
import runpy
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from jinja2 import DictLoader, Environment

import generator as kz
from generator.errors import AnswersError, InputError
from generator.integrations.jinja import PrivacyPolicyExtension, install

from .conftest import ROOT, kzpolicy_command
from .tools import in_ci

DOC = ROOT / "docs" / "site-builds.md"
SAMPLE = ROOT / "docs" / "examples" / "mkdocs-site"
EXAMPLE = ROOT / "examples" / "online-store-too.yaml"
BIN = Path(sys.executable).parent

_BLOCK = re.compile(r"^```(\w+) ([^\n`]+)\n(.*?)^```$", re.MULTILINE | re.DOTALL)


def doc_blocks() -> dict[str, str]:
    """The named code blocks of docs/site-builds.md: name -> content."""
    found: dict[str, str] = {}
    for _, name, body in _BLOCK.findall(DOC.read_text(encoding="utf-8")):
        assert name not in found, f"two blocks named {name}"
        found[name.strip()] = body
    return found


BLOCKS = doc_blocks()


def write_blocks(directory: Path, *names: str) -> None:
    for name in names:
        target = directory / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(BLOCKS[name], encoding="utf-8")


def run_script(name: str, cwd: Path, *, check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run a shell block of the doc with this test environment's programs first on PATH."""
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    done = subprocess.run(["sh", "-c", BLOCKS[name]], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=300)
    if check:
        assert done.returncode == 0, f"{name} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}"
    return done


def run_python(name: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([sys.executable, "-c", BLOCKS[name]], cwd=cwd, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"{name} failed:\n{done.stdout}\n{done.stderr}"
    return done


def require_mkdocs() -> None:
    try:
        import mkdocs  # noqa: F401
    except ImportError:
        if in_ci():
            pytest.fail("mkdocs is not installed; CI=true requires it (pip install '.[test]')", pytrace=False)
        pytest.skip("mkdocs is not installed (pip install 'kzpolicy[mkdocs]')")


def html_ids(text: str, prefixes: tuple[str, ...] = ("c-", "n-")) -> set[str]:
    return {i for i in re.findall(r'\bid="([^"]+)"', text) if i.startswith(prefixes)}


def policy_div(page: str, lang: str) -> str:
    start = page.index(f'<div class="kzp-policy" lang="{lang}">')
    return page[start : page.index("</div>\n", start)]


def test_the_doc_names_every_recipe_block() -> None:
    assert set(BLOCKS) >= {
        "mkdocs.yml", "mkdocs-build.sh", "build_site.py", "templates/base.html", "templates/privacy.html",
        "policy-overrides/kk/clauses/general.scope.j2", "policy-overrides/ru/clauses/general.scope.j2",
        "jinja-build.sh", "jinja-extension.py", "api-example.py", "static-build.sh", "front-matter.kk.md",
        "ci-policy.sh", "order-form.py", "templates/order.html", "templates/consent-page.html",
        "policy_link.py",
        "hugo.toml", "hugo-build.sh", "_config.yml", "_layouts/policy.html", "jekyll-build.sh",
        "eleventy.config.cjs", "eleventy-build.sh", "vitepress-build.sh", "gfm-build.sh",
    }
    assert "docs/site-builds.md" in (ROOT / "README.md").read_text(encoding="utf-8")


# --------------------------------------------------------------------------- MkDocs


def mkdocs_site(tmp_path: Path) -> Path:
    site = tmp_path / "site-src"
    shutil.copytree(SAMPLE, site, ignore=shutil.ignore_patterns("site"))
    import mkdocs

    major, minor = (int(part) for part in mkdocs.__version__.split(".")[:2])
    if (major, minor) >= (1, 6):  # make --strict check every #anchor link too
        with (site / "mkdocs.yml").open("a", encoding="utf-8") as handle:
            handle.write("\nvalidation:\n  anchors: warn\n")
    return site


def test_the_sample_site_is_the_one_in_the_doc() -> None:
    assert (SAMPLE / "mkdocs.yml").read_text(encoding="utf-8") == BLOCKS["mkdocs.yml"]
    assert (SAMPLE / "answers.yaml").read_bytes() == EXAMPLE.read_bytes()
    assert (SAMPLE / "docs" / "index.md").is_file()


def test_mkdocs_builds_the_policy_in_kazakh_and_russian(tmp_path: Path) -> None:
    require_mkdocs()
    site = mkdocs_site(tmp_path)
    run_script("mkdocs-build.sh", site)
    answers = kz.load_answers(EXAMPLE)
    for lang, operator, heading in (
        ("kk", "«Дала Маркет» ЖШС", "1. Терминдер мен анықтамалар"),
        ("ru", "ТОО «Дала Маркет»", "1. Термины и определения"),
    ):
        page = (site / "site" / "privacy" / lang / "index.html").read_text(encoding="utf-8")
        document = kz.build_document(answers, lang)
        title = html.escape(document.meta.title, quote=False)
        assert f"<title>{title} - DalaShop</title>" in page
        div = policy_div(page, lang)
        assert re.search(rf'<h2 id="[^"]*"><a id="c-definitions" data-section="definitions"></a>{heading}</h2>', div)
        assert operator in div
        for section in document.sections:  # every section heading, with the exporter's anchor
            assert f'<a id="c-{section.id.replace("_", "-")}" data-section="{section.id}"></a>{section.number}. ' in div
        # The same anchors as the HTML export: links are the same everywhere.
        exported = kz.render_text(document, lang, "html", fragment=True)
        assert html_ids(div) == html_ids(exported)
        info = kz.clause_index(document)
        assert {c.anchor for c in info} | {c.number_anchor for c in info} <= html_ids(div)
        withdrawal = next(c for c in info if c.id == "consent.withdrawal")
        assert (f'<p><a id="{withdrawal.anchor}" data-clause="consent.withdrawal"></a>'
                f'<a id="{withdrawal.number_anchor}"></a>{withdrawal.number}. ') in div
    index = (site / "site" / "index.html").read_text(encoding="utf-8")
    assert 'href="privacy/ru/#c-consent-withdrawal"' in index


def test_mkdocs_plugin_options_overrides_and_literal_text(tmp_path: Path) -> None:
    """Another path, one language, a clause overridden, and typed text that looks like markup
    stays text on the built page (Python-Markdown escapes differ from CommonMark's)."""
    require_mkdocs()
    site = mkdocs_site(tmp_path)
    hostile = "<img src=x onerror=alert(1)> *bold* _u_ `code` [x](javascript:alert(1)) {: onclick=alert(1) } #1 | a"
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["operator"]["working_hours"] = hostile
    (site / "answers.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    override = site / "legal-overrides" / "ru" / "clauses" / "general.scope.j2"
    override.parent.mkdir(parents=True)
    override.write_text("Политика применяется к сайту {{ a.sites[0].url }} и <b>пунктам выдачи</b>.", encoding="utf-8")
    config = (site / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("privacy/kk.md", "legal/ru.md").replace("privacy/ru.md", "legal/ru.md")
    config = config.replace("languages: [kk, ru]", "languages: [ru]").replace(
        "path: privacy", "path: legal\n      overrides: legal-overrides")
    (site / "mkdocs.yml").write_text(config, encoding="utf-8")
    (site / "docs" / "index.md").write_text("# DalaShop\n\n[Политика](legal/ru.md#c-general-scope)\n", encoding="utf-8")
    run_script("mkdocs-build.sh", site)
    assert not (site / "site" / "legal" / "kk").exists()
    div = policy_div((site / "site" / "legal" / "ru" / "index.html").read_text(encoding="utf-8"), "ru")
    scope = re.search(r'<p><a id="c-general-scope" data-clause="general.scope"></a>(.*?)</p>', div, re.DOTALL)
    assert scope is not None
    assert "https://dalashop.kz" in html.unescape(scope.group(1))
    assert "<strong>пунктам выдачи</strong>" in scope.group(1)
    shown = html.unescape(re.sub(r"<[^>]+>", "", div))
    assert hostile in shown  # shown as typed, in the contacts clause
    tags = re.findall(r"<[^>]+>", div)
    assert not [t for t in tags if t.startswith("<img") or "onclick" in t or "javascript:" in t or "<code" in t]
    assert "<em>bold</em>" not in div and "<em>u</em>" not in div


def test_mkdocs_plugin_adds_the_consent_pages_and_the_cookie_notice(tmp_path: Path) -> None:
    require_mkdocs()
    site = mkdocs_site(tmp_path)
    config = (site / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("path: privacy", "path: privacy\n      documents: [policy, consent, cookies]")
    config = config.replace("  - Политика конфиденциальности: privacy/ru.md",
                            "  - Политика конфиденциальности: privacy/ru.md\n"
                            "  - Келісім: privacy/consent/kk.md\n  - Согласие: privacy/consent/ru.md")
    (site / "mkdocs.yml").write_text(config, encoding="utf-8")
    run_script("mkdocs-build.sh", site)
    built = site / "site"
    result = kz.build(kz.load_answers(EXAMPLE), None, formats=["html"], documents=("policy", "consent", "cookies"))
    for lang, title in (("kk", "Дербес деректерді жинауға және өңдеуге келісім"),
                        ("ru", "Согласие на сбор и обработку персональных данных")):
        page = (built / "privacy" / "consent" / lang / "index.html").read_text(encoding="utf-8")
        assert f'<div class="kzp-policy" lang="{lang}">' in page and title in page
        assert kz.content_hash(result.documents[lang]) in page  # the consent names the policy by hash
    pages = {
        "index.html": ("ru", 'href="privacy/ru/#c-cookies"', 'href="assets/kzpolicy/cookie-notice.css"'),
        "privacy/kk/index.html": ("kk", 'href="./#c-cookies"', 'href="../../assets/kzpolicy/cookie-notice.css"'),
        "privacy/consent/ru/index.html": ("ru", 'href="../../ru/#c-cookies"',
                                          'src="../../../assets/kzpolicy/cookie-notice.js"'),
    }
    for name, (lang, link, asset) in pages.items():
        page = (built / name).read_text(encoding="utf-8")
        assert page.count('<aside class="kzpolicy-cookies"') == 1, name
        assert f'<aside class="kzpolicy-cookies" lang="{lang}"' in page, name
        assert link in page and asset in page, name
        assert page.index('<aside class="kzpolicy-cookies"') < page.rindex("</body>")
    for asset in ("cookie-notice.css", "cookie-notice.js"):
        assert (built / "assets" / "kzpolicy" / asset).read_bytes() == result.files[asset]


def test_mkdocs_plugin_knows_every_kind_of_document() -> None:
    require_mkdocs()
    from generator.api import DOCUMENTS
    from generator.integrations.mkdocs import DOCUMENTS as PLUGIN_DOCUMENTS

    assert PLUGIN_DOCUMENTS == DOCUMENTS


def test_mkdocs_fails_cleanly_on_invalid_answers(tmp_path: Path) -> None:
    require_mkdocs()
    site = mkdocs_site(tmp_path)
    answers = site / "answers.yaml"
    answers.write_text(answers.read_text(encoding="utf-8").replace("190540012345", "190540012346"), encoding="utf-8")
    done = run_script("mkdocs-build.sh", site, check=False)
    assert done.returncode != 0
    assert "operator.bin" in done.stderr and "check digit" in done.stderr
    assert "Traceback" not in done.stderr


def test_mkdocs_refuses_to_replace_an_existing_page(tmp_path: Path) -> None:
    require_mkdocs()
    site = mkdocs_site(tmp_path)
    (site / "docs" / "privacy").mkdir()
    (site / "docs" / "privacy" / "kk.md").write_text("# Ours\n", encoding="utf-8")
    done = run_script("mkdocs-build.sh", site, check=False)
    assert done.returncode != 0
    assert "privacy/kk.md exists" in done.stderr


# --------------------------------------------------------------------------- Jinja2


def test_jinja_recipe_renders_the_policy_in_the_site_layout(tmp_path: Path) -> None:
    shutil.copy(EXAMPLE, tmp_path / "answers.yaml")
    write_blocks(tmp_path, "build_site.py", "templates/base.html", "templates/privacy.html",
                 "policy-overrides/kk/clauses/general.scope.j2", "policy-overrides/ru/clauses/general.scope.j2")
    run_script("jinja-build.sh", tmp_path)
    answers = kz.load_answers(EXAMPLE)
    for lang in ("kk", "ru"):
        page = (tmp_path / "public" / "privacy" / f"{lang}.html").read_text(encoding="utf-8")
        ours = kz.render_text(answers, lang, "html", fragment=True)
        assert page.startswith(f'<!DOCTYPE html>\n<html lang="{lang}">')
        assert '<header class="site-header"><a href="/">DalaShop</a></header>' in page
        assert '<footer class="site-footer">© DalaShop</footer>' in page
        assert f'<main class="site-main"><article class="kzp-policy" lang="{lang}">' in page
        scope = re.search(r'<li id="c-general-scope".*?</li>', page, re.DOTALL)
        assert scope is not None and "DalaShop" in scope.group(0) and "https://dalashop.kz" in scope.group(0)
        original = re.search(r'<li id="c-general-scope".*?</li>', ours, re.DOTALL)
        assert original is not None and original.group(0) not in page
        # Everything else is ours, unchanged.
        assert page.count("<li id=\"c-") == ours.count("<li id=\"c-")
        for clause in ("general.basis", "consent.withdrawal", "requisites.table"):
            pattern = rf'<li id="c-{clause.replace(".", "-").replace("_", "-")}".*?\n  </li>'
            found = re.search(pattern, ours, re.DOTALL)
            assert found is not None and found.group(0) in page


def test_jinja_global_in_a_site_layout_with_one_clause_overridden() -> None:
    site = Environment(
        loader=DictLoader({
            "base.html": '<html lang="ru"><body><nav class="site-nav">DalaShop</nav>'
                         "{% block content %}{% endblock %}<footer>site footer</footer></body></html>",
            "privacy.html": '{% extends "base.html" %}{% block content %}{{ privacy_policy("ru") }}{% endblock %}',
        }),
        autoescape=True,
    )
    overrides = DictLoader(
        {"ru/clauses/final.languages.j2": "Текст Политики на русском языке – наш, {{ operator_name }}."}
    )
    install(site, kz.load_answers(EXAMPLE), overrides=overrides)
    page = site.get_template("privacy.html").render()
    assert page.startswith('<html lang="ru"><body><nav class="site-nav">DalaShop</nav><article class="kzp-policy"')
    assert page.endswith("</article>\n<footer>site footer</footer></body></html>")
    assert "<h2>3. Обрабатываемые персональные данные</h2>" in page
    assert "ТОО «Дала Маркет» (БИН 190540012345" in page
    clause = re.search(r'<li id="c-final-languages".*?</li>', page, re.DOTALL)
    assert clause is not None
    assert "Текст Политики на русском языке – наш, ТОО «Дала Маркет»." in clause.group(0)
    assert "&lt;" not in clause.group(0)  # Markup: not escaped a second time


def test_jinja_extension_and_api_recipes(tmp_path: Path) -> None:
    shutil.copy(EXAMPLE, tmp_path / "answers.yaml")
    write_blocks(tmp_path, "policy-overrides/ru/clauses/general.scope.j2")
    done = run_python("jinja-extension.py", tmp_path)
    assert done.stdout.startswith('<article class="kzp-policy" lang="ru">')
    done = run_python("api-example.py", tmp_path)
    lines = done.stdout.splitlines()
    assert lines[0].startswith("1.1 definitions.terms #c-definitions-terms ")
    assert re.fullmatch(r"sha256:[0-9a-f]{64}", lines[-1])


def test_jinja_extension_without_answers_says_what_to_set() -> None:
    env = Environment(extensions=[PrivacyPolicyExtension])
    with pytest.raises(InputError, match="kzpolicy_answers"):
        env.from_string("{{ privacy_policy() }}").render()


def test_jinja_invalid_answers_raise_the_cli_error(tmp_path: Path) -> None:
    env = Environment()
    install(env, tmp_path / "missing.yaml")
    with pytest.raises(AnswersError, match="no such file"):
        env.from_string("{{ privacy_policy('kk') }}").render()


# --------------------------------------------------------------------------- front matter, CI, consent


def test_static_generator_recipe_writes_markdown_with_the_documented_front_matter(tmp_path: Path) -> None:
    shutil.copy(EXAMPLE, tmp_path / "answers.yaml")
    run_script("static-build.sh", tmp_path)
    out = tmp_path / "content" / "privacy"
    assert sorted(p.name for p in out.iterdir()) == [  # the manifest a dot-file, which generators skip
        ".privacy-policy.manifest.json", "privacy-policy.kk.md", "privacy-policy.ru.md"]
    kk = (out / "privacy-policy.kk.md").read_text(encoding="utf-8")
    assert kk.startswith(BLOCKS["front-matter.kk.md"] + "\n# Құпиялылық саясаты\n")
    for lang in ("kk", "ru"):
        text = (out / f"privacy-policy.{lang}.md").read_text(encoding="utf-8")
        head = text.split("---\n")[1]
        meta = yaml.safe_load(head)  # what Hugo, Jekyll, Eleventy and Astro read
        assert list(meta) == ["title", "lang", "version", "effective_date", "description"]
        assert meta["lang"] == lang and meta["version"] == "2.0" and str(meta["effective_date"]) == "2026-09-01"


def test_ci_recipe_records_changes_per_language(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    shutil.copy(EXAMPLE, answers)
    write_blocks(tmp_path, "ci-policy.sh")
    # First deploy: what is published is what the answers give -> no entry.
    kz.build(kz.load_answers(answers), tmp_path / "published", formats=["md"], front_matter=True)
    run_script("ci-policy.sh", tmp_path)
    assert (tmp_path / "CHANGELOG.md").read_text(encoding="utf-8") == ""
    assert (tmp_path / "privacy-policy.manifest.json").is_file()  # --manifest: kept out of public/
    assert sorted(p.name for p in (tmp_path / "public" / "privacy").iterdir() if "manifest" in p.name) == []
    # The Kazakh address changes: one entry, for kk only.
    text = answers.read_text(encoding="utf-8").replace("Абай даңғылы, 10, 5-кеңсе", "Абай даңғылы, 12, 5-кеңсе")
    answers.write_text(text, encoding="utf-8")
    run_script("ci-policy.sh", tmp_path)
    changelog = (tmp_path / "CHANGELOG.md").read_text(encoding="utf-8")
    assert changelog.count("## Privacy policy changes") == 1
    assert "## Privacy policy changes (kk)" in changelog
    assert "Абай даңғылы, ~~10~~**12**, 5-кеңсе" in changelog
    # A broken answers file fails the step (exit 2 is not "differences").
    answers.write_text("operator: [", encoding="utf-8")
    assert run_script("ci-policy.sh", tmp_path, check=False).returncode != 0


def test_order_form_recipe_shows_the_checkbox_the_consent_and_the_cookie_notice(tmp_path: Path) -> None:
    shutil.copy(EXAMPLE, tmp_path / "answers.yaml")
    write_blocks(tmp_path, "order-form.py", "templates/order.html", "templates/consent-page.html")
    run_python("order-form.py", tmp_path)
    public = tmp_path / "public"
    result = kz.build(kz.load_answers(EXAMPLE), None, langs=["ru"], formats=["html"], fragment=True,
                      documents=("policy", "consent", "cookies"))
    consent_hash = kz.content_hash(result.consents["ru"])
    policy_hash = kz.content_hash(result.documents["ru"])
    order = (public / "order.html").read_text(encoding="utf-8")
    form = order[order.index("<form"):order.index("</form>")]
    assert '<fieldset class="personal-data-consent" lang="ru">' in form
    assert '<input type="checkbox" name="personal_data_consent" value="yes" required>' in form
    assert '<a href="/privacy/consent/ru.html">текст согласия</a>' in form
    assert '<a href="/privacy/ru.html">Политика конфиденциальности</a>' in form
    assert f'<input type="hidden" name="consent_hash" value="{consent_hash}">' in form
    assert f'<input type="hidden" name="policy_hash" value="{policy_hash}">' in form
    assert '<input type="hidden" name="consent_version" value="2.0">' in form
    assert "&amp;" not in form and "&lt;" not in form  # Markup: escaped once, by us
    notice = order[order.index('<aside class="kzpolicy-cookies"'):order.index("</aside>")]
    assert 'href="/privacy/ru.html#c-cookies"' in notice
    assert '<script src="/static/cookie-notice.js" defer></script>' in order
    assert '<link rel="stylesheet" href="/static/cookie-notice.css">' in order
    for name in ("cookie-notice.css", "cookie-notice.js"):
        assert (public / "static" / name).read_bytes() == result.files[name]
    page = (public / "privacy" / "consent" / "ru.html").read_text(encoding="utf-8")
    assert '<article class="kzp-policy" lang="ru">' in page
    assert "Согласие на сбор и обработку персональных данных" in page
    assert result.files["personal-data-consent.ru.fragment.html"].decode("utf-8") in page


def test_snippet_globals_through_the_extension_and_without_a_cookie_notice() -> None:
    env = Environment(extensions=[PrivacyPolicyExtension], autoescape=True)
    answers = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    env.kzpolicy_answers = answers  # type: ignore[attr-defined]
    box = env.from_string("{{ consent_checkbox('kk') }}").render()
    assert '<fieldset class="personal-data-consent" lang="kk">' in box
    assert 'href="personal-data-consent.kk.html"' in box  # no URL given: the file beside it
    assert env.from_string("{{ personal_data_consent('kk') }}").render().startswith('<article class="kzp-policy"')
    necessary_only = dict(answers, services=[s for s in answers["services"]
                                             if s not in {"google_analytics", "yandex_metrica"}])
    plain = Environment(autoescape=True)
    install(plain, necessary_only)
    assert plain.from_string("[{{ cookie_notice('ru') }}]").render() == "[]"


def test_policy_link_recipe_reads_the_manifest(tmp_path: Path) -> None:
    shutil.copy(EXAMPLE, tmp_path / "answers.yaml")
    write_blocks(tmp_path, "policy_link.py")
    command = [*kzpolicy_command(), "build", "answers.yaml", "--format", "html", "--out", "public/privacy"]
    done = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    cwd = Path.cwd()
    try:
        os.chdir(tmp_path)
        module = runpy.run_path("policy_link.py")
    finally:
        os.chdir(cwd)
    assert module["policy_link"]("ru", "consent.content") == "/privacy/ru/#c-consent-content"


# --------------------------------------------------------------------------- the Python API


def test_public_api_names() -> None:
    assert sorted(kz.__all__) == sorted(kz._EXPORTS) and len(kz.__all__) == len(kz._EXPORTS)
    for name in kz.__all__:
        assert getattr(kz, name) is not None


def test_render_stays_the_function_after_a_build() -> None:
    answers = kz.load_answers(EXAMPLE)
    kz.build_document(answers, "kk")  # imports the engine module generator.render
    assert callable(kz.render) and kz.render.__module__ == "generator.api"
    assert kz.render(answers, "kk", "md").startswith("# Құпиялылық саясаты".encode())
    from generator.engine.outline import load_outline  # the engine stays importable

    assert "general.scope" in load_outline().clause_ids()


def test_clause_index_numbers_anchors_articles_titles() -> None:
    document = kz.build_document(kz.load_answers(EXAMPLE), "ru")
    index = kz.clause_index(document)
    assert [c.id for c in index] == [c.id for c in document.clauses()]
    withdrawal = next(c for c in index if c.id == "consent.withdrawal")
    assert (withdrawal.number, withdrawal.anchor, withdrawal.number_anchor) == ("5.4", "c-consent-withdrawal", "n-5-4")
    assert withdrawal.section == "consent" and "24(1)(5)" in withdrawal.articles
    assert withdrawal.title and len(withdrawal.title) <= 61
    assert kz.clause_text(document, "consent.withdrawal").startswith(withdrawal.title.rstrip("…"))


def test_answers_from_path_mapping_or_answers() -> None:
    answers = kz.load_answers(EXAMPLE)
    assert kz.answers_from(answers) is answers
    assert kz.answers_from(str(EXAMPLE)) == answers
    assert kz.answers_from(yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))) == answers
    with pytest.raises(InputError):
        kz.answers_from(42)  # type: ignore[arg-type]


def test_overrides_through_every_api_entry(tmp_path: Path) -> None:
    answers = kz.load_answers(EXAMPLE)
    (tmp_path / "kk" / "clauses").mkdir(parents=True)
    override = tmp_path / "kk" / "clauses" / "general.scope.j2"
    override.write_text("Біздің мәтін: {{ operator_name }}.", encoding="utf-8")
    for text in (
        kz.render_text(answers, "kk", "md", loaders=[tmp_path]),
        kz.render_text(answers, "kk", "html", loaders=tmp_path, fragment=True),
        kz.build_files(answers, langs=["kk"], formats=["md"], loaders=[str(tmp_path)])["privacy-policy.kk.md"].decode(),
    ):
        assert "Біздің мәтін: «Дала Маркет» ЖШС." in text
    assert "Біздің мәтін" not in kz.render_text(answers, "ru", "md", loaders=[tmp_path])
    assert "Біздің мәтін" not in kz.render_text(answers, "kk", "md")


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("kk/clauses/general.scop.j2", "did you mean 'general.scope'"),
        ("de/clauses/general.scope.j2", "no language 'de'"),
    ],
)
def test_a_misnamed_override_is_an_error_not_ignored(tmp_path: Path, name: str, message: str) -> None:
    (tmp_path / name).parent.mkdir(parents=True)
    (tmp_path / name).write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match=message):
        kz.build_document(kz.load_answers(EXAMPLE), "kk", loaders=[tmp_path])
    with pytest.raises(InputError, match=message):
        kz.build_document(kz.load_answers(EXAMPLE), "kk", loaders=[DictLoader({name: "x"})])


def test_help_loads_neither_mkdocs_nor_jinja() -> None:
    code = (
        "import sys, contextlib, io\n"
        "from generator.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit): main(['--help'])\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'mkdocs', 'jinja2', 'markdown', 'pydantic'}))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert done.stdout.strip() == "[]", done.stderr
