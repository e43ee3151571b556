"""Compliance checks: findings against Law No. 94-V, each with a stable code.

The checks are pure functions over the answers and the facts derived from them
(generator/facts.py): they never re-derive a legal conclusion the facts already hold.
What each finding says, its level and the article it rests on live in
``generator/catalog/findings.yaml``; the code here only decides *when* a finding applies
and names the concrete data, service, purpose or value involved.

    from generator.checks import run_checks
    for finding in run_checks(answers):
        print(finding.line("ru"))

Levels: ``error`` (the policy would be wrong or the processing unlawful: ``kzpolicy build``
refuses it without ``--force``, ``kzpolicy check`` exits 1), ``warning`` (a lawyer should
look at it), ``info`` (handled by the policy; a reminder).
"""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .. import identifiers
from ..answers.model import Answers, CustomService, LocalText, Period, ServiceChoice
from ..catalog import Label, load_catalog
from ..errors import ComplianceError
from ..facts import Facts, ResolvedService, derive
from ..lang import Language, language

if TYPE_CHECKING:
    from .sitescan import Partial, SiteScan

__all__ = [
    "LANGS",
    "LEVELS",
    "Finding",
    "FindingSpec",
    "Level",
    "Text",
    "gate",
    "has_errors",
    "load_findings",
    "run_checks",
]

Level = Literal["error", "warning", "info"]
LEVELS: tuple[Level, ...] = ("error", "warning", "info")
"""The levels, most serious first: the order of a report."""
MessageLang = Literal["en", "kk", "ru"]
LANGS: tuple[MessageLang, ...] = ("en", "kk", "ru")
"""The languages of the findings' messages (the policy itself is kk and ru)."""

FINDINGS_FILE = "findings.yaml"


# --------------------------------------------------------------------------- the catalogue


class _Catalogue(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


def _fields(template: str) -> set[str]:
    """The {placeholders} of a message template; plain names only, no format specs."""
    names: set[str] = set()
    for _, name, spec, conversion in string.Formatter().parse(template):
        if name is None:
            continue
        if not name.isidentifier() or spec or conversion:
            raise ValueError(f"{template!r}: a placeholder is a plain name such as {{data}}, not {{{name}}}")
        names.add(name)
    return names


class FindingSpec(_Catalogue):
    """One entry of findings.yaml: what a finding says, how serious it is and why."""

    code: str = Field(pattern=r"^KZ[1-9][0-9]{2}$")
    level: Level
    article: str = Field(min_length=3)
    summary: Label
    fix: Label

    @model_validator(mode="after")
    def _one_line_same_placeholders(self) -> FindingSpec:
        for part in ("summary", "fix"):
            label: Label = getattr(self, part)
            names = {lang: _fields(label.get(lang)) for lang in LANGS}
            for lang in LANGS:
                if "\n" in label.get(lang):
                    raise ValueError(f"{part}.{lang} must be one line")
                if names[lang] != names["en"]:
                    raise ValueError(
                        f"{part}.{lang} has the placeholders {sorted(names[lang])}, "
                        f"but {part}.en has {sorted(names['en'])}"
                    )
        return self

    def placeholders(self) -> set[str]:
        return _fields(self.summary.en) | _fields(self.fix.en)


_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def load_findings() -> Mapping[str, FindingSpec]:
    """The findings catalogue, read once and validated: code -> spec, in file order."""
    text = files("generator.catalog").joinpath(FINDINGS_FILE).read_text(encoding="utf-8")
    raw = yaml.load(text, Loader=_LOADER)
    if not isinstance(raw, dict):
        raise ValueError(f"{FINDINGS_FILE}: expected a mapping of code -> fields")
    out: dict[str, FindingSpec] = {}
    for code, fields in raw.items():
        if not isinstance(fields, dict):
            raise ValueError(f"{FINDINGS_FILE}: {code!r}: expected a mapping of fields")
        try:
            out[str(code)] = FindingSpec.model_validate({**fields, "code": code})
        except ValidationError as exc:
            raise ValueError(f"{FINDINGS_FILE}: {code}: {exc}") from None
    return out


# --------------------------------------------------------------------------- findings


@dataclass(frozen=True, slots=True)
class Text:
    """A value that reads differently in each language of the messages."""

    en: str
    kk: str
    ru: str

    def get(self, lang: str) -> str:
        text: str = getattr(self, lang)
        return text

    @classmethod
    def each(cls, make: Callable[[Language], str]) -> Text:
        """The same phrase made by every language module."""
        return cls(**{lang: make(language(lang)) for lang in LANGS})


Arg = str | Text


@dataclass(frozen=True, slots=True)
class Finding:
    """One compliance finding: a stable code, its level and what it is about.

    ``subject`` names what the finding is about, as the answers spell it: a data category,
    purpose or service id, a country code, or a field such as ``storage.country``.
    ``message(lang)`` and ``fix(lang)`` are one line each in en, kk or ru. ``details`` are
    the same facts for machines (ids, file names, addresses)."""

    code: str
    level: Level
    subject: str
    article: str
    args: tuple[tuple[str, Arg], ...] = ()
    details: tuple[tuple[str, str], ...] = ()

    def _render(self, template: str, lang: str) -> str:
        values = {name: value if isinstance(value, str) else value.get(lang) for name, value in self.args}
        return template.format_map(values)

    def message(self, lang: str = "en") -> str:
        return self._render(self._spec().summary.get(_lang(lang)), lang)

    def fix(self, lang: str = "en") -> str:
        return self._render(self._spec().fix.get(_lang(lang)), lang)

    def line(self, lang: str = "en") -> str:
        """``CODE level: message — fix``: how reports and `build` show a finding."""
        return f"{self.code} {self.level}: {self.message(lang)} — {self.fix(lang)}"

    def sort_key(self) -> tuple[int, str, str]:
        return (LEVELS.index(self.level), self.code, self.subject)

    def as_dict(self, lang: str = "en") -> dict[str, Any]:
        return {
            "code": self.code,
            "level": self.level,
            "subject": self.subject,
            "article": self.article,
            "message": self.message(lang),
            "fix": self.fix(lang),
            "details": dict(self.details),
        }

    def _spec(self) -> FindingSpec:
        return load_findings()[self.code]


def _lang(lang: str) -> MessageLang:
    for known in LANGS:
        if lang == known:
            return known
    raise ValueError(f"unknown language {lang!r}: use one of {', '.join(LANGS)}")


def _finding(code: str, subject: str, details: Mapping[str, str] | None = None, **args: Arg) -> Finding:
    spec = load_findings()[code]
    missing = spec.placeholders() - set(args)
    if missing:  # a bug in a check, never in the answers
        raise KeyError(f"{code}: no value for {sorted(missing)}")
    return Finding(
        code=code,
        level=spec.level,
        subject=subject,
        article=spec.article,
        args=tuple(sorted(args.items())),
        details=tuple(sorted((details or {}).items())),
    )


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.level == "error" for f in findings)


# --------------------------------------------------------------------------- rendering values


_OR = Text.each(lambda grammar: f" {grammar.or_word} ")


def _join(items: Sequence[Arg], sep: Text | None = None) -> Text:
    def one(lang: str) -> str:
        glue = sep.get(lang) if sep is not None else ", "
        return glue.join(i if isinstance(i, str) else i.get(lang) for i in items)

    return Text(en=one("en"), kk=one("kk"), ru=one("ru"))


def _label(label: Label, suffix: str = "") -> Text:
    return Text(en=label.en + suffix, kk=label.kk + suffix, ru=label.ru + suffix)


def _data(ids: Iterable[str], sep: Text | None = None) -> Text:
    """Data categories as «label (id)»: the words of the policy and the key of the answers."""
    categories = load_catalog().data_categories
    return _join([_label(categories[i].label, f" ({i})") for i in ids], sep)


def _purpose(purpose_id: str) -> Text:
    label = load_catalog().purposes[purpose_id].label
    return Text(en=f"«{label.en}» ({purpose_id})", kk=f"«{label.kk}» ({purpose_id})", ru=f"«{label.ru}» ({purpose_id})")


def _service(service: ResolvedService) -> str:
    return service.name if service.custom else f"{service.name} ({service.id})"


def _country(code: str) -> Text:
    return Text.each(lambda grammar: f"{grammar.country(code)} ({code})")


def _local(value: str | LocalText) -> Text:
    if isinstance(value, str):
        return Text(en=value, kk=value, ru=value)
    return Text(en=value.ru, kk=value.kk, ru=value.ru)  # typed text has no English: Russian reads best


def _ids(ids: Iterable[str]) -> str:
    return ", ".join(ids) or "—"


def _number(value: int) -> Text:
    return Text.each(lambda grammar: grammar.number(value))


def _term(term: str | Period) -> Text:
    if not isinstance(term, Period):
        return Text(
            en="until the purposes of processing are achieved",
            kk="өңдеу мақсаттарына қол жеткізілгенге дейін",
            ru="до достижения целей обработки",
        )
    unit, count = term.as_period()
    return Text.each(lambda grammar: grammar.count(count, unit))


# --------------------------------------------------------------------------- the checks

Check = Callable[[Facts], Iterable[Finding]]

_UNITS: dict[str, Text] = {
    "head": Text(en="head unit", kk="бас ұйым", ru="головная организация"),
    "branch": Text(en="branch", kk="филиал", ru="филиал"),
    "representative": Text(en="representative office", kk="өкілдік", ru="представительство"),
    "joint_farm": Text(
        en="peasant (farm) enterprise in joint entrepreneurship",
        kk="бірлескен кәсіпкерліктегі шаруа (фермер) қожалығы",
        ru="крестьянское (фермерское) хозяйство в форме совместного предпринимательства",
    ),
}
# Which legal forms a BIN's sixth digit (the unit attribute) allows; a head unit is any
# form that is not itself a branch or representative office.
_UNIT_FORMS: dict[str, frozenset[str]] = {
    "branch": frozenset({"branch"}),
    "representative": frozenset({"representative_office"}),
    "joint_farm": frozenset({"ip_joint"}),
}
AIFC_FIRST_REGISTRATIONS = 2018  # the AIFC registered its first participants in 2018 [S]


def check_identifier(f: Facts) -> Iterator[Finding]:
    """The BIN's type and unit digits, and the IIN's birth date, against the legal form.

    The answers model already refuses an IIN for a legal entity, a BIN for a personal
    entrepreneur and a joint entrepreneur's BIN whose fifth digit is not 6."""
    operator = f.answers.operator
    form = f.form
    name = _label(form.name)
    if operator.bin is not None:
        parsed = identifiers.parse_bin(operator.bin)
        if parsed.entity_type == "joint_entrepreneur" and operator.legal_form != "ip_joint":
            yield _finding("KZ101", "operator.bin", {"bin": operator.bin, "legal_form": form.id},
                           bin=operator.bin, form=name)
        else:
            if parsed.attribute == "head":
                fits = not form.subdivision
            else:
                fits = operator.legal_form in _UNIT_FORMS[parsed.attribute]
            if not fits:
                yield _finding("KZ102", "operator.bin",
                               {"bin": operator.bin, "legal_form": form.id, "unit": parsed.attribute},
                               bin=operator.bin, digit=operator.bin[5], unit=_UNITS[parsed.attribute], form=name)
            if parsed.entity_type == "non_resident" and not form.subdivision:
                yield _finding("KZ103", "operator.bin", {"bin": operator.bin, "legal_form": form.id},
                               bin=operator.bin, form=name)
        if form.aifc and parsed.registration_year < AIFC_FIRST_REGISTRATIONS:
            yield _finding("KZ104", "operator.bin", {"bin": operator.bin, "year": str(parsed.registration_year)},
                           bin=operator.bin, year=str(parsed.registration_year))
    if operator.iin is not None:
        parsed_iin = identifiers.parse_iin(operator.iin)
        if identifiers.iin_warnings(parsed_iin, dt.date.today()):
            yield _finding("KZ106", "operator.iin", {"iin": operator.iin}, iin=operator.iin)


CATALOGUE_AGE_DAYS = 183
"""How much older than the policy's effective date the catalogue (its names of the authorised
body, its providers' companies and countries) may be before ``check`` asks for an update."""


def check_catalogue_age(f: Facts) -> Iterator[Finding]:
    """The catalogue's facts are dated; a policy that takes effect long after them may repeat
    a renamed ministry or a provider that moved."""
    verified = f.catalog.verified
    effective = f.answers.policy.effective_date
    if (effective - verified).days > CATALOGUE_AGE_DAYS:
        yield _finding("KZ111", "policy.effective_date", {"verified": verified.isoformat()},
                       verified=Text.each(lambda grammar: grammar.date(verified)),
                       effective=Text.each(lambda grammar: grammar.date(effective)))


def check_operator(f: Facts) -> Iterator[Finding]:
    """AIFC participants, the size class (Art. 25-1) and the responsible person's contact."""
    answers = f.answers
    if f.aifc:
        yield _finding("KZ105", "operator.legal_form", {"legal_form": f.form.id})
    count = answers.data.subjects_count
    if f.large_operator and count is not None:
        yield _finding("KZ107", "data.subjects_count", {"subjects_count": str(count)}, count=_number(count))
    elif count is None:
        yield _finding("KZ108", "data.subjects_count")
    person = answers.operator.responsible_person
    if person is not None:
        if person.email is None:
            yield _finding("KZ110", "operator.responsible_person.email", {"email": answers.operator.email},
                           email=answers.operator.email)
        elif person.email.casefold() == answers.operator.email.casefold():
            yield _finding("KZ109", "operator.responsible_person.email", {"email": person.email},
                           email=person.email)


def check_storage(f: Facts) -> Iterator[Finding]:
    """The primary database in Kazakhstan (Art. 12(2)), a hosting provider that agrees, and the
    copies of the data that services abroad keep."""
    storage = f.answers.storage
    if storage.country != "KZ":
        yield _finding("KZ201", "storage.country", {"country": storage.country}, country=_country(storage.country))
    hosting = f.hosting_service
    if hosting is not None and hosting.country != "KZ" and storage.country == "KZ":
        yield _finding("KZ202", "storage.hosting", {"hosting": hosting.id, "country": hosting.country},
                       hosting=f"{hosting.name} ({hosting.id})", country=_country(hosting.country))
    elif hosting is None and storage.hosting is not None:
        yield _finding("KZ207", "storage.hosting", {"hosting": storage.hosting}, hosting=storage.hosting)
    for service in f.database_copies_abroad:
        yield _finding("KZ206", service.id, {"service": service.id, "country": service.country},
                       service=_service(service), country=_country(service.country))


def check_transfers(f: Facts) -> Iterator[Finding]:
    """Cross-border transfers (Art. 16): each country, restricted-access data going abroad
    and providers whose country is only assumed."""
    catalog = load_catalog()
    for code, transfers in f.transfers_by_country:
        names: list[Arg] = []
        for transfer in transfers:
            name = _local(transfer.recipient)
            if name not in names:
                names.append(name)
        yield _finding("KZ203", code, {"country": code}, country=_country(code), recipients=_join(names))

    def restricted(data: Iterable[str]) -> list[str]:
        return [d for d in data if catalog.data_categories[d].restricted]

    for service in f.foreign_services:
        sensitive = restricted(service.receives)
        if sensitive:
            yield _finding("KZ204", service.id, {"service": service.id, "country": service.country,
                                                 "data": ",".join(sensitive)},
                           recipient=_service(service), country=_country(service.country), data=_data(sensitive))
    for index, stated in enumerate(f.answers.cross_border.transfers):
        sensitive = restricted(stated.data)
        if sensitive:
            yield _finding("KZ204", f"cross_border.transfers[{index}]",
                           {"country": stated.country, "data": ",".join(sensitive)},
                           recipient=_local(stated.recipient), country=_country(stated.country),
                           data=_data(sensitive))
    for service in f.foreign_services:
        if not service.custom and catalog.services[service.id].country_assumed:
            yield _finding("KZ205", service.id, {"service": service.id, "country": service.country},
                           service=_service(service), country=_country(service.country))


# Data that tax and accounting laws make the operator keep for a set period: payments,
# bank details and the orders they pay for (Tax Code; accounting law: commonly 5 years [S]).
RECORDS_DATA = ("payment_details", "bank_details", "order_history")
RECORDS_DAYS = 5 * 365


def check_retention(f: Facts) -> Iterator[Finding]:
    """Records the law makes the operator keep need a concrete period (Art. 12(2))."""
    retention = f.answers.retention
    default = retention.default
    if isinstance(default, Period) and default.days_at_least() >= RECORDS_DAYS:
        return
    covered = {d for rule in retention.rules if isinstance(rule.term, Period) for d in rule.data}
    missing = [d for d in RECORDS_DATA if f.collects(d) and d not in covered]
    if missing:
        yield _finding("KZ301", "retention.rules", {"data": ",".join(missing)}, data=_data(missing),
                       term=_term(default))


EDUCATION_KINDS = frozenset({"education"})


def check_minors(f: Facts) -> Iterator[Finding]:
    """A site for learners that says it is not for minors leaves out the legal
    representative's route to consent (Art. 7(1), 8(1); Civil Code Art. 22-23)."""
    answers = f.answers
    if f.minors_possible:
        return
    school = next((s for s in answers.sites if s.kind in EDUCATION_KINDS), None)
    if school is not None:
        reason = Text(en=f"{school.url} is an education site", kk=f"{school.url} – білім беру сайты",
                      ru=f"{school.url} – образовательный сайт")
    elif "students" in answers.data.subjects:
        reason = Text(en="the data subjects include students", kk="субъектілер арасында білім алушылар бар",
                      ru="среди субъектов есть обучающиеся")
    else:
        return
    yield _finding("KZ401", "data.minors", {"minors": answers.data.minors}, reason=reason)


PROVABLE_CONSENT = frozenset({"written", "non_state_service", "egov"})


def check_sources(f: Facts) -> Iterator[Finding]:
    """Data taken from state information systems need consent through the state service of
    access control to personal data (Art. 8-1, 10(4))."""
    if f.from_state_systems and not f.egov_consent:
        yield _finding("KZ403", "consent.methods", {"methods": ",".join(f.answers.consent.methods)},
                       methods=", ".join(f.answers.consent.methods))


def check_special(f: Facts) -> Iterator[Finding]:
    """Special categories (health, biometrics) need a separate consent that can be proved."""
    answers = f.answers
    if f.has_special and not PROVABLE_CONSENT & set(answers.consent.methods):
        yield _finding("KZ402", "consent.methods", {"data": ",".join(answers.data.special)},
                       data=_data(answers.data.special), methods=", ".join(answers.consent.methods))


def check_minors_route(f: Facts) -> Iterator[Finding]:
    """A service for minors rests on the legal representative's consent: the operator needs a
    route where the representative, not the child, can be identified and give it."""
    if f.minors == "with_consent" and not PROVABLE_CONSENT & set(f.answers.consent.methods):
        yield _finding("KZ404", "consent.methods", {"methods": ",".join(f.answers.consent.methods)},
                       methods=", ".join(f.answers.consent.methods))


# The ways to opt out that work inside each channel: a person refuses where the messages
# arrive. Push messages and calls are refused on the device or during the call.
OPT_OUT_IN_CHANNEL: dict[str, tuple[str, ...]] = {
    "email": ("unsubscribe_link", "account_settings"),
    "sms": ("reply_stop", "unsubscribe_link"),
    "whatsapp": ("reply_stop", "unsubscribe_link"),
    "telegram": ("reply_stop", "unsubscribe_link"),
}
# The contact data each channel needs (any one of them).
CHANNEL_DATA: dict[str, tuple[str, ...]] = {
    "email": ("email",),
    "sms": ("phone",),
    "phone_call": ("phone",),
    "whatsapp": ("phone", "messenger_id"),
    "telegram": ("messenger_id", "phone"),
    "push": ("device_id", "account"),
}


def check_marketing(f: Facts) -> Iterator[Finding]:
    """Marketing: an opt-out in every channel, the contact each channel needs, a frequency."""
    marketing = f.answers.marketing
    if marketing is None:
        return
    for channel in marketing.channels:
        accepted = OPT_OUT_IN_CHANNEL.get(channel, ())
        if accepted and not set(accepted) & set(marketing.opt_out):
            yield _finding("KZ501", channel, {"channel": channel}, channel=channel,
                           accepted=_join(list(accepted), _OR))
        needed = CHANNEL_DATA.get(channel, ())
        if needed and not any(f.collects(d) for d in needed):
            yield _finding("KZ502", channel, {"channel": channel, "data": ",".join(needed)}, channel=channel,
                           data=_data(needed, _OR))
    if marketing.frequency is None:
        yield _finding("KZ503", "marketing.frequency")


MIN_LOGIC_WORDS = 8


def check_automated(f: Facts) -> Iterator[Finding]:
    """Automated decisions (Art. 19-1): the objection route, and a logic that explains."""
    decisions = f.answers.automated_decisions
    if not f.automated or decisions.logic is None:
        return
    yield _finding("KZ601", "automated_decisions")
    counts = {lang: len(decisions.logic(lang).split()) for lang in ("kk", "ru")}
    short = [lang for lang, count in counts.items() if count < MIN_LOGIC_WORDS]
    if short:
        yield _finding("KZ602", "automated_decisions.logic", {"langs": ",".join(short)},
                       lang=", ".join(short), words=str(min(counts[lang] for lang in short)))


def check_purposes(f: Facts) -> Iterator[Finding]:
    """Data, purposes and services that do not fit together (Art. 7(8), 8(4), 12(1), 14)."""
    catalog = load_catalog()
    answers = f.answers
    chosen = [catalog.purposes[p] for p in answers.purposes]
    used = {d for purpose in chosen for d in purpose.uses}

    def using(data: Iterable[str]) -> str:
        """The purposes not chosen that would use any of ``data``: the fix suggests them."""
        wanted = set(data)
        return _ids(k for k, p in catalog.purposes.items() if k not in answers.purposes and wanted & set(p.uses))

    def serving(category: str) -> str:
        return _ids(
            k for k, p in catalog.purposes.items() if k not in answers.purposes and category in p.service_categories
        )

    for data_id in (*answers.data.collected, *answers.data.special):
        if data_id not in used:
            yield _finding("KZ701", data_id, {"data": data_id}, data=_data([data_id]), purposes=using([data_id]))
    for purpose in chosen:
        missing = [d for d in purpose.needs if not f.collects(d)]
        if missing:
            yield _finding("KZ702", purpose.id, {"purpose": purpose.id, "data": ",".join(missing)},
                           purpose=_purpose(purpose.id), data=_data(missing))
    for entry, service in zip(answers.services, f.services, strict=True):
        if not any(service.category in purpose.service_categories for purpose in chosen):
            category = catalog.service_categories[service.category]
            yield _finding("KZ703", service.id, {"service": service.id, "category": service.category},
                           service=_service(service), category=_label(category.label),
                           purposes=serving(service.category))
        explicit = isinstance(entry, CustomService) or (isinstance(entry, ServiceChoice) and entry.receives is not None)
        missing = [d for d in service.receives if not f.collects(d)] if explicit else []
        if missing:
            yield _finding("KZ704", service.id, {"service": service.id, "data": ",".join(missing)},
                           service=_service(service), data=_data(missing))
    unused = [d for d in answers.data.technical if d not in used]
    if unused:
        yield _finding("KZ705", "data.technical", {"data": ",".join(unused)}, data=_data(unused),
                       purposes=using(unused))


# Site kinds that sell goods or services to consumers: the Consumer Protection Law wants
# the information in Kazakh and Russian [S].
CONSUMER_KINDS = frozenset(
    {"online_store", "services", "marketplace", "education", "medical", "food_delivery", "booking", "mobile_app"}
)
_LANGUAGE_NAMES = {
    "kk": Text(en="Kazakh", kk="қазақ тілі", ru="казахский"),
    "ru": Text(en="Russian", kk="орыс тілі", ru="русский"),
}


def check_language(f: Facts) -> Iterator[Finding]:
    """One policy language where consumers or a state body's site need both."""
    answers = f.answers
    languages = answers.policy.languages
    if len(languages) != 1:
        return
    catalog = load_catalog()
    shop = next((s for s in answers.sites if s.kind in CONSUMER_KINDS), None)
    if shop is not None:
        kind = catalog.site_kinds[shop.kind].label
        reason = Text(en=f"{shop.url} serves consumers ({kind.en})",
                      kk=f"{shop.url} тұтынушыларға арналған ({kind.kk})",
                      ru=f"{shop.url} предназначен для потребителей ({kind.ru})")
    elif f.form.state:
        reason = Text(en="the operator is a state enterprise or institution",
                      kk="оператор – мемлекеттік кәсіпорын немесе мекеме",
                      ru="оператор – государственное предприятие или учреждение")
    else:
        return
    yield _finding("KZ801", "policy.languages", {"language": languages[0]}, lang=_LANGUAGE_NAMES[languages[0]],
                   reason=reason)


CHECKS: tuple[Check, ...] = (
    check_identifier,
    check_operator,
    check_catalogue_age,
    check_storage,
    check_transfers,
    check_retention,
    check_minors,
    check_special,
    check_minors_route,
    check_sources,
    check_marketing,
    check_automated,
    check_purposes,
    check_language,
)
"""Every check over the answers, in report order (the report sorts anyway)."""


# --------------------------------------------------------------------------- site scan

SCANNED_CATEGORIES = frozenset({"analytics", "advertising"})


def site_findings(f: Facts, scan: SiteScan) -> Iterator[Finding]:
    """Services a built site loads that the answers do not declare, and declared analytics
    or advertising services the site does not load."""
    catalog = load_catalog()
    # A custom entry with a catalogue service's name declares that service too.
    custom_names = {s.name.casefold() for s in f.services if s.custom}
    declared = {s.id for s in f.services if not s.custom}
    declared |= {key for key, item in catalog.services.items() if item.name.casefold() in custom_names}
    found: dict[str, list[tuple[str, str]]] = {}
    for hit in scan.hits:
        found.setdefault(hit.service, []).append((hit.file, hit.url))
    for service_id in sorted(found):
        if service_id in declared:
            continue
        hits = sorted(found[service_id])
        first_file, first_url = hits[0]
        others = len({file for file, _ in hits}) - 1
        more = Text(en="", kk="", ru="")
        if others:
            more = Text(en=f" (and in {others} more {language('en').unit_word(others, 'file')})",
                        kk=f" (тағы {language('kk').count(others, 'file', 'loc')})",
                        ru=f" (и еще в {language('ru').count(others, 'file', 'loc')})")
        item = catalog.services[service_id]
        yield _finding("KZ901", service_id,
                       {"service": service_id, "file": first_file, "url": first_url, "files": str(others + 1)},
                       service=f"{item.name} ({service_id})", id=service_id, file=first_file, url=first_url,
                       more=more)
    for service in f.services:
        if service.custom or service.category not in SCANNED_CATEGORIES or service.id in found:
            continue
        item = catalog.services[service.id]
        if item.script_hosts or item.script_patterns:
            yield _finding("KZ902", service.id, {"service": service.id}, service=_service(service))
    for part in scan.partial:
        reason, advice = _not_read_whole(part)
        details = {"file": part.file, "reason": part.reason}
        if part.reason == "too_large":
            details |= {"bytes": str(part.size), "read": str(part.read)}
        yield _finding("KZ903", part.file, details, file=part.file, reason=reason, advice=advice)


def _mib(size: int) -> Text:
    value = f"{size / 2**20:.1f}"
    return Text(en=f"{value} MiB", kk=f"{value.replace('.', ',')} МиБ", ru=f"{value.replace('.', ',')} МиБ")


def _not_read_whole(part: Partial) -> tuple[Text, Text]:
    """Why a page was not read whole, and what to do about it, in every language."""
    from .sitescan import MAX_FILES

    if part.reason == "too_large":
        size, read = _mib(part.size), _mib(part.read)
        return (
            Text(en=f"it is {size.en}, and only the first {read.en} of a page are read",
                 kk=f"оның көлемі {size.kk}, ал беттің алғашқы {read.kk} ғана оқылады",
                 ru=f"его размер {size.ru}, а читаются только первые {read.ru} страницы"),
            Text(en="a smaller page is read whole: move inline data (data: images, large JSON) into separate files",
                 kk="кішірек бет толық оқылады: кірістірілген деректерді (data: суреттер, үлкен JSON) бөлек "
                    "файлдарға шығарыңыз",
                 ru="страница меньшего размера читается целиком: вынесите встроенные данные (data:-изображения, "
                    "большой JSON) в отдельные файлы"),
        )
    if part.reason == "unreadable":
        return (
            Text(en=f"it cannot be read ({part.error})", kk=f"оны оқу мүмкін емес ({part.error})",
                 ru=f"его не удалось прочитать ({part.error})"),
            Text(en="make it readable for the user who runs kzpolicy check",
                 kk="kzpolicy check іске қосатын пайдаланушыға оны оқуға рұқсат беріңіз",
                 ru="дайте пользователю, который запускает kzpolicy check, право читать файл"),
        )
    limit = Text(en=f"{MAX_FILES:,}", kk=f"{MAX_FILES:,}".replace(",", " "), ru=f"{MAX_FILES:,}".replace(",", " "))
    return (
        Text(en=f"the site has more than {limit.en} pages, and this one and those after it are not read",
             kk=f"сайтта {limit.kk} беттен көп, сондықтан осы бет және одан кейінгілер оқылмайды",
             ru=f"на сайте больше {limit.ru} страниц, поэтому эта и следующие страницы не прочитаны"),
        Text(en="scan the site in parts: --site with each of its folders",
             kk="сайтты бөліктермен тексеріңіз: --site параметріне оның әр қалтасын беріңіз",
             ru="проверьте сайт по частям: укажите в --site каждую его папку"),
    )


# --------------------------------------------------------------------------- entry points


def run_checks(answers: Answers, *, site: Path | None = None) -> list[Finding]:
    """Every finding for ``answers``, sorted by level, code and subject.

    ``site``: a directory with a built site; its *.html files are scanned for third-party
    scripts, pixels and iframes (see generator/sitescan.py). Raises InputError when it is
    not a directory."""
    facts = derive(answers)
    findings: dict[tuple[str, str], Finding] = {}
    for check in CHECKS:
        for finding in check(facts):
            findings.setdefault((finding.code, finding.subject), finding)
    if site is not None:
        from .sitescan import scan_site

        for finding in site_findings(facts, scan_site(site, load_catalog().services)):
            findings.setdefault((finding.code, finding.subject), finding)
    return sorted(findings.values(), key=Finding.sort_key)


def gate(answers: Answers, *, source: str, force: bool = False) -> list[Finding]:
    """The findings of a build: every finding of :func:`run_checks`; raises
    :class:`~generator.errors.ComplianceError` when there are error-level findings and the
    build is not forced."""
    findings = run_checks(answers)
    errors = [f for f in findings if f.level == "error"]
    if errors and not force:
        raise ComplianceError(source, errors, [f.line() for f in errors])
    return findings
