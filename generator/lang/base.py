"""The interface every language module implements.

A language module knows what grammar the documents and messages need and nothing else:
how to count (plural forms, numbers in words, as legal texts write them), how to write a
date, how to join a list, how to cite an article of Law No. 94-V. Everything a template, a
check or the wizard says about numbers, dates and lists goes through it, so each rule of
Kazakh, Russian or English grammar exists once. Texts themselves (templates, catalogue
labels, messages) are data, not code.
"""

from __future__ import annotations

import datetime as dt
import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping
from typing import ClassVar, Literal

from . import cldr

Unit = Literal[
    "year", "month", "week", "day", "working_day", "calendar_day", "hour", "minute", "time", "file", "subject"
]
"""What is counted. ``time`` is "once, twice" (рет / раз / time)."""

Case = Literal["nom", "gen", "loc"]
"""The grammatical case of a counted phrase: nominative, genitive («в течение трех лет») or
locative («в 3 файлах», «3 файлда»). Languages without cases ignore it; numbers in words
exist in the nominative and the genitive."""

DateCase = Literal["nom", "abl", "attr"]
"""How a date stands in its sentence: on its own ("nom"), "from the date" ("abl": kk
«…маусымнан бастап») or "as of the date" ("attr": kk «…маусымдағы жағдай бойынша»).
Languages that do not inflect dates write all three alike."""

Period = tuple[Unit, int]
"""A term such as (``"year"``, 3)."""

_ARTICLE = re.compile(r"(\d+(?:-\d+)?)(?:\((\d+(?:-\d+)?)\))?(?:\((\d+(?:-\d+)?)\))?")


class Language(ABC):
    """One language of the documents and the interface."""

    code: ClassVar[str]
    """The ISO 639-1 code: ``kk``, ``ru``, ``en``."""
    tag: ClassVar[str]
    """The BCP 47 tag the HTML ``lang`` and DOCX ``w:lang`` carry: ``kk-KZ``."""
    native_name: ClassVar[str]
    """The language's name in itself: «Қазақ тілі»."""
    grouping: ClassVar[str] = "\u00a0"
    """What separates thousands in a number: 40 000 (a no-break space) or 40,000."""

    # ------------------------------------------------------------------ numbers

    def number(self, n: int) -> str:
        """``n`` in digits with thousands grouped: kk, ru «40 000», en "40,000"."""
        return f"{n:,}".replace(",", self.grouping)

    @abstractmethod
    def number_words(self, n: int, unit: Unit | None = None, case: Case = "nom") -> str:
        """``n`` in words, agreeing with ``unit`` where the language needs it (ru: «одна
        тысяча», «один год»; genitive «трех»)."""

    @abstractmethod
    def unit_word(self, n: int, unit: Unit, case: Case = "nom") -> str:
        """The word for ``unit`` after the number ``n``: ru 3 → «года», 5 → «лет»."""

    def count(self, n: int, unit: Unit, case: Case = "nom") -> str:
        """«3 года», «3 жыл», "3 years"."""
        return f"{self.number(n)} {self.unit_word(n, unit, case)}"

    def count_words(self, n: int, unit: Unit, case: Case = "nom") -> str:
        """The number in digits and in words, as legal texts write terms:
        «3 (үш) жыл», «3 (три) года», «в течение 3 (трех) лет», "3 (three) years"."""
        return f"{self.number(n)} ({self.number_words(n, unit, case)}) {self.unit_word(n, unit, case)}"

    def period(self, period: Period, case: Case = "nom") -> str:
        """A term in legal style: :meth:`count_words` of its unit and count."""
        unit, n = period
        return self.count_words(n, unit, case)

    # ------------------------------------------------------------------ lists and words

    and_word: ClassVar[str]
    or_word: ClassVar[str]

    def join(self, items: Iterable[str], *, alternative: bool = False) -> str:
        """«А, Б және В» / «А, Б и В» / "A, B and C"; with ``alternative``: or."""
        values = list(items)
        if not values:
            raise ValueError("an empty list cannot be joined into a sentence")
        if len(values) == 1:
            return values[0]
        word = self.or_word if alternative else self.and_word
        return ", ".join(values[:-1]) + f" {word} " + values[-1]

    open_quote: ClassVar[str] = "«"
    close_quote: ClassVar[str] = "»"

    def quote(self, text: str) -> str:
        """A name or a phrase in the language's quotation marks: «…» or “…”."""
        return f"{self.open_quote}{text}{self.close_quote}"

    @staticmethod
    def capitalize(text: str) -> str:
        """The first letter upper-case, the rest as it is (str.capitalize lowers the rest)."""
        return text[:1].upper() + text[1:]

    # ------------------------------------------------------------------ dates and places

    def month(self, month: int) -> str:
        """The month's name as a date writes it (1 = January): ru «июня», kk «маусым»."""
        return cldr.month_name(self.code, month)

    @abstractmethod
    def date(self, value: dt.date, case: DateCase = "nom") -> str:
        """kk «2026 жылғы 5 маусым», ru «5 июня 2026 г.», en "5 June 2026"."""

    @staticmethod
    def numeric_date(value: dt.date) -> str:
        """05.06.2026: how people in Kazakhstan type a date, in every language."""
        return f"{value.day:02d}.{value.month:02d}.{value.year:04d}"

    def country(self, code: str) -> str:
        """The name of an ISO 3166 country: an official list's style, not an abbreviation."""
        return self.country_names.get(code) or cldr.country_name(code, self.code)

    country_names: ClassVar[Mapping[str, str]] = {}
    """Names that replace CLDR's where legal texts write a country otherwise (ru «Соединенные
    Штаты Америки», not «Соединенные Штаты»)."""

    # ------------------------------------------------------------------ the law

    law_short: ClassVar[str]
    """How the texts name Law No. 94-V in a citation."""

    def cite(self, article: str) -> str:
        """An article of Law No. 94-V in words: "25(2)(10)" → kk «№ 94-V Заңның 25-бабы
        2-тармағының 10) тармақшасы», ru «подп. 10) п. 2 ст. 25 Закона № 94-V»,
        en "Article 25(2)(10) of Law No. 94-V"."""
        match = _ARTICLE.fullmatch(article)
        if match is None:
            raise ValueError(f"not an article reference: {article!r}")
        number, paragraph, sub = match.groups()
        return self._cite(number, paragraph, sub)

    @abstractmethod
    def _cite(self, article: str, paragraph: str | None, sub: str | None) -> str: ...

    # ------------------------------------------------------------------ frequencies

    @abstractmethod
    def frequency(self, count: int, per: Literal["day", "week", "month"]) -> str:
        """"at most so often": kk «аптасына 1 рет», ru «1 раз в неделю», en "once a week"."""
