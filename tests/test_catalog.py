"""The reference catalogue: it loads, holds together, and its labels are fit for legal text."""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections.abc import Callable, Iterator
from importlib.resources import files
from typing import Any

import pytest
import yaml
from pydantic import BaseModel, ValidationError

import generator.catalog as catalog_module
from generator.catalog import FILES, META_FILE, Catalog, Label, Lang, LegalForm, load_authority, load_catalog, name_key
from generator.catalog.cities import KAZAKH_ONLY
from generator.lang import cldr

CATALOG = load_catalog()
SNAKE = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")
LANGS: tuple[Lang, ...] = ("kk", "ru", "en")

# Variants Law 94-V does not use, though published Kazakh policies often do: the policy must not.
FORBIDDEN_KK = ("жеке мәліметтер", "жеке деректер", "құпиялық", "беймәлімдендіру", "беймәлім")
FORBIDDEN_RU = re.compile(r"личн\w*\s+(данн|сведен)", re.IGNORECASE)

# The defined terms of the policy keep their capital letter even at the start of a label.
DEFINED_TERMS = ("Сайт", "Пайдаланушы", "Пользовател", "Оператор", "Site", "User", "Operator")


def walk_labels(value: Any, path: str = "") -> Iterator[tuple[str, Label]]:
    """Every Label in the catalogue, with a readable path to it."""
    if isinstance(value, Label):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from walk_labels(getattr(value, name), f"{path}.{name}" if path else name)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from walk_labels(item, f"{path}[{key}]")
    elif isinstance(value, (tuple, list)):
        for index, item in enumerate(value):
            yield from walk_labels(item, f"{path}[{index}]")


ALL_LABELS = list(walk_labels(CATALOG))


def phrase_labels() -> Iterator[tuple[str, Label]]:
    """Labels that are inserted into running text and so must start lower case."""
    for key, form in CATALOG.legal_forms.items():
        yield f"legal_forms[{key}].name", form.name
    for field in ("data_categories", "subject_categories", "purposes", "service_categories", "site_kinds"):
        for key, item in getattr(CATALOG, field).items():
            yield f"{field}[{key}].label", item.label
    for key, service in CATALOG.services.items():
        yield f"services[{key}].purpose", service.purpose
        for cookie in service.cookies:
            yield f"services[{key}].cookies[{cookie.name}].purpose", cookie.purpose
            yield f"services[{key}].cookies[{cookie.name}].lifetime", cookie.lifetime


def starts_properly(text: str) -> bool:
    first = text.split()[0]
    return (
        not text[0].isupper()
        or first[:2].isupper()  # an acronym: IP, CRM, SMS, CV
        or first.startswith(DEFINED_TERMS)
    )


# --------------------------------------------------------------------------- loading


def test_catalogue_loads_once_and_is_frozen() -> None:
    assert load_catalog() is CATALOG
    with pytest.raises(ValidationError):
        CATALOG.services["google_analytics"].country = "KZ"


@pytest.mark.parametrize("filename", sorted(FILES.values()))
def test_both_yaml_loaders_read_the_same(filename: str) -> None:
    """The C loader is used when PyYAML has libyaml; the pure-Python one must agree."""
    text = files("generator.catalog").joinpath(filename).read_text(encoding="utf-8")
    pure = yaml.load(text, Loader=yaml.SafeLoader)
    assert isinstance(pure, dict) and pure
    if hasattr(yaml, "CSafeLoader"):
        assert yaml.load(text, Loader=yaml.CSafeLoader) == pure


def test_the_catalogue_loads_with_the_pure_python_loader(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(catalog_module, "_LOADER", yaml.SafeLoader)
    assert load_catalog.__wrapped__() == CATALOG


def test_every_yaml_file_ships_with_a_header_comment() -> None:
    package = files("generator.catalog")
    for filename in (*FILES.values(), META_FILE, "authority.yaml"):
        text = package.joinpath(filename).read_text(encoding="utf-8")
        assert text.startswith("# "), f"{filename} must open with a comment saying what it is"


REQUIRED = {
    "legal_forms": """
        ip ip_joint farm too tdo ao nao cooperative state_enterprise state_enterprise_phv
        state_treasury_enterprise state_institution private_institution public_association public_fund
        association branch representative_office private_company
    """,
    "data_categories": """
        full_name phone email delivery_address residence occupation company job_title payment_details iin
        birth_date gender photo account order_history correspondence geolocation education cv messenger_id
        ip cookies browser access_time referrer device_id pages_visited health biometric
    """,
    "subject_categories": "visitors customers registered_users applicants students parents patients subscribers "
    "partners",
    "purposes": """
        registration order payment delivery order_notifications support feedback service_provision education
        appointment recruitment reviews marketing advertising analytics security legal_obligations
    """,
    "services": """
        google_analytics google_tag_manager yandex_metrica meta_pixel google_ads tiktok_pixel kaspi_pay halyk_epay
        freedom_pay cloudpayments kazpost cdek glovo yandex_delivery whatsapp telegram instagram bitrix24 amocrm
        mobizon smsc_kz sendpulse mailchimp ps_kz hoster_kz qaz_cloud aws google_cloud cloudflare yandex_maps
        google_maps two_gis tilda jivo google_recaptcha youtube google_workspace tilda_ru wix yandex_cloud
    """,
    "cities": """
        astana almaty shymkent semey kokshetau aktobe konaev atyrau oral taraz taldykorgan karaganda kostanay
        kyzylorda aktau pavlodar petropavl turkistan zhezkazgan oskemen
    """,
    "site_kinds": "online_store services corporate marketplace education saas mobile_app media medical food_delivery "
    "booking nonprofit",
}


@pytest.mark.parametrize("field", sorted(REQUIRED))
def test_required_entries_exist(field: str) -> None:
    missing = set(REQUIRED[field].split()) - set(getattr(CATALOG, field))
    assert not missing, f"{FILES[field]} lacks {sorted(missing)}"


def test_at_least_thirty_services() -> None:
    assert len(CATALOG.services) >= 30


# --------------------------------------------------------------------------- ids and references


def test_ids_are_ascii_snake_case() -> None:
    for field in FILES:
        for key, item in getattr(CATALOG, field).items():
            assert SNAKE.match(key), f"{FILES[field]}: {key!r}"
            assert key.isascii()
            assert item.id == key


def test_every_reference_resolves() -> None:
    data, purposes = CATALOG.data_categories, CATALOG.purposes
    for key, purpose in purposes.items():
        assert set(purpose.needs) <= set(purpose.uses) <= set(data), key
        assert set(purpose.service_categories) <= set(CATALOG.service_categories), key
    for key, service in CATALOG.services.items():
        assert service.category in CATALOG.service_categories, key
        assert set(service.receives) <= set(data), key
        assert re.fullmatch(r"[A-Z]{2}", service.country), key
    for key, kind in CATALOG.site_kinds.items():
        assert set(kind.default_collected) | set(kind.default_technical) <= set(data), key
        assert set(kind.default_purposes) <= set(purposes), key
        assert set(kind.default_subjects) <= set(CATALOG.subject_categories), key


def test_site_kind_defaults_raise_no_warning() -> None:
    """A wizard that keeps the defaults has every purpose's data and no unused data."""
    for key, kind in CATALOG.site_kinds.items():
        chosen = set(kind.default_collected) | set(kind.default_technical)
        for purpose_id in kind.default_purposes:
            missing = set(CATALOG.purposes[purpose_id].needs) - chosen
            assert not missing, f"{key}: {purpose_id} needs {missing}"
        used = set().union(*(CATALOG.purposes[p].uses for p in kind.default_purposes))
        assert chosen <= used, f"{key}: no default purpose uses {chosen - used}"
        groups = {CATALOG.data_categories[d].group for d in kind.default_collected}
        assert not groups & {"technical", "special"}, key
        assert {CATALOG.data_categories[d].group for d in kind.default_technical} <= {"technical"}, key
        assert not any(CATALOG.data_categories[d].restricted for d in kind.default_collected if d != "payment_details")


def test_every_data_category_has_a_purpose_and_every_service_category_is_used() -> None:
    used_data = {d for p in CATALOG.purposes.values() for d in p.uses}
    assert set(CATALOG.data_categories) == used_data
    used_categories = {s.category for s in CATALOG.services.values()}
    used_categories |= {c for p in CATALOG.purposes.values() for c in p.service_categories}
    assert set(CATALOG.service_categories) == used_categories


def test_special_data_is_restricted() -> None:
    for key, category in CATALOG.data_categories.items():
        if category.group == "special":
            assert category.restricted, key
    for key in ("iin", "payment_details", "health", "biometric"):
        assert CATALOG.data_categories[key].restricted, key


def test_marketing_purposes() -> None:
    marketing = {key for key, purpose in CATALOG.purposes.items() if purpose.marketing}
    # advertising (a pixel showing ads elsewhere) sends the subject no message: no marketing section
    assert marketing == {"marketing"}


# --------------------------------------------------------------------------- labels


@pytest.mark.parametrize(("path", "label"), ALL_LABELS, ids=[path for path, _ in ALL_LABELS])
def test_label_is_complete_and_clean(path: str, label: Label) -> None:
    for lang in LANGS:
        text = label.get(lang)
        assert text and text == text.strip(), f"{path}.{lang}: empty or padded"
        assert not text.endswith((".", ";", ",", ":")), f"{path}.{lang}: ends in punctuation: {text!r}"
        assert "  " not in text, f"{path}.{lang}: double space"
        assert text.count("(") == text.count(")"), f"{path}.{lang}: unbalanced brackets"
        assert text.count("«") == text.count("»"), f"{path}.{lang}: unbalanced quotes"
        for word in re.split(r"[\s\-/()«»,]+", text):
            scripts = {"cyrillic" if re.match(r"[\u0400-\u04ff]", ch) else "latin" for ch in word if ch.isalpha()}
            assert len(scripts) <= 1, f"{path}.{lang}: {word!r} mixes Cyrillic and Latin letters"


@pytest.mark.parametrize(("path", "label"), ALL_LABELS, ids=[path for path, _ in ALL_LABELS])
def test_label_uses_the_terms_of_the_law(path: str, label: Label) -> None:
    kk = label.kk.lower()
    for variant in FORBIDDEN_KK:
        assert variant not in kk, f"{path}.kk uses {variant!r}: write «дербес деректер», «құпиялылық», «иесіздендіру»"
    assert not FORBIDDEN_RU.search(label.ru), f"{path}.ru: write «персональные данные», not «личные данные»"
    assert not re.search(r"[ёЁ]", label.ru), f"{path}.ru: the legislation writes «е», not «ё»"


def test_phrases_start_lower_case() -> None:
    for path, label in phrase_labels():
        for lang in LANGS:
            text = label.get(lang)
            assert starts_properly(text), f"{path}.{lang}: starts with a capital: {text!r}"


def test_kazakh_labels_are_not_russian() -> None:
    """No Russian function words in a Kazakh label (a copy-paste from the Russian column)."""
    russian_words = {"и", "в", "на", "для", "с", "по", "или", "от", "о", "об", "при", "до"}
    for path, label in ALL_LABELS:
        words = set(re.split(r"[\s(),«»]+", label.kk.lower()))
        assert not words & russian_words, f"{path}.kk looks Russian: {label.kk!r}"


# --------------------------------------------------------------------------- legal forms


def test_ip_and_private_company_abbreviations() -> None:
    ip = CATALOG.legal_forms["ip"]
    assert ip.abbr is not None and ip.abbr.kk == "ЖК" and ip.abbr.ru == "ИП"
    company = CATALOG.legal_forms["private_company"]
    assert company.aifc
    assert company.abbr is None or company.abbr.kk != "ЖК"
    assert "ЖК" not in company.display.kk.split()


def test_legal_form_identifiers_and_kinds() -> None:
    forms = CATALOG.legal_forms
    assert (forms["ip"].kind, forms["ip"].identifier) == ("individual", "iin")
    assert (forms["farm"].kind, forms["farm"].identifier) == ("individual", "iin")
    assert forms["ip_joint"].identifier == "bin"
    for key, form in forms.items():
        assert form.requires_responsible_person == (form.kind == "legal_entity"), key
        if form.kind == "legal_entity":
            assert form.identifier == "bin", key
        assert form.aifc == (key == "private_company"), key
    assert forms["too"].abbr == Label(kk="ЖШС", ru="ТОО", en="LLP")
    assert forms["state_enterprise_phv"].abbr is not None and forms["state_enterprise_phv"].abbr.ru == "РГП на ПХВ"
    assert all(forms[k].state for k in ("state_enterprise", "state_treasury_enterprise", "state_institution"))


@pytest.mark.parametrize(
    ("form", "lang", "expected"),
    [
        ("too", "kk", "«Дала Маркет» ЖШС"),
        ("too", "ru", "ТОО «Дала Маркет»"),
        ("ip", "kk", "ЖК Дала Маркет"),
        ("ip", "ru", "ИП Дала Маркет"),
        ("ao", "kk", "«Дала Маркет» АҚ"),
        ("private_company", "kk", "«Дала Маркет» жеке компаниясы"),
    ],
)
def test_display_patterns(form: str, lang: Lang, expected: str) -> None:
    pattern = CATALOG.legal_forms[form].display.get(lang)
    assert pattern.replace("{name}", "Дала Маркет") == expected


def test_full_names_are_lower_case() -> None:
    for key, form in CATALOG.legal_forms.items():
        for lang in LANGS:
            name = form.name.get(lang)
            assert name == name.lower(), f"{key}.name.{lang}"


# --------------------------------------------------------------------------- services


@pytest.mark.parametrize(
    ("service", "country"),
    [
        ("google_analytics", "US"),
        ("meta_pixel", "US"),
        ("yandex_metrica", "RU"),
        ("whatsapp", "US"),
        ("telegram", "AE"),
        ("kaspi_pay", "KZ"),
        ("halyk_epay", "KZ"),
        ("ps_kz", "KZ"),
    ],
)
def test_processing_country(service: str, country: str) -> None:
    item = CATALOG.services[service]
    assert item.country == country
    assert item.cross_border == (country != "KZ")


def test_known_cookies() -> None:
    def names(service: str) -> set[str]:
        return {c.name for c in CATALOG.services[service].cookies}

    assert {"_ga", "_ga_<container-id>"} <= names("google_analytics")
    assert {"_fbp", "fr"} <= names("meta_pixel")
    assert {"_ym_uid", "_ym_d", "_ym_isad"} <= names("yandex_metrica")


def test_script_hosts_are_hostnames_claimed_once() -> None:
    seen: dict[str, str] = {}
    for key, service in CATALOG.services.items():
        for host in service.script_hosts:
            assert host == host.lower() and "/" not in host and ":" not in host, f"{key}: {host!r}"
            assert host not in seen, f"{host} is claimed by {seen.get(host)} and {key}"
            seen[host] = key
        for pattern in service.script_patterns:
            assert "://" not in pattern, key
    assert CATALOG.services["google_tag_manager"].script_patterns
    assert "www.google-analytics.com" in CATALOG.services["google_analytics"].script_hosts


def test_privacy_urls_are_https() -> None:
    for key, service in CATALOG.services.items():
        if service.privacy_url is not None:
            assert service.privacy_url.startswith("https://"), key


# --------------------------------------------------------------------------- where each statement comes from

NO_SOURCE = re.compile(r"could not be opened|No page .* could be opened")


@pytest.mark.parametrize("key", sorted(CATALOG.services))
def test_every_service_says_where_its_company_and_country_come_from(key: str) -> None:
    """A source that was read, or a note that says none could be opened; a date that has passed."""
    service = CATALOG.services[key]
    if service.source is None:
        assert service.note is not None and NO_SOURCE.search(service.note), (
            f"{key}: without a source the note must say that none could be opened"
        )
    else:
        assert re.fullmatch(r"https://[^\s/]+\.[^\s/]+(/\S*)?", service.source), f"{key}: {service.source!r}"
        assert service.note, f"{key}: say what the source says (company, where the data is kept)"
    assert service.verified <= CATALOG.verified <= dt.date.today(), f"{key}: verified in the future"
    for country in service.countries:
        assert country in cldr.country_codes(), f"{key}: {country} is not a country CLDR names"
        for lang in LANGS:
            assert cldr.country_name(country, lang) != country, f"{key}: {country} has no {lang} name"
    assert service.country_assumed == (service.country_basis == "assumed")
    if service.country_basis == "published":
        assert service.source is not None, f"{key}: a published country needs the page that publishes it"


def test_what_the_sources_changed() -> None:
    """The companies and countries the providers' own pages gave, where the catalogue had others."""
    services = CATALOG.services
    telegram = services["telegram"]
    assert telegram.company == "Telegram Messenger Inc."
    assert (telegram.country, telegram.country_basis, telegram.other_countries) == ("AE", "published", ("VG",))
    assert services["amocrm"].company == "АО «амоЦРМ»"
    assert services["glovo"].company == "Glovoapp23, S.L."
    assert (services["cdek"].company, services["cdek"].country) == ("CDEK Central Asia LLP", "KZ")
    assert services["cloudpayments"].country == "KZ"  # TipTop Pay Kazakhstan LLP is the processor
    assert services["halyk_epay"].company == "АО «Народный Банк Казахстана»"
    google = [s for s in services.values() if s.company == "Google LLC"]
    assert len(google) >= 8 and all(s.country_assumed for s in google)  # «servers around the world»


def test_company_names_take_each_language_s_form_order() -> None:
    """kk puts the form after the name and writes a Russian ООО as ЖШҚ, a Kazakhstan ТОО as ЖШС;
    ru puts it before. A foreign company other than a Russian one keeps its own form."""
    kk_form = {"ООО": "ЖШҚ", "ТОО": "ЖШС", "АО": "АҚ"}
    own_form = {"mobizon"}  # Ukrainian: its own form in kk and ru, its Latin form in English
    for key, service in CATALOG.services.items():
        label = service.company_label
        if label is None or key in own_form:
            continue
        ru_form = label.ru.split(" «", 1)[0]
        assert ru_form in kk_form and label.ru.endswith("»"), f"{key}: ru {label.ru!r}"
        assert label.kk.startswith("«") and label.kk.endswith(" " + kk_form[ru_form]), f"{key}: kk {label.kk!r}"
        assert not label.en.startswith(("ООО", "ТОО", "АО")), key
    yandex = CATALOG.services["yandex_metrica"].company_label
    assert yandex == Label(kk="«ЯНДЕКС» ЖШҚ", ru="ООО «ЯНДЕКС»", en="YANDEX LLC")
    kaspi = CATALOG.services["kaspi_pay"].company_label
    assert kaspi == Label(kk="«Kaspi Bank» АҚ", ru="АО «Kaspi Bank»", en="Kaspi Bank JSC")
    mobizon = CATALOG.services["mobizon"]  # Ukrainian: its own form, never a Kazakh «ЖШҚ»; Latin in English
    assert mobizon.company_label == Label(kk="ТОВ «МОБІЗОН»", ru="ТОВ «МОБІЗОН»", en="MOBIZON LLC")


def test_the_authorized_body_is_named_as_of_the_catalogue_s_date() -> None:
    authority = load_authority()
    assert authority.verified == authority.as_of == CATALOG.verified <= dt.date.today()
    assert authority.source.startswith("https://") and authority.note
    assert "Жасанды интеллект және цифрлық даму министрлігі" in authority.name.kk


def test_site_builders_keep_what_the_forms_collect() -> None:
    categories = CATALOG.service_categories
    assert categories["site_builder"].holds_form_data and not categories["site_builder"].holds_database
    assert categories["hosting"].holds_database and categories["cloud"].holds_database
    builders = {k for k, s in CATALOG.services.items() if s.category == "site_builder"}
    assert {"tilda", "tilda_ru", "wix"} <= builders
    for key in builders:
        assert {"full_name", "phone", "email"} <= set(CATALOG.services[key].receives), key
    assert CATALOG.services["tilda"].company == "Tilda Platform Cloud Services Co. LLC"
    assert CATALOG.services["tilda"].country == "AE"


# --------------------------------------------------------------------------- names people type


def test_aliases_belong_to_one_service_each() -> None:
    owner: dict[str, str] = {}
    for key, service in CATALOG.services.items():
        for name in service.name_keys():
            assert name, f"{key}: a name without letters"
            assert owner.setdefault(name, key) == key, f"{name!r} is both {owner[name]}'s and {key}'s"


@pytest.mark.parametrize(
    ("typed", "service"),
    [
        ("tilda", "tilda"),
        ("Tilda", "tilda"),
        ("tilda.cc", "tilda"),
        ("Тильда", "tilda"),
        ("tilda.ru", "tilda_ru"),
        ("PS.kz", "ps_kz"),
        ("ps kz", "ps_kz"),
        ("PS-KZ", "ps_kz"),
        ("https://www.ps.kz/hosting", "ps_kz"),
        ("ps_kz", "ps_kz"),
        ("Hoster.kz", "hoster_kz"),
        ("hoster kz", "hoster_kz"),
        ("AWS", "aws"),
        ("Amazon Web Services", "aws"),
        ("amazon web services", "aws"),
        ("Yandex Cloud", "yandex_cloud"),
        ("Яндекс Облако", "yandex_cloud"),
        ("Wix", "wix"),
        ("QazCloud", "qaz_cloud"),
        ("Google Cloud", "google_cloud"),
        ("Яндекс Метрика", "yandex_metrica"),
        ("Яндекс.Метрика", "yandex_metrica"),
        ("Битрикс24", "bitrix24"),
        ("Телеграм", "telegram"),
    ],
)
def test_a_typed_name_resolves_to_its_service(typed: str, service: str) -> None:
    found = CATALOG.resolve_service(typed)
    assert found is not None and found.id == service


@pytest.mark.parametrize("typed", ["", "  ", "Google", "Яндекс", "Amazon Web", "мой сервер", "tilda cloud"])
def test_a_name_no_service_has_resolves_to_nothing(typed: str) -> None:
    assert CATALOG.resolve_service(typed) is None


def test_resolution_can_keep_to_some_categories() -> None:
    where = {"hosting", "cloud", "site_builder"}
    tilda = CATALOG.resolve_service("Tilda", where)
    assert tilda is not None and tilda.id == "tilda"
    assert CATALOG.resolve_service("Google Analytics", where) is None
    assert CATALOG.resolve_service("Google Analytics") is not None


def test_name_key_ignores_case_space_punctuation_and_web_address_parts() -> None:
    assert {name_key(t) for t in ("PS.kz", "ps kz", "PS-KZ", "https://www.ps.kz/", "ps.kz/hosting")} == {"pskz"}
    assert name_key("Тильда") == "тильда" and name_key("Ёлка") == "елка"
    assert name_key("Қарағанды") != name_key("Карагандa")
    assert name_key(" — ") == ""


# --------------------------------------------------------------------------- cities

# The official names: Kazakh with the letters Kazakh writes (Қарағанды, not Караганды).
OFFICIAL = {
    "astana": ("Астана", "Астана"), "almaty": ("Алматы", "Алматы"), "shymkent": ("Шымкент", "Шымкент"),
    "semey": ("Семей", "Семей"), "kokshetau": ("Көкшетау", "Кокшетау"), "aktobe": ("Ақтөбе", "Актобе"),
    "konaev": ("Қонаев", "Конаев"), "atyrau": ("Атырау", "Атырау"), "oral": ("Орал", "Уральск"),
    "taraz": ("Тараз", "Тараз"), "taldykorgan": ("Талдықорған", "Талдыкорган"),
    "karaganda": ("Қарағанды", "Караганда"), "kostanay": ("Қостанай", "Костанай"),
    "kyzylorda": ("Қызылорда", "Кызылорда"), "aktau": ("Ақтау", "Актау"), "pavlodar": ("Павлодар", "Павлодар"),
    "petropavl": ("Петропавл", "Петропавловск"), "turkistan": ("Түркістан", "Туркестан"),
    "zhezkazgan": ("Жезқазған", "Жезказган"), "oskemen": ("Өскемен", "Усть-Каменогорск"),
}


def test_the_cities_of_republican_significance_and_every_regional_centre() -> None:
    cities = CATALOG.cities
    assert {k for k, c in cities.items() if c.status == "republican"} == {"astana", "almaty", "shymkent"}
    centres = [c for c in cities.values() if c.status == "regional_centre"]
    assert len(centres) == 17  # 17 regions since 8 June 2022
    assert len({c.region.kk for c in centres if c.region}) == 17
    assert all(c.region is None for c in cities.values() if c.status == "republican")
    regions = {c.id: c.region.ru for c in centres if c.region}
    assert regions["semey"] == "область Абай" and regions["taldykorgan"] == "область Жетісу"
    assert regions["zhezkazgan"] == "область Ұлытау" and regions["konaev"] == "Алматинская область"


@pytest.mark.parametrize("key", sorted(OFFICIAL))
def test_each_city_has_its_official_kazakh_and_russian_name(key: str) -> None:
    city = CATALOG.cities[key]
    assert (city.name.kk, city.name.ru) == OFFICIAL[key]
    assert not KAZAKH_ONLY & set(city.name.ru.lower())
    if KAZAKH_ONLY & set(city.name.kk.lower()):  # a Kazakh name with its letters is never the Russian one
        assert city.name.kk != city.name.ru


def test_every_name_of_a_city_is_its_own() -> None:
    owner: dict[str, str] = {}
    for key, city in CATALOG.cities.items():
        for name in city.name_keys():
            assert owner.setdefault(name, key) == key, f"{name!r} is both {owner[name]}'s and {key}'s"
        for typed in (city.name.kk, city.name.ru, city.name.en, *city.aliases):
            found = CATALOG.resolve_city(typed)
            assert found is not None and found.id == key, f"{typed!r} should be {key}"


@pytest.mark.parametrize(
    ("typed", "city"),
    [
        ("Орал", "oral"),
        ("Уральск", "oral"),
        ("Oral", "oral"),
        ("Uralsk", "oral"),
        ("г. Уральск", "oral"),
        ("город Уральск", "oral"),
        ("Орал қ.", "oral"),
        ("Орал қаласы", "oral"),
        ("  УРАЛЬСК ", "oral"),
        ("Өскемен", "oskemen"),
        ("Усть-Каменогорск", "oskemen"),
        ("Усть Каменогорск", "oskemen"),
        ("Ust-Kamenogorsk", "oskemen"),
        ("Семей", "semey"),
        ("Семипалатинск", "semey"),
        ("Нур-Султан", "astana"),
        ("Алма-Ата", "almaty"),
        ("Капшагай", "konaev"),
        ("Петропавловск", "petropavl"),
        ("Қарағанды", "karaganda"),
        ("Караганда", "karaganda"),
    ],
)
def test_a_typed_city_name_resolves(typed: str, city: str) -> None:
    found = CATALOG.resolve_city(typed)
    assert found is not None and found.id == city


@pytest.mark.parametrize("typed", ["", "г.", "Москва", "Бишкек", "Ақсу", "Карагандинская область"])
def test_a_place_the_catalogue_does_not_have_resolves_to_nothing(typed: str) -> None:
    assert CATALOG.resolve_city(typed) is None


def test_the_forms_a_document_writes() -> None:
    oral = CATALOG.cities["oral"]
    assert oral.short == Label(kk="Орал қ.", ru="г. Уральск", en="Oral")
    assert oral.full == Label(kk="Орал қаласы", ru="город Уральск", en="Oral")
    assert CATALOG.cities["oskemen"].short.ru == "г. Усть-Каменогорск"


# --------------------------------------------------------------------------- the validator


def broken(change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    data = copy.deepcopy(CATALOG.model_dump())
    change(data)
    return data


BREAKAGES: list[tuple[str, Callable[[dict[str, Any]], None], str]] = [
    (
        "purpose needs unknown data",
        lambda d: d["purposes"]["order"].update(needs=["telepathy"], uses=["telepathy"]),
        "purposes.yaml: order",
    ),
    (
        "needs not within uses",
        lambda d: d["purposes"]["delivery"].update(needs=["delivery_address", "iin"]),
        "purposes.yaml: delivery",
    ),
    (
        "purpose with unknown service category",
        lambda d: d["purposes"]["payment"].update(service_categories=["banking"]),
        "purposes.yaml: payment",
    ),
    (
        "service receives unknown data",
        lambda d: d["services"]["kaspi_pay"].update(receives=["card_pin"]),
        "services.yaml: kaspi_pay",
    ),
    (
        "service in unknown category",
        lambda d: d["services"]["cdek"].update(category="couriers"),
        "services.yaml: cdek",
    ),
    (
        "country not ISO alpha-2",
        lambda d: d["services"]["google_analytics"].update(country="USA"),
        "services.yaml: google_analytics",
    ),
    (
        "lower-case country",
        lambda d: d["services"]["yandex_metrica"].update(country="ru"),
        "services.yaml: yandex_metrica",
    ),
    (
        "site kind default purpose unknown",
        lambda d: d["site_kinds"]["online_store"].update(default_purposes=["order", "teleport"]),
        "site_kinds.yaml: online_store",
    ),
    (
        "site kind default data unknown",
        lambda d: d["site_kinds"]["medical"].update(default_collected=["full_name", "dna"]),
        "site_kinds.yaml: medical",
    ),
    (
        "key and id disagree",
        lambda d: d["data_categories"]["phone"].update(id="telephone"),
        "data_categories.yaml: phone",
    ),
    (
        "script host claimed twice",
        lambda d: d["services"]["google_ads"].update(script_hosts=["www.google-analytics.com"]),
        "services.yaml: google_ads",
    ),
    (
        "an individual required to appoint a responsible person",
        lambda d: d["legal_forms"]["ip"].update(requires_responsible_person=True),
        "legal_forms.yaml: ip",
    ),
    (
        "an alias another service has",
        lambda d: d["services"]["wix"].update(aliases=["Tilda"]),
        "services.yaml: wix",
    ),
    (
        "an alias that is another service's name, written otherwise",
        lambda d: d["services"]["hoster_kz"].update(aliases=["ps kz"]),
        "services.yaml: hoster_kz: the name 'pskz' is also ps_kz's",
    ),
    (
        "no source and no note",
        lambda d: d["services"]["kazpost"].update(source=None, note=None),
        "services.yaml: kazpost",
    ),
    (
        "a source that is not an https address",
        lambda d: d["services"]["tilda"].update(source="tilda.cc/privacy"),
        "services.yaml: tilda",
    ),
    (
        "read after the catalogue was verified",
        lambda d: d["services"]["aws"].update(verified=d["verified"] + dt.timedelta(days=1)),
        "services.yaml: aws",
    ),
    (
        "another country that is not ISO alpha-2",
        lambda d: d["services"]["telegram"].update(other_countries=["BVI"]),
        "services.yaml: telegram",
    ),
    (
        "a regional centre without its region",
        lambda d: d["cities"]["oral"].update(region=None),
        "cities.yaml: oral",
    ),
    (
        "a city of republican significance with a region",
        lambda d: d["cities"]["almaty"].update(region=d["cities"]["konaev"]["region"]),
        "cities.yaml: almaty",
    ),
    (
        "a city alias another city has",
        lambda d: d["cities"]["aktau"].update(aliases=["Актобе"]),
        "cities.yaml: aktau",
    ),
    (
        "a Latin look-alike letter in a Kazakh name",
        lambda d: d["cities"]["aktobe"]["name"].update(kk="Aқтөбе"),
        "cities.yaml: aktobe",
    ),
    (
        "a Kazakh letter in a Russian name",
        lambda d: d["cities"]["karaganda"]["name"].update(ru="Қараганда"),
        "cities.yaml: karaganda",
    ),
]


@pytest.mark.parametrize(("what", "change", "where"), BREAKAGES, ids=[b[0] for b in BREAKAGES])
def test_validator_rejects_a_broken_catalogue(what: str, change: Callable[[dict[str, Any]], None], where: str) -> None:
    with pytest.raises(ValidationError) as info:
        Catalog.model_validate(broken(change))
    assert where in str(info.value), f"{what}: the message should name {where!r}"


def test_an_intact_dump_validates_again() -> None:
    assert Catalog.model_validate(CATALOG.model_dump()) == CATALOG


def test_labels_must_have_all_three_languages() -> None:
    with pytest.raises(ValidationError):
        Label(kk="телефон нөмірі", ru="номер телефона", en="")
    with pytest.raises(ValidationError):
        Label(kk=" телефон нөмірі", ru="номер телефона", en="phone number")
    with pytest.raises(ValidationError):
        Label.model_validate({"kk": "аты", "ru": "имя"})
    with pytest.raises(ValidationError):
        LegalForm.model_validate({**CATALOG.legal_forms["too"].model_dump(), "nickname": "ТОО"})
