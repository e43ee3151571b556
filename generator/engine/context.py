"""What a clause template sees: the answers, the facts and helpers in the document's language.

Templates never compute a legal conclusion themselves (they read :mod:`generator.facts`) and
never write grammar themselves (numbers, dates, lists and plural forms come from the language
module, :mod:`generator.lang`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from ..answers import Answers, LocalText, Period
from ..catalog import Label, load_authority
from ..errors import BuildError
from ..facts import Facts
from ..lang import Case, DateCase, Unit, language
from .outline import load_strings


def localize(value: Any, lang: str) -> str:
    """The text of a Label, a LocalText or a plain string in ``lang``."""
    if isinstance(value, Label | LocalText):
        return value.get(lang)
    if isinstance(value, str):
        return value
    raise BuildError(f"cannot localize a {type(value).__name__}: {value!r}")


def operator_display(answers: Answers, facts: Facts, lang: str) -> str:
    """The operator's name with its legal form as the language writes it:
    kk «Дала Маркет» ЖШС, ЖК Ахметов А.Б.; ru ТОО «Дала Маркет», ИП Ахметов А.Б."""
    return facts.form.display.get(lang).replace("{name}", answers.operator.name.get(lang))


#: The forms of a consent: the text a site shows behind its checkbox, and the one to print and sign.
CONSENT_FORMS: tuple[str, ...] = ("online", "written")


def _name_sources(methods: Iterable[str], form: str) -> list[str]:
    """The consent methods where the subject writes its name, in this form of the consent:
    the printed form is signed on paper; the online text names the other ways (all of them
    when paper is the only one)."""
    if form == "written":
        return ["written"]
    online = [m for m in methods if m != "written"]
    return online or list(methods)


def _mark(methods: Iterable[str], form: str) -> str:
    if form == "written":
        return "written"
    return "checkbox" if "checkbox" in methods else "other"


def context(answers: Answers, facts: Facts, lang: str, kind: str, form: str = "online") -> dict[str, Any]:
    """The variables and helpers of every template of one document (``form``: of a consent,
    :data:`CONSENT_FORMS`)."""
    catalog = facts.catalog
    grammar = language(lang)

    def loc(value: Any) -> str:
        return localize(value, lang)

    def place(value: LocalText) -> str:
        """A city: as typed in this language, or, where the answers leave this language out
        (English falls back to Russian), the city's name in the catalogue — «Oral», never
        «Уральск» in the English text."""
        if not value.given(lang):
            city = catalog.resolve_city(value.get(lang))
            if city is not None:
                return city.name.get(lang)
        return value.get(lang)

    def data_label(data_id: str) -> str:
        return catalog.data_categories[data_id].label.get(lang)

    def purpose_label(purpose_id: str) -> str:
        return catalog.purposes[purpose_id].label.get(lang)

    def subject_label(subject_id: str) -> str:
        return catalog.subject_categories[subject_id].label.get(lang)

    def category_label(category_id: str) -> str:
        return catalog.service_categories[category_id].label.get(lang)

    def site_kind_label(kind_id: str) -> str:
        return catalog.site_kinds[kind_id].label.get(lang)

    def joined(items: Iterable[Any]) -> str:
        return _join(grammar.join, items)

    def either(items: Iterable[Any]) -> str:
        return _join(lambda values: grammar.join(values, alternative=True), items)

    def date(value: dt.date, case: DateCase = "nom") -> str:
        return grammar.date(value, case)

    def period(value: Period, case: Case = "nom") -> str:
        return grammar.period(value.as_period(), case)

    def data_labels(ids: Iterable[str]) -> list[str]:
        return [data_label(i) for i in ids]

    def purpose_labels(ids: Iterable[str]) -> list[str]:
        return [purpose_label(i) for i in ids]

    def with_country(services: Iterable[Any]) -> list[str]:
        """Services as «Name (Country)», for a sentence that names where each one keeps data."""
        return [f"{service.name} ({grammar.country(service.country)})" for service in services]

    def term(n: int, unit: Unit, case: Case = "nom") -> str:
        return grammar.count_words(n, unit, case)

    def subject_labels(ids: Iterable[str]) -> list[str]:
        return [subject_label(i) for i in ids]

    strings = load_strings(lang, kind)
    marketing = answers.marketing
    return {
        "a": answers,
        "f": facts,
        "lang": lang,
        "s": strings,
        "operator_name": operator_display(answers, facts, lang),
        "loc": loc,
        "data_label": data_label,
        "purpose_label": purpose_label,
        "subject_label": subject_label,
        "category_label": category_label,
        "site_kind_label": site_kind_label,
        "country": grammar.country,
        "joined": joined,
        "either": either,
        "date": date,
        "period": period,
        "words": grammar.number_words,
        "data_labels": data_labels,
        "purpose_labels": purpose_labels,
        "with_country": with_country,
        "place": place,
        "term": term,
        "number": grammar.number,
        "subject_labels": subject_labels,
        "cap": grammar.capitalize,
        "authority": load_authority(),
        "consent_method_labels": [strings["consent_methods"][m] for m in answers.consent.methods],
        # a consent: where the subject gives its name, by the ways consent is given
        "form": form,
        "name_sources": [strings["name_sources"][m] for m in _name_sources(answers.consent.methods, form)]
        if "name_sources" in strings
        else [],
        # a consent: how a separate consent is marked (a tick on the Site, a signature on paper)
        "separate_mark": strings["separate_mark"][_mark(answers.consent.methods, form)]
        if "separate_mark" in strings
        else "",
        "channel_labels": [strings["channels"][c] for c in marketing.channels] if marketing else [],
        "opt_out_labels": [strings["opt_out"][o] for o in marketing.opt_out] if marketing else [],
    }


def _join(join: Any, items: Iterable[Any]) -> str:
    values = [str(item) for item in items]
    if not values:
        raise BuildError("an empty list was joined into the text")
    result: str = join(values)
    return result
