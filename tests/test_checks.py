"""`kzpolicy check`: compliance findings with stable codes, through the real console script.

Every code in generator/catalog/findings.yaml is raised here by a crafted answers file
(CASES, SITE_CASES), and every code the checks can raise has an entry in the catalogue.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator import identifiers
from generator.api import load_answers
from generator.catalog import Label
from generator.checks.rules import LEVELS, Finding, FindingSpec, load_findings, run_checks

from .conftest import EXAMPLES, ROOT, Runner, kzpolicy_command, snapshot
from .factories import DELETE, answers

# --------------------------------------------------------------------------- crafted answers

# The factory's answers with the few changes that make them raise no finding at all: each
# case below changes one thing and must raise exactly the codes it names.
CLEAN: dict[str, Any] = {
    "data.collected": ["full_name", "phone", "email", "order_history", "correspondence"],
    "data.subjects_count": 1000,
    "purposes": ["order", "support", "site_operation"],
    "retention": {"rules": [{"data": ["order_history"], "term": {"years": 5}, "basis": "Салық кодексі"}]},
}


def clean(**changes: Any) -> dict[str, Any]:
    return answers(**{**CLEAN, **changes})


def bin_with(type_digit: str, unit_digit: str, yymm: str = "1905") -> str:
    """A BIN with a valid check digit and the given fifth (type) and sixth (unit) digits."""
    for serial in range(12345, 12445):
        try:
            return identifiers.with_check_digit(f"{yymm}{type_digit}{unit_digit}{serial:05d}")
        except identifiers.IdentifierError:
            continue
    raise AssertionError("no BIN found")


def iin_without_a_real_date() -> str:
    """An IIN with a valid check digit whose digits 1-6 are not a date (month 13)."""
    for serial in range(4567, 4667):
        try:
            return identifiers.with_check_digit(f"9213403{serial:04d}")
        except identifiers.IdentifierError:
            continue
    raise AssertionError("no IIN found")


MARKETING = {"channels": ["email"], "frequency": {"count": 1, "per": "week"}, "opt_out": ["unsubscribe_link"]}
LONG_LOGIC = (
    "кредитный лимит клиента рассчитывается автоматически по истории его платежей за последние двенадцать месяцев"
)

# code -> (changes to the clean answers, every code the answers raise)
CASES: dict[str, tuple[dict[str, Any], set[str]]] = {
    "KZ101": ({"operator.bin": bin_with("6", "0")}, {"KZ101"}),
    "KZ102": ({"operator.bin": bin_with("4", "1")}, {"KZ102"}),
    "KZ103": ({"operator.bin": bin_with("5", "0")}, {"KZ103"}),
    "KZ104": ({"operator.legal_form": "private_company", "operator.name": "Steppe Ltd.",
               "operator.bin": bin_with("4", "0", yymm="1506")}, {"KZ104", "KZ105"}),
    "KZ105": ({"operator.legal_form": "private_company", "operator.name": "Steppe Ltd.",
               "operator.bin": bin_with("4", "0", yymm="2306")}, {"KZ105"}),
    "KZ106": ({"operator.legal_form": "ip", "operator.bin": DELETE, "operator.iin": iin_without_a_real_date(),
               "operator.name": "Ахметова Динара"}, {"KZ106"}),
    "KZ107": ({"data.subjects_count": 650_000}, {"KZ107"}),
    "KZ108": ({"data.subjects_count": DELETE}, {"KZ108"}),
    "KZ111": ({"policy.effective_date": "2027-09-01"}, {"KZ111"}),
    "KZ109": ({"operator.responsible_person": {"name": "Әлиева Айгерім", "email": "info@test.kz"}}, {"KZ109"}),
    "KZ110": ({"operator.responsible_person": {"name": "Әлиева Айгерім", "phone": "+7 727 355 10 21"}},
              {"KZ110"}),
    "KZ201": ({"storage": {"country": "DE"}}, {"KZ201", "KZ203"}),
    # The answers say Kazakhstan, the catalogue knows AWS is abroad: the database is abroad (a transfer).
    "KZ202": ({"storage": {"country": "KZ", "hosting": "aws"}}, {"KZ202", "KZ203"}),
    # A cloud abroad keeps every category of the data: a copy of the database outside Kazakhstan.
    "KZ206": ({"services": ["aws"]}, {"KZ203", "KZ205", "KZ206"}),
    "KZ207": ({"storage": {"country": "KZ", "hosting": "Наш сервер в Алматы"}}, {"KZ207"}),
    # Telegram publishes where the data goes (its Dubai company): a transfer, nothing to confirm.
    "KZ203": ({"services": ["telegram"]}, {"KZ203"}),
    "KZ204": ({"data.collected": [*CLEAN["data.collected"], "iin"],
               "cross_border": {"transfers": [{"country": "DE", "recipient": "Partner GmbH",
                                               "purpose": "сверка платежей", "data": ["full_name", "iin"]}]}},
              {"KZ203", "KZ204"}),
    # Google names no country («servers around the world»): the US is Google LLC's seat, assumed.
    "KZ205": ({"services": ["google_analytics"], "purposes": ["order", "support", "site_operation", "analytics"]},
              {"KZ203", "KZ205"}),
    "KZ301": ({"retention": DELETE}, {"KZ301"}),
    "KZ401": ({"sites": [{"url": "https://school.test.kz", "kind": "education"}], "data.minors": "not_directed"},
              {"KZ401"}),
    "KZ403": ({"data.sources": ["subject", "state_systems"]}, {"KZ403"}),
    "KZ404": ({"data.minors": "with_consent", "data.subjects": ["visitors", "customers", "parents"]}, {"KZ404"}),
    "KZ402": ({"data.special": ["health"], "purposes": ["order", "support", "site_operation", "appointment"]},
              {"KZ402"}),
    "KZ501": ({"purposes": ["order", "support", "site_operation", "marketing"],
               "marketing": {**MARKETING, "channels": ["email", "sms"],
                             "opt_out": ["account_settings", "email_request"]}},
              {"KZ501"}),
    "KZ502": ({"purposes": ["order", "support", "site_operation", "marketing"],
               "marketing": {**MARKETING, "channels": ["push"], "opt_out": ["account_settings"]}}, {"KZ502"}),
    "KZ503": ({"purposes": ["order", "support", "site_operation", "marketing"],
               "marketing": {"channels": ["email"], "opt_out": ["unsubscribe_link"]}}, {"KZ503"}),
    "KZ601": ({"automated_decisions": {"used": True, "logic": LONG_LOGIC}}, {"KZ601"}),
    "KZ602": ({"automated_decisions": {"used": True, "logic": "скоринг"}}, {"KZ601", "KZ602"}),
    "KZ701": ({"data.collected": [*CLEAN["data.collected"], "photo"]}, {"KZ701"}),
    "KZ702": ({"data.collected": ["full_name", "phone", "email", "order_history"]}, {"KZ702"}),
    "KZ703": ({"services": ["kazpost"]}, {"KZ703"}),
    "KZ704": ({"services": [{"name": "Local CRM", "company": "Local CRM LLP", "country": "KZ", "category": "crm",
                             "purpose": "учет заказов", "receives": ["full_name", "iin"]}]}, {"KZ704"}),
    "KZ705": ({"data.technical": ["ip", "cookies", "geolocation"]}, {"KZ705"}),
    "KZ801": ({"policy.languages": ["ru"]}, {"KZ801"}),
}

META_PIXEL = """<!doctype html><html><head><title>Дала</title>
<script type="application/ld+json">{"sameAs": ["https://www.youtube.com/@dala", "https://instagram.com/dala"]}</script>
<script>
!function(f,b,e,v,n,t,s){if(f.fbq)return;n=f.fbq=function(){n.callMethod?
n.callMethod.apply(n,arguments):n.queue.push(arguments)};t=b.createElement(e);t.async=!0;
t.src=v;s=b.getElementsByTagName(e)[0];s.parentNode.insertBefore(t,s)}(window, document,'script',
'https://connect.facebook.net/en_US/fbevents.js');
fbq('init', '1234567890'); fbq('track', 'PageView');
</script>
<noscript><img height="1" width="1" style="display:none"
src="https://www.facebook.com/tr?id=1234567890&ev=PageView&noscript=1"/></noscript>
</head><body><p>Unclosed <b><i>tags</p></div></span>
"""
YANDEX_METRICA = """<html><body><div><p>broken <<a href="/x">
<script type="text/javascript">
   (function(m,e,t,r,i,k,a){m[i]=m[i]||function(){(m[i].a=m[i].a||[]).push(arguments)};
   k=e.createElement(t),a=e.getElementsByTagName(t)[0],k.async=1,k.src=r,a.parentNode.insertBefore(k,a)})
   (window, document, "script", "https://mc.yandex.ru/metrika/tag.js", "ym");
   ym(98765, "init", {clickmap:true, trackLinks:true, accurateTrackBounce:true});
</script>
<noscript><div><img src="https://mc.yandex.ru/watch/98765" style="position:absolute; left:-9999px;" alt=""/></div>
"""


def write_answers(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def check_json(kzpolicy: Runner, source: Path, *args: str) -> tuple[int, dict[str, Any]]:
    result = kzpolicy("check", source, "--format", "json", *args)
    assert result.returncode in (0, 1), result.stderr
    assert result.stderr == ""
    return result.returncode, json.loads(result.stdout)


def codes(document: dict[str, Any]) -> set[str]:
    return {f["code"] for f in document["findings"]}


def make_site(root: Path) -> Path:
    (root / "blog").mkdir(parents=True)
    (root / "index.html").write_text(META_PIXEL, encoding="utf-8")
    (root / "blog" / "post.html").write_text(YANDEX_METRICA, encoding="utf-8")
    (root / "about.html").write_text(META_PIXEL, encoding="utf-8")
    (root / "style.css").write_text("body{background:url(https://mc.yandex.ru/watch/1)}", encoding="utf-8")
    (root / "binary.html").write_bytes(os.urandom(2000))
    return root


# --------------------------------------------------------------------------- every code, through the CLI


def test_the_clean_answers_raise_nothing(kzpolicy: Runner, tmp_path: Path) -> None:
    source = write_answers(tmp_path / "answers.yaml", clean())
    result = kzpolicy("check", source)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{source}: no findings\n"


@pytest.mark.parametrize("code", sorted(CASES))
def test_each_code_is_raised_by_crafted_answers(kzpolicy: Runner, tmp_path: Path, code: str) -> None:
    changes, expected = CASES[code]
    source = write_answers(tmp_path / "answers.yaml", clean(**changes))
    exit_code, document = check_json(kzpolicy, source)
    assert codes(document) == expected
    spec = load_findings()[code]
    found = [f for f in document["findings"] if f["code"] == code]
    assert found and all(f["level"] == spec.level and f["article"] == spec.article for f in found)
    assert exit_code == (1 if document["counts"]["error"] else 0)
    assert document["ok"] is (exit_code == 0)
    for finding in document["findings"]:
        assert "{" not in finding["message"] + finding["fix"], finding
        assert "\n" not in finding["message"] + finding["fix"]


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_messages_in_kazakh_and_russian(kzpolicy: Runner, tmp_path: Path, lang: str) -> None:
    changes, _ = CASES["KZ702"]
    source = write_answers(tmp_path / "answers.yaml", clean(**changes))
    result = kzpolicy("check", source, "--lang", lang)
    assert result.returncode == 0
    spec = load_findings()["KZ702"]
    head = spec.summary.get(lang).split("{")[1].split("}")[1]  # the text after {purpose}
    assert head.split("{")[0].strip() in result.stdout
    assert ("Ескертулер (1)" if lang == "kk" else "Предупреждения (1)") in result.stdout
    assert "(support)" in result.stdout and "(correspondence)" in result.stdout


def test_an_error_level_finding_exits_1_with_the_report_on_stdout(kzpolicy: Runner, tmp_path: Path) -> None:
    source = write_answers(tmp_path / "answers.yaml", clean(storage={"country": "US"}))
    result = kzpolicy("check", source)
    assert result.returncode == 1
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0] == "Errors (1)"
    assert lines[1].startswith("KZ201 error: the primary database is in United States (US), not in Kazakhstan")
    assert " — move the primary database to a data centre in Kazakhstan" in lines[1]
    assert "Info (1)" in lines and lines[-1].endswith("errors: 1, warnings: 0, info: 1")


def test_invalid_answers_exit_2(kzpolicy: Runner, tmp_path: Path) -> None:
    source = write_answers(tmp_path / "answers.yaml", clean(**{"operator.bin": "190540012346"}))
    result = kzpolicy("check", source)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("kzpolicy: error:") and "operator.bin" in result.stderr
    result = kzpolicy("check", EXAMPLES[0], "--site", tmp_path / "no-such-site")
    assert result.returncode == 2 and "no such directory" in result.stderr


def test_check_reads_standard_input(kzpolicy: Runner) -> None:
    result = kzpolicy("check", "-", "--format", "json", input=EXAMPLES[0].read_text(encoding="utf-8"))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["source"] == "<stdin>"


def test_help_documents_the_exit_codes_of_check(kzpolicy: Runner) -> None:
    result = kzpolicy("check", "--help")
    assert result.returncode == 0
    assert "1 at least one error-level finding" in result.stdout
    assert "NO_COLOR" in result.stdout


# --------------------------------------------------------------------------- the examples


# What a lawyer reviewing each example would expect: (code, subject). A new check or a
# changed example shows up here.
EXPECTED_EXAMPLES: dict[str, list[tuple[str, str]]] = {
    # KZ205 for every foreign service whose provider names no country where it keeps the data
    # (services.yaml, country_basis: assumed): the operator should confirm the country.
    "aifc-corporate": [("KZ105", "operator.legal_form"), ("KZ108", "data.subjects_count"), ("KZ203", "US"),
                       ("KZ205", "google_analytics"), ("KZ205", "google_recaptcha")],
    # 60,000 patients with health data: restricted-access data move the clinic up to a large operator [S]
    # a branch of a German company: the parent (owner of the database) in Germany, a CRM in Ireland
    "branch-foreign-company": [("KZ203", "DE"), ("KZ203", "IE")],
    "clinic-special-data": [("KZ107", "data.subjects_count"), ("KZ203", "UA"), ("KZ203", "US"),
                            ("KZ205", "mobizon"), ("KZ205", "whatsapp")],
    "food-delivery-ip": [("KZ203", "RU"), ("KZ203", "US"), ("KZ205", "two_gis"), ("KZ205", "whatsapp")],
    # Telegram names its Dubai company (published): a transfer to the UAE, no KZ205.
    "online-school-minors": [("KZ203", "AE"), ("KZ203", "US"), ("KZ205", "google_workspace"), ("KZ205", "youtube")],
    # CDEK's Kazakhstan company (CDEK Central Asia LLP) keeps the parcels' data: not a transfer.
    "online-store-too": [("KZ203", "RU"), ("KZ203", "UA"), ("KZ203", "US"), ("KZ205", "bitrix24"),
                         ("KZ205", "google_analytics"), ("KZ205", "mobizon"), ("KZ205", "yandex_metrica")],
    "saas-foreign-cloud": [
        ("KZ204", "aws"),  # a cloud platform keeps the whole database, payment details included
        ("KZ206", "aws"),  # ... a copy of it abroad, which the policy states
        # CloudPayments contracts in Kazakhstan through TipTop Pay Kazakhstan LLP: not abroad
        ("KZ203", "DE"),
        ("KZ203", "RU"),
        ("KZ203", "US"),
        ("KZ205", "aws"),
        ("KZ205", "cloudflare"),
        ("KZ205", "google_analytics"),
        ("KZ205", "google_tag_manager"),
        ("KZ205", "jivo"),
        ("KZ205", "mailchimp"),
        ("KZ205", "meta_pixel"),
        ("KZ601", "automated_decisions"),
    ],
    # a site built on Tilda: the form data (payment details among them) are kept abroad
    "tilda-store-advertising": [
        ("KZ204", "tilda"),
        ("KZ206", "tilda"),
        ("KZ203", "AE"),
        ("KZ203", "RU"),
        ("KZ203", "SG"),
        ("KZ203", "US"),
        ("KZ205", "amocrm"),
        ("KZ205", "meta_pixel"),
        ("KZ205", "tiktok_pixel"),
        ("KZ205", "tilda"),
        ("KZ205", "whatsapp"),
    ],
    "state-enterprise-library": [
        ("KZ107", "data.subjects_count"),  # 650,000 readers: a large operator
        # a state library serves everyone: minors by default through their legal representatives (no KZ401)
        ("KZ203", "RU"),
        ("KZ203", "US"),
        ("KZ205", "sendpulse"),
        ("KZ205", "yandex_metrica"),
    ],
}


def test_every_example_has_expected_findings() -> None:
    assert {e.stem for e in EXAMPLES} == set(EXPECTED_EXAMPLES)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_examples_have_only_the_findings_a_lawyer_expects(kzpolicy: Runner, example: Path) -> None:
    exit_code, document = check_json(kzpolicy, example)
    assert [(f["code"], f["subject"]) for f in document["findings"]] == EXPECTED_EXAMPLES[example.stem]
    assert exit_code == 0 and document["counts"]["error"] == 0  # every example builds without --force


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_examples_build_without_force(kzpolicy: Runner, example: Path, tmp_path: Path) -> None:
    result = kzpolicy("build", example, "--format", "md", "--lang", "ru", "--out", tmp_path)
    assert result.returncode == 0, result.stderr
    warnings = [code for code, _ in EXPECTED_EXAMPLES[example.stem] if load_findings()[code].level == "warning"]
    assert [line.split()[0] for line in result.stderr.splitlines()] == warnings


# --------------------------------------------------------------------------- JSON for CI


def test_json_is_stable_and_sorted(kzpolicy: Runner) -> None:
    example = next(e for e in EXAMPLES if e.stem == "saas-foreign-cloud")
    first = kzpolicy("check", example, "--format", "json")
    second = kzpolicy("check", example, "--format", "json")  # another hash seed (conftest)
    assert first.returncode == second.returncode == 0
    assert first.stdout == second.stdout
    document = json.loads(first.stdout)
    assert first.stdout == json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    assert set(document) == {"counts", "findings", "format", "lang", "ok", "source"}
    assert document["format"] == 1 and document["lang"] == "en" and document["ok"] is True
    keys = [(LEVELS.index(f["level"]), f["code"], f["subject"]) for f in document["findings"]]
    assert keys == sorted(keys)
    assert sum(document["counts"].values()) == len(document["findings"])
    for finding in document["findings"]:
        assert set(finding) == {"article", "code", "details", "fix", "level", "message", "subject"}


def test_json_in_kazakh(kzpolicy: Runner) -> None:
    result = kzpolicy("check", EXAMPLES[0], "--format", "json", "--lang", "kk")
    document = json.loads(result.stdout)
    assert document["lang"] == "kk"
    assert any("АХҚО" in f["message"] for f in document["findings"])


# --------------------------------------------------------------------------- site scan

SITE_CASES = {"KZ901", "KZ902", "KZ903"}


def test_site_scan_finds_an_undeclared_meta_pixel_and_yandex_metrica(kzpolicy: Runner, tmp_path: Path) -> None:
    site = make_site(tmp_path / "public")
    source = write_answers(tmp_path / "answers.yaml", clean())
    exit_code, document = check_json(kzpolicy, source, "--site", str(site))
    assert exit_code == 1
    scanned = [f for f in document["findings"] if f["code"] == "KZ901"]
    assert [f["subject"] for f in scanned] == ["meta_pixel", "yandex_metrica"]
    assert all(f["level"] == "error" for f in scanned)
    pixel, metrica = scanned
    assert pixel["details"] == {"service": "meta_pixel", "file": "about.html", "files": "2",
                                "url": "https://connect.facebook.net/en_US/fbevents.js"}
    assert "Meta Pixel (meta_pixel)" in pixel["message"] and "about.html" in pixel["message"]
    assert "https://connect.facebook.net/en_US/fbevents.js" in pixel["message"]
    assert "and in 1 more file" in pixel["message"]
    assert metrica["details"]["file"] == "blog/post.html"
    assert metrica["details"]["url"] in ("https://mc.yandex.ru/metrika/tag.js", "https://mc.yandex.ru/watch/98765")
    assert "youtube" not in json.dumps(document) and "instagram" not in json.dumps(document)  # JSON-LD is data


def test_site_scan_is_quiet_when_the_answers_declare_the_services(kzpolicy: Runner, tmp_path: Path) -> None:
    site = make_site(tmp_path / "public")
    source = write_answers(tmp_path / "answers.yaml", clean(
        services=["meta_pixel", "yandex_metrica", "google_analytics"],
        purposes=["order", "support", "site_operation", "analytics", "advertising"],
    ))
    exit_code, document = check_json(kzpolicy, source, "--site", str(site))
    assert exit_code == 0
    assert {(f["code"], f["subject"]) for f in document["findings"] if f["code"] in SITE_CASES} == {
        ("KZ902", "google_analytics")
    }
    (info,) = [f for f in document["findings"] if f["code"] == "KZ902"]
    assert info["level"] == "info"


def test_site_scan_skips_symlinks_and_reads_large_files_only_in_part(tmp_path: Path) -> None:
    from generator.catalog import load_catalog
    from generator.checks.sitescan import MAX_FILE_BYTES, scan_site

    site = tmp_path / "site"
    site.mkdir()
    outside = tmp_path / "outside.html"
    outside.write_text(YANDEX_METRICA, encoding="utf-8")
    (site / "link.html").symlink_to(outside)
    (site / "big.html").write_text(" " * MAX_FILE_BYTES + META_PIXEL, encoding="utf-8")
    (site / "page.HTM").write_text('<iframe src="https://www.youtube-nocookie.com/embed/x">', encoding="utf-8")
    scan = scan_site(site, load_catalog().services)
    assert scan.files == 2
    assert scan.services() == {"youtube"}


# --------------------------------------------------------------------------- colour


def _on_a_terminal(args: list[str], env: dict[str, str]) -> str:
    pexpect = pytest.importorskip("pexpect")
    command = kzpolicy_command()
    child = pexpect.spawn(command[0], [*command[1:], *args], env={**os.environ, **env}, encoding="utf-8",
                          timeout=60)
    child.expect(pexpect.EOF)
    child.close()
    output: str = child.before
    return output


def test_colour_only_on_a_terminal_without_no_color(kzpolicy: Runner, tmp_path: Path) -> None:
    source = write_answers(tmp_path / "answers.yaml", clean(storage={"country": "DE"}))
    env = {"TERM": "xterm-256color"}
    environ = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    coloured = _on_a_terminal(["check", str(source)], {**env, "NO_COLOR": ""} if "NO_COLOR" in environ else env)
    assert "\x1b[1;31mKZ201 error\x1b[0m" in coloured
    assert "\x1b[" not in _on_a_terminal(["check", str(source)], {**env, "NO_COLOR": "1"})
    assert "\x1b[" not in _on_a_terminal(["check", str(source)], {"TERM": "dumb"})
    piped = kzpolicy("check", source, env={"TERM": "xterm-256color"})
    assert "\x1b[" not in piped.stdout and "KZ201 error:" in piped.stdout


# --------------------------------------------------------------------------- build


def test_build_refuses_an_error_level_finding_and_writes_nothing(kzpolicy: Runner, tmp_path: Path) -> None:
    source = write_answers(tmp_path / "answers.yaml", clean(storage={"country": "DE"}))
    out = tmp_path / "out"
    result = kzpolicy("build", source, "--out", out)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"kzpolicy: error: {source}: 1 error-level compliance finding")
    assert "KZ201 error:" in result.stderr and "--force" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_build_refusal_leaves_earlier_outputs_untouched(kzpolicy: Runner, tmp_path: Path) -> None:
    out = tmp_path / "out"
    good = write_answers(tmp_path / "good.yaml", clean())
    assert kzpolicy("build", good, "--format", "md", "--out", out).returncode == 0
    before = snapshot(out)
    bad = write_answers(tmp_path / "bad.yaml", clean(storage={"country": "DE"}))
    assert kzpolicy("build", bad, "--format", "md", "--out", out).returncode == 2
    assert snapshot(out) == before


def test_build_with_force_builds_and_says_what_it_overrode(kzpolicy: Runner, tmp_path: Path) -> None:
    source = write_answers(tmp_path / "answers.yaml", clean(storage={"country": "DE"}))
    out = tmp_path / "out"
    result = kzpolicy("build", source, "--format", "md", "--out", out, "--force")
    assert result.returncode == 0, result.stderr
    assert (out / "privacy-policy.kk.md").is_file() and (out / "privacy-policy.ru.md").is_file()
    assert result.stderr.startswith("KZ201 error: ") and "(built anyway: --force)" in result.stderr


def test_build_prints_warnings_one_line_each_and_builds(kzpolicy: Runner, tmp_path: Path) -> None:
    changes, _ = CASES["KZ702"]
    source = write_answers(tmp_path / "answers.yaml", clean(**changes, **{"data.subjects_count": DELETE}))
    out = tmp_path / "out"
    result = kzpolicy("build", source, "--format", "md", "--out", out)
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("KZ702 warning: ")  # info (KZ108) is not printed
    assert (out / "privacy-policy.kk.md").is_file()


def test_build_of_several_files_reports_the_refused_one(kzpolicy: Runner, tmp_path: Path) -> None:
    folder = tmp_path / "clients"
    folder.mkdir()
    write_answers(folder / "good.yaml", clean())
    write_answers(folder / "abroad.yaml", clean(storage={"country": "DE"}))
    result = kzpolicy("build", folder, "--format", "md", "--out", tmp_path / "out", "--jobs", "1")
    assert result.returncode == 2
    assert "built 1 of 2 answers files; 1 failed" in result.stdout
    assert "KZ201 error" in result.stdout
    assert not (tmp_path / "out" / "abroad").exists()


# --------------------------------------------------------------------------- catalogue and code in step

SOURCES = [ROOT / "generator" / "checks" / "rules.py", ROOT / "generator" / "checks" / "sitescan.py"]


def test_every_code_the_checks_raise_has_an_entry_and_every_entry_is_raised() -> None:
    raised = {code for path in SOURCES for code in re.findall(r'"(KZ\d{3})"', path.read_text(encoding="utf-8"))}
    catalogue = set(load_findings())
    assert raised == catalogue
    assert set(CASES) | SITE_CASES == catalogue
    assert not set(CASES) & SITE_CASES


def test_the_catalogue_is_valid() -> None:
    findings = load_findings()
    assert len(findings) >= 25
    for code, spec in findings.items():
        assert spec.code == code and spec.level in LEVELS
        assert spec.article.strip() == spec.article
    assert [code for code in findings] == sorted(findings)


def test_the_catalogue_model_rejects_different_placeholders_and_two_lines() -> None:
    good = {"code": "KZ999", "level": "info", "article": "Law 94-V, Art. 1",
            "summary": {"en": "{data} is x", "kk": "{data} x", "ru": "{data} x"},
            "fix": {"en": "do y", "kk": "y", "ru": "y"}}
    FindingSpec.model_validate(good)
    with pytest.raises(ValueError, match="placeholders"):
        FindingSpec.model_validate({**good, "summary": {"en": "{data} is x", "kk": "{dat} x", "ru": "{data} x"}})
    with pytest.raises(ValueError, match="one line"):
        FindingSpec.model_validate({**good, "fix": {"en": "do\ny", "kk": "y", "ru": "y"}})
    with pytest.raises(ValueError):
        FindingSpec.model_validate({**good, "level": "fatal"})
    with pytest.raises(ValueError):
        FindingSpec.model_validate({**good, "code": "KZ1"})


# --------------------------------------------------------------------------- the Python API


def test_run_checks_returns_frozen_sorted_findings(tmp_path: Path) -> None:
    example = next(e for e in EXAMPLES if e.stem == "saas-foreign-cloud")
    findings = run_checks(load_answers(example))
    assert findings == sorted(findings, key=Finding.sort_key)
    first = findings[0]
    assert (first.code, first.level, first.subject) == ("KZ204", "warning", "aws")
    assert first.article == load_findings()["KZ204"].article
    for lang in ("en", "kk", "ru"):
        assert "payment_details" in first.message(lang) and first.fix(lang)
    with pytest.raises(AttributeError):
        first.code = "KZ000"  # type: ignore[misc]
    with pytest.raises(ValueError):
        first.message("de")
    site = make_site(tmp_path / "site")
    assert {f.code for f in run_checks(load_answers(example), site=site)} >= {"KZ901"}


def test_labels_used_by_the_checks_exist() -> None:
    # The checks name data by their catalogue labels: every label has the three languages.
    from generator.catalog import load_catalog

    for category in load_catalog().data_categories.values():
        assert isinstance(category.label, Label)


@pytest.mark.parametrize(
    ("address", "service"),
    [
        ("https://mc.yandex.ru/metrika/tag.js", "yandex_metrica"),
        ("//mc.yandex.kz/watch/1", "yandex_metrica"),
        ("https://cdn-ru.bitrix24.kz/b1/crm/site_button/loader_1.js", "bitrix24"),  # a subdomain
        ("https://www.googletagmanager.com/gtag/js?id=G-ABC123", "google_analytics"),  # a shared host
        ("https://www.googletagmanager.com/gtag/js?id=AW-123", "google_ads"),
        ("https://www.googletagmanager.com/gtm.js?id=GTM-X", "google_tag_manager"),
        ("/static/fbevents.js", "meta_pixel"),  # self-hosted, recognised by its path
        ("https://notyandex.ru/metrika/tag.js", None),
        ("https://example.kz/ru", None),
        ("data:text/javascript,alert(1)", None),
        ("javascript:void(0)", None),
        ("http://[::1", None),  # not an address at all
    ],
)
def test_the_matcher_knows_hosts_subdomains_and_patterns(address: str, service: str | None) -> None:
    from generator.catalog import load_catalog
    from generator.checks.sitescan import Matcher

    assert Matcher(load_catalog().services).match(address) == service
