"""The answers model: everything an operator tells kzpolicy about itself.

One model for every way in (answers file, wizard, Python dict, site plugins). Values are
validated and normalized here once; nothing downstream re-validates them.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import pathlib
import re
from collections.abc import Iterable
from functools import cache
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    ValidationError,
    field_validator,
    model_serializer,
    model_validator,
)

from .. import identifiers
from .. import lang as lang_codes
from ..catalog import Catalog, load_catalog
from ..errors import AnswersError, FieldProblem
from ..lang import Period as LangPeriod
from ..lang.cldr import country_codes
from .source import Parsed, Path, decode, format_path, parse_text
from .text import clean_text, invisible_character

SCHEMA_VERSION = 1
LANGUAGES = lang_codes.LANGUAGES
Lang = lang_codes.Lang


class FieldCheckError(ValueError):
    """A check across fields, raised by a model validator, that belongs to one field:
    ``at`` is its path inside the model being validated, so the message names that field
    (and its line) instead of the whole section. ``code`` names the check for translations
    (the wizard's review); ``across`` is false for a field that the other answers make
    required, which the wizard then asks like any required field."""

    def __init__(self, code: str, at: tuple[str | int, ...], message: str, *, across: bool = True) -> None:
        super().__init__(message)
        self.code = code
        self.at = at
        self.across = across


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, defer_build=True)

    @model_validator(mode="before")
    @classmethod
    def _values_are_what_they_say(cls, value: Any) -> Any:
        """Strict types for every scalar field, whatever the source: pydantic's lax mode would
        read ``true`` as the number 1 (``claim_days: true`` → "1 day") and a phone written as a
        list would reach its parser as "['+7…']". YAML plain scalars arrive as strings (the
        source keeps them so), so "30" stays a number's text; what is refused is a value of
        another kind: a yes/no, a list or a mapping where one number or one text is meant, a
        JSON number where text is meant. Text is also checked for invisible characters here,
        in every field (ids, addresses, e-mails included), before any parser sees it."""
        if not isinstance(value, dict):
            return value
        value = dict(value)
        for name, info in cls.model_fields.items():
            if name not in value:
                continue
            kinds = _scalar_kinds(info.annotation)
            given = value[name]
            if given is None and kinds is not None and not _takes_none(info.annotation):
                raise FieldCheckError("wrong_type", (name,), "is empty: write the value", across=False)
            if kinds is not None and given is not None:
                problem = _wrong_kind(given, kinds)
                if problem is not None:
                    raise FieldCheckError("wrong_type", (name,), problem, across=False)
                if int in kinds and isinstance(given, str):
                    value[name] = given = _whole_number(name, given)
            if isinstance(given, str):
                invisible = invisible_character(given)
                if invisible is not None:
                    raise FieldCheckError("invisible_character", (name,), invisible, across=False)
        return value


_GROUPED_DIGITS = re.compile(r"[+-]?\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+|[+-]?\d+")


def _whole_number(name: str, text: str) -> str:
    """A whole number as YAML gives it (text): digits, maybe grouped by spaces as people write
    40 000; anything else is refused here with a plain message, not pydantic's."""
    stripped = text.strip()
    if _GROUPED_DIGITS.fullmatch(stripped):
        return re.sub(r"[ \u00a0\u202f\u2009]", "", stripped)
    raise FieldCheckError(
        "wrong_type", (name,), f"is {stripped!r}, but a whole number is expected here: write it in digits",
        across=False,
    )


def _takes_none(annotation: Any) -> bool:
    import types
    import typing

    origin = typing.get_origin(annotation)
    if origin is Annotated:
        return _takes_none(typing.get_args(annotation)[0])
    return origin in (typing.Union, types.UnionType) and type(None) in typing.get_args(annotation)


def _scalar_kinds(annotation: Any) -> frozenset[type] | None:
    """The scalar types a field takes (``int | None`` → {int}); None when the field also takes
    a list, a mapping, a model or a literal choice, which pydantic checks strictly itself."""
    import types
    import typing

    origin = typing.get_origin(annotation)
    if origin is Annotated:
        return _scalar_kinds(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        kinds: set[type] = set()
        for arg in typing.get_args(annotation):
            if arg is type(None):
                continue
            found = _scalar_kinds(arg)
            if found is None:
                return None
            kinds |= found
        return frozenset(kinds)
    if annotation in (str, int, bool, dt.date):
        return frozenset({annotation})
    return None


_KIND_NAMES = {str: "text", int: "a whole number", bool: "true or false", dt.date: "a date such as 2026-09-01"}


def _wrong_kind(value: Any, kinds: frozenset[type]) -> str | None:
    wanted = " or ".join(_KIND_NAMES[k] for k in sorted(kinds, key=lambda k: list(_KIND_NAMES).index(k)))
    if isinstance(value, bool):
        if bool in kinds:
            return None
        return f"is {str(value).lower()}, a yes/no answer, but {wanted} is expected here"
    if isinstance(value, list):
        return f"is a list, but {wanted} is expected here: write one value, without [ ] or '- '"
    if isinstance(value, dict):
        return f"is a mapping of keys, but {wanted} is expected here: write one value, without 'key:'"
    if isinstance(value, int | float) and kinds == {dt.date}:
        return f"is the number {value}, but a date is expected here: write it as 2026-09-01"
    if isinstance(value, int | float) and int not in kinds:
        return f"is the number {value}, but {wanted} is expected here: write it in quotes, \"{value}\""
    if isinstance(value, float) and not value.is_integer():
        return f"is {value}, but a whole number is expected here"
    return None


# --------------------------------------------------------------------------- free text


class LocalText(_Model):
    """Free text a user types, per language. One string in the file means the same in every
    language; ``{kk: ..., ru: ...}`` gives each its own (``en`` for the English translation).

    A language left out falls back: Kazakh and Russian to each other (proper names and
    addresses are usually the same in both), English to Russian, then Kazakh; ``check``
    says where a value typed in one language lands in another language's text."""

    kk: str
    ru: str
    en: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value: Any) -> Any:
        if isinstance(value, str):
            return {"kk": value, "ru": value}
        if isinstance(value, dict):
            keys = set(value)
            if keys and keys <= {"kk", "ru", "en"} and keys & {"kk", "ru"}:
                only = value.get("kk", value.get("ru"))
                filled = {"kk": value.get("kk", only), "ru": value.get("ru", only)}
                if "en" in value:
                    filled["en"] = value["en"]
                return filled
            if keys == {"en"}:
                return {"kk": value["en"], "ru": value["en"], "en": value["en"]}
            return value
        if value is None:
            raise ValueError("is empty: write the text")
        problem = _wrong_kind(value, frozenset({str}))
        if problem is not None:
            raise ValueError(problem)
        return value

    @field_validator("kk", "ru", "en")
    @classmethod
    def _clean(cls, value: str | None) -> str | None:
        return clean_text(value) if value is not None else None

    def get(self, lang: str) -> str:
        """The text in ``lang`` (with the fallbacks above)."""
        if lang == "en":
            return self.en if self.en is not None else self.ru
        text: str = getattr(self, lang)
        return text

    def given(self, lang: str) -> bool:
        """Whether the answers give this language's text itself (not a fallback)."""
        return lang != "en" or self.en is not None

    def __call__(self, lang: str) -> str:
        return self.get(lang)

    @model_serializer(mode="plain")
    def _dump(self) -> str | dict[str, str]:
        if self.kk == self.ru and self.en in (None, self.kk):
            return self.kk
        out = {"kk": self.kk, "ru": self.ru}
        if self.en is not None:
            out["en"] = self.en
        return out


def _clean_one_line(value: str) -> str:
    return clean_text(value)


Line = Annotated[str, AfterValidator(_clean_one_line)]


# --------------------------------------------------------------------------- contacts


def _email(value: str) -> str:
    from email_validator import EmailNotValidError, validate_email

    try:
        return validate_email(value, check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise ValueError(f"{value!r} is not a valid e-mail address ({exc})") from None


def _phone(value: Any) -> str:
    import phonenumbers

    text = str(value).strip()
    try:
        number = phonenumbers.parse(text, "KZ")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise ValueError(
            f"{text!r} is not a valid phone number: write it with the country code, "
            "e.g. +7 727 123 45 67"
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)


def _url(value: str) -> str:
    # pydantic_core's URL parser is what pydantic's HttpUrl runs; called directly it needs no
    # schema. The scheme (http/https) is checked by _URL; 2083 is HttpUrl's length limit.
    from pydantic_core import Url

    value = value.strip()
    if not _URL.match(value):
        raise ValueError(f"{value!r} is not a web address: write it in full, e.g. https://example.kz")
    scheme, rest = value.split("://", 1)
    value = f"{scheme.lower()}://{rest}"  # HTTPS:// links as https:// in every format
    try:
        parsed = Url(value)
    except ValidationError:
        parsed = None
    if parsed is None or not parsed.host or len(value) > 2083:
        raise ValueError(f"{value!r} is not a valid web address")
    if parsed.username or parsed.password:
        # https://shop.kz@evil.example/ opens evil.example: the part before @ is a user name
        raise ValueError(
            f"{value!r} has a user name before '@', so it opens {parsed.host}, not the site it "
            "seems to name: write the address without the part before '@'"
        )
    return value


Email = Annotated[str, AfterValidator(_email)]
Phone = Annotated[str, BeforeValidator(_phone)]
Url = Annotated[str, AfterValidator(_url)]
Country = Annotated[str, AfterValidator(lambda v: _country(v))]


def _country(value: str) -> str:
    code = value.strip().upper()
    if code not in country_codes():
        raise ValueError(
            f"{value!r} is not an ISO 3166 country code: use two letters such as KZ, RU, US, DE"
        )
    return code


# --------------------------------------------------------------------------- catalogue ids


def _did_you_mean(value: str, choices: Iterable[str]) -> str:
    options = sorted(choices)
    close = difflib.get_close_matches(value, options, n=1, cutoff=0.6)
    if close:
        return f"did you mean {close[0]!r}?"
    return "choose one of: " + ", ".join(options)


def _catalog_id(kind: str, attr: str, group: str | None = None, exclude_group: tuple[str, ...] = ()) -> Any:
    @cache
    def allowed_ids() -> frozenset[str]:
        items: dict[str, Any] = getattr(load_catalog(), attr)
        return frozenset(
            key
            for key, item in items.items()
            if (group is None or getattr(item, "group", None) == group)
            and getattr(item, "group", None) not in exclude_group
        )

    def check(value: str) -> str:
        allowed = allowed_ids()
        if value not in allowed:
            raise ValueError(f"unknown {kind} {value!r}: {_did_you_mean(value, allowed)}")
        return value

    return AfterValidator(check)


LegalFormId = Annotated[str, _catalog_id("legal form", "legal_forms")]
SiteKindId = Annotated[str, _catalog_id("site kind", "site_kinds")]
SubjectId = Annotated[str, _catalog_id("data subject category", "subject_categories")]
PurposeId = Annotated[str, _catalog_id("purpose", "purposes")]
ServiceId = Annotated[str, _catalog_id("service", "services")]
ServiceCategoryId = Annotated[str, _catalog_id("service category", "service_categories")]
DataId = Annotated[str, _catalog_id("personal data category", "data_categories")]
CollectedId = Annotated[
    str, _catalog_id("personal data category", "data_categories", exclude_group=("technical", "special"))
]
TechnicalId = Annotated[str, _catalog_id("technical data category", "data_categories", group="technical")]
SpecialId = Annotated[str, _catalog_id("special data category", "data_categories", group="special")]


def _unique(values: list[Any]) -> list[Any]:
    seen: set[str] = set()
    for value in values:
        key = repr(value)
        if key in seen:
            raise ValueError(f"{value!r} is listed twice: keep one")
        seen.add(key)
    return values


def UniqueList(item: Any, *, min_length: int = 0) -> Any:  # noqa: N802 - reads as a type
    return Annotated[list[item], Field(min_length=min_length), AfterValidator(_unique)]


# --------------------------------------------------------------------------- sections


class ResponsiblePerson(_Model):
    """The person responsible for organizing the processing of personal data (Art. 25(3))."""

    name: LocalText
    position: LocalText | None = None
    email: Email | None = None
    phone: Phone | None = None

    @model_validator(mode="after")
    def _contact(self) -> ResponsiblePerson:
        if self.email is None and self.phone is None:
            raise ValueError("give an e-mail or a phone so data subjects can reach this person")
        return self


class BankDetails(_Model):
    bank: LocalText
    iban: str = Field(description="ЖСК/ИИК: the 20-character Kazakhstan IBAN, e.g. KZ86125KZT5004100100")
    bic: str = Field(description="БСК/БИК: the bank's 8 or 11 character SWIFT/BIC code")
    kbe: str | None = Field(None, description="Кбе: the two-digit beneficiary code")

    @field_validator("iban")
    @classmethod
    def _iban(cls, value: str) -> str:
        iban = re.sub(r"\s+", "", value).upper()
        if not re.fullmatch(r"KZ\d{2}[0-9A-Z]{16}", iban):
            raise ValueError("a Kazakhstan IBAN is KZ, two check digits and 16 letters or digits (20 in all)")
        rearranged = iban[4:] + iban[:4]
        if int("".join(str(int(ch, 36)) for ch in rearranged)) % 97 != 1:
            raise ValueError("the IBAN check digits do not match: copy it again from the bank statement")
        return iban

    @field_validator("bic")
    @classmethod
    def _bic(cls, value: str) -> str:
        bic = value.strip().upper()
        if not re.fullmatch(r"[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?", bic):
            raise ValueError("a BIC is 8 or 11 letters and digits, e.g. HSBKKZKX")
        return bic

    @field_validator("kbe")
    @classmethod
    def _kbe(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"\d{2}", value.strip()):
            raise ValueError("Кбе is two digits, e.g. 17")
        return value.strip() if value is not None else None


def _article(noun: str) -> str:
    return ("an " if noun[:1].lower() in "aeiou" else "a ") + noun


class ParentCompany(_Model):
    """The legal entity a branch or representative office belongs to (Civil Code Art. 43):
    the owner of the database, on whose behalf the subdivision acts."""

    name: LocalText = Field(description="The legal entity's full name with its legal form, e.g. Steppe Holding GmbH")
    country: Country = Field(description="Where it is registered (ISO 3166 code)")
    registration: LocalText | None = Field(
        None, description="Its registration: register and number, e.g. Handelsregister Berlin HRB 123456"
    )
    address: LocalText | None = None


class Operator(_Model):
    legal_form: LegalFormId
    name: LocalText = Field(description="The name without the legal form, e.g. Дала Маркет")
    brand: LocalText | None = Field(None, description="Trade mark or shop name, if different")
    bin: str | None = Field(None, description="БСН/БИН, 12 digits (legal entities, joint entrepreneurs)")
    iin: str | None = Field(None, description="ЖСН/ИИН, 12 digits (individual entrepreneurs)")
    address: LocalText
    email: Email
    phone: Phone
    responsible_person: ResponsiblePerson | None = None
    bank: BankDetails | None = None
    working_hours: LocalText | None = None
    parent: ParentCompany | None = Field(
        None, description="For a branch or representative office: the legal entity it belongs to"
    )

    @field_validator("bin")
    @classmethod
    def _bin(cls, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            return identifiers.parse_bin(value).value
        except identifiers.IdentifierError as exc:
            raise ValueError(str(exc)) from None

    @field_validator("iin")
    @classmethod
    def _iin(cls, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            return identifiers.parse_iin(value).value
        except identifiers.IdentifierError as exc:
            raise ValueError(str(exc)) from None

    @model_validator(mode="after")
    def _identifier_fits_form(self) -> Operator:
        form = load_catalog().legal_forms[self.legal_form]
        if form.identifier == "iin":
            if self.bin is not None:
                raise FieldCheckError(
                    "iin_not_bin", ("bin",),
                    f"{_article(form.name.en)} is identified by an IIN, not a BIN: "
                    "replace 'bin' with 'iin' (or choose legal_form 'ip_joint' for joint entrepreneurship)"
                )
            if self.iin is None:
                raise FieldCheckError(
                    "needs_iin", ("iin",), f"{_article(form.name.en)} needs 'iin': the 12-digit ЖСН/ИИН", across=False
                )
        else:
            if self.iin is not None:
                raise FieldCheckError(
                    "bin_not_iin", ("iin",),
                    f"{_article(form.name.en)} is identified by a BIN, not an IIN: replace 'iin' with 'bin'"
                )
            if self.bin is None:
                raise FieldCheckError(
                    "needs_bin", ("bin",), f"{_article(form.name.en)} needs 'bin': the 12-digit БСН/БИН", across=False
                )
            parsed = identifiers.parse_bin(self.bin)
            if self.legal_form == "ip_joint" and parsed.entity_type != "joint_entrepreneur":
                raise FieldCheckError(
                    "joint_entrepreneur_bin", ("bin",),
                    "the BIN of a joint entrepreneur has 6 as its 5th digit: check the number or the legal form"
                )
        if form.subdivision and self.parent is None:
            raise FieldCheckError(
                "needs_parent", ("parent",),
                f"{_article(form.name.en)} is not a legal entity (Civil Code Art. 43): add 'parent' with the name "
                "and country of the legal entity it belongs to",
                across=False,
            )
        if not form.subdivision and self.parent is not None:
            raise FieldCheckError(
                "parent_not_subdivision", ("parent",),
                "only a branch or a representative office has a parent company: remove 'parent' or choose "
                "legal_form 'branch' or 'representative_office'",
            )
        if form.requires_responsible_person and self.responsible_person is None:
            raise FieldCheckError(
                "needs_responsible_person", ("responsible_person",),
                "a legal entity must name the person responsible for organizing the processing "
                "of personal data (Law 94-V, Art. 25(2)(10)): add 'responsible_person' with a name and an e-mail",
                across=False,
            )
        return self

    @property
    def identifier(self) -> str:
        return self.bin or self.iin or ""


class Site(_Model):
    url: Url
    kind: SiteKindId
    name: LocalText | None = None


DataSource = Literal["subject", "state_systems", "third_parties"]


class DataSection(_Model):
    subjects: UniqueList(SubjectId, min_length=1) = Field(default_factory=lambda: ["visitors"])  # type: ignore[valid-type]
    collected: UniqueList(CollectedId, min_length=1)  # type: ignore[valid-type]
    technical: UniqueList(TechnicalId) = Field(  # type: ignore[valid-type]
        default_factory=lambda: ["ip", "cookies", "browser", "access_time", "referrer"]
    )
    special: UniqueList(SpecialId) = Field(default_factory=list)  # type: ignore[valid-type]
    minors: Literal["not_directed", "with_consent", "general_audience"] = Field(
        "not_directed",
        description="not_directed: the site is not meant for minors; with_consent: minors use it with their "
        "legal representative's consent; general_audience: a service for everyone, minors included (through "
        "their legal representatives). Default: from the site kind (site_kinds.yaml) and the legal form",
    )
    sources: UniqueList(DataSource, min_length=1) = Field(  # type: ignore[valid-type]
        default_factory=lambda: ["subject"],
        description="Where the data come from: subject (the person gives them), state_systems (state "
        "information systems, through the state service of access control), third_parties",
    )
    third_party_sources: LocalText | None = Field(
        None, description="With sources: third_parties — who gives the data, e.g. employers, partner clinics"
    )
    published: UniqueList(DataId) | None = Field(  # type: ignore[valid-type]
        None,
        description="Data the operator publishes in public sources (reviews with names, photos, winners' "
        "lists...); [] for none. Default: the reviewer's name and review with the 'reviews' purpose, else none",
    )
    subjects_count: int | None = Field(  # at most the people on Earth: more is a typing slip
        None, ge=0, le=9_000_000_000, description="How many data subjects the databases hold (size class, Art. 25-1)"
    )


    @model_validator(mode="after")
    def _sources_explained(self) -> DataSection:
        if "third_parties" in self.sources and self.third_party_sources is None:
            raise FieldCheckError(
                "needs_third_party_sources", ("third_party_sources",),
                "say who gives the data (third_party_sources), e.g. employers or partner companies", across=False,
            )
        if self.third_party_sources is not None and "third_parties" not in self.sources:
            raise FieldCheckError(
                "third_party_sources_unused", ("third_party_sources",),
                "third_party_sources is filled in but 'third_parties' is not among data.sources: add it or "
                "remove third_party_sources",
            )
        known = {*self.collected, *self.technical, *self.special}
        for index, data_id in enumerate(self.published or ()):
            if data_id not in known:
                raise FieldCheckError(
                    "published_not_collected", ("published", index),
                    f"{data_id!r} is published but not collected: add it to data.collected or remove it",
                )
        return self


class CustomService(_Model):
    """A service that is not in the catalogue."""

    name: Line
    company: Line | None = None
    country: Country
    category: ServiceCategoryId
    purpose: LocalText
    receives: UniqueList(DataId, min_length=1)  # type: ignore[valid-type]


class ServiceChoice(_Model):
    """A catalogue service, optionally with the data it receives narrowed or widened."""

    id: ServiceId
    receives: UniqueList(DataId, min_length=1) | None = None  # type: ignore[valid-type]


def _service_entry(value: Any) -> Any:
    if isinstance(value, str):
        return {"id": value}
    return value


def _service_kind(value: Any) -> str:
    # An entry with an id (or a bare id) is a catalogue choice; anything else is custom.
    # Choosing the branch first means a user sees the errors of the entry they meant.
    if isinstance(value, ServiceChoice | CustomService):  # serializing a validated model
        return "choice" if isinstance(value, ServiceChoice) else "custom"
    return "choice" if isinstance(value, str) or (isinstance(value, dict) and "id" in value) else "custom"


ServiceEntry = Annotated[
    Annotated[ServiceChoice, Tag("choice")] | Annotated[CustomService, Tag("custom")],
    Discriminator(_service_kind),
    BeforeValidator(_service_entry),
]


class Storage(_Model):
    country: Country = "KZ"
    hosting: str | None = Field(
        None, description="A catalogue hosting service id (e.g. ps_kz) or the provider's name"
    )
    city: LocalText | None = None

    @field_validator("hosting")
    @classmethod
    def _hosting(cls, value: str | None) -> str | None:
        return clean_text(value) if value is not None else None


class Transfer(_Model):
    """A cross-border transfer not already implied by a foreign service."""

    country: Country
    recipient: LocalText
    purpose: LocalText
    data: UniqueList(DataId, min_length=1)  # type: ignore[valid-type]


    @field_validator("country")
    @classmethod
    def _abroad(cls, value: str) -> str:
        if value == "KZ":
            raise ValueError("a transfer within Kazakhstan is not cross-border: remove this entry")
        return value


class CrossBorder(_Model):
    transfers: list[Transfer] = Field(default_factory=list)


class Period(_Model):
    years: int | None = Field(None, ge=1, le=75)
    months: int | None = Field(None, ge=1, le=600)
    days: int | None = Field(None, ge=1, le=3650)

    @model_validator(mode="after")
    def _exactly_one(self) -> Period:
        given = [v for v in (self.years, self.months, self.days) if v is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of years, months or days, e.g. {years: 3}")
        return self

    def as_period(self) -> LangPeriod:
        """The term as the language modules count it: ("year", 3)."""
        if self.years is not None:
            return ("year", self.years)
        if self.months is not None:
            return ("month", self.months)
        return ("day", self.days or 0)

    def days_at_least(self) -> int:
        """A lower bound of the term in days (a year as 365 days, a month as 30)."""
        return (self.years or 0) * 365 + (self.months or 0) * 30 + (self.days or 0)


_UNLIMITED = {"unlimited", "indefinite", "indefinitely", "forever", "бессрочно", "мерзімсіз"}


def _period_or_criterion(value: Any) -> Any:
    if isinstance(value, str) and value.strip().lower() in _UNLIMITED:
        raise ValueError(
            "personal data may not be kept for an unlimited term (Law 94-V, Art. 12(2)): "
            "write 'purposes_achieved' or a period such as {years: 3}"
        )
    return value


RetentionTerm = Annotated[
    Annotated[Literal["purposes_achieved"], Tag("criterion")] | Annotated[Period, Tag("period")],
    Discriminator(lambda v: "period" if isinstance(v, dict | Period) else "criterion"),
    BeforeValidator(_period_or_criterion),
]


class RetentionRule(_Model):
    data: UniqueList(DataId, min_length=1)  # type: ignore[valid-type]
    term: RetentionTerm
    basis: LocalText | None = Field(None, description="The law or reason, e.g. the Tax Code")


class Retention(_Model):
    default: RetentionTerm = "purposes_achieved"
    rules: list[RetentionRule] = Field(default_factory=list)


MarketingChannel = Literal["email", "sms", "whatsapp", "telegram", "push", "phone_call"]
OptOut = Literal["unsubscribe_link", "reply_stop", "account_settings", "email_request"]


class Frequency(_Model):
    count: int = Field(ge=1, le=50)
    per: Literal["day", "week", "month"]


class Marketing(_Model):
    channels: UniqueList(MarketingChannel, min_length=1)  # type: ignore[valid-type]
    frequency: Frequency | None = None
    opt_out: UniqueList(OptOut, min_length=1) = Field(  # type: ignore[valid-type]
        default_factory=lambda: ["unsubscribe_link", "email_request"]
    )


ConsentMethod = Literal["checkbox", "written", "egov", "non_state_service"]


#: The longest label a checkbox may have: a label is read at a glance; the consent it links
#: to holds the rest.
MAX_CHECKBOX_LABEL = 300


class Consent(_Model):
    methods: UniqueList(ConsentMethod, min_length=1) = Field(default_factory=lambda: ["checkbox"])  # type: ignore[valid-type]
    checkbox_label: LocalText | None = Field(
        None,
        description="The operator's own words beside the consent checkbox, instead of ours; the "
        "snippet keeps its links to the consent and the policy and its hidden fields, and the "
        "policy quotes these words",
    )

    @field_validator("checkbox_label")
    @classmethod
    def _label_is_short(cls, value: LocalText | None) -> LocalText | None:
        if value is not None:
            for text in (value.kk, value.ru, value.en):
                if text is not None and len(text) > MAX_CHECKBOX_LABEL:
                    raise ValueError(
                        f"is {len(text)} characters long; a checkbox label has at most {MAX_CHECKBOX_LABEL}: "
                        "keep it short, the consent it links to says the rest"
                    )
        return value


class AutomatedDecisions(_Model):
    used: bool = False
    logic: LocalText | None = Field(None, description="How the automated decision works and its effect")

    @model_validator(mode="before")
    @classmethod
    def _from_bool(cls, value: Any) -> Any:
        if isinstance(value, bool):
            return {"used": value}
        return value

    @model_validator(mode="after")
    def _logic_when_used(self) -> AutomatedDecisions:
        if self.used and self.logic is None:
            raise FieldCheckError(
                "needs_logic", ("logic",),
                "describe how the automated decision works and what it changes for the person "
                "(Law 94-V, Art. 19-1): add 'logic'",
                across=False,
            )
        return self


# Law 94-V came into force on 25 November 2013: a policy under it cannot take effect earlier;
# a date past 2099 is a typing slip (20260 for 2026), not a plan.
FIRST_EFFECTIVE_DATE = dt.date(2013, 11, 25)
LAST_EFFECTIVE_DATE = dt.date(2099, 12, 31)
_DOTTED_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")


def _policy_date(value: Any) -> dt.date:
    """The date a policy takes effect: a YAML date, ``2026-09-01`` or ``01.09.2026`` (as people
    in Kazakhstan write it, and as the wizard asks), inside the years the Law can apply."""
    wanted = "write the date as 2026-09-01 or 01.09.2026"
    if isinstance(value, dt.datetime):
        raise ValueError(f"is a date with a time of day: {wanted}")
    if isinstance(value, dt.date):
        date = value
    elif isinstance(value, str):
        text = value.strip()
        dotted = _DOTTED_DATE.fullmatch(text)
        try:
            if dotted:
                day, month, year = (int(part) for part in dotted.groups())
                date = dt.date(year, month, day)
            elif re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
                date = dt.date.fromisoformat(text)
            else:
                raise ValueError(f"{text!r} is not a date: {wanted}")
        except ValueError as exc:
            if "is not a date" in str(exc):
                raise
            raise ValueError(f"{text!r} is not a date in the calendar ({exc}): {wanted}") from None
    else:
        raise ValueError(_wrong_kind(value, frozenset({dt.date})) or f"is not a date: {wanted}")
    if not FIRST_EFFECTIVE_DATE <= date <= LAST_EFFECTIVE_DATE:
        raise ValueError(
            f"{date.isoformat()} is outside the years a policy under Law 94-V can take effect "
            f"({FIRST_EFFECTIVE_DATE.isoformat()} to {LAST_EFFECTIVE_DATE.isoformat()}): check the year"
        )
    return date


class PolicyMeta(_Model):
    city: LocalText
    effective_date: dt.date
    version: str = "1.0"
    claim_days: int = Field(30, ge=1, le=90, description="Days the operator takes to answer a claim")
    languages: UniqueList(Lang, min_length=1) = Field(  # type: ignore[valid-type]
        default_factory=lambda: list(lang_codes.AUTHENTIC),
        description="Document languages: kk and ru (authentic), en (an informational translation)",
    )

    @field_validator("effective_date", mode="before")
    @classmethod
    def _effective_date(cls, value: Any) -> dt.date:
        return _policy_date(value)

    @field_validator("version", mode="before")
    @classmethod
    def _version(cls, value: Any) -> str:
        text = clean_text(str(value))
        if not re.fullmatch(r"[0-9A-Za-z][0-9A-Za-z.\-]{0,19}", text):
            raise ValueError("a version is short, like 1.0 or 2026-1")
        return text


class Answers(_Model):
    """Everything kzpolicy needs to write the policy of one operator."""

    schema_version: int = Field(SCHEMA_VERSION, description="The answers format version; this kzpolicy reads 1")
    operator: Operator
    sites: list[Site] = Field(min_length=1)
    data: DataSection
    purposes: UniqueList(PurposeId, min_length=1)  # type: ignore[valid-type]
    services: list[ServiceEntry] = Field(default_factory=list)
    storage: Storage = Field(default_factory=Storage)
    cross_border: CrossBorder = Field(default_factory=CrossBorder)
    retention: Retention = Field(default_factory=Retention)
    marketing: Marketing | None = None
    consent: Consent = Field(default_factory=Consent)
    automated_decisions: AutomatedDecisions = Field(default_factory=AutomatedDecisions)
    purpose_data: dict[PurposeId, UniqueList(DataId, min_length=1)] = Field(  # type: ignore[valid-type]
        default_factory=dict,
        description="The data a purpose uses, where the answers narrow the catalogue's choice: "
        "{security: [ip, access_time]}",
    )
    policy: PolicyMeta

    @model_validator(mode="before")
    @classmethod
    def _minors_by_default(cls, value: Any) -> Any:
        """Who uses the site is a fact of the answers; when they do not say, the site kind and the
        legal form decide (a school's pupils, a clinic's patients, a state body's public)."""
        if not isinstance(value, dict) or not isinstance(value.get("data"), dict) or "minors" in value["data"]:
            return value
        minors = default_minors(value)
        if minors is None:
            return value
        return {**value, "data": {**value["data"], "minors": minors}}

    @field_validator("schema_version", mode="before")
    @classmethod
    def _schema_version(cls, value: Any) -> Any:
        try:
            number = int(value)
        except (TypeError, ValueError):
            return value
        if number > SCHEMA_VERSION:
            raise ValueError(
                f"schema_version {number} is newer than this kzpolicy reads ({SCHEMA_VERSION}): "
                "upgrade kzpolicy (pip install -U kzpolicy)"
            )
        if number < 1:
            raise ValueError(f"schema_version must be {SCHEMA_VERSION}")
        return number

    @model_validator(mode="after")
    def _cross_field(self) -> Answers:
        catalog = load_catalog()
        marketing_purposes = [p for p in self.purposes if catalog.purposes[p].marketing]
        if marketing_purposes and self.marketing is None:
            raise FieldCheckError(
                "marketing_needs_section", ("marketing",),
                f"the purpose {marketing_purposes[0]!r} needs a 'marketing' section with its channels "
                "and how to unsubscribe"
            )
        if self.marketing is not None and not marketing_purposes:
            raise FieldCheckError(
                "marketing_without_purpose", ("marketing",),
                "'marketing' is filled in but no marketing purpose is chosen: add 'marketing' to 'purposes' "
                "or remove the 'marketing' section"
            )
        if self.data.minors == "with_consent" and "parents" not in self.data.subjects:
            raise FieldCheckError(
                "minors_need_parents", ("data", "subjects"),
                "minors use the site with their legal representative's consent (data.minors): "
                "add 'parents' to data.subjects"
            )
        known = set(self.data.collected) | set(self.data.technical) | set(self.data.special)
        for number, rule in enumerate(self.retention.rules):
            for index, data_id in enumerate(rule.data):
                if data_id not in known:
                    raise FieldCheckError(
                        "retention_data_not_collected", ("retention", "rules", number, "data", index),
                        f"retention rule names {data_id!r}, which is not among the collected data: "
                        "add it to data.collected or remove it from the rule"
                    )
        for purpose_id, data_ids in self.purpose_data.items():
            if purpose_id not in self.purposes:
                raise FieldCheckError(
                    "purpose_data_not_a_purpose", ("purpose_data", purpose_id),
                    f"purpose_data names {purpose_id!r}, which is not among the purposes: add it or remove the entry",
                )
            for index, data_id in enumerate(data_ids):
                if data_id not in known:
                    raise FieldCheckError(
                        "purpose_data_not_collected", ("purpose_data", purpose_id, index),
                        f"purpose_data.{purpose_id} names {data_id!r}, which is not collected: "
                        "add it to data.collected or remove it",
                    )
        seen: set[str] = set()
        for index, entry in enumerate(self.services):
            if isinstance(entry, ServiceChoice):
                if entry.id in seen:
                    raise FieldCheckError(
                        "service_twice", ("services", index), f"service {entry.id!r} is listed twice: keep one"
                    )
                seen.add(entry.id)
        return self

    # Convenience for templates and checks -------------------------------------------------

    def service_entries(self) -> list[ServiceChoice | CustomService]:
        return list(self.services)


def default_minors(raw: dict[str, Any]) -> str | None:
    """``data.minors`` when the answers (plain data) leave it out: a state body serves the whole
    population; otherwise the first site's kind says (site_kinds.yaml ``default_minors``)."""
    catalog = load_catalog()
    operator = raw.get("operator")
    legal_form = operator.get("legal_form") if isinstance(operator, dict) else None
    form = catalog.legal_forms.get(legal_form) if isinstance(legal_form, str) else None
    if form is not None and form.state:
        return "general_audience"
    sites = raw.get("sites")
    first: dict[str, Any] = sites[0] if isinstance(sites, list) and sites and isinstance(sites[0], dict) else {}
    kind_id = first.get("kind")
    kind = catalog.site_kinds.get(kind_id) if isinstance(kind_id, str) else None
    if kind is None:
        return None
    data = raw.get("data")
    listed = data.get("subjects") if isinstance(data, dict) else None
    subjects: list[Any] = listed if isinstance(listed, list) else []
    if kind.default_minors == "with_consent" and "parents" not in subjects:
        return "general_audience"  # no legal representatives among the subjects: minors cannot consent here
    return kind.default_minors


# --------------------------------------------------------------------------- loading

_TYPE_HINTS = {
    "missing": "this field is required",
    "extra_forbidden": "unknown key",
}


def _problem_from_error(error: dict[str, Any], parsed: Parsed | None, model: type[BaseModel]) -> FieldProblem:
    loc: Path = tuple(part for part in error["loc"] if not _is_union_tag(part))
    cause = (error.get("ctx") or {}).get("error")
    check = cause if isinstance(cause, FieldCheckError) else None
    if check is not None:
        loc = (*loc, *check.at)
    path = format_path(loc)
    kind = error["type"]
    message = str(error["msg"])
    if message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    elif message.startswith("Assertion failed, "):
        message = message[len("Assertion failed, ") :]
    if kind == "extra_forbidden":
        siblings = _allowed_keys(model, loc[:-1])
        key = str(loc[-1]) if loc else ""
        message = f"unknown key {key!r}: " + (
            _did_you_mean(key, siblings) if siblings else "remove it"
        )
    elif kind == "missing":
        message = "this field is required"
    elif kind == "literal_error":
        message = f"{error.get('input')!r} is not allowed: {message.replace('Input should be ', 'use ')}"
    elif kind == "union_tag_invalid":
        message = "this entry has the wrong shape: see the answers reference in the README"
    line = parsed.line_of(loc) if parsed is not None else None
    if check is not None:
        return FieldProblem(path, message, line, across=check.across, code=check.code)
    return FieldProblem(path, message, line)


def _is_union_tag(part: Any) -> bool:
    # pydantic puts the union member's class name into the location: drop it
    return isinstance(part, str) and (
        part in {"ServiceChoice", "CustomService", "Period", "LocalText", "str", "choice", "custom",
                 "criterion", "period"}
        or part.startswith("literal[")
        or part.startswith("function-")
    )


def _allowed_keys(model: type[BaseModel], loc: Path) -> list[str]:
    """The keys allowed at ``loc`` in ``model``, for "did you mean" hints."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part) if hasattr(current, "model_fields") else None
        if field is None:
            return []
        current = _model_in(field.annotation)
        if current is None:
            return []
    return list(current.model_fields) if hasattr(current, "model_fields") else []


def _model_in(annotation: Any) -> type[BaseModel] | None:
    import typing

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _dedupe(problems: list[FieldProblem]) -> list[FieldProblem]:
    # A union (e.g. a service id or a custom service) reports every branch; when one
    # branch is a plain "unknown key"/"missing" noise, keep the most specific messages.
    seen: set[tuple[str, str]] = set()
    out: list[FieldProblem] = []
    # One string for both languages that fails fails twice (.kk and .ru): report it once.
    paired = {(p.path[:-3], p.message) for p in problems if p.path.endswith(".kk")} & {
        (p.path[:-3], p.message) for p in problems if p.path.endswith(".ru")
    }
    problems = [
        FieldProblem(p.path[:-3], p.message, p.line) if (p.path[:-3], p.message) in paired else p
        for p in problems
    ]
    for problem in problems:
        key = (problem.path, problem.message)
        if key not in seen:
            seen.add(key)
            out.append(problem)
    return out


def validate_answers(data: Any, *, source: str = "<answers>", parsed: Parsed | None = None) -> Answers:
    """Validate plain data (from a file, the wizard or the API) into :class:`Answers`."""
    if not isinstance(data, dict):
        raise AnswersError(
            source,
            [FieldProblem("", f"the answers must be a mapping of keys, not a {type(data).__name__}")],
        )
    try:
        return Answers.model_validate(data)
    except ValidationError as exc:
        problems = [_problem_from_error(dict(e), parsed, Answers) for e in exc.errors()]
        raise AnswersError(source, _dedupe(problems)) from None


def parse_answers(text: str | bytes, *, name: str = "<text>") -> Answers:
    """Validate answers given as YAML or JSON text (or the raw bytes of a file)."""
    text = decode(text, name) if isinstance(text, bytes) else text.replace("\r\n", "\n").lstrip("\ufeff")
    parsed = parse_text(text, name)
    return validate_answers(parsed.data, source=name, parsed=parsed)


def load_answers(path: str | os.PathLike[str]) -> Answers:
    """Load and validate an answers file (YAML or JSON)."""
    label = str(path)
    try:
        raw = pathlib.Path(path).read_bytes()
    except FileNotFoundError:
        raise AnswersError(label, [FieldProblem("", "no such file: check the path")]) from None
    except IsADirectoryError:
        raise AnswersError(label, [FieldProblem("", "this is a directory, not an answers file")]) from None
    except OSError as exc:
        raise AnswersError(label, [FieldProblem("", f"cannot read the file: {exc.strerror}")]) from None
    return parse_answers(raw, name=label)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the answers file, generated from the model."""
    schema = Answers.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "kzpolicy answers"
    return schema


def catalog() -> Catalog:
    return load_catalog()
