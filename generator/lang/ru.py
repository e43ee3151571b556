"""Russian: used officially alongside Kazakh; the second authentic text of every document."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar, Literal

from .base import Case, DateCase, Language, Unit

# Cardinal numbers: nominative and genitive («три года», «в течение трех лет»).
_ONES_M = ("", "один", "два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять")
_ONES_F = ("", "одна", "две", *_ONES_M[3:])
_ONES_GEN_M = ("", "одного", "двух", "трех", "четырех", "пяти", "шести", "семи", "восьми", "девяти")
_ONES_GEN_F = ("", "одной", *_ONES_GEN_M[2:])
_TEENS = ("десять", "одиннадцать", "двенадцать", "тринадцать", "четырнадцать", "пятнадцать",
          "шестнадцать", "семнадцать", "восемнадцать", "девятнадцать")
_TEENS_GEN = tuple(word[:-1] + "и" for word in _TEENS)  # десяти, одиннадцати...
_TENS = ("", "", "двадцать", "тридцать", "сорок", "пятьдесят", "шестьдесят", "семьдесят", "восемьдесят",
         "девяносто")
_TENS_GEN = ("", "", "двадцати", "тридцати", "сорока", "пятидесяти", "шестидесяти", "семидесяти",
             "восьмидесяти", "девяноста")
_HUNDREDS = ("", "сто", "двести", "триста", "четыреста", "пятьсот", "шестьсот", "семьсот", "восемьсот",
             "девятьсот")
_HUNDREDS_GEN = ("", "ста", "двухсот", "трехсот", "четырехсот", "пятисот", "шестисот", "семисот",
                 "восьмисот", "девятисот")

# Each unit: (nominative after 1, 2-4, 5+), (genitive after 1, others), (prepositional
# after 1, others), grammatical gender.
_UNITS: dict[str, tuple[tuple[str, str, str], tuple[str, str], tuple[str, str], str]] = {
    "year": (("год", "года", "лет"), ("года", "лет"), ("году", "годах"), "m"),
    "month": (("месяц", "месяца", "месяцев"), ("месяца", "месяцев"), ("месяце", "месяцах"), "m"),
    "week": (("неделя", "недели", "недель"), ("недели", "недель"), ("неделе", "неделях"), "f"),
    "day": (("день", "дня", "дней"), ("дня", "дней"), ("дне", "днях"), "m"),
    "working_day": (("рабочий день", "рабочих дня", "рабочих дней"), ("рабочего дня", "рабочих дней"),
                    ("рабочем дне", "рабочих днях"), "m"),
    "calendar_day": (("календарный день", "календарных дня", "календарных дней"),
                     ("календарного дня", "календарных дней"), ("календарном дне", "календарных днях"), "m"),
    "hour": (("час", "часа", "часов"), ("часа", "часов"), ("часе", "часах"), "m"),
    "minute": (("минута", "минуты", "минут"), ("минуты", "минут"), ("минуте", "минутах"), "f"),
    "time": (("раз", "раза", "раз"), ("раза", "раз"), ("разе", "разах"), "m"),
    "file": (("файл", "файла", "файлов"), ("файла", "файлов"), ("файле", "файлах"), "m"),
    "subject": (("субъект", "субъекта", "субъектов"), ("субъекта", "субъектов"), ("субъекте", "субъектах"), "m"),
}

_PER = {"day": "в день", "week": "в неделю", "month": "в месяц"}


def plural(n: int, forms: tuple[str, str, str]) -> str:
    """The form after ``n``: 1, 21 → forms[0]; 2–4, 22–24 → forms[1]; 0, 5–20, 25 → forms[2]."""
    if n % 10 == 1 and n % 100 != 11:
        return forms[0]
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return forms[1]
    return forms[2]


class Russian(Language):
    code = "ru"
    tag = "ru-RU"
    native_name = "Русский язык"
    and_word = "и"
    or_word = "или"
    law_short = "Закон №\u00a094-V"
    # The full names Russian legal texts use where CLDR gives the short, spoken ones
    # («Соединенные Штаты», «ОАЭ»); the other countries keep CLDR's names.
    country_names: ClassVar[dict[str, str]] = {
        "US": "Соединенные Штаты Америки",
        "AE": "Объединенные Арабские Эмираты",
        "GB": "Соединенное Королевство Великобритании и Северной Ирландии",
        "KR": "Республика Корея",
    }

    def number_words(self, n: int, unit: Unit | None = None, case: Case = "nom") -> str:
        if n < 0:
            raise ValueError("a negative number has no words here")
        genitive = case == "gen"  # words for the locative are not needed: numbers stay digits there
        if n == 0:
            return "нуля" if genitive else "ноль"
        feminine = unit is not None and _UNITS[unit][3] == "f"
        words: list[str] = []
        if n >= 1000:
            thousands, n = divmod(n, 1000)
            words += self._below_thousand(thousands, feminine=True, genitive=genitive)
            if genitive:
                words.append("тысячи" if thousands % 10 == 1 and thousands % 100 != 11 else "тысяч")
            else:
                words.append(plural(thousands, ("тысяча", "тысячи", "тысяч")))
        words += self._below_thousand(n, feminine=feminine, genitive=genitive)
        return " ".join(words)

    @staticmethod
    def _below_thousand(value: int, *, feminine: bool, genitive: bool) -> list[str]:
        out: list[str] = []
        if value >= 100:
            out.append((_HUNDREDS_GEN if genitive else _HUNDREDS)[value // 100])
            value %= 100
        if 10 <= value <= 19:
            out.append((_TEENS_GEN if genitive else _TEENS)[value - 10])
            return out
        if value >= 20:
            out.append((_TENS_GEN if genitive else _TENS)[value // 10])
            value %= 10
        if value:
            if genitive:
                out.append((_ONES_GEN_F if feminine else _ONES_GEN_M)[value])
            else:
                out.append((_ONES_F if feminine else _ONES_M)[value])
        return out

    def unit_word(self, n: int, unit: Unit, case: Case = "nom") -> str:
        nominative, genitive, prepositional, _ = _UNITS[unit]
        singular = n % 10 == 1 and n % 100 != 11
        if case == "gen":
            return genitive[0] if singular else genitive[1]
        if case == "loc":
            return prepositional[0] if singular else prepositional[1]
        return plural(n, nominative)

    def date(self, value: dt.date, case: DateCase = "nom") -> str:
        # The genitive month serves every Russian construction («с 1 сентября 2026 г.»).
        return f"{value.day} {self.month(value.month)} {value.year} г."

    def _cite(self, article: str, paragraph: str | None, sub: str | None) -> str:
        law = "Закона №\u00a094-V"
        if sub:
            return f"подп. {sub}) п. {paragraph} ст. {article} {law}"
        if paragraph:
            return f"п. {paragraph} ст. {article} {law}"
        return f"ст. {article} {law}"

    def frequency(self, count: int, per: Literal["day", "week", "month"]) -> str:
        return f"{count} {plural(count, ('раз', 'раза', 'раз'))} {_PER[per]}"


LANGUAGE = Russian()
