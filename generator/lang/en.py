"""English: an informational translation (the Kazakh and Russian texts are authentic)."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar, Literal

from .base import Case, DateCase, Language, Unit

_ONES = ("", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
         "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")

_UNITS: dict[str, tuple[str, str]] = {
    "year": ("year", "years"),
    "month": ("month", "months"),
    "week": ("week", "weeks"),
    "day": ("day", "days"),
    "working_day": ("working day", "working days"),
    "calendar_day": ("calendar day", "calendar days"),
    "hour": ("hour", "hours"),
    "minute": ("minute", "minutes"),
    "time": ("time", "times"),
    "file": ("file", "files"),
    "subject": ("data subject", "data subjects"),
}

_PER = {"day": "a day", "week": "a week", "month": "a month"}
_TIMES = {1: "once", 2: "twice"}


class English(Language):
    code = "en"
    tag = "en"
    native_name = "English"
    grouping = ","
    and_word = "and"
    or_word = "or"
    open_quote = "“"
    close_quote = "”"
    law_short = "Law No.\u00a094-V"
    country_names: ClassVar[dict[str, str]] = {}

    def number_words(self, n: int, unit: Unit | None = None, case: Case = "nom") -> str:
        if n < 0:
            raise ValueError("a negative number has no words here")
        if n == 0:
            return "zero"
        words: list[str] = []
        if n >= 1000:
            thousands, n = divmod(n, 1000)
            words += [self.number_words(thousands), "thousand"]
        if n >= 100:
            hundreds, n = divmod(n, 100)
            words += [_ONES[hundreds], "hundred"]
        if n >= 20:
            tens, n = divmod(n, 10)
            words.append(_TENS[tens] + (f"-{_ONES[n]}" if n else ""))
            n = 0
        if n:
            words.append(_ONES[n])
        return " ".join(words)

    def unit_word(self, n: int, unit: Unit, case: Case = "nom") -> str:
        one, many = _UNITS[unit]
        return one if n == 1 else many

    def date(self, value: dt.date, case: DateCase = "nom") -> str:
        return f"{value.day} {self.month(value.month)} {value.year}"

    def _cite(self, article: str, paragraph: str | None, sub: str | None) -> str:
        reference = article + "".join(f"({part})" for part in (paragraph, sub) if part)
        return f"Article {reference} of Law No.\u00a094-V"

    def frequency(self, count: int, per: Literal["day", "week", "month"]) -> str:
        return f"{_TIMES.get(count, f'{count} times')} {_PER[per]}"


LANGUAGE = English()
