"""The reference catalogue: legal forms, personal-data categories, data subjects, purposes,
third-party services, site kinds and cities, with their Kazakh, Russian and English labels.

The data lives in the YAML files beside this module (one mapping ``id -> fields`` per
file); this module only describes its shape and checks that it holds together. Machine
values are ASCII ids; only labels are translated. Labels are written to be inserted into
legal text as they are: Kazakh and Russian terms follow Law No. 94-V («дербес деректер»,
«персональные данные»), and «Сайт», «Пайдаланушы», «Оператор» are the defined terms of
the policy.

``load_catalog()`` reads the files once (they ship inside the package, so it works from
an installed wheel) and returns one immutable, cross-checked :class:`Catalog`.

Every statement the catalogue makes about a service (its company, its country) names the
page it comes from and the day it was read (``Service.source``, ``Service.verified``), and
says whether the provider publishes where it processes the data or the country is only the
company's seat (``Service.country_basis``). ``Catalog.verified`` is the day the catalogue as
a whole was last checked against its sources. A name typed in the answers («Tilda»,
«PS.kz», «Орал») is found with :meth:`Catalog.resolve_service` and
:meth:`Catalog.resolve_city`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Iterable, Mapping
from functools import cache
from importlib.resources import files
from typing import Any, Literal

import yaml
from pydantic import BaseModel, model_validator

from .base import _CONFIG, ID_PATTERN, ID_RE, Id, Label, Lang, Text, name_key
from .cities import City, city_key, city_problems

__all__ = [
    "FILES",
    "ID_PATTERN",
    "META_FILE",
    "Authority",
    "Catalog",
    "CatalogError",
    "City",
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
    "name_key",
]

_ID_RE = ID_RE
_COUNTRY_RE = re.compile(r"^[A-Z]{2}$")
_URL_RE = re.compile(r"^https://[^\s/]+\.[^\s/]+(?:/\S*)?$")
_HOST_RE = re.compile(r"^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$")

# Which YAML file fills which field of the Catalog; error messages name the file.
FILES: dict[str, str] = {
    "legal_forms": "legal_forms.yaml",
    "data_categories": "data_categories.yaml",
    "subject_categories": "subject_categories.yaml",
    "purposes": "purposes.yaml",
    "service_categories": "service_categories.yaml",
    "services": "services.yaml",
    "site_kinds": "site_kinds.yaml",
    "cities": "cities.yaml",
}

META_FILE = "catalog.yaml"
"""The catalogue as a whole (its verification date): not a mapping of id -> fields."""


class CatalogError(ValueError):
    """A catalogue file cannot be read or is not a mapping of id -> fields."""


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
    holds_form_data: bool = False
    """Services of this kind keep what the Site's own forms and shop collect (site
    builders: Tilda, Wix): the requests, orders and contact details people send through
    the Site are stored on the provider's servers, in the provider's country, for as long
    as its settings keep them, before and besides any CRM they are passed on to. So a site
    builder is a place where personal data is stored (named as ``storage.hosting`` it is
    where the database is, in its country), and it receives every category of data the
    operator collects through the Site's forms, not only the technical data. A category
    with ``holds_database`` holds the form data too; this flag is for those that hold
    only that."""
    cookie_consent: bool = False
    """The cookies services of this kind set are not necessary for the Site to work
    (analytics, advertising, embedded video, social and map widgets): the Site sets them
    only once the visitor agrees, and the cookie notice offers them as a choice. The
    others (CDN, bot protection) are set without consent, as the policy says."""


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
    """ISO 3166-1 alpha-2 code of the country where the data is processed or stored: where
    the provider says it is (``country_basis: published``), or else the seat of the
    company that processes it (``assumed``)."""
    country_basis: Literal["published", "assumed"]
    """How the country is known. ``published``: the provider's own documents (``source``)
    name it as a country where the data is processed or stored. ``assumed``: they do not
    (or say only «servers around the world», «a European server»); the country is the seat
    of the company that processes the data — for a cloud platform whose region the customer
    picks, that of its documented default region — and the operator should confirm it
    («по имеющимся у Оператора сведениям» rather than «по сведениям поставщика»)."""
    other_countries: tuple[str, ...] = ()
    """Further countries the source names as places the data goes to (Telegram: the British
    Virgin Islands besides the UAE), in the order the source gives them."""
    source: str | None = None
    """The https address of the page the company, the country and ``country_basis`` were
    read from (the provider's privacy policy, terms or legal notice, or a registry). None
    only when no such page could be opened; ``note`` then says so."""
    verified: dt.date
    """The day ``source`` was read (or, without a source, the entry last reviewed)."""
    note: Text | None = None
    """What the source says and does not say, in a sentence or two, for a reviewer: which
    company it names, what it says about where the data is kept, what could not be
    confirmed. Required when there is no source."""
    aliases: tuple[Text, ...] = ()
    """Other names people type for the service: the company's brand, a domain, a Russian
    spelling (Тильда, tilda.cc, Amazon Web Services). With the id and ``name`` they are the
    names :meth:`Catalog.resolve_service` knows; each belongs to one service only."""
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

    @property
    def country_assumed(self) -> bool:
        """The provider does not publish where it processes the data: the country is the
        company's seat, and the operator should confirm it."""
        return self.country_basis == "assumed"

    @property
    def countries(self) -> tuple[str, ...]:
        """``country`` and then ``other_countries``."""
        return (self.country, *self.other_countries)

    def name_keys(self) -> tuple[str, ...]:
        """Every name the service answers to, as :func:`name_key` compares them."""
        return tuple(dict.fromkeys(name_key(n) for n in (self.id, self.name, *self.aliases)))


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
    default_minors: Literal["not_directed", "with_consent", "general_audience"] = "not_directed"
    """Who uses such a site when the answers do not say: not meant for minors, minors with their
    legal representative's consent (schools), or everyone (clinics, media, public services)."""


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
    cities: dict[str, City]
    verified: dt.date
    """The day the catalogue as a whole was last checked against its sources (catalog.yaml):
    no entry was read later. ``check`` compares it with a policy's effective date."""

    @model_validator(mode="after")
    def _cross_references(self) -> Catalog:
        problems = _problems(self)
        if problems:
            raise ValueError("the catalogue is inconsistent:\n" + "\n".join(f"  - {p}" for p in problems))
        return self

    def resolve_service(self, text: str, categories: Collection[str] | None = None) -> Service | None:
        """The service a typed name means, or None: «Tilda», «tilda.cc» and «Тильда» are
        ``tilda``; «PS.kz», «ps kz» and «https://www.ps.kz/» are ``ps_kz``. The id, the name
        and the aliases count; case, spaces and punctuation do not (:func:`name_key`).
        ``categories`` keeps only services of those ServiceCategory ids."""
        key = name_key(text)
        if not key:
            return None
        for service in self.services.values():
            if key in service.name_keys() and (categories is None or service.category in categories):
                return service
        return None

    def resolve_city(self, text: str) -> City | None:
        """The city a typed name means, or None: «Орал», «Уральск», «Oral», «г. Уральск»
        and «Орал қ.» are all ``oral``."""
        key = city_key(text)
        if not key:
            return None
        for city in self.cities.values():
            if key in city.name_keys():
                return city
        return None


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
    owners: dict[str, str] = {}
    for key, service in catalog.services.items():
        for country in service.countries:
            if not _COUNTRY_RE.match(country):
                out.append(f"services.yaml: {key}: country {country!r} is not two upper-case letters (ISO 3166-1)")
        if len(set(service.countries)) != len(service.countries):
            out.append(f"services.yaml: {key}: other_countries repeats a country")
        if service.source is None and service.note is None:
            out.append(f"services.yaml: {key}: without a source, a note must say why")
        if service.source is not None and not _URL_RE.match(service.source):
            out.append(f"services.yaml: {key}: source {service.source!r} is not an https address")
        if service.verified > catalog.verified:
            out.append(f"services.yaml: {key}: verified {service.verified} is after the catalogue's "
                       f"{catalog.verified} (catalog.yaml)")
        for name in service.name_keys():
            if not name:
                out.append(f"services.yaml: {key}: a name or alias has no letters or digits")
            elif owners.get(name, key) != key:
                out.append(f"services.yaml: {key}: the name {name!r} is also {owners[name]}'s")
            else:
                owners[name] = key
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

    out.extend(city_problems(catalog.cities))
    return out


def _file_of(known: Mapping[str, Any], sections: Mapping[str, Mapping[str, Any]]) -> str:
    for field, items in sections.items():
        if items is known:
            return FILES[field]
    return "the catalogue"


# --------------------------------------------------------------------------- the authorized body


class Authority(BaseModel):
    """The authorized body for personal data (authority.yaml), named "as of" the day its
    name was last checked."""

    model_config = _CONFIG

    name: Label
    verified: dt.date
    """The day ``source`` was read and the name found current: the policy names the body
    «по состоянию на» this date. It is the catalogue's verification date (catalog.yaml)."""
    source: str
    """The https address of the act or page that names the body (the latest one read)."""
    note: Text | None = None

    @property
    def as_of(self) -> dt.date:
        """The date the policy names the body "as of": ``verified``."""
        return self.verified


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
    sources = [package.joinpath(name).read_bytes() for name in sorted({*FILES.values(), META_FILE})]
    # The models live in every module of this package: a change to any of them is a new key.
    code = [path.read_bytes() for path in sorted(Path(__file__).parent.glob("*.py"))]
    return cache.remembered(
        "catalog", (*sources, *code, pydantic.VERSION),
        lambda: Catalog.model_validate(
            {**{field: _read(filename) for field, filename in FILES.items()}, **_read_meta()}
        ),
        Catalog,
    )


def _read_meta() -> dict[str, Any]:
    """catalog.yaml: the fields of the Catalog that belong to no one file (``verified``)."""
    text = files(__name__).joinpath(META_FILE).read_text(encoding="utf-8")
    try:
        raw = yaml.load(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        raise CatalogError(f"{META_FILE}: not valid YAML: {exc}") from None
    if not isinstance(raw, dict) or set(raw) != {"verified"}:
        raise CatalogError(f"{META_FILE}: expected exactly one key, verified")
    return raw
