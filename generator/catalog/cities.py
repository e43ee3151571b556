"""The cities of Kazakhstan a policy names (cities.yaml): the three cities of republican
significance and the administrative centre of every region, each with its Kazakh, Russian
and English name, the forms a document writes (kk «Орал қ.», ru «г. Уральск»), and the
other spellings people type (Уральск, Uralsk, Оral for the same city).

A typed name is looked up with :meth:`generator.catalog.Catalog.resolve_city`; this module
only describes the data and checks it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from pydantic import BaseModel

from .base import _CONFIG, Id, Label, Text, name_key

# The letters of the Kazakh Cyrillic alphabet (42 letters; the Russian ones and ә ғ қ ң ө ұ ү
# һ і), and those a Russian name never has.
KAZAKH_LETTERS = frozenset("абвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюяә")
KAZAKH_ONLY = frozenset("әғқңөұүһі")

# The words a typed city name may carry around the name itself: «г. Уральск», «город
# Уральск», «Орал қ.», «Орал қаласы», «city of Oral».
_PREFIXES = ("г.", "г ", "гор.", "город ", "city of ")
_SUFFIXES = (" қ.", " қ", " қаласы", " city", " qalasy", " қала")


class City(BaseModel):
    """A city of republican significance or a regional centre (cities.yaml)."""

    model_config = _CONFIG

    id: Id
    status: Literal["republican", "regional_centre"]
    """A city of republican significance (Astana, Almaty, Shymkent) or the administrative
    centre of a region."""
    name: Label
    """The official name in each language: kk Орал, ru Уральск, en Oral."""
    region: Label | None = None
    """The region a regional centre is the centre of (kk Батыс Қазақстан облысы); None for a
    city of republican significance, which belongs to no region."""
    aliases: tuple[Text, ...] = ()
    """Other names people type: the other languages' spellings, transliterations, former
    names (Семипалатинск, Нур-Султан)."""

    @property
    def short(self) -> Label:
        """How a document names the city in a requisite or an address: kk «Орал қ.», ru
        «г. Уральск», en «Oral»."""
        return Label(kk=f"{self.name.kk} қ.", ru=f"г. {self.name.ru}", en=self.name.en)

    @property
    def full(self) -> Label:
        """The city written out: kk «Орал қаласы», ru «город Уральск», en «Oral»."""
        return Label(kk=f"{self.name.kk} қаласы", ru=f"город {self.name.ru}", en=self.name.en)

    def name_keys(self) -> tuple[str, ...]:
        """Every name the city answers to, as :func:`name_key` compares them."""
        names = (self.id, self.name.kk, self.name.ru, self.name.en, *self.aliases)
        return tuple(dict.fromkeys(name_key(n) for n in names))


def city_key(text: str) -> str:
    """``name_key`` of a typed city name without «г.», «город», «қ.», «қаласы» around it."""
    folded = " ".join(text.casefold().split())
    for prefix in _PREFIXES:
        if folded.startswith(prefix):
            folded = folded[len(prefix):]
            break
    for suffix in _SUFFIXES:
        if folded.endswith(suffix):
            folded = folded[: -len(suffix)]
            break
    return name_key(folded)


def city_problems(cities: Mapping[str, City]) -> list[str]:
    """What does not hold together in cities.yaml, one line each."""
    out: list[str] = []
    owner: dict[str, str] = {}
    for key, city in cities.items():
        if (city.status == "regional_centre") != (city.region is not None):
            out.append(f"cities.yaml: {key}: a regional centre names its region, a city of republican "
                       "significance none")
        kk, ru = city.name.kk.lower(), city.name.ru.lower()
        strange = sorted({ch for ch in kk if ch.isalpha() and ch not in KAZAKH_LETTERS})
        if strange:
            out.append(f"cities.yaml: {key}: name.kk has letters outside the Kazakh alphabet: {strange}")
        if KAZAKH_ONLY & set(ru):
            out.append(f"cities.yaml: {key}: name.ru has Kazakh letters: {city.name.ru!r}")
        for key_ in city.name_keys():
            if not key_:
                out.append(f"cities.yaml: {key}: a name has no letters")
            elif key_ in owner and owner[key_] != key:
                out.append(f"cities.yaml: {key}: the name {key_!r} is also {owner[key_]}'s")
            else:
                owner[key_] = key
    return out
