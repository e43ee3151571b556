"""Kazakh: the state language and the primary text of every document."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar, Literal

from .base import Case, DateCase, Language, Unit

_ONES = ("", "бір", "екі", "үш", "төрт", "бес", "алты", "жеті", "сегіз", "тоғыз")
_TENS = ("", "он", "жиырма", "отыз", "қырық", "елу", "алпыс", "жетпіс", "сексен", "тоқсан")

# A counted noun stays singular after a numeral («3 жыл», «15 жұмыс күні»).
_UNITS: dict[str, str] = {
    "year": "жыл",
    "month": "ай",
    "week": "апта",
    "day": "күн",
    "working_day": "жұмыс күні",
    "calendar_day": "күнтізбелік күн",
    "hour": "сағат",
    "minute": "минут",
    "time": "рет",
    "file": "файл",
    "subject": "субъект",
}

# The month names' case endings follow vowel harmony and the last sound: ablative
# («маусымнан бастап») and locative-attributive («маусымдағы жағдай бойынша»).
# The locative of each unit («3 файлда», «15 жұмыс күнінде»).
_LOCATIVE: dict[str, str] = {
    "year": "жылда",
    "month": "айда",
    "week": "аптада",
    "day": "күнде",
    "working_day": "жұмыс күнінде",
    "calendar_day": "күнтізбелік күнде",
    "hour": "сағатта",
    "minute": "минутта",
    "time": "ретте",
    "file": "файлда",
    "subject": "субъектіде",
}

_MONTH_ENDINGS: dict[int, tuple[str, str]] = {
    1: ("дан", "дағы"), 2: ("нан", "дағы"), 3: ("дан", "дағы"), 4: ("ден", "дегі"),
    5: ("дан", "дағы"), 6: ("нан", "дағы"), 7: ("ден", "дегі"), 8: ("дан", "дағы"),
    9: ("тен", "тегі"), 10: ("нан", "дағы"), 11: ("дан", "дағы"), 12: ("нан", "дағы"),
}

_PER = {"day": "күніне", "week": "аптасына", "month": "айына"}


class Kazakh(Language):
    code = "kk"
    tag = "kk-KZ"
    native_name = "Қазақ тілі"
    and_word = "және"
    or_word = "немесе"
    law_short = "№\u00a094-V Заң"
    country_names: ClassVar[dict[str, str]] = {}

    def number_words(self, n: int, unit: Unit | None = None, case: Case = "nom") -> str:
        if n < 0:
            raise ValueError("a negative number has no words here")
        if n == 0:
            return "нөл"
        parts: list[str] = []
        if n >= 1000:
            thousands, n = divmod(n, 1000)
            parts.append(("" if thousands == 1 else self.number_words(thousands) + " ") + "мың")
        if n >= 100:
            hundreds, n = divmod(n, 100)
            parts.append(("" if hundreds == 1 else _ONES[hundreds] + " ") + "жүз")
        if n >= 10:
            parts.append(_TENS[n // 10])
            n %= 10
        if n:
            parts.append(_ONES[n])
        return " ".join(parts)

    def unit_word(self, n: int, unit: Unit, case: Case = "nom") -> str:
        return _LOCATIVE[unit] if case == "loc" else _UNITS[unit]

    def date(self, value: dt.date, case: DateCase = "nom") -> str:
        month = self.month(value.month)
        if case != "nom":
            ablative, attributive = _MONTH_ENDINGS[value.month]
            month += ablative if case == "abl" else attributive
        return f"{value.year} жылғы {value.day} {month}"

    def _cite(self, article: str, paragraph: str | None, sub: str | None) -> str:
        law = "№\u00a094-V Заңның"
        if sub:
            return f"{law} {article}-бабы {paragraph}-тармағының {sub}) тармақшасы"
        if paragraph:
            return f"{law} {article}-бабының {paragraph}-тармағы"
        return f"{law} {article}-бабы"

    def frequency(self, count: int, per: Literal["day", "week", "month"]) -> str:
        return f"{_PER[per]} {count} рет"


LANGUAGE = Kazakh()
