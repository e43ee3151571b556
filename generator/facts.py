"""Facts derived once from the answers: what the templates and the checks ask about.

Templates never compute legal conclusions themselves ("is there a cross-border
transfer?"); they read them here, so the Kazakh and Russian texts and the compliance
checks cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from .answers.model import Answers, CustomService, LocalText, ParentCompany, Period
from .catalog import Catalog, Cookie, DataCategory, Label, LegalForm, Service, load_catalog

LARGE_OPERATOR = 500_000  # unique subjects above which an operator is "large" (Art. 25-1) [S]
MEDIUM_OPERATOR = 10_000  # up to this many a "small" one; restricted-access data moves up one class [S]
HOSTING_CATEGORIES = frozenset({"hosting", "cloud", "site_builder"})
"""The kinds of service that ``storage.hosting`` may name: where a database can be kept."""
ORDER_PURPOSES = frozenset({"order", "delivery", "order_notifications"})
"""Purposes that make a site take orders: only then does the text speak of orders, baskets and statuses."""

_STORAGE_RECIPIENT = LocalText(kk="Оператордың дерекқоры", ru="база данных Оператора", en="the Operator’s database")
_STORAGE_PURPOSE = LocalText(
    kk="дербес деректер қамтылған базаны сақтау", ru="хранение базы, содержащей персональные данные",
    en="storage of the database containing personal data",
)
_PARENT_PURPOSE = {
    "branch": LocalText(
        kk="дербес деректер қамтылған базаның меншік иесі ретінде филиалдың қызметін басқару",
        ru="управление деятельностью филиала в качестве собственника базы, содержащей персональные данные",
        en="management of the branch as the owner of the database containing personal data",
    ),
    "representative_office": LocalText(
        kk="дербес деректер қамтылған базаның меншік иесі ретінде өкілдіктің қызметін басқару",
        ru="управление деятельностью представительства в качестве собственника базы, содержащей "
        "персональные данные",
        en="management of the representative office as the owner of the database containing personal data",
    ),
}
"""Why a subdivision's parent company receives the data, by the subdivision's legal form."""


@dataclass(frozen=True, slots=True)
class ResolvedService:
    """A third-party service as the policy describes it, from the catalogue or custom."""

    id: str  # catalogue id, or "custom-N"
    name: str
    company: Label | str | None  # per language where the catalogue knows it
    country: str
    category: str
    purpose: Label | LocalText
    receives: tuple[str, ...]
    cookies: tuple[Cookie, ...]
    custom: bool
    country_assumed: bool = False  # the provider does not publish where it processes: its seat is assumed

    @property
    def foreign(self) -> bool:
        return self.country != "KZ"


@dataclass(frozen=True, slots=True)
class ForeignTransfer:
    """One cross-border transfer: a country, who receives the data, why, and what."""

    country: str
    recipient: str | LocalText
    purpose: Label | LocalText
    data: tuple[str, ...]
    service: bool  # a third-party service (described with the recipients) or a stated transfer
    country_assumed: bool = False  # the provider does not publish where it processes: its seat is assumed


@dataclass(frozen=True)
class Facts:
    answers: Answers
    catalog: Catalog

    # ------------------------------------------------------------------ operator

    @cached_property
    def form(self) -> LegalForm:
        return self.catalog.legal_forms[self.answers.operator.legal_form]

    @property
    def is_individual(self) -> bool:
        return self.form.kind == "individual"

    @property
    def identifier_kind(self) -> str:
        """"bin" or "iin": which number the operator is identified by."""
        return "bin" if self.answers.operator.bin else "iin"

    @property
    def aifc(self) -> bool:
        return self.form.aifc

    @property
    def state(self) -> bool:
        """A state enterprise or institution: the local executive bodies do not supervise it."""
        return self.form.state

    @property
    def subdivision(self) -> bool:
        """A branch or representative office: not a legal entity; it acts for its parent."""
        return self.form.subdivision

    @property
    def parent(self) -> ParentCompany | None:
        return self.answers.operator.parent

    @property
    def requests_email(self) -> str:
        """Where a subject writes to exercise a right or withdraw consent: the responsible
        person's e-mail where the answers give one, else the operator's."""
        person = self.answers.operator.responsible_person
        return person.email if person is not None and person.email else self.answers.operator.email

    @property
    def parent_abroad(self) -> bool:
        """A subdivision of a foreign company: the owner of the database keeps a copy abroad."""
        return self.parent is not None and self.parent.country != "KZ"

    # ------------------------------------------------------------------ data

    @cached_property
    def collected(self) -> tuple[DataCategory, ...]:
        return tuple(self.catalog.data_categories[i] for i in self.answers.data.collected)

    @cached_property
    def technical(self) -> tuple[DataCategory, ...]:
        return tuple(self.catalog.data_categories[i] for i in self.answers.data.technical)

    @cached_property
    def special(self) -> tuple[DataCategory, ...]:
        return tuple(self.catalog.data_categories[i] for i in self.answers.data.special)

    @property
    def has_special(self) -> bool:
        return bool(self.answers.data.special)

    @property
    def biometric(self) -> bool:
        return "biometric" in self.answers.data.special

    @property
    def uses_cookies(self) -> bool:
        return "cookies" in self.answers.data.technical or bool(self.cookie_services)

    @property
    def minors(self) -> str:
        """not_directed, with_consent or general_audience (answers, else the site kind's default)."""
        return self.answers.data.minors

    @property
    def minors_with_consent(self) -> bool:
        return self.minors == "with_consent"

    @property
    def minors_possible(self) -> bool:
        """Minors may be among the subjects (with consent, or a service for everyone)."""
        return self.minors != "not_directed"

    @property
    def large_operator(self) -> bool:
        """Over 500,000 subjects, or over 10,000 with restricted-access (special) data, which
        moves an operator up one class (Art. 25-1 as Law 326-VIII is reported to word it) [S]."""
        count = self.answers.data.subjects_count
        if count is None:
            return False
        return count > LARGE_OPERATOR or (count > MEDIUM_OPERATOR and self.has_special)

    # ------------------------------------------------------------------ sources and publication

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(self.answers.data.sources)

    @property
    def from_subject(self) -> bool:
        return "subject" in self.answers.data.sources

    @property
    def from_state_systems(self) -> bool:
        return "state_systems" in self.answers.data.sources

    @property
    def from_third_parties(self) -> bool:
        return "third_parties" in self.answers.data.sources

    @cached_property
    def published(self) -> tuple[str, ...]:
        """The data the operator publishes in public sources: as the answers say, or, with the
        'reviews' purpose, the reviewer's name and review."""
        stated = self.answers.data.published
        if stated is not None:
            return tuple(stated)
        if not self.has_purpose("reviews"):
            return ()
        name = next((d for d in ("first_name", "full_name") if self.collects(d)), None)
        return tuple(d for d in (name, "review") if d is not None and self.collects(d))

    def collects(self, data_id: str) -> bool:
        data = self.answers.data
        return data_id in data.collected or data_id in data.technical or data_id in data.special

    # ------------------------------------------------------------------ purposes

    def has_purpose(self, purpose_id: str) -> bool:
        return purpose_id in self.answers.purposes

    @property
    def marketing(self) -> bool:
        return self.answers.marketing is not None

    @property
    def has_delivery(self) -> bool:
        return self.has_purpose("delivery") or bool(self.services_in("delivery"))

    @property
    def publishes(self) -> bool:
        """The operator publishes personal data in public sources (Art. 8(4)(6))."""
        return bool(self.published)

    @property
    def analytics(self) -> bool:
        return self.has_purpose("analytics") or bool(self.services_in("analytics"))

    @property
    def advertising(self) -> bool:
        """Data serve advertising: the purpose, or an advertising service (a pixel) on the site."""
        return self.has_purpose("advertising") or bool(self.services_in("advertising"))

    @property
    def has_orders(self) -> bool:
        """The site takes orders: only then does the text speak of orders, baskets and statuses."""
        return bool(ORDER_PURPOSES & set(self.answers.purposes))

    def service_purposes(self, service: ResolvedService) -> tuple[str, ...]:
        """The declared purposes a catalogue service serves (its category is one the purpose
        uses): what the recipients table says it receives data for, never a purpose the answers
        lack. A custom service has none: the table prints the purpose the operator typed."""
        if service.custom:
            return ()  # the operator described the purpose itself: its own words are printed
        purposes = self.catalog.purposes
        return tuple(p for p in self.answers.purposes if service.category in purposes[p].service_categories)

    # ------------------------------------------------------------------ services

    @cached_property
    def services(self) -> tuple[ResolvedService, ...]:
        out: list[ResolvedService] = []
        for index, entry in enumerate(self.answers.services, start=1):
            if isinstance(entry, CustomService):
                out.append(
                    ResolvedService(
                        id=f"custom-{index}",
                        name=entry.name,
                        company=entry.company,
                        country=entry.country,
                        category=entry.category,
                        purpose=entry.purpose,
                        receives=tuple(entry.receives),
                        cookies=(),
                        custom=True,
                        country_assumed=False,
                    )
                )
                continue
            item = self.catalog.services[entry.id]
            out.append(
                ResolvedService(
                    id=item.id,
                    name=item.name,
                    company=item.company_label or item.company,
                    country=item.country,
                    category=item.category,
                    purpose=item.purpose,
                    receives=self._received_by(item, entry.receives),
                    cookies=item.cookies if self.uses_cookie_data else (),
                    custom=False,
                    country_assumed=item.country_assumed,
                )
            )
        return tuple(out)

    def _received_by(self, item: Service, stated: list[str] | None) -> tuple[str, ...]:
        if stated is not None:  # the answers list what this service receives
            return tuple(stated)
        category = self.catalog.service_categories[item.category]
        if category.holds_database:
            return self.all_data  # a hosting or cloud provider keeps the whole database
        if category.holds_form_data:
            return tuple(self.answers.data.collected)  # a site builder keeps what the forms collect
        return self._received(item.receives)

    def _received(self, catalogue: tuple[str, ...]) -> tuple[str, ...]:
        """What a catalogue service receives of the data this operator actually collects.

        A service can only receive what the operator has; a first name is part of the full
        name when only the full name is collected."""
        have = set(self.all_data)
        out = [d for d in catalogue if d in have]
        if not out:
            # Nothing in common: the service still receives what it works with, and the
            # policy must name it; the compliance checks flag the data not collected.
            return catalogue
        if "first_name" in catalogue and "first_name" not in have and "full_name" in have and "full_name" not in out:
            out.insert(0, "full_name")
        return tuple(out)

    @property
    def uses_cookie_data(self) -> bool:
        return "cookies" in self.answers.data.technical

    def services_in(self, *categories: str) -> tuple[ResolvedService, ...]:
        return tuple(s for s in self.services if s.category in categories)

    @cached_property
    def cookie_services(self) -> tuple[ResolvedService, ...]:
        return tuple(s for s in self.services if s.cookies)

    @cached_property
    def consent_cookie_services(self) -> tuple[ResolvedService, ...]:
        """Services whose cookies the Site sets only with the visitor's consent (their
        category has ``cookie_consent``: analytics, advertising, embedded video, social and
        map widgets): the catalogue's that set cookies, and custom ones of those categories
        when the answers declare cookies. The cookie notice is built for these; none, no
        notice (only necessary cookies are set)."""
        categories = self.catalog.service_categories
        return tuple(
            s for s in self.services
            if categories[s.category].cookie_consent and (s.cookies or (s.custom and self.uses_cookie_data))
        )

    @cached_property
    def necessary_cookie_services(self) -> tuple[ResolvedService, ...]:
        """Services whose cookies are set without consent, as necessary for the Site (CDN,
        bot protection)."""
        consent = {s.id for s in self.consent_cookie_services}
        return tuple(s for s in self.cookie_services if s.id not in consent)

    @cached_property
    def recipients(self) -> tuple[ResolvedService, ...]:
        """Services that receive personal data, in the order the answers list them."""
        return tuple(s for s in self.services if s.receives)

    # ------------------------------------------------------------------ storage, transfers

    @cached_property
    def hosting_service(self) -> Service | None:
        """The catalogue's provider named by ``storage.hosting`` (its id, name or an alias)."""
        hosting = self.answers.storage.hosting
        if hosting is None:
            return None
        return self.catalog.resolve_service(hosting, HOSTING_CATEGORIES)

    @cached_property
    def hosting_name(self) -> str | None:
        hosting = self.answers.storage.hosting
        if hosting is None:
            return None
        return self.hosting_service.name if self.hosting_service is not None else hosting

    @property
    def storage_country(self) -> str:
        """Where the database is: the hosting provider's country when the catalogue knows the
        provider (the answers cannot put a foreign provider's servers in Kazakhstan), else
        ``storage.country``."""
        if self.hosting_service is not None:
            return self.hosting_service.country
        return self.answers.storage.country

    @property
    def storage_in_kz(self) -> bool:
        return self.storage_country == "KZ"

    @cached_property
    def database_copies_abroad(self) -> tuple[ResolvedService, ...]:
        """Services abroad that keep the operator's data (hosting, cloud, a site builder's form
        storage): copies of the database outside Kazakhstan, each a cross-border transfer."""
        return tuple(
            s for s in self.foreign_services
            if (self.catalog.service_categories[s.category].holds_database
                or self.catalog.service_categories[s.category].holds_form_data)
            and (self.hosting_service is None or s.id != self.hosting_service.id)
        )

    @cached_property
    def transfers(self) -> tuple[ForeignTransfer, ...]:
        """Every cross-border transfer: foreign services first, then explicit entries, the
        parent company abroad and a database abroad."""
        out = [
            ForeignTransfer(s.country, s.name, s.purpose, s.receives, True, s.country_assumed)
            for s in self.foreign_services
        ]
        out.extend(
            ForeignTransfer(t.country, t.recipient, t.purpose, tuple(t.data), False)
            for t in self.answers.cross_border.transfers
        )
        parent = self.parent
        if parent is not None and parent.country != "KZ":
            out.append(ForeignTransfer(
                    parent.country, parent.name, _PARENT_PURPOSE[self.answers.operator.legal_form], self.all_data, False
                ))
        listed = {s.id for s in self.foreign_services}
        if not self.storage_in_kz and (self.hosting_service is None or self.hosting_service.id not in listed):
            # A primary database abroad is itself a transfer of everything to that country
            # (and a breach of Art. 12(2), which the checks report); the text must say so.
            out.append(
                ForeignTransfer(
                    self.storage_country,
                    self.hosting_name or _STORAGE_RECIPIENT,
                    _STORAGE_PURPOSE,
                    self.all_data,
                    False,
                )
            )
        return tuple(out)

    @cached_property
    def assumed_countries(self) -> tuple[ResolvedService, ...]:
        """Recipients whose country is the provider's seat, not a place it publishes."""
        return tuple(s for s in self.recipients if s.country_assumed)

    @property
    def assumed_abroad(self) -> bool:
        """Some country of the cross-border list is a provider's seat, not a place it publishes."""
        return any(t.country_assumed for t in self.transfers)

    @cached_property
    def foreign_services(self) -> tuple[ResolvedService, ...]:
        # Only services that receive some of this operator's data transfer anything abroad.
        return tuple(s for s in self.services if s.foreign and s.receives)

    @cached_property
    def all_data(self) -> tuple[str, ...]:
        data = self.answers.data
        return (*data.collected, *data.special, *data.technical)

    @property
    def cross_border(self) -> bool:
        return bool(self.transfers)

    @cached_property
    def transfer_countries(self) -> tuple[str, ...]:
        return tuple(sorted({t.country for t in self.transfers}))

    @cached_property
    def transfers_by_country(self) -> tuple[tuple[str, tuple[ForeignTransfer, ...]], ...]:
        return tuple(
            (code, tuple(t for t in self.transfers if t.country == code)) for code in self.transfer_countries
        )

    def purpose_data(self, purpose_id: str) -> tuple[str, ...]:
        """The collected data a purpose uses, in the order the answers list them.

        A purpose that uses none of the data the user gives (analytics, security) works on
        the technical data; the compliance checks flag a purpose left with nothing."""
        narrowed = self.answers.purpose_data.get(purpose_id)
        if narrowed is not None:  # the answers say exactly which data this purpose uses
            return tuple(narrowed)
        uses = set(self.catalog.purposes[purpose_id].uses)
        data = self.answers.data
        chosen = [d for d in (*data.collected, *data.special, *data.technical) if d in uses]
        return tuple(chosen) or tuple(data.technical) or tuple(data.collected)

    # ------------------------------------------------------------------ retention

    @property
    def default_retention(self) -> str | Period:
        return self.answers.retention.default

    # ------------------------------------------------------------------ misc

    @property
    def automated(self) -> bool:
        return self.answers.automated_decisions.used

    @property
    def egov_consent(self) -> bool:
        return "egov" in self.answers.consent.methods


def derive(answers: Answers) -> Facts:
    return Facts(answers, load_catalog())
