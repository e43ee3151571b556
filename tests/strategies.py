"""Hypothesis strategies for property tests: valid answers dicts over the whole model.

``answers_dicts()`` draws plain data as an answers file or the wizard would give it (keys
left out so defaults apply, bare service ids, one string for both languages...), always
valid: every legal form with an identifier of the right structure and check digit, every
optional section on and off, and free text that is either realistic or hostile (template
syntax, HTML, Markdown, entities, joiners, very long values) but never a character the
model refuses (generator/answers/text.py). ``validated_answers()`` is the same through
``validate_answers``.
"""

from __future__ import annotations

import datetime as dt
import string
from functools import cache
from typing import Any

from hypothesis import strategies as st

from generator.answers.model import Answers, validate_answers
from generator.answers.text import invisible_character
from generator.catalog import load_catalog
from generator.identifiers import with_check_digit

CATALOG = load_catalog()

LEGAL_FORMS = tuple(sorted(CATALOG.legal_forms))
SITE_KINDS = tuple(sorted(CATALOG.site_kinds))
SUBJECTS = tuple(sorted(CATALOG.subject_categories))
PURPOSES = tuple(sorted(CATALOG.purposes))
MARKETING_PURPOSES = frozenset(k for k, p in CATALOG.purposes.items() if p.marketing)
SERVICES = tuple(sorted(CATALOG.services))
SERVICE_CATEGORIES = tuple(sorted(CATALOG.service_categories))
DATA = tuple(sorted(CATALOG.data_categories))
TECHNICAL = tuple(sorted(k for k, c in CATALOG.data_categories.items() if c.group == "technical"))
SPECIAL = tuple(sorted(k for k, c in CATALOG.data_categories.items() if c.group == "special"))
COLLECTED = tuple(sorted(k for k in DATA if k not in TECHNICAL and k not in SPECIAL))
HOSTING_IDS = tuple(sorted(k for k, s in CATALOG.services.items() if s.category in ("hosting", "cloud")))

COUNTRIES = ("KZ", "RU", "US", "DE", "CN", "TR", "AE", "UZ")
FOREIGN = tuple(c for c in COUNTRIES if c != "KZ")
CHANNELS = ("email", "sms", "whatsapp", "telegram", "push", "phone_call")
OPT_OUTS = ("unsubscribe_link", "reply_stop", "account_settings", "email_request")
CONSENT_METHODS = ("checkbox", "written", "egov", "non_state_service")

# --------------------------------------------------------------------------- free text

KAZAKH = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
RUSSIAN = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
_LETTERS = KAZAKH + KAZAKH.upper() + RUSSIAN.upper() + string.ascii_letters

REALISTIC = (
    "Дала Маркет",
    "Тест Маркет",
    "Алматы",
    "Астана",
    "Шымкент",
    "Алматы қ., Абай даңғылы, 1",
    "г. Алматы, пр. Абая, д. 10, офис 5",
    "Қазақстан Республикасы, Астана қ., Мәңгілік Ел даңғылы, 55/22, C4.2 блогы",
    "Әлиева Айгерім Серікқызы",
    "Иванов Иван Иванович",
    "деректерді қорғау жөніндегі офицер",
    "офицер по защите данных",
    "Steppe Analytics Ltd.",
    "Ким & партнёры",
    "Ромашка-2",
    "«Халық Банк» АҚ",
    "АО «Kaspi Bank»",
    "Пн–Пт, 09:00–18:00",
    "дүйсенбі–жұма, 9:00–18:00",
    "Салық кодексі, 48-бап",
    "Налоговый кодекс РК, статья 48",
    "скоринг заявки на рассрочку по данным анкеты",
    "өтінімді сауалнама деректері бойынша скорингтеу",
    'ООО "Склад"',
    "Служба доставки №1",
    "Өскемен",
    "Ақтөбе",
)

_WORD = st.text(alphabet=_LETTERS, min_size=1, max_size=12)
_FILLER = st.sampled_from((" ", " ", " ", ", ", " – ", "-", ". ", " № ", " & ", "/", " (", ") "))
_WORDS = st.tuples(_WORD, st.lists(st.tuples(_FILLER, _WORD | st.integers(1, 999).map(str)), max_size=6)).map(
    lambda t: t[0] + "".join(f + w for f, w in t[1])
)
_REALISTIC = (st.sampled_from(REALISTIC) | _WORDS).filter(lambda s: "None" not in s)


def realistic_text() -> st.SearchStrategy[str]:
    """Names, addresses and phrases an operator types: letters, digits, ordinary punctuation."""
    return _REALISTIC


HOSTILE_PIECES = (
    "{{ 7*7 }}",
    "{{ a.operator }}",
    "{% if true %}да{% endif %}",
    "{% raw %}",
    "{# comment #}",
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<img src=x onerror="alert(1)">',
    "<a href='javascript:alert(1)' onclick=alert(1)>нажми</a>",
    '</clause><clause id="x">',
    '<ref to="final"/>',
    "<b>жирный</b>",
    "<!-- c -->",
    "<![CDATA[x]]>",
    "*stars*",
    "**bold**",
    "_under_",
    "__dunder__",
    "# Заголовок",
    "## h2",
    "[x](javascript:alert(1))",
    "![img](https://evil.example/x.png)",
    "[ref]: https://evil.example",
    "<https://evil.example>",
    "1. Первый",
    "1) Второй",
    "- пункт",
    "+ плюс",
    "> цитата",
    "=====",
    "---",
    "| a | b |",
    "`code`",
    "```",
    "~~strike~~",
    "\\*not\\*",
    "\\",
    "&amp;",
    "&lt;script&gt;",
    "&#60;b&#62;",
    "&copy; & &",
    "\"double\" 'single' «ёлочки» „лапки“",
    "O'Reilly",
    "a\u200db",
    "👨\u200d👩\u200d👧",
    "e\u0301",  # NFC turns this into é
    "Å",  # U+212B: NFC turns it into U+00C5
    "ﬁ",
    "None",
    "null",
    "%s %(x)s {0}",
    "$(rm -rf /)",
    "'; DROP TABLE users; --",
    "Ә Ғ Қ Ң Ө Ұ Ү Һ І ә ғ қ ң ө ұ ү һ і",
    "Ёжик — «Ёж»",
    "tab\there",
    "new\nline",
    "nbsp\u00a0here",
    "line\u2028sep",
    "  leading and trailing  ",
)

# Every character the model accepts: no control characters (tab and newline become
# spaces), no surrogates, no U+FFFE/U+FFFF, no invisible format characters (category Cf:
# zero-width, BOM, soft hyphen, bidi marks and overrides, tags) or fillers that draw nothing.
_FILLERS = "\u034f\u115f\u1160\u3164\uffa0"
_ANY_CHAR = st.characters(
    codec="utf-8",
    exclude_categories=("Cs", "Cc", "Cf"),
    exclude_characters=_FILLERS + "\ufffe\uffff",
) | st.sampled_from("\t\n")


def _accepted(value: str) -> bool:
    # A cut through an emoji sequence leaves a bare zero width joiner, which the model refuses.
    return 0 < len(" ".join(value.split())) <= 2000 and invisible_character(value) is None


_PIECE = st.sampled_from(HOSTILE_PIECES)
_MIX = st.tuples(st.lists(_PIECE | _REALISTIC, min_size=1, max_size=5), st.sampled_from(("", " ", " ", "\n"))).map(
    lambda t: t[1].join(t[0])
)


def _stretch(size_and_pieces: tuple[int, list[str]]) -> str:
    size, pieces = size_and_pieces
    text = "".join(pieces)
    return (text * (size // len(text) + 1))[:size]


# 200 to 500 characters of hostile pieces, letters and arbitrary accepted characters.
_LONG = st.tuples(
    st.integers(200, 500),
    st.lists(
        _PIECE | st.text(alphabet=_LETTERS + " ", min_size=1, max_size=40) | st.text(alphabet=_ANY_CHAR, max_size=20),
        min_size=5,
        max_size=30,
    ).filter(lambda pieces: "".join(pieces)),
).map(_stretch)

_HOSTILE = (_PIECE | _MIX | st.text(alphabet=_ANY_CHAR, min_size=1, max_size=60) | _LONG).filter(_accepted)
_FREE = {False: _REALISTIC, True: _REALISTIC | _HOSTILE}


def hostile_text() -> st.SearchStrategy[str]:
    """Text that tries to become markup or template code, or to change as it travels."""
    return _HOSTILE


def free_text(hostile: bool = True) -> st.SearchStrategy[str]:
    return _FREE[hostile]


def _local(text: st.SearchStrategy[str]) -> st.SearchStrategy[Any]:
    return st.one_of(
        text,
        st.fixed_dictionaries({"kk": text, "ru": text}),
        st.fixed_dictionaries({"kk": text}),
        st.fixed_dictionaries({"ru": text}),
    )


_LOCAL = {hostile: _local(text) for hostile, text in _FREE.items()}


def local_text(hostile: bool = True) -> st.SearchStrategy[Any]:
    """LocalText as a user writes it: one string for both languages, both, or only one."""
    return _LOCAL[hostile]


# --------------------------------------------------------------------------- identifiers


def _complete(prefix10: str, eleventh: int) -> str:
    """Append an 11th digit and the check digit, skipping the never-issued prefixes.

    The 11th digit has weight 11 in the first pass (0 mod 11) and 2 in the second, so at
    most one choice of it leaves no check digit: the next digit is taken instead."""
    for step in range(10):
        try:
            return with_check_digit(f"{prefix10}{(eleventh + step) % 10}")
        except ValueError:
            continue
    raise AssertionError(f"no valid number starts with {prefix10}")


_DIGIT = st.integers(0, 9)


def _bin_from(parts: tuple[int, int, str, str, str, int]) -> str:
    yy, mm, kind, attribute, serial, eleventh = parts
    return _complete(f"{yy:02d}{mm:02d}{kind}{attribute}{serial}", eleventh)


def _bins(kinds: str) -> st.SearchStrategy[str]:
    return st.tuples(
        st.integers(0, 99),
        st.integers(1, 12),
        st.sampled_from(kinds),
        st.sampled_from("0123"),
        st.text(alphabet=string.digits, min_size=4, max_size=4),
        _DIGIT,
    ).map(_bin_from)


# A BIN: YYMM of registration, type (4 resident, 5 non-resident; 6 joint entrepreneur),
# attribute 0-3, serial, check digit.
_BINS = {False: _bins("45"), True: _bins("6")}


def bins(joint: bool = False) -> st.SearchStrategy[str]:
    return _BINS[joint]


_CENTURY_START = {"1": 1800, "2": 1800, "3": 1900, "4": 1900, "5": 2000, "6": 2000}


@st.composite
def _iins(draw: st.DrawFn) -> str:
    century_digit = draw(st.sampled_from("123456"))
    base = _CENTURY_START[century_digit]
    born = draw(st.dates(dt.date(base, 1, 1), dt.date(base + 99, 12, 31)))
    serial = draw(st.text(alphabet=string.digits, min_size=3, max_size=3))
    return _complete(f"{born:%y%m%d}{century_digit}{serial}", draw(_DIGIT))


_IINS = _iins()


def iins() -> st.SearchStrategy[str]:
    """An IIN: a real birth date YYMMDD and the century/sex digit 1-6 that matches it."""
    return _IINS


def _group(pair: tuple[str, str]) -> str:
    value, sep = pair
    return value if not sep else sep.join((value[:6], value[6:]))


def _spaced(number: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """Numbers as people paste them: sometimes in groups separated by spaces or hyphens."""
    return st.tuples(number, st.sampled_from(("", "", "", " ", "-", "\u00a0"))).map(_group)


_IDENTIFIERS = {"iin": _spaced(_IINS), "bin": _spaced(_BINS[False]), "ip_joint": _spaced(_BINS[True])}

# --------------------------------------------------------------------------- contacts

_EMAILS = st.tuples(
    st.from_regex(r"[a-z][a-z0-9]{0,10}(\.[a-z0-9]{1,6})?(\+[a-z0-9]{1,4})?", fullmatch=True),
    st.sampled_from(("test.kz", "dala-market.kz", "mail.ru", "gmail.com", "example.com", "дала.kz")),
    st.booleans(),
).map(lambda t: f"{t[0]}@{t[1]}".upper() if t[2] and t[1].isascii() else f"{t[0]}@{t[1]}")


def emails() -> st.SearchStrategy[str]:
    return _EMAILS


def _phone_shape(t: tuple[str, str, int]) -> str:
    p, r, style = t
    return (
        f"+7 {p} {r[:3]} {r[3:5]} {r[5:]}",
        f"8{p}{r}",
        f"+7({p}){r[:3]}-{r[3:5]}-{r[5:]}",
        f"+7{p}{r}",
    )[style]


_PHONES = st.tuples(
    st.sampled_from(("700", "701", "702", "705", "707", "708", "747", "771", "775", "776", "777", "778")),
    st.text(alphabet=string.digits, min_size=7, max_size=7),
    st.integers(0, 3),
).map(_phone_shape) | st.sampled_from(("+7 727 355 10 20", "+7 7172 12 34 56", "+7 495 123 45 67", "+49 30 12345678"))


def phones() -> st.SearchStrategy[str]:
    """Kazakhstan mobile numbers as people write them, and a few fixed-line and foreign ones."""
    return _PHONES


_HOSTS = st.from_regex(r"[a-z][a-z0-9-]{0,15}[a-z0-9]\.(kz|com|org|қаз)", fullmatch=True) | st.sampled_from(
    ("test.kz", "shop.test.kz", "дала.kz", "xn--80aaf.kz", "example.com:8443")
)
_PATHS = ("", "/", "/ru/", "/privacy?lang=kk", "/shop#top", "/path_(1)")
_HOSTILE_PATHS = ("/a?b=1&c=<x>", '/"onmouseover="alert(1)', "/*a*_b_", "/[x](y)", "/{{7*7}}", "/%3Cscript%3E")
_URLS = {
    hostile: st.tuples(
        st.sampled_from(("https://", "http://", "https://", "HTTPS://")),
        _HOSTS,
        st.sampled_from(_PATHS + (_HOSTILE_PATHS if hostile else ())),
    ).map("".join)
    for hostile in (False, True)
}


def urls(hostile: bool = True) -> st.SearchStrategy[str]:
    return _URLS[hostile]


def _iban(t: tuple[str, str, bool, bool]) -> str:
    bank, account, grouped, lower = t
    bban = bank + account
    numeric = "".join(str(int(ch, 36)) for ch in bban + "KZ00")
    iban = f"KZ{98 - int(numeric) % 97:02d}{bban}"
    if grouped:
        iban = " ".join(iban[i : i + 4] for i in range(0, 20, 4))
    return iban.lower() if lower else iban


_IBANS = st.tuples(
    st.text(alphabet=string.digits, min_size=3, max_size=3),
    st.text(alphabet=string.digits + string.ascii_uppercase, min_size=13, max_size=13),
    st.booleans(),
    st.booleans(),
).map(_iban)


def ibans() -> st.SearchStrategy[str]:
    """A Kazakhstan IBAN with correct check digits, sometimes grouped or in lower case."""
    return _IBANS


# --------------------------------------------------------------------------- helpers


@cache
def _sublist(items: tuple[str, ...], min_size: int = 0, max_size: int | None = None) -> Any:
    """A unique list in random order (order is meaningful in the answers)."""
    return st.lists(st.sampled_from(items), min_size=min_size, max_size=max_size, unique=True)


def _maybe(draw: st.DrawFn, target: dict[str, Any], key: str, strategy: st.SearchStrategy[Any]) -> None:
    """Set ``key`` or leave it out, so the model's default applies."""
    if draw(st.booleans()):
        target[key] = draw(strategy)


_PERIODS = st.one_of(
    st.integers(1, 75).map(lambda n: {"years": n}),
    st.integers(1, 600).map(lambda n: {"months": n}),
    st.integers(1, 3650).map(lambda n: {"days": n}),
)
_TERMS = st.just("purposes_achieved") | _PERIODS
_BICS = st.sampled_from(("HSBKKZKX", "CASPKZKA", "KCJBKZKX", "halykzka", "IRTYKZKAXXX"))
_KBE = st.sampled_from(("17", "19", " 14 "))
_FREQUENCY = st.fixed_dictionaries({"count": st.integers(1, 50), "per": st.sampled_from(("day", "week", "month"))})
_STORAGE_COUNTRY = st.sampled_from(("KZ", "KZ", "kz", *FOREIGN))
_HOSTING = {hostile: st.sampled_from(HOSTING_IDS) | text for hostile, text in _FREE.items()}
_TRANSFERS = {
    hostile: st.lists(
        st.fixed_dictionaries(
            {"country": st.sampled_from(FOREIGN), "recipient": loc, "purpose": loc, "data": _sublist(DATA, 1, 3)}
        ),
        max_size=2,
    )
    for hostile, loc in _LOCAL.items()
}
_CONSENT = st.fixed_dictionaries({"methods": _sublist(CONSENT_METHODS, 1)})
# Text only: an unquoted 2.10 would reach the model as the number 2.1, so numbers are refused.
_VERSIONS = st.from_regex(r"[0-9A-Za-z][0-9A-Za-z.\-]{0,19}", fullmatch=True) | st.sampled_from(("1.0", "2026-1"))
_SUBJECTS_COUNT = st.integers(0, 600_000) | st.integers(0, 10**9)
_DATES = st.dates(dt.date(2020, 1, 1), dt.date(2035, 12, 31))


# --------------------------------------------------------------------------- sections


@st.composite
def _operators(draw: st.DrawFn, hostile: bool) -> dict[str, Any]:
    form_id = draw(st.sampled_from(LEGAL_FORMS))
    form = CATALOG.legal_forms[form_id]
    loc = _LOCAL[hostile]
    operator: dict[str, Any] = {"legal_form": form_id, "name": draw(loc)}
    if form.identifier == "iin":
        operator["iin"] = draw(_IDENTIFIERS["iin"])
    else:
        operator["bin"] = draw(_IDENTIFIERS["ip_joint" if form_id == "ip_joint" else "bin"])
    operator["address"] = draw(loc)
    operator["email"] = draw(_EMAILS)
    operator["phone"] = draw(_PHONES)
    _maybe(draw, operator, "brand", loc)
    _maybe(draw, operator, "working_hours", loc)
    if form.requires_responsible_person or draw(st.booleans()):
        person: dict[str, Any] = {"name": draw(loc)}
        _maybe(draw, person, "position", loc)
        contact = draw(st.sampled_from(("email", "phone", "both")))
        if contact in ("email", "both"):
            person["email"] = draw(_EMAILS)
        if contact in ("phone", "both"):
            person["phone"] = draw(_PHONES)
        operator["responsible_person"] = person
    if draw(st.booleans()):
        bank: dict[str, Any] = {"bank": draw(loc), "iban": draw(_IBANS), "bic": draw(_BICS)}
        _maybe(draw, bank, "kbe", _KBE)
        operator["bank"] = bank
    if form.subdivision:  # a branch or representative office names the legal entity it belongs to
        parent: dict[str, Any] = {"name": draw(loc), "country": draw(st.sampled_from(("DE", "US", "KZ", "TR", "AE")))}
        _maybe(draw, parent, "registration", loc)
        _maybe(draw, parent, "address", loc)
        operator["parent"] = parent
    return operator


@st.composite
def _sites(draw: st.DrawFn, hostile: bool) -> list[dict[str, Any]]:
    out = []
    for _ in range(draw(st.integers(1, 3))):
        site: dict[str, Any] = {"url": draw(_URLS[hostile]), "kind": draw(st.sampled_from(SITE_KINDS))}
        _maybe(draw, site, "name", _LOCAL[hostile])
        out.append(site)
    return out


@st.composite
def _custom_services(draw: st.DrawFn, hostile: bool) -> dict[str, Any]:
    service: dict[str, Any] = {
        "name": draw(_FREE[hostile]),
        "country": draw(st.sampled_from((*COUNTRIES, "kz", "us"))),
        "category": draw(st.sampled_from(SERVICE_CATEGORIES)),
        "purpose": draw(_LOCAL[hostile]),
        "receives": draw(_sublist(DATA, 1, 4)),
    }
    _maybe(draw, service, "company", _FREE[hostile])
    return service


@st.composite
def _catalogue_services(draw: st.DrawFn) -> list[Any]:
    out: list[Any] = []
    for service_id in draw(_sublist(SERVICES, 0, 6)):
        shape = draw(st.integers(0, 3))
        if shape == 0:
            out.append(service_id)
        elif shape == 1:
            out.append({"id": service_id})
        else:
            # The data the service receives, narrowed or widened (any category is allowed).
            out.append({"id": service_id, "receives": draw(_sublist(DATA, 1, 4))})
    return out


_OPERATORS = {hostile: _operators(hostile) for hostile in (False, True)}
_SITES = {hostile: _sites(hostile) for hostile in (False, True)}
_CUSTOM = {hostile: st.lists(_custom_services(hostile), max_size=2) for hostile in (False, True)}
_CATALOGUE_SERVICES = _catalogue_services()


@st.composite
def _answers(draw: st.DrawFn, hostile: bool) -> dict[str, Any]:
    loc = _LOCAL[hostile]
    answers: dict[str, Any] = {}
    _maybe(draw, answers, "schema_version", st.just(1))
    answers["operator"] = draw(_OPERATORS[hostile])
    answers["sites"] = draw(_SITES[hostile])

    # Data ------------------------------------------------------------------------------
    minors = draw(st.sampled_from((None, "not_directed", "with_consent", "general_audience")))
    subjects = draw(_sublist(SUBJECTS, 1, 5))
    if minors == "with_consent" and "parents" not in subjects:
        subjects.insert(draw(st.integers(0, len(subjects))), "parents")
    collected = draw(_sublist(COLLECTED, 1, 8))
    data: dict[str, Any] = {"collected": collected}
    if subjects != ["visitors"] or draw(st.booleans()):
        data["subjects"] = subjects
    _maybe(draw, data, "technical", _sublist(TECHNICAL))
    _maybe(draw, data, "special", _sublist(SPECIAL))
    if minors is not None:
        data["minors"] = minors
    _maybe(draw, data, "subjects_count", _SUBJECTS_COUNT)
    sources = draw(_sublist(("subject", "state_systems", "third_parties"), 1))
    if sources != ["subject"] or draw(st.booleans()):
        data["sources"] = sources
    if "third_parties" in sources:
        data["third_party_sources"] = draw(loc)
    if draw(st.booleans()):
        data["published"] = draw(_sublist(tuple(collected), 0, 2))
    answers["data"] = data

    # Purposes, with a marketing section exactly when a marketing purpose is chosen --------
    purposes = draw(_sublist(PURPOSES, 1, 7))
    answers["purposes"] = purposes
    if draw(st.integers(0, 3)) == 0:  # the answers narrow the data of one purpose
        answers["purpose_data"] = {draw(st.sampled_from(purposes)): draw(_sublist(tuple(collected), 1, 3))}
    if MARKETING_PURPOSES & set(purposes):
        marketing: dict[str, Any] = {"channels": draw(_sublist(CHANNELS, 1))}
        _maybe(draw, marketing, "frequency", _FREQUENCY)
        _maybe(draw, marketing, "opt_out", _sublist(OPT_OUTS, 1))
        answers["marketing"] = marketing

    # Services: catalogue choices and custom ones, interleaved ------------------------------
    services = draw(_CATALOGUE_SERVICES) + draw(_CUSTOM[hostile])
    if services or draw(st.booleans()):
        answers["services"] = draw(st.permutations(services))

    # Storage and transfers ----------------------------------------------------------------
    if draw(st.booleans()):
        storage: dict[str, Any] = {}
        _maybe(draw, storage, "country", _STORAGE_COUNTRY)
        _maybe(draw, storage, "hosting", _HOSTING[hostile])
        _maybe(draw, storage, "city", loc)
        answers["storage"] = storage
    if draw(st.booleans()):
        answers["cross_border"] = {"transfers": draw(_TRANSFERS[hostile])}

    # Retention: rules only over the data the operator collects ----------------------------
    if draw(st.booleans()):
        retention: dict[str, Any] = {}
        _maybe(draw, retention, "default", _TERMS)
        rules = []
        for _ in range(draw(st.integers(0, 2))):
            rule: dict[str, Any] = {"data": draw(_sublist(tuple(collected), 1, 3)), "term": draw(_TERMS)}
            _maybe(draw, rule, "basis", loc)
            rules.append(rule)
        if rules or draw(st.booleans()):
            retention["rules"] = rules
        answers["retention"] = retention

    # Consent, automated decisions, policy ---------------------------------------------------
    _maybe(draw, answers, "consent", _CONSENT)
    automated = draw(st.integers(0, 4))
    if automated == 1:
        answers["automated_decisions"] = False
    elif automated == 2:
        answers["automated_decisions"] = {"used": False}
        _maybe(draw, answers["automated_decisions"], "logic", loc)
    elif automated >= 3:
        answers["automated_decisions"] = {"used": True, "logic": draw(loc)}

    date = draw(_DATES)
    policy: dict[str, Any] = {"city": draw(loc), "effective_date": date.isoformat() if draw(st.booleans()) else date}
    _maybe(draw, policy, "version", _VERSIONS)
    _maybe(draw, policy, "claim_days", st.integers(1, 90))
    _maybe(draw, policy, "languages", _sublist(("kk", "ru", "en"), 1))
    answers["policy"] = policy
    return answers


_ANSWERS = {hostile: _answers(hostile) for hostile in (False, True)}


def answers_dicts(*, hostile: bool = True) -> st.SearchStrategy[dict[str, Any]]:
    """A valid answers dict. ``hostile=False`` keeps every free text realistic; otherwise
    each free text is realistic or hostile."""
    return _ANSWERS[hostile]


_VALIDATED = {hostile: strategy.map(validate_answers) for hostile, strategy in _ANSWERS.items()}


def validated_answers(*, hostile: bool = True) -> st.SearchStrategy[Answers]:
    """``answers_dicts()`` through ``validate_answers``: the Answers model itself."""
    return _VALIDATED[hostile]
