"""The cookie notice: built only when a service's cookies need consent, its choices the
services of the answers, its words in agreement with the policy's cookies section, and its
script working in a real browser under a strict Content-Security-Policy."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from generator.answers.model import Answers
from generator.api import build, build_cookie_notices, build_documents, build_files, load_answers
from generator.catalog import load_catalog
from generator.document import clause_text
from generator.export.cookies import ASSETS
from generator.facts import derive
from generator.lang import LANGUAGES

from .conftest import EXAMPLES, Runner
from .strategies import validated_answers
from .tools import require_tool

NODE_DIR = Path(__file__).resolve().parent / "site-generators"
EXAMPLE = {e.stem: e for e in EXAMPLES}
#: What the policy's cookies clause says once the notice exists.
NOTICE_IN_POLICY = {"kk": "cookie файлдары туралы хабарламада", "ru": "в уведомлении о файлах cookie",
                    "en": "in the cookie notice"}


def assert_notice_agrees(answers: Answers) -> None:
    """The notice exists exactly when a service's cookies need consent, offers one choice
    per kind of such service, names every such service and its cookies, names the necessary
    ones as set without consent, and the policy of the same language says the same."""
    facts = derive(answers)
    catalog = load_catalog()
    policies = build_documents(answers, list(LANGUAGES))
    notices = build_cookie_notices(answers, policies)
    if not facts.consent_cookie_services:
        assert notices == {}
        for lang, policy in policies.items():
            if "cookies.control" in policy.numbers:
                assert NOTICE_IN_POLICY[lang] not in clause_text(policy, "cookies.control"), lang
        return
    assert set(notices) == set(LANGUAGES)
    versions = {notice.version for notice in notices.values()}
    assert len(versions) == 1, "the same choices give the same version in every language"
    for lang, notice in notices.items():
        policy = policies[lang]
        assert [g.id for g in notice.groups] == list(dict.fromkeys(s.category for s in facts.consent_cookie_services))
        for group in notice.groups:
            assert catalog.service_categories[group.id].cookie_consent
        offered = {(s.name, c) for g in notice.groups for s in g.services for c in s.cookies}
        for service in facts.consent_cookie_services:
            assert all((service.name, c.name) in offered for c in service.cookies), (lang, service.name)
        for service in facts.necessary_cookie_services:
            assert not catalog.service_categories[service.category].cookie_consent
            assert service.name in notice.necessary and all(c.name in notice.necessary for c in service.cookies)
        # the policy: consent cookies exist, the notice is where consent is given and withdrawn
        assert NOTICE_IN_POLICY[lang] in clause_text(policy, "cookies.control"), lang
        cookies_section = next(s for s in policy.sections if s.id == "cookies")
        assert cookies_section.title in notice.more
        named = [c.name for s in facts.consent_cookie_services for c in s.cookies]
        if named:  # a service the answers describe themselves has no cookie names to list
            table = clause_text(policy, "cookies.table")
            assert all(name in table for name in named), lang


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_the_notice_of_every_example_agrees_with_its_policy(example: Path) -> None:
    assert_notice_agrees(load_answers(example))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(validated_answers())
def test_the_notice_of_any_answers_agrees_with_its_policy(answers: Answers) -> None:
    assert_notice_agrees(answers)


def test_every_kind_of_service_that_needs_consent_has_a_choice_in_every_language() -> None:
    from generator.engine.outline import load_strings

    kinds = {k for k, category in load_catalog().service_categories.items() if category.cookie_consent}
    assert {"analytics", "advertising", "video"} <= kinds
    assert not kinds & {"cdn", "captcha", "hosting"}, "necessary services are set without consent"
    for lang in LANGUAGES:
        strings = load_strings(lang, "cookies")
        assert set(strings["groups"]) == kinds, lang
        assert set(strings["buttons"]) == {"accept_all", "necessary_only", "save", "settings"}, lang


def test_only_necessary_cookies_give_no_notice(tmp_path: Path, kzpolicy: Runner) -> None:
    answers = load_answers(EXAMPLE["food-delivery-ip"])
    assert not derive(answers).consent_cookie_services
    done = kzpolicy("build", EXAMPLE["food-delivery-ip"], "--documents", "policy,cookies", "--out", tmp_path)
    assert done.returncode == 0, done.stderr
    assert "cookie notice" in done.stderr  # said, not silently skipped
    assert not list(tmp_path.glob("cookie-notice*"))


def test_a_build_with_the_notice_writes_it_and_lists_it_in_the_manifest(tmp_path: Path, kzpolicy: Runner) -> None:
    example = EXAMPLE["saas-foreign-cloud"]
    done = kzpolicy("build", example, "--documents", "policy,cookies", "--format", "html", "--out", tmp_path)
    assert done.returncode == 0, done.stderr
    langs = load_answers(example).policy.languages
    names = {p.name for p in tmp_path.iterdir()}
    expected = {f"cookie-notice.{lang}.{ext}" for lang in langs for ext in ("html", "txt")} | set(ASSETS)
    assert expected <= names
    manifest = json.loads((tmp_path / "privacy-policy.manifest.json").read_text(encoding="utf-8"))
    listed = {entry["name"]: entry for entry in manifest["files"]}
    for name in expected:
        assert listed[name]["document"] == "cookies", name
    assert listed["cookie-notice.ru.html"]["lang"] == "ru"
    html = (tmp_path / "cookie-notice.ru.html").read_text(encoding="utf-8")
    assert "Meta Pixel (_fbp, fr)" in html and "Cloudflare (__cf_bm, _cfuvid)" in html
    assert 'href="privacy-policy.ru.html#c-cookies"' in html
    assert "<script>" not in html and "style=" not in html and "on" + "click" not in html  # CSP-safe
    # the same answers, the same bytes; the assets are the shipped files
    again = build(example, None, documents=("policy", "cookies"), formats=("html",))
    for name in expected:
        assert again.files[name] == (tmp_path / name).read_bytes(), name


def test_the_text_version_has_the_same_words() -> None:
    answers = load_answers(EXAMPLE["tilda-store-advertising"])
    files = build_files(answers, formats=["html"], kinds=("policy", "cookies"))
    notice = build_cookie_notices(answers, build_documents(answers))["kk"]
    text = files["cookie-notice.kk.txt"].decode("utf-8")
    assert text.startswith(notice.title + "\n")
    assert notice.necessary in text and notice.consent in text and notice.more in text
    for group in notice.groups:
        assert f"- {group.label}: " in text


@pytest.mark.slow
def test_the_notice_in_a_real_browser_asks_before_any_script_runs(tmp_path: Path) -> None:
    chromium = require_tool("chromium")
    node = shutil.which("node") or require_tool("node")
    if not (NODE_DIR / "node_modules" / "playwright-core").exists():
        pytest.fail("tests/site-generators/node_modules is missing: cd tests/site-generators && npm ci")
    answers = load_answers(EXAMPLE["online-store-too"])  # Google Analytics and Yandex Metrica
    files = build_files(answers, formats=["html"], langs=["ru"], kinds=("policy", "cookies"))
    for name in ASSETS:
        (tmp_path / name).write_bytes(files[name])
    (tmp_path / "analytics.js").write_text("window.analyticsRuns = (window.analyticsRuns || 0) + 1;\n")
    (tmp_path / "listen.js").write_text(
        'window.consentEvents = [];\ndocument.addEventListener("kzpolicy:cookie-consent", '
        "function (e) { window.consentEvents.push(e.detail.categories); });\n"
    )
    notice = files["cookie-notice.ru.html"].decode("utf-8")
    (tmp_path / "shop.html").write_text(
        '<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>Магазин</title>'
        '<script src="listen.js"></script></head><body><main><h1>Магазин</h1><p>Товары.</p></main>'
        '<script type="text/plain" data-cookie-category="analytics" src="analytics.js"></script>'
        f"{notice}</body></html>",
        encoding="utf-8",
    )
    done = subprocess.run([node, str(NODE_DIR / "cookie-notice.mjs"), chromium, str(tmp_path), "shop.html"],
                          capture_output=True, text=True, timeout=180, cwd=NODE_DIR)
    assert done.returncode == 0, done.stderr[-3000:]
    seen = json.loads(done.stdout)
    # without JavaScript: it reads, offers nothing it cannot do, runs nothing
    assert seen["noScript"]["notice"] and not seen["noScript"]["buttons"]
    assert "Google Analytics" in seen["noScript"]["text"] and all(seen["noScript"]["disabled"])
    # with it: asked first, nothing runs until agreed; the choice holds across pages
    assert seen["first"]["notice"] and seen["first"]["buttons"] and seen["first"]["runs"] == 0
    assert not seen["first"]["settings"]
    assert not seen["refused"]["notice"] and seen["refused"]["settings"] and seen["refused"]["runs"] == 0
    assert seen["refused"]["events"] == [[]]
    assert not seen["refusedReload"]["notice"] and seen["refusedReload"]["runs"] == 0
    assert seen["reopened"]["notice"]
    assert seen["agreed"]["runs"] == 1 and seen["agreed"]["events"][-1] == ["analytics"]
    assert seen["agreed"]["consentAttr"] == "analytics"
    assert seen["agreedReload"]["runs"] == 1 and not seen["agreedReload"]["notice"]
    assert seen["reopenedChecked"]
    # withdrawn: the page reloads and the script no longer runs
    assert seen["withdrawn"]["runs"] == 0 and seen["stored"]["categories"] == []
    # no request leaves the site, nothing breaks the Content-Security-Policy
    assert all(url.startswith(seen["origin"]) for url in seen["requests"]), seen["requests"]
    assert seen["problems"] == [], seen["problems"]
