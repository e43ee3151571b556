"""The reference catalogue: legal forms, personal-data categories, data subjects, purposes,
third-party services and site kinds, with their Kazakh, Russian and English labels.

The data lives in the YAML files beside this module (one mapping ``id -> fields`` per
file); this module only describes its shape and checks that it holds together. Machine
values are ASCII ids; only labels are translated. Labels are written to be inserted into
legal text as they are: Kazakh and Russian terms follow Law No. 94-V («дербес деректер»,
«персональные данные»), and «Сайт», «Пайдаланушы», «Оператор» are the defined terms of
the policy.

``load_catalog()`` reads the files once (they ship inside the package, so it works from
an installed wheel) and returns one immutable, cross-checked :class:`Catalog`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from functools import cache
from importlib.resources import files
from typing import Annotated, Any, Literal

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

__all__ = [
    "FILES",
    "Authority",
    "Catalog",
    "CatalogError",
    "Cookie",
    "DataCategory",
    "Label",
    "Lang",
    "LegalForm",
    "Purpose",
    "Service",
    "ServiceCategory",
    "SiteKind",
    "SubjectCategory",
    "load_authority",
    "load_catalog",
]

_CONFIG = ConfigDict(extra="forbid", frozen=True, defer_build=True)

ID_PATTERN = r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$"
"""ASCII snake_case: what every catalogue id looks like."""

_ID_RE = re.compile(ID_PATTERN)
_COUNTRY_RE = re.compile(r"^[A-Z]{2}$")
_HOST_RE = re.compile(r"^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$")

Lang = Literal["kk", "ru", "en"]

# Which YAML file fills which field of the Catalog; error messages name the file.
FILES: dict[str, str] = {
    "legal_forms": "legal_forms.yaml",
    "data_categories": "data_categories.yaml",
    "subject_categories": "subject_categories.yaml",
    "purposes": "purposes.yaml",
    "service_categories": "service_categories.yaml",
    "services": "services.yaml",
    "site_kinds": "site_kinds.yaml",
}


class CatalogError(ValueError):
    """A catalogue file cannot be read or is not a mapping of id -> fields."""


def _text(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    if value != value.strip():
        raise ValueError("must not start or end with whitespace")
    return value


Text = Annotated[str, AfterValidator(_text)]
Id = Annotated[str, Field(pattern=ID_PATTERN)]


class Label(BaseModel):
    """One text in the three languages of the product. Every language is required."""

    model_config = _CONFIG

    kk: Text
    ru: Text
    en: Text

    def get(self, lang: str) -> str:
        """The text in ``lang``."""
        text: str = getattr(self, lang)
        return text


class LegalForm(BaseModel):
    """The organisational and legal form of the operator (legal_forms.yaml)."""

    model_config = _CONFIG

    id: Id
    kind: Literal["individual", "legal_entity"]
    identifier: Literal["iin", "bin"]
    name: Label
    """Full name of the form, lower case where the language writes it so."""
    abbr: Label | None
    """Established abbreviation; None when one language has none we can vouch for."""
    display: Label
    """How the operator is named: a pattern with ``{name}`` for the name without the form,
    e.g. kk «{name}» ЖШС, ru ТОО «{name}», en {name} LLP; kk ЖК {name}, ru ИП {name}."""
    requires_responsible_person: bool
    """A legal entity must appoint the person responsible for organising processing
    (Law 94-V, Art. 25(2)(10)); individuals need not."""
    aifc: bool = False
    state: bool = False
    subdivision: bool = False
    """A branch or representative office: not a legal entity itself; the policy should
    also name the legal entity it belongs to."""


class DataCategory(BaseModel):
    """A category of personal data (data_categories.yaml)."""

    model_config = _CONFIG

    id: Id
    group: Literal[
        "identity", "contact", "order", "payment", "account", "professional", "content", "technical", "special"
    ]
    label: Label
    """Nominative noun phrase, starting lower case, without final punctuation."""
    restricted: bool = False
    """Restricted-access data that needs particular care (IIN, payment details, health...)."""


class SubjectCategory(BaseModel):
    """A category of data subjects (subject_categories.yaml); plural nominative label."""

    model_config = _CONFIG

    id: Id
    label: Label


class Purpose(BaseModel):
    """A purpose of processing (purposes.yaml)."""

    model_config = _CONFIG

    id: Id
    label: Label
    """Nominative verbal-noun phrase usable as a list item."""
    needs: tuple[str, ...]
    """DataCategory ids the purpose cannot work without."""
    uses: tuple[str, ...]
    """DataCategory ids the purpose may use (a superset of ``needs``)."""
    service_categories: tuple[str, ...]
    """ServiceCategory ids whose services serve this purpose."""
    marketing: bool = False


class ServiceCategory(BaseModel):
    """A kind of third-party service (service_categories.yaml)."""

    model_config = _CONFIG

    id: Id
    label: Label
    holds_database: bool = False
    """Services of this kind keep the operator's database (hosting, cloud): unless the
    answers say otherwise, the policy names every category of data the operator holds
    as received by them, not only what the catalogue lists as sent by any site."""


class Cookie(BaseModel):
    """A cookie a service sets in the visitor's browser."""

    model_config = _CONFIG

    name: Text
    purpose: Label
    lifetime: Label


class Service(BaseModel):
    """A third-party service a Kazakhstan site may use (services.yaml)."""

    model_config = _CONFIG

    id: Id
    name: Text
    """The brand as people know it, e.g. Kaspi Pay, Google Analytics."""
    company: Text
    """The legal entity, written as the company writes its name."""
    company_label: Label | None = None
    """The company's name in each language where it differs (Kazakh puts the legal form
    after the name: «Kaspi Bank» АҚ / АО «Kaspi Bank» / Kaspi Bank JSC)."""
    country: str
    """ISO 3166-1 alpha-2 code of the country where the data is processed or stored."""
    country_assumed: bool = False
    """True when the provider does not publish where it processes the data and the country
    is a conservative assumption (a foreign one); the operator should confirm it."""
    category: str
    """ServiceCategory id."""
    receives: tuple[str, ...]
    """DataCategory ids the service receives."""
    purpose: Label
    """Why the operator uses the service: a verbal-noun phrase."""
    cookies: tuple[Cookie, ...] = ()
    script_hosts: tuple[str, ...] = ()
    """Hostnames that belong to this service alone: a <script>, <iframe> or <img> loaded
    from one of them, or from a subdomain of one, reveals the service on a site."""
    script_patterns: tuple[str, ...] = ()
    """Substrings of such a URL (host and path, without the scheme) for hosts that several
    services share, e.g. www.googletagmanager.com/gtm.js for Google Tag Manager."""
    privacy_url: str | None = None
    """The provider's own privacy policy, where it has one stable address."""

    @property
    def cross_border(self) -> bool:
        """The data leaves Kazakhstan (Law 94-V, Art. 16)."""
        return self.country != "KZ"


class SiteKind(BaseModel):
    """A kind of site, with the wizard's pre-selected answers (site_kinds.yaml)."""

    model_config = _CONFIG

    id: Id
    label: Label
    default_collected: tuple[str, ...]
    """DataCategory ids pre-selected in the wizard: data the person gives (neither
    technical nor special)."""
    default_technical: tuple[str, ...] = ()
    """Technical DataCategory ids pre-selected in the wizard."""
    default_purposes: tuple[str, ...]
    """Purpose ids pre-selected in the wizard."""
    default_subjects: tuple[str, ...] = ()
    """SubjectCategory ids pre-selected in the wizard."""


class Catalog(BaseModel):
    """Every catalogue file, keyed by id and cross-checked."""

    model_config = _CONFIG

    legal_forms: dict[str, LegalForm]
    data_categories: dict[str, DataCategory]
    subject_categories: dict[str, SubjectCategory]
    purposes: dict[str, Purpose]
    service_categories: dict[str, ServiceCategory]
    services: dict[str, Service]
    site_kinds: dict[str, SiteKind]

    @model_validator(mode="after")
    def _cross_references(self) -> Catalog:
        problems = _problems(self)
        if problems:
            raise ValueError("the catalogue is inconsistent:\n" + "\n".join(f"  - {p}" for p in problems))
        return self


def _problems(catalog: Catalog) -> list[str]:
    """Everything that does not hold together, one line each, naming the file and id."""
    out: list[str] = []
    data = catalog.data_categories
    sections: dict[str, Mapping[str, Any]] = {field: getattr(catalog, field) for field in FILES}

    for field, items in sections.items():
        for key, item in items.items():
            if not _ID_RE.match(key):
                out.append(f"{FILES[field]}: {key!r} is not an ASCII snake_case id")
            if item.id != key:
                out.append(f"{FILES[field]}: {key}: the entry says id {item.id!r}")

    def unknown(file: str, key: str, what: str, ids: Iterable[str], known: Mapping[str, Any]) -> None:
        for ref in ids:
            if ref not in known:
                out.append(f"{file}: {key}: {what} {ref!r} is not in {_file_of(known, sections)}")

    for key, form in catalog.legal_forms.items():
        if form.requires_responsible_person != (form.kind == "legal_entity"):
            out.append(f"legal_forms.yaml: {key}: requires_responsible_person must be true exactly for legal entities")
        for lang in ("kk", "ru", "en"):
            if form.display.get(lang).count("{name}") != 1:
                out.append(f"legal_forms.yaml: {key}: display.{lang} must contain {{name}} once")
        if form.aifc and form.kind != "legal_entity":
            out.append(f"legal_forms.yaml: {key}: an AIFC form is a legal entity")

    for key, category in data.items():
        if category.group == "special" and not category.restricted:
            out.append(f"data_categories.yaml: {key}: special data is restricted-access data")

    for key, purpose in catalog.purposes.items():
        unknown("purposes.yaml", key, "needs", purpose.needs, data)
        unknown("purposes.yaml", key, "uses", purpose.uses, data)
        unknown("purposes.yaml", key, "service category", purpose.service_categories, catalog.service_categories)
        missing = [n for n in purpose.needs if n not in purpose.uses]
        if missing:
            out.append(f"purposes.yaml: {key}: needs {missing} but does not list them in uses")
        for name, values in (("needs", purpose.needs), ("uses", purpose.uses)):
            if len(set(values)) != len(values):
                out.append(f"purposes.yaml: {key}: {name} lists an id twice")

    hosts: dict[str, str] = {}
    for key, service in catalog.services.items():
        if not _COUNTRY_RE.match(service.country):
            out.append(f"services.yaml: {key}: country {service.country!r} is not two upper-case letters (ISO 3166-1)")
        if service.category not in catalog.service_categories:
            out.append(f"services.yaml: {key}: category {service.category!r} is not in service_categories.yaml")
        unknown("services.yaml", key, "receives", service.receives, data)
        names = [c.name for c in service.cookies]
        if len(set(names)) != len(names):
            out.append(f"services.yaml: {key}: a cookie is listed twice")
        for host in service.script_hosts:
            if not _HOST_RE.match(host):
                out.append(f"services.yaml: {key}: script host {host!r} is not a lower-case hostname")
            elif host in hosts:
                out.append(f"services.yaml: {key}: script host {host!r} is already claimed by {hosts[host]}")
            else:
                hosts[host] = key
        for pattern in service.script_patterns:
            if "://" in pattern or pattern != pattern.strip() or not pattern:
                out.append(f"services.yaml: {key}: script pattern {pattern!r} must be host and path, no scheme")

    for key, kind in catalog.site_kinds.items():
        unknown("site_kinds.yaml", key, "default_collected", kind.default_collected, data)
        unknown("site_kinds.yaml", key, "default_technical", kind.default_technical, data)
        for ref in kind.default_collected:
            if ref in data and data[ref].group in ("technical", "special"):
                out.append(f"site_kinds.yaml: {key}: default_collected lists {data[ref].group} data {ref!r}")
        for ref in kind.default_technical:
            if ref in data and data[ref].group != "technical":
                out.append(f"site_kinds.yaml: {key}: default_technical lists {ref!r}, which is not technical data")
        unknown("site_kinds.yaml", key, "default_purposes", kind.default_purposes, catalog.purposes)
        unknown("site_kinds.yaml", key, "default_subjects", kind.default_subjects, catalog.subject_categories)

    return out


def _file_of(known: Mapping[str, Any], sections: Mapping[str, Mapping[str, Any]]) -> str:
    for field, items in sections.items():
        if items is known:
            return FILES[field]
    return "the catalogue"


# --------------------------------------------------------------------------- the authorized body


class Authority(BaseModel):
    """The authorized body for personal data (authority.yaml), named "as of" a date."""

    model_config = _CONFIG

    name: Label
    as_of: dt.date


@cache
def load_authority() -> Authority:
    """The authorized body, kept in one data file so that a renamed ministry is a one-line
    change (authority.yaml)."""
    raw = yaml.load(files(__name__).joinpath("authority.yaml").read_text(encoding="utf-8"), Loader=_LOADER)
    return Authority.model_validate(raw)


# --------------------------------------------------------------------------- loading

_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read(filename: str) -> dict[str, dict[str, Any]]:
    """One catalogue file as ``{id: {"id": id, **fields}}``."""
    text = files(__name__).joinpath(filename).read_text(encoding="utf-8")
    try:
        raw = yaml.load(text, Loader=_LOADER)  # a safe loader: the C one when PyYAML has libyaml
    except yaml.YAMLError as exc:
        raise CatalogError(f"{filename}: not valid YAML: {exc}") from None
    if not isinstance(raw, dict):
        raise CatalogError(f"{filename}: expected a mapping of id -> fields")
    out: dict[str, dict[str, Any]] = {}
    for key, fields in raw.items():
        if not isinstance(key, str) or not isinstance(fields, dict):
            raise CatalogError(f"{filename}: {key!r}: expected an id with a mapping of fields")
        if "id" in fields and fields["id"] != key:
            raise CatalogError(f"{filename}: {key}: the entry says id {fields['id']!r}")
        out[key] = {**fields, "id": key}
    return out


@cache
def load_catalog() -> Catalog:
    """The catalogue, read once from the YAML files shipped in this package.

    The validated catalogue is kept in kzpolicy's on-disk cache, keyed by the bytes of
    every catalogue file and of this module, so later processes skip parsing and
    validation; a changed file gives a new key and is read afresh."""
    from pathlib import Path

    import pydantic

    from .. import cache

    package = files(__name__)
    sources = [package.joinpath(name).read_bytes() for name in sorted(FILES.values())]
    return cache.remembered(
        "catalog", (*sources, Path(__file__).read_bytes(), pydantic.VERSION),
        lambda: Catalog.model_validate({field: _read(filename) for field, filename in FILES.items()}),
        Catalog,
    )
