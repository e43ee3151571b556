"""The policy on real site generators: typed text stays text, the policy's own parts render.

Every generator of :mod:`tests.site_generators` builds one real site (once per test session)
with the shipped online-store example and the same operator with :data:`PAYLOAD` in every
printed free-text field; the published HTML is parsed and held to what the Document says.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
import yaml

import generator as kz
from generator import document as d

from . import site_generators as sg
from .tools import in_ci

pytestmark = pytest.mark.slow

GENERATORS = list(sg.BUILDERS)
PAGES = [(name, lang) for name in ("privacy", "hostile") for lang in sg.LANGS]
PAGE_IDS = [f"{name}-{lang}" for name, lang in PAGES]

# Elements the policy's Markdown may become; anything else on a page came from somewhere else.
ALLOWED_TAGS = {"main", "div", "p", "a", "h1", "h2", "h3", "ul", "ol", "li", "table", "thead", "tbody", "tr",
                "th", "td", "strong", "em", "span", "article", "header", "section", "nav"}
# What a build prints when something went wrong, in any of the generators' words.
TROUBLE = re.compile(r"\b(error|warn(ing)?|exception|problem|deprecat\w*|undefined|macro syntax)\b", re.IGNORECASE)
ANCHORS_DROPPED = {"hugo-default"}  # Goldmark without `unsafe` leaves raw HTML out: see docs/site-builds.md


@pytest.fixture(scope="module")
def policies(tmp_path_factory: pytest.TempPathFactory) -> list[sg.Policy]:
    return sg.prepare_policies(tmp_path_factory.mktemp("policies"))


@pytest.fixture(scope="module")
def site(request: pytest.FixtureRequest, policies: list[sg.Policy],
         tmp_path_factory: pytest.TempPathFactory) -> sg.Site:
    generator: str = request.param
    reason = sg.missing(generator)
    if reason:
        if in_ci():
            pytest.fail(f"{generator}: {reason}; CI=true requires it (.ci/run installs it)", pytrace=False)
        pytest.skip(f"{generator}: {reason}")
    root = tmp_path_factory.mktemp(generator)
    built = sg.BUILDERS[generator](root, policies)
    assert built.returncode == 0, f"{generator} failed ({built.returncode}):\n{built.log[-4000:]}"
    return built


def policy_named(policies: list[sg.Policy], name: str) -> sg.Policy:
    return next(p for p in policies if p.name == name)


def content(site: sg.Site, name: str, lang: str) -> ET.Element:
    return sg.content_of(site.generator, sg.parse(site.pages[name, lang]))


# --------------------------------------------------------------------------- the build


@pytest.mark.parametrize("site", GENERATORS, indirect=True)
def test_the_site_builds_quietly_and_publishes_no_manifest(site: sg.Site) -> None:
    trouble = [line for line in site.log.splitlines() if TROUBLE.search(line)]
    assert trouble == [], f"{site.generator} printed:\n" + "\n".join(trouble[:20])
    assert sg.manifest_files(site) == [], f"{site.generator} published the manifest"
    for page in site.pages.values():
        assert "Macro Syntax Error" not in page and "Liquid error" not in page


# --------------------------------------------------------------------------- typed text stays text


@pytest.mark.parametrize("site", GENERATORS, indirect=True)
@pytest.mark.parametrize("lang", sg.LANGS)
def test_every_typed_value_renders_literally(site: sg.Site, policies: list[sg.Policy], lang: str) -> None:
    """No template evaluated, no shortcode, no emoji, no typographic rewrite, no tag, no link:
    every hostile value shows exactly as often as the policy's text has it."""
    policy = policy_named(policies, "hostile")
    main = content(site, "hostile", lang)
    shown = sg.text_of(main)
    canonical = " ".join(kz.policy_text(policy.documents[lang]).split())
    for field, tag in sg.FIELDS.items():
        value = " ".join(sg.hostile_value(tag).split())
        expected = canonical.count(value)
        assert expected >= 1, f"{field} is not printed in {lang}: the corpus needs another field"
        found = shown.count(value)
        if found != expected:
            at = shown.find(f"{tag}: ")
            pytest.fail(f"{site.generator}: {field} shown {found} times, expected {expected}; "
                        f"the page has: {shown[at : at + len(value) + 40]!r}")
    assert sg.SITE_TITLE not in shown and "PARAM-MARKER" not in shown
    assert_no_foreign_markup(site, main)
    assert sorted(sg.links_of(main)) == sorted(sg.expected_links(policy.documents[lang]))


def assert_no_foreign_markup(site: sg.Site, main: ET.Element) -> None:
    for element in main.iter():
        if not isinstance(element.tag, str):
            continue  # a comment
        assert element.tag in ALLOWED_TAGS, f"{site.generator}: a <{element.tag}> in the policy"
        for name in element.attrib:
            assert not name.startswith(("on", "v-", ":", "@")), f"{site.generator}: <{element.tag} {name}>"
        href = element.get("href")
        if href is not None:
            assert href.startswith(("https://", "http://", "mailto:", "#")), href


# --------------------------------------------------------------------------- the policy renders


@pytest.mark.parametrize("site", GENERATORS, indirect=True)
@pytest.mark.parametrize(("name", "lang"), PAGES, ids=PAGE_IDS)
def test_the_policy_renders_with_its_structure(site: sg.Site, policies: list[sg.Policy], name: str, lang: str) -> None:
    document = policy_named(policies, name).documents[lang]
    main = content(site, name, lang)
    headings = [sg.text_of(h) for h in main.iter("h1")]
    assert headings == [document.meta.title]
    assert [sg.text_of(h) for h in main.iter("h2")] == [f"{s.number}. {s.title}" for s in document.sections]
    blocks = list(sg.blocks_of(main))
    starts = {block.split(" ", 1)[0] for block in blocks}
    numbers = [clause.number for _section, clause, _depth in d.walk(document)]
    assert [n for n in numbers if f"{n}." not in starts] == []  # every clause number opens its block
    tables = [len(list(table.iter("tr"))) for table in main.iter("table")]
    assert tables == sg.expected_tables(document)
    assert sorted(sg.links_of(main)) == sorted(sg.expected_links(document))
    ids = {element.get("id") for element in main.iter() if element.get("id")}
    if site.generator in ANCHORS_DROPPED:
        assert not ids & sg.expected_ids(document)  # what docs/site-builds.md says of Hugo's default
    else:
        assert sg.expected_ids(document) - ids == set()
        for info in kz.clause_index(document):  # policy_link() lands on the clause's number
            assert main.find(f".//*[@id='{info.number_anchor}']") is not None


@pytest.mark.parametrize("site", [g for g in GENERATORS if g in sg.META_FROM_FRONT_MATTER], indirect=True)
@pytest.mark.parametrize(("name", "lang"), PAGES, ids=PAGE_IDS)
def test_the_front_matter_reaches_the_page_as_data(site: sg.Site, name: str, lang: str) -> None:
    """title and description from the front matter, printed by the layout, as typed."""
    source = next(site.root.rglob(f"{name}/privacy-policy.{lang}.md"))
    meta = yaml.safe_load(source.read_text(encoding="utf-8").split("---\n")[1])
    tree = sg.parse(site.pages[name, lang])
    title = tree.find(".//title")
    assert title is not None and meta["title"] in (title.text or "")
    described = [m.get("content") for m in tree.iter("meta") if m.get("name") == "description"]
    assert meta["description"] in described


# --------------------------------------------------------------------------- the HTML fragment in templates


@pytest.mark.parametrize("site", sorted(sg.FRAGMENT_INCLUDES), indirect=True)
@pytest.mark.parametrize("lang", sg.LANGS)
def test_an_included_fragment_keeps_typed_text(site: sg.Site, policies: list[sg.Policy], lang: str) -> None:
    """``{% include %}`` of the HTML fragment runs the template language over it."""
    policy = policy_named(policies, "hostile")
    main = content(site, "hostile/fragment", lang)
    shown = sg.text_of(main)
    canonical = " ".join(kz.policy_text(policy.documents[lang]).split())
    for tag in sg.FIELDS.values():
        value = " ".join(sg.hostile_value(tag).split())
        assert shown.count(value) == canonical.count(value), f"{site.generator}: {tag}"
    assert_no_foreign_markup(site, main)


def test_the_corpus_covers_every_printed_field(policies: list[sg.Policy]) -> None:
    policy = policy_named(policies, "hostile")
    for lang in sg.LANGS:
        text = kz.policy_text(policy.documents[lang])
        assert [tag for tag in sg.FIELDS.values() if f"{tag}: " not in text] == []
