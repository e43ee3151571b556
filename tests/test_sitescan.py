"""`check --site` reads pages as a browser does and says what it did not read.

Pages in UTF-16 (with a byte order mark, or without one and declared by `<meta charset>`),
windows-1251 and KOI8-R hide an undeclared Yandex Metrica: each is found (KZ901). A page
over the size limit, an unreadable page and a site over the page limit are each reported
as KZ903 (info), in every message language.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import tempfile
from pathlib import Path

import pytest

from generator.api import validate_answers
from generator.checks import sitescan
from generator.checks.rules import run_checks
from generator.checks.sitescan import MAX_FILE_BYTES, decode_page, page_encoding

from .test_checks import META_PIXEL, YANDEX_METRICA, Runner, check_json, clean, write_answers

TITLE = "Дала Маркет – Қазақстан бойынша жеткізу"
RU_TITLE = "Дала Маркет - доставка по Казахстану"  # what windows-1251, KOI8-R and CP866 can hold


def page(charset: str | None, title: str = TITLE) -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    return f"<!doctype html><html><head>{meta}<title>{title}</title></head><body>\n{YANDEX_METRICA}</body></html>"


UTF16_PAGES = {
    # What Windows Notepad and Visual Studio write as "Unicode": a BOM, then UTF-16 LE.
    "notepad-unicode.html": b"\xff\xfe" + page("utf-16").encode("utf-16-le"),
    "big-endian.html": b"\xfe\xff" + page(None).encode("utf-16-be"),
    # No BOM: declared only by <meta charset>, which is itself in UTF-16.
    "declared-le.html": page("utf-16le").encode("utf-16-le"),
    "declared-be.html": page("utf-16be").encode("utf-16-be"),
}


def metrica_files(document: dict[str, object]) -> set[str]:
    findings = document["findings"]
    assert isinstance(findings, list)
    return {f["details"]["file"] for f in findings if f["code"] == "KZ901" and f["subject"] == "yandex_metrica"}


@pytest.mark.parametrize("name", sorted(UTF16_PAGES))
def test_a_utf16_page_hiding_yandex_metrica_is_read(kzpolicy: Runner, tmp_path: Path, name: str) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / name).write_bytes(UTF16_PAGES[name])
    source = write_answers(tmp_path / "answers.yaml", clean())
    exit_code, document = check_json(kzpolicy, source, "--site", str(site))
    assert exit_code == 1
    assert metrica_files(document) == {name}
    assert TITLE in decode_page(UTF16_PAGES[name])


@pytest.mark.parametrize(
    ("declaration", "codec"),
    [
        ('<meta charset="windows-1251">', "cp1251"),
        ('<meta http-equiv="Content-Type" content="text/html; charset=KOI8-R">', "koi8_r"),
        ("<!-- <meta charset=koi8-r> --><meta name=x><meta charset=IBM866>", "cp866"),
    ],
)
def test_a_declared_cyrillic_encoding_is_honoured(declaration: str, codec: str) -> None:
    data = f"<html><head>{declaration}<title>{RU_TITLE}</title></head><body>{YANDEX_METRICA}".encode(codec)
    assert page_encoding(data) == (codec, 0)
    assert RU_TITLE in decode_page(data)
    assert "https://mc.yandex.ru/metrika/tag.js" in sitescan.addresses(decode_page(data))


def test_the_byte_order_mark_wins_over_meta_and_bytes_decide_without_either() -> None:
    assert page_encoding(b"\xef\xbb\xbf" + page("windows-1251").encode()) == ("utf-8", 3)
    # A UTF-16 label that ASCII bytes could read is wrong about them: UTF-8, as browsers do.
    assert decode_page(page("utf-16").encode("utf-8")).count(TITLE) == 1
    # Undeclared: valid UTF-8 is UTF-8; anything else is read as windows-1251.
    assert page_encoding(page(None).encode("utf-8"))[0] == "utf-8"
    assert RU_TITLE in decode_page(page(None, RU_TITLE).encode("cp1251"))
    # A page cut at the size limit inside a character is still UTF-8.
    assert page_encoding(page(None).encode("utf-8") + "Дала".encode()[:-1])[0] == "utf-8"


@pytest.mark.parametrize("label", ["zlib", "rot13", "base64", "undefined", "no-such-encoding", "utf-7"])
def test_a_label_that_is_no_web_encoding_is_ignored(label: str) -> None:
    data = page(label).encode("utf-8")
    assert page_encoding(data)[0] == "utf-8"
    assert "https://mc.yandex.ru/metrika/tag.js" in sitescan.addresses(decode_page(data))


# --------------------------------------------------------------------------- KZ903: what was not read


def test_a_page_over_the_limit_is_reported_as_read_in_part(kzpolicy: Runner, tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "shop").mkdir(parents=True)
    big = site / "shop" / "catalogue.html"
    big.write_bytes(b"<html><body>" + b"<p>item</p>" * (MAX_FILE_BYTES * 5 // 4 // 11) + META_PIXEL.encode())
    (site / "index.html").write_text("<p>small</p>", encoding="utf-8")
    source = write_answers(tmp_path / "answers.yaml", clean())
    exit_code, document = check_json(kzpolicy, source, "--site", str(site))
    assert exit_code == 0  # the pixel past the limit was not read: nothing undeclared found
    findings = document["findings"]
    assert isinstance(findings, list)
    (partial,) = [f for f in findings if f["code"] == "KZ903"]
    assert partial["level"] == "info" and partial["subject"] == "shop/catalogue.html"
    assert partial["details"] == {"file": "shop/catalogue.html", "reason": "too_large",
                                  "bytes": str(big.stat().st_size), "read": str(MAX_FILE_BYTES)}
    assert "shop/catalogue.html was not read whole" in partial["message"]
    assert "it is 5.0 MiB, and only the first 4.0 MiB" in partial["message"]
    assert "check shop/catalogue.html by hand" in partial["fix"]
    for lang, words in (("kk", "толық оқылмады"), ("ru", "прочитан не полностью")):
        result = kzpolicy("check", source, "--site", site, "--lang", lang)
        assert result.returncode == 0, result.stderr
        line = next(line for line in result.stdout.splitlines() if "KZ903" in line)
        assert words in line and "5,0 МиБ" in line and "4,0 МиБ" in line and "{" not in line


def findings_as(uid: int | None, site: Path) -> list[dict[str, str]]:
    """KZ903 findings of ``run_checks`` for ``site``, run as user ``uid`` (a forked child that
    drops root, as a deploy user runs the check) or as this process."""

    def scan() -> list[dict[str, str]]:
        found = run_checks(validate_answers(clean()), site=site)
        return [{"subject": f.subject, "reason": dict(f.details)["reason"], "message": f.message("en")}
                for f in found if f.code == "KZ903"]

    if uid is None:
        return scan()
    scan_dir = site.parent / "warm-up"
    scan_dir.mkdir()
    run_checks(validate_answers(clean()), site=scan_dir)  # every module imported before the fork
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        try:
            os.close(read)
            os.setgroups([])
            os.setresgid(uid, uid, uid)
            os.setresuid(uid, uid, uid)
            os.write(write, json.dumps(scan()).encode())
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        data = pipe.read()
    os.waitpid(pid, 0)
    assert data, "the child found nothing to say"
    result: list[dict[str, str]] = json.loads(data)
    return result


def test_a_page_that_cannot_be_read_is_reported() -> None:
    base = Path(tempfile.mkdtemp(prefix="kzpolicy-unreadable-"))
    try:
        site = base / "site"
        site.mkdir()
        (site / "index.html").write_text("<p>fine</p>", encoding="utf-8")
        secret = site / "secret.html"
        secret.write_text(YANDEX_METRICA, encoding="utf-8")
        secret.chmod(0)
        for path in (base, site, site / "index.html"):
            path.chmod(path.stat().st_mode | stat.S_IROTH | (stat.S_IXOTH if path.is_dir() else 0))
        # Root reads anything: the check then runs as nobody.
        findings = findings_as(65534 if os.geteuid() == 0 else None, site)
        assert findings == [{"subject": "secret.html", "reason": "unreadable",
                             "message": findings[0]["message"]}], findings
        assert "secret.html was not read whole: it cannot be read (Permission denied)" in findings[0]["message"]
    finally:
        for path in base.rglob("*"):
            path.chmod(0o700)
        shutil.rmtree(base)


def test_a_site_over_the_page_limit_says_where_it_stopped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sitescan, "MAX_FILES", 3)
    site = tmp_path / "site"
    site.mkdir()
    for index in range(5):
        (site / f"page{index}.html").write_text("<p>page</p>", encoding="utf-8")
    (site / "page4.html").write_text(YANDEX_METRICA, encoding="utf-8")
    scan = sitescan.scan_site(site, {})
    assert scan.files == 3
    assert [(p.file, p.reason) for p in scan.partial] == [("page3.html", "too_many")]
    findings = [f for f in run_checks(validate_answers(clean()), site=site) if f.code == "KZ903"]
    assert [f.subject for f in findings] == ["page3.html"]
    assert "more than 3 pages" in findings[0].message("en")
    assert "3 беттен көп" in findings[0].message("kk") and "больше 3 страниц" in findings[0].message("ru")
    assert not any(f.code == "KZ901" for f in run_checks(validate_answers(clean()), site=site))

