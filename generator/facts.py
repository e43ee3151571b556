"""Facts derived once from the answers: what the templates and the checks ask about.

Templates never compute legal conclusions themselves ("is there a cross-border
transfer?"); they read them here, so the Kazakh and Russian texts and the compliance
checks cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from .answers.model import Answers, CustomService, LocalText, Period
from .catalog import Catalog, Cookie, DataCategory, Label, LegalForm, Service, load_catalog

LARGE_OPERATOR = 500_000  # unique subjects above which an operator is "large" (Art. 25-1) [S]

_STORAGE_RECIPIENT = LocalText(kk="Оператордың дерекқоры", ru="база данных Оператора")
_STORAGE_PURPOSE = LocalText(
    kk="дербес деректер қамтылған базаны сақтау", ru="хранение базы, содержащей персональные данные"
)


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
    def minors_with_consent(self) -> bool:
        return self.answers.data.minors == "with_consent"

    @property
    def large_operator(self) -> bool:
        count = self.answers.data.subjects_count
        return count is not None and count > LARGE_OPERATOR

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
        """The site publishes personal data (reviews with the author's name)."""
        return self.has_purpose("reviews")

    @property
    def analytics(self) -> bool:
        return self.has_purpose("analytics") or bool(self.services_in("analytics"))

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
                )
            )
        return tuple(out)

    def _received_by(self, item: Service, stated: list[str] | None) -> tuple[str, ...]:
        if stated is not None:  # the answers list what this service receives
            return tuple(stated)
        if self.catalog.service_categories[item.category].holds_database:
            return self.all_data  # a hosting or cloud provider keeps the whole database
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
    def recipients(self) -> tuple[ResolvedService, ...]:
        """Services that receive personal data, in the order the answers list them."""
        return tuple(s for s in self.services if s.receives)

    # ------------------------------------------------------------------ storage, transfers

    @property
    def storage_in_kz(self) -> bool:
        return self.answers.storage.country == "KZ"

    @cached_property
    def hosting_name(self) -> str | None:
        hosting = self.answers.storage.hosting
        if hosting is None:
            return None
        item = self.catalog.services.get(hosting)
        return item.name if item is not None else hosting

    @cached_property
    def transfers(self) -> tuple[ForeignTransfer, ...]:
        """Every cross-border transfer: foreign services first, then explicit entries."""
        out = [
            ForeignTransfer(s.country, s.name, s.purpose, s.receives, True) for s in self.foreign_services
        ]
        out.extend(
            ForeignTransfer(t.country, t.recipient, t.purpose, tuple(t.data), False)
            for t in self.answers.cross_border.transfers
        )
        if not self.storage_in_kz:
            # A primary database abroad is itself a transfer of everything to that country
            # (and a breach of Art. 12(2), which the checks report); the text must say so.
            storage = self.answers.storage
            out.append(
                ForeignTransfer(
                    storage.country,
                    self.hosting_name or _STORAGE_RECIPIENT,
                    _STORAGE_PURPOSE,
                    self.all_data,
                    False,
                )
            )
        return tuple(out)

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
