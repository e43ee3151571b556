"""The questions of `kzpolicy init`, as data.

Each :class:`Question` names the place in the answers file it fills (``id``, a dotted path
such as ``operator.bin`` or ``sites[0].kind``), its type, when it is asked (``when``, a
condition over the answers given so far), its default (often from the site kind in
``site_kinds.yaml``), its choices (from the catalogues, with their labels in the
interface language) and its Kazakh and Russian label and one-line help. Legal questions
carry ``law``, the article of Law No. 94-V that makes them necessary; the help cites it.

Validation is not repeated here: a value is checked by putting it into the answers so far
and running the one answers model (``generator.answers.validate_answers``); a BIN or IIN
is first parsed by ``generator.identifiers`` so that its error code can be explained in
Kazakh or Russian while it is typed. The English messages of the model are only mapped to
a message of the interface language.

This module is plain data and functions: no terminal, no questionary.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final, Literal

from .. import identifiers
from ..catalog import LegalForm, SiteKind, load_catalog
from ..errors import FieldProblem
from ..lang import Unit, language

UiLang = Literal["kk", "ru"]
QuestionType = Literal["text", "select", "checkbox", "confirm", "date", "number"]
Raw = dict[str, Any]
"""The answers as plain data (the shape of the answers file), possibly incomplete."""


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Final = _Missing()
"""A path that is not in the answers (as opposed to one set to ``None``)."""


@dataclass(frozen=True, slots=True)
class Msg:
    """A text of the interface in Kazakh and Russian."""

    kk: str
    ru: str

    def __call__(self, lang: str) -> str:
        return self.kk if lang == "kk" else self.ru


@dataclass(frozen=True, slots=True)
class Option:
    """One choice of a select or checkbox question: the value stored and its title."""

    value: Any
    title: str


@dataclass(frozen=True, slots=True)
class Section:
    """A part of the wizard that the review screen shows and lets the user edit."""

    id: str
    title: Msg
    paths: tuple[str, ...] = ()
    """Container keys of the answers file that open this section (for file comments)."""


Condition = Callable[[Raw], bool]
Options = Callable[[Raw, UiLang], list[Option]]
Default = Callable[[Raw], Any]
Note = Callable[[Raw, UiLang], "str | None"]
Validator = Callable[[Any, UiLang], "str | None"]


@dataclass(frozen=True)
class Question:
    """One question of the wizard."""

    id: str
    """The dotted path in the answers that the answer fills, e.g. ``operator.bin``."""
    type: QuestionType
    section: str
    label: Msg
    """The question as the user reads it."""
    short: Msg
    """A short name for the review screen."""
    help: Msg
    """One line of plain-language help; for legal questions, why it is asked."""
    law: str | None = None
    """The article of Law No. 94-V behind a legal question: "25(2)(10)" = Art. 25 para 2 sub 10."""
    when: Condition | None = None
    default: Any = None
    """A value, or a function of the answers so far."""
    options: Options | None = None
    validate: Validator | None = None
    """A check before the model: for BIN and IIN, the identifiers module with kk/ru messages."""
    error: Msg | None = None
    """What to say when the model refuses the value at ``id``."""
    also: tuple[str, ...] = ()
    """Further model paths whose problems belong to this question (e.g. a group rule)."""
    also_error: Msg | None = None
    optional: bool = False
    """An empty answer leaves the key out of the file."""
    bilingual: bool = False
    """Free text asked in Kazakh and in Russian (one string when both are the same)."""
    gate: bool = False
    """A yes/no that opens the optional part of the answers at ``id`` (no value of its own)."""
    live: bool = False
    """Check while typing (BIN, IIN)."""
    note: Note | None = None
    """Information shown before the question, computed from the answers so far."""


# --------------------------------------------------------------------------- paths

_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def split_path(path: str) -> list[str | int]:
    """``"sites[0].url"`` -> ``["sites", 0, "url"]``."""
    parts: list[str | int] = []
    for name, index in _PART.findall(path):
        parts.append(int(index) if index else name)
    return parts


def get_path(data: Any, path: str) -> Any:
    current = data
    for part in split_path(path):
        if isinstance(part, int):
            if not isinstance(current, list) or part >= len(current):
                return MISSING
            current = current[part]
        else:
            if not isinstance(current, dict) or part not in current:
                return MISSING
            current = current[part]
    return current


def set_path(data: Raw, path: str, value: Any) -> None:
    parts = split_path(path)
    current: Any = data
    for part, following in zip(parts, [*parts[1:], None], strict=True):
        last = following is None
        if isinstance(part, int):
            if not isinstance(current, list):
                raise TypeError(f"{path}: not a list at [{part}]")
            while len(current) <= part:
                current.append({} if not last else None)
            if last:
                current[part] = value
            else:
                if not isinstance(current[part], dict | list):
                    current[part] = [] if isinstance(following, int) else {}
                current = current[part]
        else:
            if not isinstance(current, dict):
                raise TypeError(f"{path}: not a mapping at {part!r}")
            if last:
                current[part] = value
            else:
                child = current.get(part)
                wanted = list if isinstance(following, int) else dict
                if not isinstance(child, wanted):
                    child = wanted()
                    current[part] = child
                current = child


def delete_path(data: Raw, path: str) -> None:
    parts = split_path(path)
    parent = get_path(data, _join(parts[:-1])) if len(parts) > 1 else data
    last = parts[-1]
    if isinstance(last, int):
        if isinstance(parent, list) and last < len(parent):
            del parent[last]
    elif isinstance(parent, dict):
        parent.pop(last, None)


def _join(parts: Sequence[str | int]) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def generic_path(path: str) -> str:
    """A path with every list index as ``[0]``: how a question names it."""
    return re.sub(r"\[\d+\]", "[0]", path)


# --------------------------------------------------------------------------- facts over the answers

STORE_KINDS = frozenset({"online_store", "marketplace", "food_delivery"})
"""Site kinds that deliver goods: only they are offered the delivery address and purpose."""

MINORS_KINDS = frozenset({"education", "medical", "mobile_app", "media"})
"""Site kinds where minors are likely users, so the wizard asks about them."""

COMMON_COUNTRIES = ("RU", "CN", "US", "TR", "DE", "AE", "KG", "UZ", "GB", "NL", "FI", "IE", "SG", "KR", "FR")


def legal_form(raw: Raw) -> LegalForm | None:
    value = get_path(raw, "operator.legal_form")
    return load_catalog().legal_forms.get(value) if isinstance(value, str) else None


def site_kind(raw: Raw) -> SiteKind | None:
    value = get_path(raw, "sites[0].kind")
    return load_catalog().site_kinds.get(value) if isinstance(value, str) else None


def _has(raw: Raw, path: str) -> bool:
    value = get_path(raw, path)
    return value is not MISSING and value is not None


def needs_bin(raw: Raw) -> bool:
    form = legal_form(raw)
    return form.identifier == "bin" if form is not None else _has(raw, "operator.bin")


def needs_iin(raw: Raw) -> bool:
    form = legal_form(raw)
    return form.identifier == "iin" if form is not None else _has(raw, "operator.iin")


def needs_responsible_person(raw: Raw) -> bool:
    form = legal_form(raw)
    if form is None:
        return _has(raw, "operator.responsible_person")
    return form.requires_responsible_person


def is_store(raw: Raw) -> bool:
    kind = get_path(raw, "sites[0].kind")
    return kind in STORE_KINDS


def minors_relevant(raw: Raw) -> bool:
    kind = get_path(raw, "sites[0].kind")
    return kind in MINORS_KINDS or get_path(raw, "data.minors") == "with_consent"


def has_marketing_purpose(raw: Raw) -> bool:
    purposes = get_path(raw, "purposes")
    catalog = load_catalog().purposes
    return isinstance(purposes, list) and any(
        isinstance(p, str) and p in catalog and catalog[p].marketing for p in purposes
    )


def gate_is_open(value: Any) -> bool:
    """An optional part is open when it is a mapping (``operator.bank``) or a non-empty list
    (``cross_border.transfers``); ``null``, ``[]`` or no key means closed."""
    return isinstance(value, dict) or (isinstance(value, list) and len(value) > 0)


def _gate_open(path: str) -> Condition:
    return lambda raw: gate_is_open(get_path(raw, path))


def _is_true(path: str) -> Condition:
    return lambda raw: get_path(raw, path) is True


def service_ids(raw: Raw) -> list[str]:
    out: list[str] = []
    services = get_path(raw, "services")
    for entry in services if isinstance(services, list) else []:
        if isinstance(entry, str):
            out.append(entry)
        elif isinstance(entry, dict) and isinstance(entry.get("id"), str):
            out.append(entry["id"])
    return out


def foreign_services(raw: Raw) -> list[tuple[str, str]]:
    """(country, service name) of every chosen service that processes data abroad."""
    out: list[tuple[str, str]] = []
    catalog = load_catalog().services
    for service_id in service_ids(raw):
        service = catalog.get(service_id)
        if service is not None and service.cross_border:
            out.append((service.country, service.name))
    services = get_path(raw, "services")
    for entry in services if isinstance(services, list) else []:
        if isinstance(entry, dict) and "id" not in entry:
            country = str(entry.get("country", "")).upper()
            if country and country != "KZ":
                out.append((country, str(entry.get("name", ""))))
    return out


def help_text(question: Question, lang: UiLang) -> str:
    text = question.help(lang)
    if question.law:
        text = f"{text} ({language(lang).cite(question.law)})"
    return text


YES = Msg("Иә", "Да")
NO = Msg("Жоқ", "Нет")
NOT_GIVEN = Msg("көрсетілмеген", "не указано")


# --------------------------------------------------------------------------- choices

def _legal_forms(raw: Raw, lang: UiLang) -> list[Option]:
    out = []
    for key, form in load_catalog().legal_forms.items():
        name = form.name.get(lang)
        abbr = form.abbr.get(lang) if form.abbr is not None else None
        title = f"{abbr} — {name}" if abbr and abbr != name else name[:1].upper() + name[1:]
        out.append(Option(key, title))
    return out


def _site_kinds(raw: Raw, lang: UiLang) -> list[Option]:
    return [Option(key, _capital(kind.label.get(lang))) for key, kind in load_catalog().site_kinds.items()]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _with_current(options: list[Option], raw: Raw, path: str, lang: UiLang) -> list[Option]:
    """Keep values already in the answers among the choices, even when they are not offered."""
    current = get_path(raw, path)
    values = current if isinstance(current, list) else ([] if current is MISSING or current is None else [current])
    known = [o.value for o in options]
    extra = [Option(v, str(v)) for v in values if v not in known]
    return options + extra


def _subjects(raw: Raw, lang: UiLang) -> list[Option]:
    items = load_catalog().subject_categories.items()
    return _with_current([Option(k, _capital(s.label.get(lang))) for k, s in items], raw, "data.subjects", lang)


def _data_options(groups: Callable[[str], bool], path: str) -> Options:
    def options(raw: Raw, lang: UiLang) -> list[Option]:
        store = is_store(raw)
        out = [
            Option(key, _capital(item.label.get(lang)))
            for key, item in load_catalog().data_categories.items()
            if groups(item.group) and (key != "delivery_address" or store)
        ]
        return _with_current(out, raw, path, lang)

    return options


def _purposes(raw: Raw, lang: UiLang) -> list[Option]:
    store = is_store(raw)
    out = [
        Option(key, _capital(item.label.get(lang)))
        for key, item in load_catalog().purposes.items()
        if key != "delivery" or store
    ]
    return _with_current(out, raw, "purposes", lang)


def _services(raw: Raw, lang: UiLang) -> list[Option]:
    catalog = load_catalog()
    order = list(catalog.service_categories)
    out = []
    for key, service in sorted(catalog.services.items(), key=lambda kv: (order.index(kv[1].category), kv[0])):
        category = catalog.service_categories[service.category].label.get(lang)
        out.append(Option(key, f"{service.name} — {category} ({language(lang).country(service.country)})"))
    current = get_path(raw, "services")
    for entry in current if isinstance(current, list) else []:
        # Entries written in the file (a service with its own list of data, a custom
        # service) are kept exactly as they are.
        if isinstance(entry, dict):
            service_id = entry.get("id")
            if isinstance(service_id, str) and service_id in catalog.services:
                out = [Option(entry, o.title) if o.value == service_id else o for o in out]
            else:
                name = entry.get("name", entry.get("id", "?"))
                out.append(Option(entry, f"{name} ({entry.get('country', '?')})"))
        elif entry not in catalog.services:
            out.append(Option(entry, str(entry)))
    return out


def _countries(first: Callable[[Raw], list[str]], path: str) -> Options:
    def options(raw: Raw, lang: UiLang) -> list[Option]:
        codes: list[str] = []
        for code in [*first(raw), *COMMON_COUNTRIES]:
            if code not in codes:
                codes.append(code)
        out = [Option(code, f"{language(lang).country(code)} ({code})") for code in codes]
        current = get_path(raw, path)
        if isinstance(current, str) and current.upper() not in codes:
            out.append(Option(current, f"{language(lang).country(current.upper())} ({current})"))
        return out

    return options


def _foreign_countries(raw: Raw) -> list[str]:
    return [country for country, _ in foreign_services(raw)]


def _transfer_data(raw: Raw, lang: UiLang) -> list[Option]:
    catalog = load_catalog().data_categories
    chosen: list[str] = []
    for path in ("data.collected", "data.technical", "data.special"):
        value = get_path(raw, path)
        chosen += [v for v in value if isinstance(v, str)] if isinstance(value, list) else []
    out = [Option(k, _capital(catalog[k].label.get(lang))) for k in chosen if k in catalog]
    return _with_current(out, raw, "cross_border.transfers[0].data", lang)


def _fixed(*items: tuple[Any, Msg]) -> Callable[[str], Options]:
    def make(path: str) -> Options:
        def options(raw: Raw, lang: UiLang) -> list[Option]:
            return _with_current([Option(value, title(lang)) for value, title in items], raw, path, lang)

        return options

    return make


def frequency_title(value: Any, lang: str) -> str:
    if not isinstance(value, dict):
        return NOT_GIVEN(lang) if value is None else str(value)
    count, per = value.get("count"), value.get("per")
    try:
        number = int(str(count))
    except ValueError:
        return str(value)
    if per not in ("day", "week", "month"):
        return str(value)
    return language(lang).frequency(number, per)


def _frequencies(raw: Raw, lang: UiLang) -> list[Option]:
    values: list[Any] = [
        None,
        {"count": 1, "per": "day"},
        {"count": 2, "per": "week"},
        {"count": 1, "per": "week"},
        {"count": 4, "per": "month"},
        {"count": 1, "per": "month"},
    ]
    out = [
        Option(v, Msg("шектемеймін (көрсетпеймін)", "не ограничиваю (не указывать)")(lang))
        if v is None
        else Option(v, frequency_title(v, lang))
        for v in values
    ]
    return _with_current(out, raw, "marketing.frequency", lang)


_UNITS: dict[str, Unit] = {"years": "year", "months": "month", "days": "day"}


def _period_title(value: Any, lang: str) -> str:
    if value == "purposes_achieved":
        return Msg("өңдеу мақсаттарына қол жеткізілгенге дейін", "до достижения целей обработки")(lang)
    if isinstance(value, dict) and len(value) == 1:
        [(unit, amount)] = value.items()
        try:
            number = int(str(amount))
        except ValueError:
            return str(value)
        if unit in _UNITS:
            return language(lang).count(number, _UNITS[unit])
    return str(value)


def _retention(raw: Raw, lang: UiLang) -> list[Option]:
    values: list[Any] = ["purposes_achieved", {"years": 1}, {"years": 3}, {"years": 5}]
    return _with_current([Option(v, _period_title(v, lang)) for v in values], raw, "retention.default", lang)


_MARKETING_CHANNELS = _fixed(
    ("email", Msg("Электрондық пошта", "Электронная почта")),
    ("sms", Msg("SMS", "SMS")),
    ("whatsapp", Msg("WhatsApp", "WhatsApp")),
    ("telegram", Msg("Telegram", "Telegram")),
    ("push", Msg("Push-хабарламалар", "Push-уведомления")),
    ("phone_call", Msg("Телефон қоңыраулары", "Телефонные звонки")),
)
_OPT_OUT = _fixed(
    ("unsubscribe_link", Msg("Хаттағы «Жазылымнан бас тарту» сілтемесі", "Ссылка «Отписаться» в письме")),
    ("reply_stop", Msg("STOP деп жауап жазу", "Ответ словом STOP")),
    ("account_settings", Msg("Жеке кабинеттегі баптаулар", "Настройки в личном кабинете")),
    ("email_request", Msg("Электрондық поштаға хат жазу", "Письмо на электронную почту")),
)
_CONSENT_METHODS = _fixed(
    ("checkbox", Msg("Сайттағы белгі (чекбокс)", "Отметка (чекбокс) на сайте")),
    ("written", Msg("Қағаз жүзінде жазбаша", "Письменно, на бумаге")),
    ("egov", Msg("Мемлекеттік сервис арқылы (eGov)", "Через государственный сервис (eGov)")),
    ("non_state_service", Msg("Мемлекеттік емес сервис арқылы", "Через негосударственный сервис")),
)
_MINORS = _fixed(
    ("not_directed", Msg("Жоқ, сайт кәмелетке толмағандарға арналмаған",
                         "Нет, сайт не предназначен для несовершеннолетних")),
    ("with_consent", Msg("Иә, заңды өкілдерінің (ата-анасының) келісімімен",
                         "Да, с согласия их законных представителей (родителей)")),
)
_LANGUAGES = _fixed(
    ("kk", Msg("Қазақ тілі", "Казахский")),
    ("ru", Msg("Орыс тілі", "Русский")),
)


# --------------------------------------------------------------------------- defaults by site kind

def _kind_default(field: str, fallback: Sequence[str] = ()) -> Default:
    def default(raw: Raw) -> Any:
        kind = site_kind(raw)
        values = list(getattr(kind, field)) if kind is not None else []
        return values or list(fallback)

    return default


def _default_subjects(raw: Raw) -> list[str]:
    values: list[str] = _kind_default("default_subjects", ("visitors",))(raw)
    if get_path(raw, "data.minors") == "with_consent" and "parents" not in values:
        values.append("parents")
    return values


def _default_minors(raw: Raw) -> str:
    kind = site_kind(raw)
    return "with_consent" if kind is not None and "parents" in kind.default_subjects else "not_directed"


def _default_transfer_country(raw: Raw) -> str:
    foreign = _foreign_countries(raw)
    return foreign[0] if foreign else COMMON_COUNTRIES[0]


def _none_chosen(raw: Raw) -> list[str]:
    return []


def _today(raw: Raw) -> str:
    return dt.date.today().isoformat()


def _cross_border_note(raw: Raw, lang: UiLang) -> str | None:
    foreign = foreign_services(raw)
    if not foreign:
        return Msg(
            "Таңдалған сервистердің бәрі дербес деректерді Қазақстанда өңдейді.",
            "Все выбранные сервисы обрабатывают персональные данные в Казахстане.",
        )(lang)
    by_country: dict[str, list[str]] = {}
    for country, name in foreign:
        by_country.setdefault(country, []).append(name)
    listing = "; ".join(f"{language(lang).country(c)} — {', '.join(names)}" for c, names in by_country.items())
    return Msg(
        f"Таңдалған сервистер дербес деректерді шетелге береді: {listing}. "
        "Бұл трансшекаралық беру саясатта өздігінен көрсетіледі.",
        f"Выбранные сервисы передают персональные данные за границу: {listing}. "
        "Эта трансграничная передача будет указана в политике автоматически.",
    )(lang)


# --------------------------------------------------------------------------- identifiers

_ID_NAMES = {"BIN": Msg("БСН", "БИН"), "IIN": Msg("ЖСН", "ИИН"), "IIN/BIN": Msg("ЖСН/БСН", "ИИН/БИН")}
_ID_GENITIVE = {"BIN": "БСН-нің", "IIN": "ЖСН-нің", "IIN/BIN": "ЖСН/БСН-нің"}
_ID_SOURCE = {
    "BIN": Msg("мемлекеттік тіркеу туралы анықтамадан", "из справки о государственной регистрации"),
    "IIN": Msg("жеке куәліктен", "из удостоверения личности"),
    "IIN/BIN": Msg("құжаттан", "из документа"),
}


def identifier_message(error: identifiers.IdentifierError, lang: str) -> str:
    """The Kazakh or Russian message for an IdentifierError, from its code and params."""
    p = error.params
    kind = p.get("kind", "IIN/BIN")
    name = _ID_NAMES.get(kind, _ID_NAMES["IIN/BIN"])(lang)
    genitive = _ID_GENITIVE.get(kind, name)
    source = _ID_SOURCE.get(kind, _ID_SOURCE["IIN/BIN"])(lang)
    messages: dict[str, Msg] = {
        "length": Msg(
            f"{name} {p.get('expected', '12')} цифрдан тұрады, қазір {p.get('length', '?')} цифр енгізілді",
            f"{name} состоит из {p.get('expected', '12')} цифр, сейчас введено: {p.get('length', '?')}",
        ),
        "not_digits": Msg(
            f"{p.get('position', '?')}-таңба «{p.get('character', '?')}» — цифр емес: тек 0–9 цифрларын теріңіз",
            f"Символ {p.get('position', '?')} «{p.get('character', '?')}» — не цифра: вводите только цифры 0–9",
        ),
        "never_issued": Msg(
            f"Мұндай {name} берілмейді: нөмірді {source} қайта көшіріңіз",
            f"Такой {name} не выдается: перепишите номер {source}",
        ),
        "check_digit": Msg(
            f"{genitive} соңғы (бақылау) цифры сәйкес келмейді — нөмірде қате бар: оны {source} қайта көшіріңіз",
            f"Не сходится последняя (контрольная) цифра {name} — в номере опечатка: перепишите его {source}",
        ),
        "bin_type": Msg(
            f"БСН-нің 5-цифры {p.get('digit', '?')}, ал ол 4, 5 немесе 6 болуы керек: бұл ЖСН емес пе?",
            f"5-я цифра БИН — {p.get('digit', '?')}, а должна быть 4, 5 или 6: возможно, это ИИН?",
        ),
        "bin_attribute": Msg(
            f"БСН-нің 6-цифры {p.get('digit', '?')}, ал ол 0, 1, 2 немесе 3 болуы керек: нөмірді {source} "
            "қайта көшіріңіз",
            f"6-я цифра БИН — {p.get('digit', '?')}, а должна быть 0, 1, 2 или 3: перепишите номер {source}",
        ),
        "bin_month": Msg(
            f"БСН-нің 3–4-цифрлары — тіркелген ай (01–12), ал мұнда {p.get('month', '?')}: нөмірді {source} "
            "қайта көшіріңіз",
            f"3–4-я цифры БИН — месяц регистрации (01–12), а здесь {p.get('month', '?')}: перепишите номер "
            f"{source}",
        ),
        "iin_century": Msg(
            f"ЖСН-нің 7-цифры {p.get('digit', '?')}, ал ол 1-ден 6-ға дейін болуы керек: бұл БСН емес пе?",
            f"7-я цифра ИИН — {p.get('digit', '?')}, а должна быть от 1 до 6: возможно, это БИН?",
        ),
    }
    return messages.get(error.code, Msg(str(error), str(error)))(lang)


def _identifier(parse: Callable[[str], object]) -> Validator:
    def validate(value: Any, lang: UiLang) -> str | None:
        try:
            parse(str(value))
        except identifiers.IdentifierError as exc:
            return identifier_message(exc, lang)
        return None

    return validate


# --------------------------------------------------------------------------- common messages

REQUIRED = Msg("Бұл сұраққа жауап беріңіз", "Ответьте на этот вопрос")
CHOOSE_ONE = Msg("Кемінде біреуін таңдаңыз", "Выберите хотя бы один вариант")
BAD_CHARACTER = Msg(
    "Мәтінде көрінбейтін басқару таңбасы бар: оны өшіріп, мәтінді қайта жазыңыз",
    "В тексте есть невидимый управляющий символ: удалите его и наберите текст заново",
)
TOO_LONG = Msg("Мәтін тым ұзын: 2000 таңбадан аспауы керек", "Текст слишком длинный: не больше 2000 символов")
INVALID = Msg("Жауап дұрыс емес", "Ответ не подходит")
TEXT_ERROR = Msg("Мәтінді жазыңыз", "Напишите текст")
EMAIL_ERROR = Msg(
    "Электрондық пошта мекенжайы дұрыс емес: толық жазыңыз, мысалы info@dalashop.kz",
    "Неверный адрес электронной почты: напишите его полностью, например info@dalashop.kz",
)
PHONE_ERROR = Msg(
    "Телефон нөмірі дұрыс емес: ел кодымен жазыңыз, мысалы +7 727 123 45 67",
    "Неверный номер телефона: напишите его с кодом страны, например +7 727 123 45 67",
)


# --------------------------------------------------------------------------- sections

SECTIONS: tuple[Section, ...] = (
    Section("operator", Msg("Оператор (сайт иесі)", "Оператор (владелец сайта)"), ("operator",)),
    Section(
        "responsible",
        Msg("Дербес деректерді өңдеуді ұйымдастыруға жауапты адам",
            "Лицо, ответственное за организацию обработки персональных данных"),
        ("operator.responsible_person",),
    ),
    Section("bank", Msg("Банк деректемелері", "Банковские реквизиты"), ("operator.bank",)),
    Section("site", Msg("Сайт", "Сайт"), ("sites",)),
    Section("data", Msg("Дербес деректер", "Персональные данные"), ("data",)),
    Section("purposes", Msg("Өңдеу мақсаттары", "Цели обработки"), ("purposes",)),
    Section("marketing", Msg("Жарнамалық таратылымдар", "Рекламные рассылки"), ("marketing",)),
    Section("services", Msg("Сервистер (үшінші тұлғалар)", "Сервисы (третьи лица)"), ("services",)),
    Section("cross_border", Msg("Трансшекаралық беру", "Трансграничная передача"), ("cross_border",)),
    Section("storage", Msg("Сақтау", "Хранение"), ("storage", "retention")),
    Section("consent", Msg("Келісім және автоматтандырылған шешімдер", "Согласие и автоматизированные решения"),
            ("consent", "automated_decisions")),
    Section("policy", Msg("Саясат туралы мәліметтер", "Сведения о политике"), ("policy",)),
)

SECTION_BY_ID: dict[str, Section] = {s.id: s for s in SECTIONS}


# --------------------------------------------------------------------------- the questions

_RP = "operator.responsible_person"
_T0 = "cross_border.transfers[0]"

QUESTIONS: tuple[Question, ...] = (
    # ------------------------------------------------------------ operator
    Question(
        "operator.legal_form", "select", "operator",
        label=Msg("Ұйымдық-құқықтық нысаныңыз қандай?", "Какая у вас организационно-правовая форма?"),
        short=Msg("Нысаны", "Форма"),
        help=Msg(
            "Осыған қарай БСН немесе ЖСН сұралады және жауапты адамды тағайындау қажеттігі анықталады.",
            "От нее зависит, нужен БИН или ИИН и нужно ли назначать ответственное лицо.",
        ),
        options=_legal_forms,
    ),
    Question(
        "operator.name", "text", "operator",
        label=Msg("Ұйымның атауы немесе кәсіпкердің тегі, аты, әкесінің аты",
                  "Наименование организации или ФИО предпринимателя"),
        short=Msg("Атауы", "Наименование"),
        help=Msg(
            "Нысанын жазбаңыз: «ЖШС Дала Маркет» емес, «Дала Маркет». Оператор саясатта және келісімде "
            "осы атаумен көрсетіледі.",
            "Без организационно-правовой формы: «Дала Маркет», а не «ТОО Дала Маркет». Под этим "
            "наименованием оператор указывается в политике и в согласии.",
        ),
        law="8(4)",
        error=TEXT_ERROR,
    ),
    Question(
        "operator.brand", "text", "operator",
        label=Msg("Сауда белгісі немесе дүкеннің атауы (міндетті емес)",
                  "Торговая марка или название магазина (необязательно)"),
        short=Msg("Сауда белгісі", "Торговая марка"),
        help=Msg("Мысалы, DalaShop. Жоқ болса немесе атауымен бірдей болса, бос қалдырыңыз.",
                 "Например, DalaShop. Если ее нет или она совпадает с наименованием, оставьте пустым."),
        optional=True,
        error=TEXT_ERROR,
    ),
    Question(
        "operator.bin", "text", "operator",
        label=Msg("БСН (бизнес-сәйкестендіру нөмірі)", "БИН (бизнес-идентификационный номер)"),
        short=Msg("БСН", "БИН"),
        help=Msg(
            "12 цифр, мемлекеттік тіркеу туралы анықтамадан көшіріңіз; соңғы цифры теру кезінде тексеріледі. "
            "Келісімде операторды анықтау үшін керек.",
            "12 цифр из справки о государственной регистрации; контрольная цифра проверяется при вводе. "
            "Нужен, чтобы указать оператора в согласии.",
        ),
        law="8(4)",
        when=needs_bin,
        validate=_identifier(identifiers.parse_bin),
        live=True,
    ),
    Question(
        "operator.iin", "text", "operator",
        label=Msg("ЖСН (жеке сәйкестендіру нөмірі)", "ИИН (индивидуальный идентификационный номер)"),
        short=Msg("ЖСН", "ИИН"),
        help=Msg(
            "Кәсіпкердің 12 цифрлы нөмірі, жеке куәліктен көшіріңіз; соңғы цифры теру кезінде тексеріледі. "
            "Келісімде операторды анықтау үшін керек.",
            "12 цифр ИИН предпринимателя из удостоверения личности; контрольная цифра проверяется при вводе. "
            "Нужен, чтобы указать оператора в согласии.",
        ),
        law="8(4)",
        when=needs_iin,
        validate=_identifier(identifiers.parse_iin),
        live=True,
    ),
    Question(
        "operator.address", "text", "operator",
        label=Msg("Заңды мекенжайы", "Юридический адрес"),
        short=Msg("Мекенжайы", "Адрес"),
        help=Msg(
            "Тіркеу құжаттарындағыдай: индекс, қала, көше, үй, кеңсе. Қазақша және орысша сұралады.",
            "Как в регистрационных документах: индекс, город, улица, дом, офис. Спрашивается на казахском "
            "и на русском.",
        ),
        bilingual=True,
        error=TEXT_ERROR,
    ),
    Question(
        "operator.email", "text", "operator",
        label=Msg("Байланысқа арналған электрондық пошта", "Электронная почта для связи"),
        short=Msg("Электрондық пошта", "Электронная почта"),
        help=Msg(
            "Дербес деректер субъектілері осы мекенжайға сұрау жібереді және келісімін кері қайтарып алады.",
            "На этот адрес субъекты персональных данных направляют запросы и отзыв согласия.",
        ),
        error=EMAIL_ERROR,
    ),
    Question(
        "operator.phone", "text", "operator",
        label=Msg("Байланыс телефоны", "Контактный телефон"),
        short=Msg("Телефон", "Телефон"),
        help=Msg("Ел кодымен, мысалы +7 727 123 45 67.", "С кодом страны, например +7 727 123 45 67."),
        error=PHONE_ERROR,
    ),
    Question(
        "operator.working_hours", "text", "operator",
        label=Msg("Жұмыс уақыты (міндетті емес)", "Часы работы (необязательно)"),
        short=Msg("Жұмыс уақыты", "Часы работы"),
        help=Msg("Мысалы: дүйсенбі – жұма, 09:00–18:00. Байланыс деректерінің жанында көрсетіледі.",
                 "Например: понедельник – пятница, 09:00–18:00. Указываются рядом с контактами."),
        optional=True,
        bilingual=True,
        error=TEXT_ERROR,
    ),
    # ------------------------------------------------------------ responsible person
    Question(
        f"{_RP}.name", "text", "responsible",
        label=Msg("Дербес деректерді өңдеуді ұйымдастыруға жауапты адамның тегі, аты, әкесінің аты",
                  "ФИО лица, ответственного за организацию обработки персональных данных"),
        short=Msg("Тегі, аты, әкесінің аты", "ФИО"),
        help=Msg(
            "Заңды тұлға мұндай адамды тағайындауға міндетті; ол саясатта аталады.",
            "Юридическое лицо обязано назначить такое лицо; оно называется в политике.",
        ),
        law="25(2)(10)",
        when=needs_responsible_person,
        bilingual=True,
        error=TEXT_ERROR,
    ),
    Question(
        f"{_RP}.position", "text", "responsible",
        label=Msg("Жауапты адамның лауазымы (міндетті емес)", "Должность ответственного лица (необязательно)"),
        short=Msg("Лауазымы", "Должность"),
        help=Msg("Мысалы: заң қызметінің басшысы.", "Например: руководитель юридической службы."),
        when=needs_responsible_person,
        optional=True,
        bilingual=True,
        error=TEXT_ERROR,
    ),
    Question(
        f"{_RP}.email", "text", "responsible",
        label=Msg("Жауапты адамның электрондық поштасы", "Электронная почта ответственного лица"),
        short=Msg("Электрондық пошта", "Электронная почта"),
        help=Msg(
            "Пошта немесе телефон — кемінде біреуі керек, субъектілер онымен байланыса алуы үшін. "
            "Бос қалдырсаңыз, телефон сұралады.",
            "Нужна почта или телефон — хотя бы что-то одно, чтобы субъекты могли с ним связаться. "
            "Если оставить пустым, спросим телефон.",
        ),
        when=needs_responsible_person,
        optional=True,
        error=EMAIL_ERROR,
    ),
    Question(
        f"{_RP}.phone", "text", "responsible",
        label=Msg("Жауапты адамның телефоны (поштасы болса, міндетті емес)",
                  "Телефон ответственного лица (необязательно, если указана почта)"),
        short=Msg("Телефон", "Телефон"),
        help=Msg("Ел кодымен, мысалы +7 727 123 45 67.", "С кодом страны, например +7 727 123 45 67."),
        when=needs_responsible_person,
        optional=True,
        error=PHONE_ERROR,
        also=(_RP,),
        also_error=Msg("Электрондық поштаны немесе телефонды көрсетіңіз: кемінде біреуі керек",
                       "Укажите почту или телефон: нужно хотя бы что-то одно"),
    ),
    # ------------------------------------------------------------ bank details (optional)
    Question(
        "operator.bank", "confirm", "bank",
        label=Msg("Саясатқа банк деректемелерін қосасыз ба?", "Добавить в политику банковские реквизиты?"),
        short=Msg("Банк деректемелері", "Банковские реквизиты"),
        help=Msg("Міндетті емес: олар деректемелер кестесінде көрсетіледі.",
                 "Необязательно: они указываются в таблице реквизитов."),
        default=False,
        gate=True,
    ),
    Question(
        "operator.bank.bank", "text", "bank",
        label=Msg("Банктің атауы", "Наименование банка"),
        short=Msg("Банк", "Банк"),
        help=Msg("Мысалы: «Kaspi Bank» АҚ.", "Например: АО «Kaspi Bank»."),
        when=_gate_open("operator.bank"),
        bilingual=True,
        error=TEXT_ERROR,
    ),
    Question(
        "operator.bank.iban", "text", "bank",
        label=Msg("ЖСК (IBAN)", "ИИК (IBAN)"),
        short=Msg("ЖСК", "ИИК"),
        help=Msg("KZ-тен басталатын 20 таңба; банктің анықтамасынан көшіріңіз.",
                 "20 знаков, начинается с KZ; скопируйте из справки банка."),
        when=_gate_open("operator.bank"),
        error=Msg("ЖСК дұрыс емес: KZ-тен басталатын 20 таңба, мысалы KZ86125KZT5004100100; оны банктің "
                  "анықтамасынан қайта көшіріңіз",
                  "Неверный ИИК: 20 знаков, начинается с KZ, например KZ86125KZT5004100100; скопируйте "
                  "его из справки банка заново"),
    ),
    Question(
        "operator.bank.bic", "text", "bank",
        label=Msg("Банктің БСК-сы (BIC)", "БИК банка (BIC)"),
        short=Msg("БСК", "БИК"),
        help=Msg("8 немесе 11 латын әрпі мен цифр, мысалы CASPKZKA.",
                 "8 или 11 латинских букв и цифр, например CASPKZKA."),
        when=_gate_open("operator.bank"),
        error=Msg("БСК — 8 немесе 11 латын әрпі мен цифр, мысалы CASPKZKA",
                  "БИК — 8 или 11 латинских букв и цифр, например CASPKZKA"),
    ),
    Question(
        "operator.bank.kbe", "text", "bank",
        label=Msg("Кбе — бенефициар коды (міндетті емес)", "Кбе — код бенефициара (необязательно)"),
        short=Msg("Кбе", "Кбе"),
        help=Msg("Екі цифр, мысалы 17.", "Две цифры, например 17."),
        when=_gate_open("operator.bank"),
        optional=True,
        error=Msg("Кбе — екі цифр, мысалы 17", "Кбе — две цифры, например 17"),
    ),
    # ------------------------------------------------------------ site
    Question(
        "sites[0].url", "text", "site",
        label=Msg("Сайттың мекенжайы", "Адрес сайта"),
        short=Msg("Мекенжайы", "Адрес"),
        help=Msg("Толық жазыңыз, мысалы https://dalashop.kz.", "Полностью, например https://dalashop.kz."),
        default="https://",
        error=Msg("Сайттың мекенжайын толық жазыңыз, мысалы https://dalashop.kz",
                  "Напишите адрес сайта полностью, например https://dalashop.kz"),
    ),
    Question(
        "sites[0].kind", "select", "site",
        label=Msg("Бұл қандай сайт?", "Что это за сайт?"),
        short=Msg("Сайттың түрі", "Вид сайта"),
        help=Msg(
            "Таңдауыңызға қарай келесі сұрақтарда деректер мен мақсаттар алдын ала белгіленеді.",
            "От выбора зависит, какие данные и цели будут заранее отмечены в следующих вопросах.",
        ),
        options=_site_kinds,
    ),
    # ------------------------------------------------------------ data
    Question(
        "data.minors", "select", "data",
        label=Msg("Сайтты кәмелетке толмағандар пайдалана ма?", "Пользуются ли сайтом несовершеннолетние?"),
        short=Msg("Кәмелетке толмағандар", "Несовершеннолетние"),
        help=Msg(
            "Кәмелетке толмағанның дербес деректерін өңдеуге келісімді оның заңды өкілі береді.",
            "Согласие на обработку персональных данных несовершеннолетнего дает его законный представитель.",
        ),
        law="7(1)",
        when=minors_relevant,
        default=_default_minors,
        options=_MINORS("data.minors"),
    ),
    Question(
        "data.subjects", "checkbox", "data",
        label=Msg("Кімнің дербес деректерін өңдейсіз?", "Чьи персональные данные вы обрабатываете?"),
        short=Msg("Субъектілер", "Субъекты"),
        help=Msg(
            "Дербес деректер субъектілерінің санаттары; сайт түріне қарай алдын ала белгіленді.",
            "Категории субъектов персональных данных; отмечены заранее по виду сайта.",
        ),
        default=_default_subjects,
        options=_subjects,
        error=CHOOSE_ONE,
    ),
    Question(
        "data.collected", "checkbox", "data",
        label=Msg("Пайдаланушылар сізге қандай дербес деректерді береді?",
                  "Какие персональные данные пользователи сообщают вам?"),
        short=Msg("Жиналатын деректер", "Собираемые данные"),
        help=Msg(
            "Мақсаттарыңызға керегін ғана белгілеңіз: бұл тізім келісімде және саясатта көрсетіледі.",
            "Отметьте только то, что нужно для ваших целей: этот перечень указывается в согласии и в политике.",
        ),
        law="8(4)",
        default=_kind_default("default_collected"),
        options=_data_options(lambda g: g not in ("technical", "special"), "data.collected"),
        error=CHOOSE_ONE,
    ),
    Question(
        "data.technical", "checkbox", "data",
        label=Msg("Сайт қандай деректерді автоматты түрде жинайды?", "Какие данные сайт собирает автоматически?"),
        short=Msg("Автоматты түрде жиналатын деректер", "Данные, собираемые автоматически"),
        help=Msg(
            "IP-мекенжай, cookie файлдары және т.б. — бұлар да дербес деректер.",
            "IP-адрес, файлы cookie и т. п. — это тоже персональные данные.",
        ),
        law="1(2)",
        default=_kind_default("default_technical", ("ip", "cookies", "browser", "access_time", "referrer")),
        options=_data_options(lambda g: g == "technical", "data.technical"),
    ),
    Question(
        "data.special", "checkbox", "data",
        label=Msg("Денсаулық туралы мәліметтерді немесе биометриялық деректерді жинайсыз ба?",
                  "Собираете ли вы сведения о здоровье или биометрические данные?"),
        short=Msg("Ерекше деректер", "Особые данные"),
        help=Msg(
            "Мұндай деректерді субъектінің келісімімен ғана өңдеуге болады. Жинамасаңыз, ештеңе белгілемеңіз.",
            "Такие данные можно обрабатывать только с согласия субъекта. Если не собираете, ничего не отмечайте.",
        ),
        law="7(1)",
        default=_none_chosen,
        options=_data_options(lambda g: g == "special", "data.special"),
    ),
    Question(
        "data.subjects_count", "number", "data",
        label=Msg("Базаңызда шамамен қанша адамның дербес деректері бар? (міндетті емес)",
                  "Данные скольких людей примерно хранятся в вашей базе? (необязательно)"),
        short=Msg("Субъектілер саны", "Число субъектов"),
        help=Msg("Цифрмен, мысалы 5000. Операторға қойылатын кейбір талаптар осы санға байланысты.",
                 "Цифрами, например 5000. От этого числа зависят некоторые требования к оператору."),
        law="25-1",
        optional=True,
        error=Msg("Санды цифрмен жазыңыз, мысалы 5000, немесе бос қалдырыңыз",
                  "Напишите число цифрами, например 5000, или оставьте пустым"),
    ),
    # ------------------------------------------------------------ purposes
    Question(
        "purposes", "checkbox", "purposes",
        label=Msg("Дербес деректерді не үшін өңдейсіз?", "Для чего вы обрабатываете персональные данные?"),
        short=Msg("Мақсаттар", "Цели"),
        help=Msg(
            "Деректер тек осы мақсаттарға қажетті және жеткілікті көлемде жиналады.",
            "Данные собираются только в объеме, необходимом и достаточном для этих целей.",
        ),
        law="12(1)",
        default=_kind_default("default_purposes"),
        options=_purposes,
        error=CHOOSE_ONE,
    ),
    # ------------------------------------------------------------ marketing
    Question(
        "marketing.channels", "checkbox", "marketing",
        label=Msg("Жарнамалық таратылымдарды қандай арналар арқылы жібересіз?",
                  "По каким каналам вы отправляете рекламные рассылки?"),
        short=Msg("Арналар", "Каналы"),
        help=Msg(
            "Таратылым тек субъектінің келісімімен жіберіледі, ол келісімін кез келген уақытта кері қайтарып "
            "ала алады.",
            "Рассылки отправляются только с согласия субъекта, и он может отозвать согласие в любое время.",
        ),
        law="8",
        when=has_marketing_purpose,
        default=["email"],
        options=_MARKETING_CHANNELS("marketing.channels"),
        error=CHOOSE_ONE,
    ),
    Question(
        "marketing.frequency", "select", "marketing",
        label=Msg("Таратылымды ең көп дегенде қаншалықты жиі жібересіз?",
                  "Как часто, самое большее, вы отправляете рассылки?"),
        short=Msg("Жиілігі", "Частота"),
        help=Msg("Саясатта жиіліктің шегі ретінде көрсетіледі.", "Указывается в политике как предельная частота."),
        when=has_marketing_purpose,
        default={"count": 1, "per": "week"},
        options=_frequencies,
    ),
    Question(
        "marketing.opt_out", "checkbox", "marketing",
        label=Msg("Адам таратылымнан қалай бас тарта алады?", "Как человек может отказаться от рассылки?"),
        short=Msg("Бас тарту тәсілдері", "Способы отказа"),
        help=Msg(
            "Кемінде бір тәсіл керек: таратылымнан бас тарту — келісімді кері қайтарып алу.",
            "Нужен хотя бы один способ: отказ от рассылки — это отзыв согласия.",
        ),
        law="8",
        when=has_marketing_purpose,
        default=["unsubscribe_link", "email_request"],
        options=_OPT_OUT("marketing.opt_out"),
        error=CHOOSE_ONE,
    ),
    # ------------------------------------------------------------ services
    Question(
        "services", "checkbox", "services",
        label=Msg("Қандай сервистерді пайдаланасыз?", "Какими сервисами вы пользуетесь?"),
        short=Msg("Сервистер", "Сервисы"),
        help=Msg(
            "Төлем, жеткізу, аналитика, мессенджерлер және т.б. Олар дербес деректерді алады, сондықтан "
            "үшінші тұлғалар ретінде келісімде және саясатта аталады.",
            "Оплата, доставка, аналитика, мессенджеры и т. п. Они получают персональные данные, поэтому "
            "называются в согласии и в политике как третьи лица.",
        ),
        law="8(4)",
        default=_none_chosen,
        options=_services,
    ),
    # ------------------------------------------------------------ cross-border transfer
    Question(
        "cross_border.transfers", "confirm", "cross_border",
        label=Msg("Дербес деректерді шетелге басқа жолмен де бересіз бе?",
                  "Передаете ли вы персональные данные за границу как-то еще?"),
        short=Msg("Басқа трансшекаралық беру", "Другая трансграничная передача"),
        help=Msg(
            "Мысалы, шетелдегі жеткізушіге немесе бас компанияға. Саясат деректер берілетін елдерді атауы керек.",
            "Например, зарубежному поставщику или головной компании. Политика должна назвать страны, "
            "куда передаются данные.",
        ),
        law="16",
        default=False,
        gate=True,
        note=_cross_border_note,
    ),
    Question(
        f"{_T0}.country", "select", "cross_border",
        label=Msg("Қай елге бересіз?", "В какую страну передаете?"),
        short=Msg("Ел", "Страна"),
        help=Msg("Деректерді алушы орналасқан ел.", "Страна, где находится получатель данных."),
        when=_gate_open("cross_border.transfers"),
        default=_default_transfer_country,
        options=_countries(_foreign_countries, f"{_T0}.country"),
    ),
    Question(
        f"{_T0}.recipient", "text", "cross_border",
        label=Msg("Алушы кім?", "Кто получатель?"),
        short=Msg("Алушы", "Получатель"),
        help=Msg("Ұйымның атауы, мысалы: Ali Trade Ltd.", "Наименование организации, например: Ali Trade Ltd."),
        when=_gate_open("cross_border.transfers"),
        error=TEXT_ERROR,
    ),
    Question(
        f"{_T0}.purpose", "text", "cross_border",
        label=Msg("Не үшін бересіз?", "Для чего передаете?"),
        short=Msg("Мақсаты", "Цель"),
        help=Msg("Мысалы: жеткізушіге тапсырыс беру.", "Например: заказ товара у поставщика."),
        when=_gate_open("cross_border.transfers"),
        bilingual=True,
        error=TEXT_ERROR,
    ),
    Question(
        f"{_T0}.data", "checkbox", "cross_border",
        label=Msg("Қандай деректер беріледі?", "Какие данные передаются?"),
        short=Msg("Деректер", "Данные"),
        help=Msg("Жоғарыда белгіленген деректердің ішінен.", "Из данных, отмеченных выше."),
        when=_gate_open("cross_border.transfers"),
        default=_none_chosen,
        options=_transfer_data,
        error=CHOOSE_ONE,
    ),
    # ------------------------------------------------------------ storage and retention
    Question(
        "storage.country", "select", "storage",
        label=Msg("Дербес деректер базасы қай елде сақталады?", "В какой стране хранится база персональных данных?"),
        short=Msg("Сақталатын елі", "Страна хранения"),
        help=Msg("Заң базаны Қазақстан аумағында сақтауды талап етеді.",
                 "Закон требует хранить базу на территории Казахстана."),
        law="12(2)",
        default="KZ",
        options=_countries(lambda raw: ["KZ"], "storage.country"),
    ),
    Question(
        "storage.hosting", "text", "storage",
        label=Msg("Хостинг-провайдер (міндетті емес)", "Хостинг-провайдер (необязательно)"),
        short=Msg("Хостинг", "Хостинг"),
        help=Msg("Мысалы: PS.kz, Hoster.KZ, QazCloud немесе провайдердің атауы.",
                 "Например: PS.kz, Hoster.KZ, QazCloud или название провайдера."),
        optional=True,
        error=TEXT_ERROR,
    ),
    Question(
        "storage.city", "text", "storage",
        label=Msg("Серверлер қай қалада? (міндетті емес)", "В каком городе серверы? (необязательно)"),
        short=Msg("Серверлер қаласы", "Город серверов"),
        help=Msg("Мысалы: Алматы.", "Например: Алматы."),
        optional=True,
        bilingual=True,
        error=TEXT_ERROR,
    ),
    Question(
        "retention.default", "select", "storage",
        label=Msg("Дербес деректерді қанша уақыт сақтайсыз?", "Как долго вы храните персональные данные?"),
        short=Msg("Сақтау мерзімі", "Срок хранения"),
        help=Msg(
            "Мерзімсіз сақтауға болмайды: мерзім өңдеу мақсаттарына қол жеткізілген күнмен анықталады.",
            "Хранить бессрочно нельзя: срок определяется датой достижения целей обработки.",
        ),
        law="12(2)",
        default="purposes_achieved",
        options=_retention,
    ),
    # ------------------------------------------------------------ consent and automated decisions
    Question(
        "consent.methods", "checkbox", "consent",
        label=Msg("Дербес деректерді өңдеуге келісімді қалай аласыз?",
                  "Как вы получаете согласие на обработку персональных данных?"),
        short=Msg("Келісім алу тәсілі", "Способ получения согласия"),
        help=Msg("Сайтта әдетте — белгі (чекбокс). Заң келісім берудің тәсілдерін белгілейді.",
                 "На сайте обычно — отметка (чекбокс). Закон определяет способы дачи согласия."),
        law="8(1)",
        default=["checkbox"],
        options=_CONSENT_METHODS("consent.methods"),
        error=CHOOSE_ONE,
    ),
    Question(
        "automated_decisions.used", "confirm", "consent",
        label=Msg("Адам туралы шешімді тек автоматты түрде, қызметкердің қатысуынсыз қабылдайсыз ба?",
                  "Принимаете ли вы решения о человеке только автоматически, без участия сотрудника?"),
        short=Msg("Автоматтандырылған шешімдер", "Автоматизированные решения"),
        help=Msg(
            "Мысалы, бөліп төлеуден автоматты түрде бас тарту. Бұл жағдайда саясат шешімнің қалай "
            "қабылданатынын сипаттауы керек.",
            "Например, автоматический отказ в рассрочке. Тогда политика должна описать, как принимается "
            "такое решение.",
        ),
        law="19-1",
        default=False,
    ),
    Question(
        "automated_decisions.logic", "text", "consent",
        label=Msg("Автоматты шешім қалай қабылданады және адам үшін не өзгертеді?",
                  "Как принимается автоматическое решение и что оно меняет для человека?"),
        short=Msg("Шешімнің логикасы", "Логика решения"),
        help=Msg("Қысқаша, қарапайым сөздермен.", "Коротко, простыми словами."),
        law="19-1",
        when=_is_true("automated_decisions.used"),
        bilingual=True,
        error=TEXT_ERROR,
    ),
    # ------------------------------------------------------------ the policy itself
    Question(
        "policy.city", "text", "policy",
        label=Msg("Саясат қай қалада бекітіледі?", "В каком городе утверждается политика?"),
        short=Msg("Қала", "Город"),
        help=Msg("Әдетте — оператор тіркелген қала.", "Обычно — город, где зарегистрирован оператор."),
        bilingual=True,
        error=TEXT_ERROR,
    ),
    Question(
        "policy.effective_date", "date", "policy",
        label=Msg("Саясат қай күннен бастап қолданылады?", "С какой даты действует политика?"),
        short=Msg("Қолданылу күні", "Дата вступления в силу"),
        help=Msg("КК.АА.ЖЖЖЖ түрінде, мысалы 01.09.2026.", "В виде ДД.ММ.ГГГГ, например 01.09.2026."),
        default=_today,
        error=Msg("Күнді КК.АА.ЖЖЖЖ түрінде жазыңыз, мысалы 01.09.2026",
                  "Напишите дату в виде ДД.ММ.ГГГГ, например 01.09.2026"),
    ),
    Question(
        "policy.version", "text", "policy",
        label=Msg("Саясаттың нұсқасы", "Версия политики"),
        short=Msg("Нұсқасы", "Версия"),
        help=Msg("Саясатты өзгерткен сайын арттырыңыз: 1.0, 1.1, 2.0.",
                 "Увеличивайте при каждом изменении политики: 1.0, 1.1, 2.0."),
        default="1.0",
        error=Msg("Нұсқа қысқа болуы керек, мысалы 1.0 немесе 2026-1",
                  "Версия должна быть короткой, например 1.0 или 2026-1"),
    ),
    Question(
        "policy.languages", "checkbox", "policy",
        label=Msg("Саясат қай тілдерде жасалады?", "На каких языках составить политику?"),
        short=Msg("Құжаттың тілдері", "Языки документа"),
        help=Msg("Бұл — құжаттың тілдері; олар сұрақтардың тіліне байланысты емес.",
                 "Это языки документа; они не зависят от языка вопросов."),
        default=["kk", "ru"],
        options=_LANGUAGES("policy.languages"),
        error=CHOOSE_ONE,
    ),
)

QUESTION_BY_ID: dict[str, Question] = {q.id: q for q in QUESTIONS}


# --------------------------------------------------------------------------- using the questions

def is_active(question: Question, raw: Raw) -> bool:
    return question.when is None or question.when(raw)


def default_of(question: Question, raw: Raw) -> Any:
    value = question.default
    return copy.deepcopy(value(raw) if callable(value) else value)


def options_of(question: Question, raw: Raw, lang: UiLang) -> list[Option]:
    return question.options(raw, lang) if question.options is not None else []


def same_value(a: Any, b: Any) -> bool:
    """Equal as answers: ``{count: "1"}`` read from a file is ``{count: 1}``."""
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same_value(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same_value(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, bool) or isinstance(b, bool) or a is None or b is None:
        return a is b
    return a == b or str(a) == str(b)


def title_of(question: Question, value: Any, raw: Raw, lang: UiLang) -> str:
    """How an answer reads on the review screen and in the file's comments."""
    if value is None or value is MISSING:
        return NOT_GIVEN(lang)
    if question.type == "confirm":
        return YES(lang) if value is True else NO(lang)
    if question.type == "checkbox":
        if not value:
            return "—"
        return "; ".join(option_title(question, item, raw, lang) for item in value)
    if question.type == "select":
        return option_title(question, value, raw, lang)
    if question.type == "date":
        return date_display(value)
    if isinstance(value, dict) and set(value) <= {"kk", "ru"}:
        texts = [str(value[lang_]) for lang_ in ("kk", "ru") if value.get(lang_) is not None]
        return " / ".join(dict.fromkeys(texts))
    return input_text(question, value, lang)


def option_title(question: Question, value: Any, raw: Raw, lang: UiLang) -> str:
    for option in options_of(question, raw, lang):
        if same_value(option.value, value):
            return option.title
    if question.id == "marketing.frequency":
        return frequency_title(value, lang)
    if question.id == "retention.default":
        return _period_title(value, lang)
    return str(value)


def canonical(question: Question, value: Any, raw: Raw) -> Any:
    """A value read from a file in the form the wizard offers it (``"1"`` -> ``1``)."""
    if question.type == "select":
        for option in options_of(question, raw, "kk"):
            if same_value(option.value, value):
                return copy.deepcopy(option.value)
    if question.type == "number" and isinstance(value, str) and value.strip().isdigit():
        return int(value)
    if question.type == "confirm" and not question.gate and isinstance(value, str):
        return {"true": True, "false": False}.get(value.lower(), value)
    return value


# ------------------------------------------------------------------ typed text -> value

_DMY = re.compile(r"^\s*(\d{1,2})[./-](\d{1,2})[./-](\d{4})\s*$")


def date_display(value: Any) -> str:
    """ISO 2026-09-01 -> 01.09.2026, as people in Kazakhstan write dates."""
    text = str(value)
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    return f"{match[3]}.{match[2]}.{match[1]}" if match else text


def parse_input(question: Question, text: str) -> Any:
    """The value of what the user typed: None for an empty answer; a number or an ISO date
    where the question asks for one (anything else is kept for the model to refuse)."""
    text = text.strip()
    if not text:
        return None
    if question.type == "number":
        digits = re.sub(r"[\s\u00a0\u202f]", "", text)
        return int(digits) if digits.isdigit() else text
    if question.type == "date":
        match = _DMY.match(text)
        if match:
            day, month, year = (int(g) for g in match.groups())
            try:
                return dt.date(year, month, day).isoformat()
            except ValueError:
                return text
        return text
    if question.id == "storage.hosting":
        # A catalogue hosting typed by its name is stored as its id (PS.kz -> ps_kz).
        for key, service in load_catalog().services.items():
            if service.category in ("hosting", "cloud") and text.lower() in (service.name.lower(), key):
                return key
    return text


def input_text(question: Question, value: Any, lang: UiLang) -> str:
    """How a stored value is shown as editable text in a prompt."""
    if value is None or value is MISSING:
        return ""
    if question.type == "date":
        return date_display(value)
    if isinstance(value, dict):
        return str(value.get(lang, value.get("kk", value.get("ru", ""))))
    if question.id == "storage.hosting":
        service = load_catalog().services.get(str(value))
        return service.name if service is not None else str(value)
    return str(value)


# ------------------------------------------------------------------ building the answers

def build_answers(base: Raw, values: Mapping[str, Any], *, draft: bool = False) -> Raw:
    """The answers file data: ``base`` (what a loaded file had) with the wizard's ``values``.

    Questions that do not apply (their ``when`` is false) remove their key, so changing the
    legal form from ЖШС to ЖК drops the BIN and the responsible person. Keys that no
    question asks about (extra sites, retention rules, custom services...) are kept. A
    draft also keeps empty answers as ``null`` (a closed optional part as ``null`` or
    ``[]``) so that resuming knows they were answered.
    """
    data: Raw = copy.deepcopy(base)
    for question in QUESTIONS:
        if not is_active(question, data):
            delete_path(data, question.id)
            continue
        if question.id not in values:
            continue
        value = copy.deepcopy(values[question.id])
        if question.gate:
            listed = question.id.endswith("transfers")
            if value:
                if not gate_is_open(get_path(data, question.id)):
                    set_path(data, question.id, [{}] if listed else {})
            elif draft:
                set_path(data, question.id, [] if listed else None)
            else:
                delete_path(data, question.id)
            continue
        if value is None:
            if draft:
                set_path(data, question.id, None)
            else:
                delete_path(data, question.id)
            continue
        set_path(data, question.id, value)
    if not draft:
        _prune(data)
    data.setdefault("schema_version", 1)
    return _ordered(data)


def _prune(data: Any) -> None:
    """Drop the mappings left empty by removed optional parts."""
    if isinstance(data, dict):
        for key in list(data):
            _prune(data[key])
            if isinstance(data[key], dict) and not data[key]:
                del data[key]


_TOP_ORDER = ("schema_version", "operator", "sites", "data", "purposes", "marketing", "services", "storage",
              "cross_border", "retention", "consent", "automated_decisions", "policy")


def _ordered(data: Raw) -> Raw:
    """Top-level keys in the order of the answers reference (unknown keys last)."""
    out = {key: data[key] for key in _TOP_ORDER if key in data}
    out.update({key: value for key, value in data.items() if key not in out})
    return out


def values_from(raw: Mapping[str, Any]) -> dict[str, Any]:
    """The wizard's values as they are in a loaded answers file or draft."""
    values: dict[str, Any] = {}
    data = dict(raw)
    for question in QUESTIONS:
        value = get_path(data, question.id)
        if value is MISSING:
            continue
        if question.gate:
            values[question.id] = gate_is_open(value)
        else:
            values[question.id] = canonical(question, value, data)
    return values


def model_problems(raw: Raw, *, across: bool = True) -> list[FieldProblem]:
    """Every problem the answers model finds in ``raw`` (English messages); with
    ``across=False`` without the checks across fields, which the review screen raises (the
    fix may lie in another question, e.g. minors with consent but no parents)."""
    from ..answers.model import validate_answers
    from ..errors import AnswersError

    try:
        validate_answers(raw)
    except AnswersError as exc:
        return [p for p in exc.problems if across or not p.across]
    return []


# The checks across fields (answers.FieldCheckError codes) in the interface's words.
ACROSS: Final[dict[str, Msg]] = {
    "iin_not_bin": Msg(
        "Бұл ұйымдық-құқықтық нысан БСН бойынша емес, ЖСН бойынша сәйкестендіріледі: нысанды немесе нөмірді тексеріңіз",
        "Эта организационно-правовая форма идентифицируется по ИИН, а не по БИН: проверьте форму или номер",
    ),
    "bin_not_iin": Msg(
        "Бұл ұйымдық-құқықтық нысан ЖСН бойынша емес, БСН бойынша сәйкестендіріледі: нысанды немесе нөмірді тексеріңіз",
        "Эта организационно-правовая форма идентифицируется по БИН, а не по ИИН: проверьте форму или номер",
    ),
    "joint_entrepreneur_bin": Msg(
        "Бірлескен кәсіпкерліктің БСН-нің бесінші цифры – 6: нөмірді немесе нысанды тексеріңіз",
        "У БИН совместного предпринимательства пятая цифра – 6: проверьте номер или форму",
    ),
    "marketing_needs_section": Msg(
        "Таратылымдар жіберу мақсаты таңдалған: «Жарнамалық таратылымдар» бөлімін толтырыңыз",
        "Выбрана цель – направление рассылок: заполните раздел «Рекламные рассылки»",
    ),
    "marketing_without_purpose": Msg(
        "«Жарнамалық таратылымдар» бөлімі толтырылған, бірақ бұл мақсат таңдалмаған: мақсатты қосыңыз "
        "немесе бөлімді тазартыңыз",
        "Раздел «Рекламные рассылки» заполнен, но такая цель не выбрана: добавьте цель или очистите раздел",
    ),
    "minors_need_parents": Msg(
        "Кәмелетке толмағандар Сайтты заңды өкілдерінің келісімімен пайдаланады: субъектілерге заңды "
        "өкілдерді қосыңыз немесе кәмелетке толмағандар туралы жауапты өзгертіңіз",
        "Несовершеннолетние пользуются Сайтом с согласия законных представителей: добавьте законных "
        "представителей в субъекты или измените ответ о несовершеннолетних",
    ),
    "retention_data_not_collected": Msg(
        "Сақтау мерзімінің ережесінде жиналмайтын деректер аталған: оларды жиналатын деректерге қосыңыз "
        "немесе ережеден алып тастаңыз",
        "В правиле о сроке хранения названы данные, которые не собираются: добавьте их в собираемые "
        "данные или уберите из правила",
    ),
    "service_twice": Msg("Сервис екі рет көрсетілген: біреуін қалдырыңыз", "Сервис указан дважды: оставьте один"),
    "parent_not_subdivision": Msg(
        "Бас ұйымды тек филиал немесе өкілдік көрсетеді: нысанды өзгертіңіз немесе бас ұйым туралы мәліметті алып "
        "тастаңыз",
        "Головную организацию указывают только филиал или представительство: измените форму или уберите сведения "
        "о головной организации",
    ),
    "third_party_sources_unused": Msg(
        "Деректерді беретін үшінші тұлғалар аталған, бірақ дереккөздер арасында үшінші тұлғалар жоқ: оларды "
        "қосыңыз немесе бұл мәліметті алып тастаңыз",
        "Названы третьи лица, передающие данные, но среди источников данных третьих лиц нет: добавьте их или "
        "уберите эти сведения",
    ),
    "published_not_collected": Msg(
        "Жарияланатын деректер жиналатын деректердің арасында жоқ: оларды жиналатын деректерге қосыңыз немесе "
        "жарияланатындардан алып тастаңыз",
        "Публикуемые данные не входят в собираемые: добавьте их в собираемые данные или уберите из публикуемых",
    ),
    "purpose_data_not_a_purpose": Msg(
        "Деректері көрсетілген мақсат таңдалған мақсаттардың арасында жоқ: мақсатты қосыңыз немесе жолды алып "
        "тастаңыз",
        "Для цели указаны данные, но сама цель не выбрана: добавьте цель или уберите эту строку",
    ),
    "purpose_data_not_collected": Msg(
        "Мақсатқа жиналмайтын деректер көрсетілген: оларды жиналатын деректерге қосыңыз немесе алып тастаңыз",
        "Для цели указаны данные, которые не собираются: добавьте их в собираемые данные или уберите",
    ),
}


def _under(path: str, root: str) -> bool:
    return path == root or path.startswith(root + ".") or path.startswith(root + "[")


def _localize(message: str, fallback: Msg, lang: UiLang) -> str:
    if message == "this field is required":
        return REQUIRED(lang)
    if "is empty" in message:
        return REQUIRED(lang)
    if any(word in message for word in ("control character", "bidirectional", "invisible character", "surrogate",
                                          "non-character")):
        return BAD_CHARACTER(lang)
    if "characters long; the limit" in message:
        return TOO_LONG(lang)
    return fallback(lang)


def check(question: Question, value: Any, raw: Raw, lang: UiLang) -> str | None:
    """None when ``value`` is a valid answer to ``question`` given the answers so far ``raw``;
    otherwise the message to show, in the interface language.

    The answers model decides: the value is put into a copy of the answers and validated
    with everything else; only the problems at this question's path count here (the rest
    belongs to other questions, or to the review screen)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if not question.optional:
            return REQUIRED(lang)
        if question.also:
            candidate = copy.deepcopy(raw)
            delete_path(candidate, question.id)
            for problem in model_problems(candidate, across=False):
                if problem.path in question.also:
                    return _localize(problem.message, question.also_error or INVALID, lang)
        return None
    if question.validate is not None:
        refused = question.validate(value, lang)
        if refused is not None:
            return refused
    candidate = copy.deepcopy(raw)
    set_path(candidate, question.id, value)
    fallback = question.error or (CHOOSE_ONE if question.type == "checkbox" else INVALID)
    also_problem: str | None = None
    for problem in model_problems(candidate, across=False):
        if _under(problem.path, question.id):
            return _localize(problem.message, fallback, lang)
        if problem.path in question.also and also_problem is None:
            also_problem = _localize(problem.message, question.also_error or fallback, lang)
    return also_problem


def sections_in_use(raw: Raw) -> list[Section]:
    """The sections that have at least one question that applies to these answers."""
    used = {q.section for q in QUESTIONS if is_active(q, raw)}
    return [s for s in SECTIONS if s.id in used]


def section_of_path(path: str) -> str | None:
    """The section whose question owns ``path`` (or a parent of it), for problems on review."""
    generic = generic_path(path)
    best: tuple[int, str] | None = None
    for question in QUESTIONS:
        if _under(generic, question.id) or _under(question.id, generic):
            score = len(question.id) if _under(generic, question.id) else -len(question.id)
            if best is None or score > best[0]:
                best = (score, question.section)
    return best[1] if best is not None else None


def summary(raw: Raw, lang: UiLang, effective: Raw | None = None) -> list[tuple[Section, list[tuple[str, str]]]]:
    """The review screen: for each section in use, (short label, answer) of every question that applies.

    ``effective`` (the validated answers as data, when they are valid) supplies what the
    policy will say for a question the file leaves to the model's default."""
    out: list[tuple[Section, list[tuple[str, str]]]] = []
    for section in sections_in_use(raw):
        rows: list[tuple[str, str]] = []
        for question in iter_section(section.id):
            if not is_active(question, raw):
                continue
            value = get_path(raw, question.id)
            if value is MISSING and effective is not None:
                value = get_path(effective, question.id)
            if question.gate:
                value = gate_is_open(value)
            rows.append((question.short(lang), title_of(question, value, raw, lang)))
        out.append((section, rows))
    return out


def iter_section(section_id: str) -> Iterator[Question]:
    return (q for q in QUESTIONS if q.section == section_id)
