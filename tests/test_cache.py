"""The on-disk cache: what a warm process reads must be what a cold one computes, a stale or
damaged entry is never served, and without a cache everything still works."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from jinja2 import StrictUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment

from generator import cache
from generator.engine.bundle import BundleLoader, load_bundle
from generator.engine.environment import environment, holds
from generator.errors import BuildError
from generator.lang import cldr as locale_data

from .conftest import EXAMPLES, Runner, snapshot


@pytest.fixture
def cache_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh cache directory for in-process calls."""
    monkeypatch.setenv("KZPOLICY_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("KZPOLICY_NO_CACHE", raising=False)
    cache.cache_dir.cache_clear()
    locale_data._tables.cache_clear()
    yield tmp_path / "cache"
    cache.cache_dir.cache_clear()
    locale_data._tables.cache_clear()


def _environment(root: Path) -> ImmutableSandboxedEnvironment:
    env = ImmutableSandboxedEnvironment(autoescape=True, undefined=StrictUndefined)
    env.loader = BundleLoader(root, lambda: load_bundle(env, root, _conditions))
    return env


def _conditions(data: dict[str, dict[str, list[str]]]) -> list[str]:
    return data["outline.yaml"]["conditions"]


def _templates(root: Path, greeting: str) -> None:
    (root / "kk").mkdir(parents=True, exist_ok=True)
    (root / "outline.yaml").write_text("conditions: ['n > 1']\n", encoding="utf-8")
    (root / "kk" / "hello.j2").write_text(greeting, encoding="utf-8")


# --------------------------------------------------------------------------- the template bundle


def test_the_bundle_is_compiled_once_and_read_back(cache_in: Path, tmp_path: Path) -> None:
    root = tmp_path / "templates"
    _templates(root, "Сәлем, {{ name }}!")
    first = load_bundle(_environment(root), root, _conditions)
    assert first is not None
    assert set(first.templates) == {"kk/hello.j2"} and set(first.conditions) == {"n > 1"}
    assert first.data["outline.yaml"] == {"conditions": ["n > 1"]}
    entries = sorted(cache_in.rglob("templates-*.marshal"))
    assert len(entries) == 1
    # A second environment reads the entry instead of compiling: the entry is what it serves.
    second = load_bundle(_environment(root), root, _conditions)
    assert second is not None and set(second.templates) == set(first.templates)
    assert sorted(cache_in.rglob("templates-*.marshal")) == entries
    assert _environment(root).get_template("kk/hello.j2").render(name="<Ақ>") == "Сәлем, &lt;Ақ&gt;!"


def test_an_edited_template_is_never_served_stale(cache_in: Path, tmp_path: Path) -> None:
    root = tmp_path / "templates"
    _templates(root, "old {{ name }}")
    assert _environment(root).get_template("kk/hello.j2").render(name="x") == "old x"
    _templates(root, "a new text {{ name }}")  # another size and mtime: another entry
    assert _environment(root).get_template("kk/hello.j2").render(name="x") == "a new text x"
    assert len(list(cache_in.rglob("templates-*.marshal"))) == 2


def test_a_damaged_bundle_is_made_again(cache_in: Path, tmp_path: Path) -> None:
    root = tmp_path / "templates"
    _templates(root, "text {{ name }}")
    load_bundle(_environment(root), root, _conditions)
    [entry] = cache_in.rglob("templates-*.marshal")
    entry.write_bytes(b"\x00not marshal")
    assert _environment(root).get_template("kk/hello.j2").render(name="y") == "text y"


def test_without_a_cache_templates_compile_on_demand(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KZPOLICY_NO_CACHE", "1")
    cache.cache_dir.cache_clear()
    try:
        root = tmp_path / "templates"
        _templates(root, "plain {{ name }}")
        assert load_bundle(_environment(root), root, _conditions) is None
        assert _environment(root).get_template("kk/hello.j2").render(name="z") == "plain z"
    finally:
        cache.cache_dir.cache_clear()


def test_a_condition_naming_an_unknown_value_fails_the_build_by_name() -> None:
    clause = "facts.no_such_thing"
    with pytest.raises(BuildError, match=r"demo\.clause: the condition"):
        holds(environment(), clause, {"facts": {}}, "demo.clause")
    assert holds(environment(), "n > 1", {"n": 2}, "demo.other")
    assert not holds(environment(), "n > 1", {"n": 1}, "demo.third")


# --------------------------------------------------------------------------- CLDR tables


def test_the_cached_cldr_tables_are_babels(cache_in: Path) -> None:
    from babel import Locale
    from babel.dates import get_month_names

    assert locale_data.month_name("ru", 6) == "июня" == get_month_names("wide", "format", locale="ru")[6]
    assert locale_data.month_name("kk", 6) == get_month_names("wide", "format", locale="kk")[6]
    assert len(list(cache_in.rglob("locale-*.json"))) == 1
    locale_data._tables.cache_clear()  # the next call reads the entry
    for lang in ("kk", "ru"):
        assert dict(locale_data.territories(lang)) == dict(Locale.parse(lang).territories)
    assert locale_data.country_name("DE", "ru") == "Германия"
    assert locale_data.country_name("QQ", "kk") == "QQ"
    assert "KZ" in locale_data.country_codes() and "001" not in locale_data.country_codes()


def test_a_damaged_cldr_entry_is_made_again(cache_in: Path) -> None:
    locale_data.month_name("kk", 1)
    [entry] = cache_in.rglob("locale-*.json")
    entry.write_text("{not json", encoding="utf-8")
    locale_data._tables.cache_clear()
    assert locale_data.month_name("ru", 1) == "января"


# --------------------------------------------------------------------------- whole builds


def test_cold_warm_and_uncached_builds_write_the_same_files(kzpolicy: Runner, tmp_path: Path) -> None:
    example = EXAMPLES[0]
    store = tmp_path / "cache"
    outputs = []
    for index, env in enumerate(({"KZPOLICY_CACHE_DIR": str(store)}, {"KZPOLICY_CACHE_DIR": str(store)},
                                 {"KZPOLICY_NO_CACHE": "1"})):
        result = kzpolicy("build", example, "--out", tmp_path / f"out{index}", env=env)
        assert result.returncode == 0, result.stderr
        outputs.append(snapshot(tmp_path / f"out{index}"))
        if index == 0:
            names = {path.name.split("-")[0] for path in store.rglob("*") if path.is_file()}
            assert {"templates", "locale", "catalog", "docx"} <= names, names
    assert outputs[0] == outputs[1] == outputs[2]


def test_a_warm_build_loads_neither_babel_locales_nor_python_docx(kzpolicy: Runner, tmp_path: Path) -> None:
    store = tmp_path / "cache"
    env = {**os.environ, "KZPOLICY_CACHE_DIR": str(store)}
    warm_up = kzpolicy("build", EXAMPLES[0], "--out", tmp_path / "warm-up", env={"KZPOLICY_CACHE_DIR": str(store)})
    assert warm_up.returncode == 0, warm_up.stderr
    probe = (
        "import sys; from generator.cli import main; "
        f"code = main(['build', {str(EXAMPLES[0])!r}, '--out', {str(tmp_path / 'out')!r}]); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('docx', 'lxml') or m == 'babel.dates'))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"
