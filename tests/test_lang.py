"""The language modules: each rule of Kazakh, Russian and English grammar exists once."""

from __future__ import annotations

from datetime import date

import pytest

from generator.errors import InputError
from generator.lang import LANGUAGES, language


def test_every_language_is_a_module_and_an_unknown_one_is_refused() -> None:
    assert LANGUAGES == ("kk", "ru", "en")
    assert [language(code).code for code in LANGUAGES] == list(LANGUAGES)
    with pytest.raises(InputError, match="unknown language 'de'"):
        language("de")


def test_dates_are_written_in_the_document_language() -> None:
    day = date(2026, 6, 5)
    assert language("kk").date(day) == "2026 жылғы 5 маусым"
    assert language("kk").date(day, "abl") == "2026 жылғы 5 маусымнан"
    assert language("kk").date(date(2026, 9, 1), "attr") == "2026 жылғы 1 қыркүйектегі"
    assert language("ru").date(day) == "5 июня 2026 г."
    assert language("en").date(day) == "5 June 2026"


@pytest.mark.parametrize(("n", "kk", "ru", "en"), [
    (1, "бір", "один", "one"), (15, "он бес", "пятнадцать", "fifteen"), (30, "отыз", "тридцать", "thirty"),
    (21, "жиырма бір", "двадцать один", "twenty-one"), (90, "тоқсан", "девяносто", "ninety"),
    (100, "жүз", "сто", "one hundred"), (2026, "екі мың жиырма алты", "две тысячи двадцать шесть",
                                          "two thousand twenty-six"),
])
def test_numbers_in_words(n: int, kk: str, ru: str, en: str) -> None:
    assert language("kk").number_words(n) == kk
    assert language("ru").number_words(n) == ru
    assert language("en").number_words(n) == en


def test_periods_agree_with_their_number_and_case() -> None:
    ru = language("ru")
    assert ru.period(("year", 1)) == "1 (один) год"
    assert ru.period(("year", 3)) == "3 (три) года"
    assert ru.period(("year", 5)) == "5 (пять) лет"
    assert ru.period(("month", 21)) == "21 (двадцать один) месяц"
    assert ru.period(("year", 3), "gen") == "3 (трех) лет"
    assert ru.period(("day", 30), "gen") == "30 (тридцати) дней"
    assert ru.period(("year", 1), "gen") == "1 (одного) года"
    assert ru.period(("week", 2)) == "2 (две) недели"
    assert ru.count(3, "file", "loc") == "3 файлах" and ru.count(21, "file", "loc") == "21 файле"
    assert language("kk").period(("year", 5)) == "5 (бес) жыл"
    assert language("kk").count(3, "file", "loc") == "3 файлда"
    assert language("en").period(("year", 1)) == "1 (one) year"
    assert language("en").period(("working_day", 15)) == "15 (fifteen) working days"


def test_numbers_group_thousands_as_each_language_does() -> None:
    assert language("kk").number(500_000) == "500\u00a0000"
    assert language("ru").number(40_000) == "40\u00a0000"
    assert language("en").number(40_000) == "40,000"


def test_lists_join_with_the_languages_conjunction() -> None:
    assert language("kk").join(["А", "Б", "В"]) == "А, Б және В"
    assert language("ru").join(["А", "Б"], alternative=True) == "А или Б"
    assert language("en").join(["a"]) == "a"
    with pytest.raises(ValueError):
        language("en").join([])


def test_articles_are_cited_as_each_language_writes_them() -> None:
    assert language("kk").cite("25(2)(10)") == "№\u00a094-V Заңның 25-бабы 2-тармағының 10) тармақшасы"
    assert language("ru").cite("8(4)") == "п. 4 ст. 8 Закона №\u00a094-V"
    assert language("en").cite("19-1") == "Article 19-1 of Law No.\u00a094-V"
    assert language("kk").cite("16") == "№\u00a094-V Заңның 16-бабы"
    assert language("kk").cite("12(2)") == "№\u00a094-V Заңның 12-бабының 2-тармағы"
    assert language("ru").cite("19-1") == "ст. 19-1 Закона №\u00a094-V"
    with pytest.raises(ValueError):
        language("ru").cite("Civil Code 22")


def test_frequencies() -> None:
    assert language("kk").frequency(1, "week") == "аптасына 1 рет"
    assert language("ru").frequency(2, "week") == "2 раза в неделю"
    assert language("ru").frequency(12, "month") == "12 раз в месяц"
    assert language("en").frequency(1, "day") == "once a day"
