"""The consent document (Law 94-V Art. 8(4)) and the checkbox that shows it: built from the
same answers as the policy, every item of Art. 8(4) filled from the answers, the checkbox
label the very words the policy quotes, and the snippet working in a real browser."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document as DocxDocument
from hypothesis import HealthCheck, given, settings

from generator.answers.model import Answers
from generator.api import build, build_consents, build_documents, build_files, load_answers
from generator.document import Document, clause_text, content_hash, document_text
from generator.facts import Facts, derive
from generator.lang import language

from .conftest import EXAMPLES, Runner
from .strategies import validated_answers
from .tools import require_tool

NODE_DIR = Path(__file__).resolve().parent / "site-generators"
EXAMPLE = {e.stem: e for e in EXAMPLES}
WITHDRAWAL = {"kk": "он бес жұмыс күні", "ru": "пятнадцати рабочих дней", "en": "fifteen working days"}


def consents_of(answers: Answers) -> tuple[dict[str, object], dict[str, object]]:
    policies = build_documents(answers, ["kk", "ru", "en"])
    return policies, build_consents(answers, policies)  # type: ignore[return-value]


def assert_article_8_4(answers: Answers) -> None:
    """Every item of Art. 8(4), in every language and both forms, from the answers."""
    facts = derive(answers)
    policies = build_documents(answers, ["kk", "ru", "en"])
    for form in ("online", "written"):
        for lang, consent in build_consents(answers, policies, form=form).items():
            assert_consent(answers, facts, policies, lang, consent, form)


SIGNATURE_ROWS = {"kk": ("Субъектінің ЖСН", "Өкілдік негізі"), "ru": ("ИИН субъекта", "Основание представительства"),
                  "en": ("IIN of the subject", "Grounds of the representation")}


def assert_consent(answers: Answers, facts: Facts, policies: dict[str, Document], lang: str, consent: Document,
                   form: str) -> None:
    """Every item of Art. 8(4) of one consent, from the answers."""
    grammar = language(lang)
    text = document_text(consent)
    operator = clause_text(consent, "operator.identity")
    assert answers.operator.identifier in operator, lang  # (1) name and BIN/IIN
    assert answers.operator.name.get(lang) in operator, lang
    assert clause_text(consent, "subject.identity"), lang  # (2) the subject's name
    assert WITHDRAWAL[lang] in clause_text(consent, "term.withdrawal"), lang  # (3) term, withdrawal
    assert policies[lang].numbers["processing.retention"] in clause_text(consent, "term.period"), lang
    recipients = clause_text(consent, "transfer.recipients")  # (4) third parties
    for service in facts.recipients:
        assert service.name in recipients, (lang, service.name)
    countries = clause_text(consent, "cross_border.countries")  # (5) abroad
    for code in facts.transfer_countries:
        assert grammar.country(code) in countries, (lang, code)
    publication = clause_text(consent, "publication.terms")  # (6) publication
    for data_id in facts.published:
        assert facts.catalog.data_categories[data_id].label.get(lang) in publication, lang
    listed = clause_text(consent, "data.list")  # (7) the data
    for data_id in facts.all_data:
        assert facts.catalog.data_categories[data_id].label.get(lang) in listed, (lang, data_id)
    assert content_hash(policies[lang]) in clause_text(consent, "policy.reference"), lang  # the policy
    ids = {clause.id for clause in consent.clauses()}
    assert ("subject.representative" in ids) == facts.minors_possible, lang
    assert ("signature.fields" in ids) == (form == "written"), lang
    if form == "written":  # the IIN asked only where it is collected; the representative's rows
        fields = clause_text(consent, "signature.fields")
        iin, representative = SIGNATURE_ROWS[lang]
        assert (iin in fields) == facts.collects("iin"), lang
        assert (representative in fields) == facts.minors_possible, lang
    assert ("separate.special" in ids) == facts.has_special, lang
    assert ("separate.marketing" in ids) == facts.marketing, lang
    assert "{{" not in text and "{%" not in text, lang


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_every_item_of_article_8_4_comes_from_the_answers(example: Path) -> None:
    assert_article_8_4(load_answers(example))


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(validated_answers(hostile=False))
def test_every_item_of_article_8_4_for_any_operator(answers: Answers) -> None:
    assert_article_8_4(answers)


def test_the_checkbox_shows_what_the_policy_quotes() -> None:
    answers = load_answers(EXAMPLE["online-school-minors"])
    files = build_files(answers, formats=["md", "html"], kinds=("policy", "consent"))
    policies = build_documents(answers)
    for lang in answers.policy.languages:
        snippet = files[f"consent-checkbox.{lang}.html"].decode("utf-8")
        label = snippet.split("required> ", 1)[1].split("</label>", 1)[0]
        assert label in clause_text(policies[lang], "consent.form"), lang
        consent = build_consents(answers, {lang: policies[lang]})[lang]
        assert f'name="consent_hash" value="{content_hash(consent)}"' in snippet
        assert f'name="policy_hash" value="{content_hash(policies[lang])}"' in snippet
        assert f'href="personal-data-consent.{lang}.html"' in snippet
        assert f'href="privacy-policy.{lang}.html"' in snippet
        assert " checked" not in snippet  # never ticked in advance
        text = files[f"consent-checkbox.{lang}.txt"].decode("utf-8")
        assert label in text and content_hash(consent) in text


def test_a_build_with_the_consent_writes_it_and_lists_it_in_the_manifest(tmp_path: Path) -> None:
    answers = load_answers(EXAMPLE["clinic-special-data"])
    result = build(answers, tmp_path, documents=("policy", "consent"))
    names = sorted(p.name for p in tmp_path.iterdir())
    for lang in answers.policy.languages:
        for ext in ("md", "html", "docx"):
            assert f"personal-data-consent.{lang}.{ext}" in names
        assert f"consent-checkbox.{lang}.html" in names and f"consent-checkbox.{lang}.txt" in names
    manifest = json.loads((tmp_path / "privacy-policy.manifest.json").read_text(encoding="utf-8"))
    listed = {entry["name"]: entry for entry in manifest["files"]}
    assert set(listed) == set(names) - {"privacy-policy.manifest.json"}
    assert listed["personal-data-consent.ru.docx"]["document"] == "consent"
    assert "document" not in listed["privacy-policy.ru.md"]  # the policy's entries as before
    assert manifest["consent"]["ru"]["content_hash"] == content_hash(result.consents["ru"])
    # the written form (consent.methods has written): a table to sign, read back from the DOCX;
    # the online text has none
    assert listed["personal-data-consent-written.ru.docx"]["variant"] == "written"
    assert manifest["consent_written"]["ru"]["content_hash"] == content_hash(result.written_consents["ru"])
    docx = DocxDocument(io.BytesIO((tmp_path / "personal-data-consent-written.ru.docx").read_bytes()))
    cells = [cell.text for table in docx.tables for row in table.rows for cell in row.cells]
    assert "Подпись субъекта" in cells and "ИИН субъекта" in cells
    online = DocxDocument(io.BytesIO((tmp_path / "personal-data-consent.ru.docx").read_bytes()))
    assert "Подпись субъекта" not in [c.text for t in online.tables for r in t.rows for c in r.cells]
    # a rebuild without the consent removes it: the directory holds one build
    build(answers, tmp_path)
    assert not list(tmp_path.glob("personal-data-consent.*")) and not list(tmp_path.glob("consent-checkbox.*"))


def test_the_consent_is_byte_identical_across_builds(tmp_path: Path) -> None:
    answers = load_answers(EXAMPLE["branch-foreign-company"])
    first = build_files(answers, kinds=("policy", "consent"))
    second = build_files(answers, kinds=("policy", "consent"))
    assert first == second
    assert "personal-data-consent.en.docx" in first


def test_the_command_line_builds_the_consent_and_refuses_a_consent_without_policy(
    kzpolicy: Runner, tmp_path: Path
) -> None:
    done = kzpolicy("build", EXAMPLE["food-delivery-ip"], "--documents", "policy,consent", "--format", "md",
                    "--out", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out" / "personal-data-consent.kk.md").exists()
    for wrong in ("consent", "policy,leaflet"):
        done = kzpolicy("build", EXAMPLE["food-delivery-ip"], "--documents", wrong, "--out", tmp_path / "bad")
        assert done.returncode == 2, done.stderr
        assert "Traceback" not in done.stderr and "document" in done.stderr
        assert not (tmp_path / "bad").exists()


@pytest.mark.slow
def test_the_checkbox_in_a_real_browser_refuses_an_unticked_form(tmp_path: Path) -> None:
    chromium = require_tool("chromium")
    node = shutil.which("node") or require_tool("node")
    if not (NODE_DIR / "node_modules" / "playwright-core").exists():
        pytest.fail("tests/site-generators/node_modules is missing: cd tests/site-generators && npm ci")
    answers = load_answers(EXAMPLE["clinic-special-data"])  # health data: a second, required box
    snippet = build_files(answers, formats=["html"], langs=["ru"], kinds=("policy", "consent"))[
        "consent-checkbox.ru.html"
    ].decode("utf-8")
    page = tmp_path / "form.html"
    page.write_text(
        '<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>Запись</title></head><body>'
        f'<form action="sent.html" method="get"><input name="name" value="Ivan">{snippet}'
        '<button type="submit">Отправить</button></form></body></html>',
        encoding="utf-8",
    )
    (tmp_path / "sent.html").write_text("<!DOCTYPE html><title>ok</title>", encoding="utf-8")
    done = subprocess.run([node, str(NODE_DIR / "consent-form.mjs"), chromium, str(page)], capture_output=True,
                          text=True, timeout=120, cwd=NODE_DIR)
    assert done.returncode == 0, done.stderr[-3000:]
    seen = json.loads(done.stdout)
    assert [b["checked"] for b in seen["unticked"]] == [False, False]
    assert [b["required"] for b in seen["unticked"]] == [True, True]
    assert seen["stayed"], "the browser sent the form with the consent unticked"
    assert seen["sent"]["personal_data_consent"] == "yes"
    assert seen["sent"]["personal_data_consent_special"] == "yes"
    consent = build_consents(answers, build_documents(answers, ["ru"]))["ru"]
    assert seen["sent"]["consent_hash"] == content_hash(consent)
    assert all(url.startswith("file://") for url in seen["requests"]), seen["requests"]


@pytest.mark.slow
def test_the_written_form_prints_on_a4_from_libreoffice(tmp_path: Path) -> None:
    """The form a clinic or a school prints and has signed: LibreOffice converts the DOCX,
    the PDF is A4, one or two pages, and holds the title, the operator and the fields to sign
    (the legal representative's where minors may be subjects)."""
    soffice, pdftotext, pdfinfo = (require_tool(name) for name in ("soffice", "pdftotext", "pdfinfo"))
    expected = {
        ("clinic-special-data", "kk"): ("Шипагер Медикал", "Субъектінің қолы", "Субъектінің ЖСН"),
        ("clinic-special-data", "ru"): ("Шипагер Медикал", "Подпись субъекта", "ИИН субъекта"),
        ("online-school-minors", "kk"): ("Білім Онлайн", "заңды өкілінің қолы", "Өкілдік негізі"),
        ("online-school-minors", "ru"): ("Білім Онлайн", "законного представителя", "Основание представительства"),
    }
    sources = []
    for example in sorted({name for name, _ in expected}):
        files = build_files(load_answers(EXAMPLE[example]), formats=["docx"], kinds=("policy", "consent"))
        for lang in ("kk", "ru"):
            source = tmp_path / f"{example}-{lang}.docx"
            source.write_bytes(files[f"personal-data-consent-written.{lang}.docx"])
            sources.append(str(source))
    profile = tmp_path / "profile"
    done = subprocess.run(
        [soffice, "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}", "--convert-to", "pdf",
         "--outdir", str(tmp_path), *sources],
        capture_output=True, text=True, timeout=300, cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    titles = {"kk": "Дербес деректерді жинауға және өңдеуге келісім",
              "ru": "Согласие на сбор и обработку персональных данных"}
    for (example, lang), words in expected.items():
        pdf = tmp_path / f"{example}-{lang}.pdf"
        text = " ".join(subprocess.run([pdftotext, "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                                       text=True, timeout=60).stdout.split())
        for word in (titles[lang], *words):
            assert word in text, (example, lang, word)
        info = subprocess.run([pdfinfo, str(pdf)], capture_output=True, text=True, timeout=60).stdout
        size = next(line for line in info.splitlines() if line.startswith("Page size"))
        width, height = (float(v) for v in size.split(":")[1].split("pts")[0].split("x"))
        assert abs(width - 595.3) < 2 and abs(height - 841.9) < 2, size  # A4
        pages = int(next(line for line in info.splitlines() if line.startswith("Pages")).split(":")[1])
        assert 1 <= pages <= 2, (example, lang, pages)


def test_the_operators_own_label_is_quoted_by_the_policy_and_kept_literal() -> None:
    raw = load_answers(EXAMPLE["online-store-too"]).model_dump(mode="json", exclude_none=True)
    label = {"kk": "Пайдаланушы келісімін қабылдаймын & <b>«шарттар»</b>",
             "ru": "Принимаю условия & <b>«Политики»</b>", "en": "I accept"}
    raw["consent"]["checkbox_label"] = label
    answers = Answers.model_validate(raw)
    files = build_files(answers, formats=["md", "html"], kinds=("policy", "consent"))
    policies = build_documents(answers)
    for lang in answers.policy.languages:
        assert label[lang] in clause_text(policies[lang], "consent.form"), lang
        snippet = files[f"consent-checkbox.{lang}.html"].decode("utf-8")
        escaped = label[lang].replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        assert f"required> {escaped}</label>" in snippet, lang  # escaped once: shown as typed
        assert "&amp;amp;" not in snippet and "<b>" not in snippet
        assert f'href="personal-data-consent.{lang}.html"' in snippet and 'name="consent_hash"' in snippet
        assert label[lang] in files[f"consent-checkbox.{lang}.txt"].decode("utf-8")
        assert f"«{escaped}»" in files[f"privacy-policy.{lang}.html"].decode("utf-8") or \
            f"“{escaped}”" in files[f"privacy-policy.{lang}.html"].decode("utf-8"), lang


def test_a_label_longer_than_a_checkbox_holds_is_refused() -> None:
    raw = load_answers(EXAMPLE["online-store-too"]).model_dump(mode="json", exclude_none=True)
    raw["consent"]["checkbox_label"] = {"kk": "ә" * 301, "ru": "я"}
    with pytest.raises(ValueError, match="at most 300"):
        Answers.model_validate(raw)
