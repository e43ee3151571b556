"""Spelling: every Kazakh, Russian and English word kzpolicy writes is in hunspell's dictionary
or in a reviewed allow-list (tests/spelling/kk.txt, ru.txt, en.txt).

What is checked: the policies of every example in examples/ rendered to Markdown in every
language, every kk, ru and en label of the catalogue (generator/catalog/*.yaml) and every string
of templates/<lang>/strings.yaml and policy/document.yaml, so labels the examples do not use are covered too.

What is not checked, because it is not ours to spell or not a word:
- Markdown syntax, web addresses, e-mail addresses and numbers;
- what the user typed in the answers file (names, addresses, city, working hours, positions,
  the bank, custom services...): every string of the loaded answers is cut out of the text;
- proper names from the catalogue: a service's ``name`` and ``company``, its
  ``company_label`` (Google LLC, «Kaspi Bank» АҚ, Битрикс24) and its cookies' names (_ga);
- in Kazakh and Russian, words written entirely in Latin letters (cookie, IP, SMS, WhatsApp,
  eGov): those dictionaries cannot judge them. A word that mixes Latin and Cyrillic letters is
  still checked, so a Latin look-alike letter inside a Cyrillic word is reported.
Country names and the names in label text (Қазақстан, Ресей, Вебвизор) are checked.

English is checked with the en_US dictionary, every word, Latin or not: a Cyrillic word left in
the English text (a label without its English form) is reported too. The English text is
written in British spelling (authorised, organising, depersonalisation), as the legal English
of Kazakhstan and the AIFC is; tests/spelling/en.txt lists those forms, which en_US lacks.

hunspell runs once per language per test, with the whole text on stdin.
"""

from __future__ import annotations

import html
import re
import subprocess
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import BaseModel

from generator.api import build_files, load_answers

from .conftest import EXAMPLES, ROOT
from .tools import in_ci, require_tool

pytestmark = pytest.mark.slow  # drives a real program or hundreds of generated examples

LANGS = ("kk", "ru", "en")
DICTIONARIES = {"kk": "kk_KZ", "ru": "ru_RU", "en": "en_US"}
ALLOW_LISTS = ROOT / "tests" / "spelling"
CATALOG = ROOT / "generator" / "catalog"

# Catalogue keys whose kk/ru strings are not checked: company_label holds proper names
# (Service.name and Service.company are plain strings, never collected as labels), and the
# glossary's `avoid` lists are wrong on purpose.
SKIPPED_KEYS = frozenset({"company_label", "avoid"})
LATIN_WORD = re.compile(r"[A-Za-z]+")


# --------------------------------------------------------------------------- hunspell


def hunspell(lang: str, text: str) -> set[str]:
    """The words of ``text`` that hunspell's ``lang`` dictionary does not know: one process."""
    program = require_tool("hunspell")
    done = subprocess.run(
        [program, "-d", DICTIONARIES[lang], "-i", "utf-8", "-l"],
        input=text.encode("utf-8"),
        capture_output=True,
        timeout=60,
        check=False,
    )
    error = done.stderr.decode("utf-8", "replace").strip()
    if done.returncode != 0 or "Can't open" in error:
        message = f"hunspell cannot use the {DICTIONARIES[lang]} dictionary: {error or done.returncode}"
        if in_ci():
            pytest.fail(f"{message}; CI=true requires it", pytrace=False)
        pytest.skip(message)
    words = set(done.stdout.decode("utf-8").split())
    if lang == "en":
        return words
    return {word for word in words if not LATIN_WORD.fullmatch(word)}



@cache
def allow_list(lang: str) -> frozenset[str]:
    lines = (ALLOW_LISTS / f"{lang}.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def allowed(word: str, allow: Iterable[str]) -> bool:
    """An entry allows itself and, when written in lower case, its Capitalized and UPPER forms."""
    allow = set(allow)
    return word in allow or word.lower() in allow


def misspelled(lang: str, text: str) -> list[str]:
    allow = allow_list(lang)
    return sorted(word for word in hunspell(lang, text) if not allowed(word, allow))


def explain(lang: str, words: list[str], where: str) -> str:
    return (
        f"{where}: hunspell ({DICTIONARIES[lang]}) does not know {', '.join(words)}. "
        f"Fix the typo in the template or catalogue, or, if the word is right, add it to "
        f"tests/spelling/{lang}.txt (see the header there)."
    )


# --------------------------------------------------------------------------- text to check

_ANCHOR = re.compile(r"</?a(?:\s[^>]*)?>")  # the clause anchors <a id="c-..." data-clause="..."></a>
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")  # [text](url) -> text
_AUTOLINK = re.compile(r"<(?:https?://|mailto:)[^>]*>")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~])")  # Markdown backslash escapes
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}.*$", re.MULTILINE)
_URL = re.compile(r"\b(?:https?://|www\.)\S+", re.IGNORECASE)
_HASH = re.compile(r"\bsha256:[0-9a-f]{64}\b")  # the policy's content hash the consent quotes
_FILE = re.compile(r"\b[\w-]+\.(?:kk|ru|en)\.(?:html|md|docx)\b")  # the files a checkbox .txt links to
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PLACEHOLDER = re.compile(r"\{\w+\}")  # {name}, {operator} in catalogue and document patterns
_MARKUP = re.compile(r"[#*_`|>]")
_NUMBER = re.compile(r"\d+")
# A plural possessive ("the subjects’ requests"): hunspell keeps the apostrophe in the word.
# The possessive of a name that ``cut`` removed ("Subject’s" where a user typed "Subject").
_ORPHAN_POSSESSIVE = re.compile(r"(?<!\w)’s(?!\w)")
_PLURAL_POSSESSIVE = re.compile(r"(?<=s)’(?!\w)")


def strip_markdown(text: str) -> str:
    text = _ANCHOR.sub(" ", text)
    text = html.unescape(text)  # the exporter's entities: "https&#58;//", "&lt;container-id&gt;"
    text = _LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(" ", text)
    text = _TABLE_RULE.sub(" ", text)
    return _ESCAPE.sub(r"\1", text)


def cut(text: str, names: Iterable[str]) -> str:
    """``text`` without every occurrence of each of ``names`` (whole words), longest first."""
    for name in sorted({n.strip() for n in names if n.strip()}, key=len, reverse=True):
        text = re.sub(r"(?<!\w)" + re.escape(name) + r"(?!\w)", " ", text)
    return text


def prose(text: str, names: Iterable[str] = ()) -> str:
    """The words to spell-check in a rendered Markdown policy or a label."""
    text = strip_markdown(text)
    text = _URL.sub(" ", text)
    text = _HASH.sub(" ", text)
    text = _FILE.sub(" ", text)
    text = _EMAIL.sub(" ", text)
    text = cut(text, names)  # before the markup characters go: a cookie is named _ga
    text = _ORPHAN_POSSESSIVE.sub(" ", text)  # "the ’s legal representative": a cut name's
    text = _MARKUP.sub(" ", text)
    text = _PLACEHOLDER.sub(" ", text)
    text = _PLURAL_POSSESSIVE.sub("", text)
    return _NUMBER.sub(" ", text)


def strings(node: Any) -> Iterator[str]:
    """Every string in a loaded answers model (or plain data), at any depth."""
    if isinstance(node, BaseModel):
        for field in type(node).model_fields:
            yield from strings(getattr(node, field))
    elif isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from strings(value)
    elif isinstance(node, list | tuple):
        for value in node:
            yield from strings(value)


@cache
def catalogue_names() -> frozenset[str]:
    """Proper names of services and companies in services.yaml, in every language, and the
    names of their cookies (_ga, _ym_uid)."""
    services = yaml.safe_load((CATALOG / "services.yaml").read_text(encoding="utf-8"))
    names: set[str] = set()
    for service in services.values():
        names.add(service["name"])
        names.add(service["company"])
        names.update((service.get("company_label") or {}).values())
        names.update(cookie["name"] for cookie in service.get("cookies") or ())
    return frozenset(names)


@cache
def example_text(path: Path, lang: str) -> str:
    """The policy, the consent, the checkbox and the cookie notice of one example in ``lang``,
    without what the user typed and the proper names."""
    answers = load_answers(path)
    user = set(strings(answers))
    files = build_files(answers, langs=[lang], formats=["md"], kinds=("policy", "consent", "cookies"))
    text = "\n".join(data.decode("utf-8") for name, data in sorted(files.items()) if name.endswith((".md", ".txt")))
    return prose(text, user | catalogue_names())


def labels(node: Any, lang: str) -> Iterator[str]:
    """Every ``lang`` string of a catalogue file, except proper names and glossary `avoid` lists."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in SKIPPED_KEYS:
                continue
            if key == lang and isinstance(value, str):
                yield value
            else:
                yield from labels(value, lang)
    elif isinstance(node, list):
        for value in node:
            yield from labels(value, lang)


def catalogue_text(lang: str) -> str:
    found: list[str] = []
    for path in sorted(CATALOG.glob("*.yaml")):
        found.extend(labels(yaml.safe_load(path.read_text(encoding="utf-8")), lang))
    return "\n".join(prose(label) for label in found)


STRING_FILES = ("strings.yaml", "policy/document.yaml")


def document_text(lang: str) -> str:
    texts = []
    for name in STRING_FILES:
        data = yaml.safe_load((ROOT / "templates" / lang / name).read_text(encoding="utf-8"))
        texts.extend(prose(value) for value in strings(data))
    return "\n".join(texts)


def all_text(lang: str) -> str:
    parts = [example_text(path, lang) for path in EXAMPLES]
    return "\n".join([*parts, catalogue_text(lang), document_text(lang)])


# --------------------------------------------------------------------------- the checks


@pytest.mark.parametrize("lang", LANGS)
def test_the_examples_are_spelled_right(lang: str) -> None:
    assert EXAMPLES
    text = "\n".join(example_text(path, lang) for path in EXAMPLES)
    words = misspelled(lang, text)
    assert words == [], explain(lang, words, "the policies of examples/*.yaml")


@pytest.mark.parametrize("lang", LANGS)
def test_every_catalogue_label_is_spelled_right(lang: str) -> None:
    text = catalogue_text(lang)
    assert len(text.split()) > 500  # the labels were found
    words = misspelled(lang, text)
    assert words == [], explain(lang, words, "generator/catalog/*.yaml")


@pytest.mark.parametrize("lang", LANGS)
def test_every_document_string_is_spelled_right(lang: str) -> None:
    text = document_text(lang)
    assert len(text.split()) > 100
    words = misspelled(lang, text)
    assert words == [], explain(lang, words, f"templates/{lang}/ {', '.join(STRING_FILES)}")


TYPOS = {
    # A wrong genitive ending (-ның after a vowel), a dropped letter, a Latin «p» inside a
    # Cyrillic word: each must be reported even though the correct form is known.
    "kk": [("Пайдаланушының", "Пайдаланушынын"), ("дербес", "деpбес")],
    "ru": [("персональных", "персональых"), ("Оператор", "Опеpатор")],
    # A dropped letter, a swapped pair, a Cyrillic «о» inside a Latin word.
    "en": [("personal", "persnal"), ("Operator", "Oprator"), ("consent", "cоnsent")],
}


@pytest.mark.parametrize("lang", LANGS)
def test_the_checker_reports_an_injected_typo(lang: str) -> None:
    text = example_text(EXAMPLES[0], lang)
    for right, wrong in TYPOS[lang]:
        assert right in text
        text = text.replace(right, wrong, 1)
    reported = misspelled(lang, text)
    for right, wrong in TYPOS[lang]:
        assert wrong in reported, f"{wrong!r} (for {right!r}) was not reported: {reported}"
        assert right not in reported


def test_what_the_user_typed_is_not_checked() -> None:
    text = (
        "# Саясат\n\n«Дала Маркет» ЖШС, [https://dala.kz](https://dala.kz), "
        "[info@dala.kz](mailto:info@dala.kz), +7 727 355 10 20, 5-кеңсе, Google LLC, **Сайт** \\_ga\n"
    )
    cleaned = prose(text, {"Дала Маркет", *catalogue_names()})
    # \_ga is a catalogue cookie name: cut as a proper name, like Google LLC.
    assert re.findall(r"[^\W\d_]+", cleaned) == ["Саясат", "ЖШС", "кеңсе", "Сайт"]


@pytest.mark.parametrize("lang", LANGS)
def test_the_allow_list_is_sorted_and_holds_only_words(lang: str) -> None:
    lines = (ALLOW_LISTS / f"{lang}.txt").read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("#"), "the allow-list starts with its header"
    words = [line for line in lines if not line.startswith("#")]
    assert words, "the allow-list has words"
    not_words = [word for word in words if not re.fullmatch(r"[^\W\d_]+", word)]
    assert not_words == [], f"one word per line, letters only: {not_words}"
    if lang == "en":
        assert all(LATIN_WORD.fullmatch(word) for word in words), "English words are written in Latin letters"
    else:
        assert not [word for word in words if LATIN_WORD.fullmatch(word)], "Latin words are skipped, not listed"
    assert words == sorted(set(words)), "keep the words sorted by code point and unique (LC_ALL=C sort -u)"


@pytest.mark.parametrize("lang", LANGS)
def test_every_allow_listed_word_is_still_needed(lang: str) -> None:
    reported = hunspell(lang, all_text(lang))
    unused = sorted(entry for entry in allow_list(lang) if not any(allowed(word, {entry}) for word in reported))
    assert unused == [], (
        f"tests/spelling/{lang}.txt lists words that hunspell knows or that no text uses any more: "
        f"{', '.join(unused)}; delete them"
    )
