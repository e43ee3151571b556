"""The legal text's invariants, for every valid answers file: no clause denies what the answers
declare, no clause claims what they do not justify, and no two clauses contradict.

Each property is one class of the errors a lawyer's review found in policies for operators no
example describes: localisation stated while copies of the database are kept abroad, «does not
pass data for advertising» beside an advertising pixel, an adequacy claim about the countries
data go to, shop vocabulary on a site that takes no orders, a recipient's purpose the answers
do not declare, a branch that never names the company it belongs to. The strategies draw
realistic free text only, so a phrase found in the text is the template's, not a user's.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings

from generator.answers.model import Answers
from generator.catalog import load_catalog
from generator.document import Document, clause_text, document_text
from generator.engine.build import build_document
from generator.facts import Facts, derive
from generator.lang import language

from .strategies import validated_answers

CATALOG = load_catalog()
pytestmark = pytest.mark.slow  # hundreds of generated operators
CATALOGUE_TABLES = {"transfer.recipients", "cross_border.list", "cookies.table"}
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def documents(answers: Answers) -> tuple[Facts, dict[str, Document]]:
    facts = derive(answers)
    return facts, {lang: build_document(answers, lang, facts=facts) for lang in ("kk", "ru", "en")}


@SETTINGS
@given(validated_answers(hostile=False))
def test_no_clause_denies_what_the_answers_declare(answers: Answers) -> None:
    facts, docs = documents(answers)
    kk, ru, en = (document_text(docs[lang]) for lang in ("kk", "ru", "en"))
    if facts.advertising:
        assert "не передает их третьим лицам в рекламных целях" not in ru
        assert "жарнама мақсатында үшінші тұлғаларға бермейді" not in kk
        assert "does not transfer them to third parties for advertising" not in en
    if facts.publishes:
        assert "не распространяет персональные данные в общедоступных" not in ru
    if facts.automated:
        assert "не принимает решений" not in ru
    if facts.recipients or facts.parent:
        assert "не передает персональные данные третьим лицам" not in ru
    if facts.cross_border:
        assert "не осуществляет трансграничную передачу" not in ru


@SETTINGS
@given(validated_answers(hostile=False))
def test_no_adequacy_claim_and_every_country_named(answers: Answers) -> None:
    """Transfer abroad rests on consent and names its countries; no policy asserts that a
    country ensures protection (no official list exists)."""
    facts, docs = documents(answers)
    for lang, document in docs.items():
        text = document_text(document)
        assert "обеспечивающих защиту персональных данных" not in text
        assert "дербес деректерді қорғауды қамтамасыз ететін" not in text
        grammar = language(lang)
        for code in facts.transfer_countries:
            assert grammar.country(code) in clause_text(document, "cross_border.list"), (lang, code)


@SETTINGS
@given(validated_answers(hostile=False))
def test_localisation_is_stated_only_with_what_goes_abroad(answers: Answers) -> None:
    """«Stored in Kazakhstan» never stands alone when a foreign service keeps a copy of the
    database (Art. 12(2)): the same clause says which services keep it abroad."""
    facts, docs = documents(answers)
    storage = clause_text(docs["ru"], "processing.storage")
    if facts.storage_in_kz:
        assert "расположенной на территории Республики Казахстан" in storage
        for service in facts.database_copies_abroad:
            assert service.name in storage
    else:
        assert "на территории Республики Казахстан" not in storage
        assert language("ru").country(facts.storage_country) in storage


@SETTINGS
@given(validated_answers(hostile=False))
def test_vocabulary_follows_the_site(answers: Answers) -> None:
    """Orders, baskets and delivery only where the site takes orders; the legal
    representative's route in every policy (anyone may act through one, Art. 24)."""
    facts, docs = documents(answers)
    ru = document_text(docs["ru"]).lower()
    # The tables quote the catalogue's own words for each service (what amoCRM does, what a
    # service receives when the answers share nothing with it, which KZ-checks flag): the
    # template's sentences are what this property is about.
    own = "\n".join(
        clause_text(docs["ru"], clause).lower()
        for clause in docs["ru"].clauses()
        if clause.id not in CATALOGUE_TABLES
    )
    if not facts.has_orders and "order_history" not in facts.all_data:
        # «заказчики» (customers, a category of subjects) is no shop word
        assert not re.search(r"заказ(?!чик)|корзин", own), re.findall(r".{0,60}(?:заказ|корзин).{0,60}", own)
    assert "законн" in ru and "представител" in ru


@SETTINGS
@given(validated_answers(hostile=False))
def test_recipients_receive_data_only_for_declared_purposes(answers: Answers) -> None:
    facts, docs = documents(answers)
    for service in facts.recipients:
        assert set(facts.service_purposes(service)) <= set(answers.purposes)
    if facts.recipients:
        rows = clause_text(docs["ru"], "transfer.recipients").splitlines()
        declared = {CATALOG.purposes[p].label.ru for p in answers.purposes}
        undeclared = {CATALOG.purposes[p].label.ru for p in CATALOG.purposes} - declared
        for service in facts.recipients:
            if service.custom or not facts.service_purposes(service):
                continue
            row = next(r for r in rows if r.startswith(service.name))
            purpose_cell = row.split(" | ")[3]
            assert not any(label in purpose_cell for label in undeclared if label not in declared), row


@SETTINGS
@given(validated_answers(hostile=False))
def test_a_subdivision_names_the_company_it_belongs_to(answers: Answers) -> None:
    facts, docs = documents(answers)
    if facts.parent is not None:
        for lang, document in docs.items():
            text = document_text(document)
            assert facts.parent.name(lang) in text, lang
