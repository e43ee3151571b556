"""Month and country names from the Unicode CLDR, read through Babel and kept on disk.

A policy needs twelve month names and a few country names per language, but loading a
Babel locale merges its whole CLDR tree (every locale inherits from root): about 25 ms,
more than rendering a policy. The first process extracts the small tables below into one
JSON cache entry keyed by Babel's data files (``generator.cache``); later processes read that
entry and never load Babel's locale data. Without a cache the tables are extracted again.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from functools import cache
from typing import TypedDict

from .. import cache as disk_cache

LOCALES = ("kk", "ru", "en")


class _Tables(TypedDict):
    months: list[str]  # wide month names in the format context (ru: genitive), January first
    territories: dict[str, str]  # CLDR territory code -> name, in Babel's order


def _extract() -> dict[str, _Tables]:
    from babel import Locale
    from babel.dates import get_month_names

    tables: dict[str, _Tables] = {}
    for name in LOCALES:
        locale = Locale.parse(name)
        months = get_month_names("wide", "format", locale=locale)
        tables[name] = {
            "months": [str(months[number]) for number in range(1, 13)],
            "territories": {str(code): str(label) for code, label in locale.territories.items()},
        }
    return tables


def _sources() -> list[str]:
    """Babel's CLDR files the tables come from (found without importing Babel, whose import
    alone costs 3 ms), stamped with size and mtime: the cache key."""
    babel = disk_cache.package_dir("babel")
    if babel is None:
        return []
    return [disk_cache.stamp(os.path.join(babel, "locale-data", f"{name}.dat")) for name in ("root", *LOCALES)]


@cache
def _tables() -> dict[str, _Tables]:
    entry = f"locale-{disk_cache.key(*LOCALES, *_sources())}.json"
    raw = disk_cache.read(entry)
    if raw is not None:
        try:
            loaded: dict[str, _Tables] = json.loads(raw)
            if all(name in loaded for name in LOCALES):
                return loaded
        except ValueError:
            pass  # a damaged entry is made again
    tables = _extract()
    disk_cache.write(entry, json.dumps(tables, ensure_ascii=False).encode("utf-8"))
    return tables


def month_name(lang: str, month: int) -> str:
    """The wide month name (1 = January) as a date writes it: ru «июня», kk «маусым»."""
    return _tables()[lang]["months"][month - 1]


def territories(lang: str) -> Mapping[str, str]:
    """Every CLDR territory (countries and regions such as "001") with its name in ``lang``."""
    return _tables()[lang]["territories"]


def country_name(code: str, lang: str) -> str:
    """The name of an ISO 3166 country in ``lang``; an unknown code is returned as it is."""
    return territories(lang).get(code, code)


@cache
def country_codes() -> frozenset[str]:
    """The two-letter ISO 3166 codes CLDR names (regions such as "001" excluded)."""
    return frozenset(code for code in territories("en") if len(code) == 2)
