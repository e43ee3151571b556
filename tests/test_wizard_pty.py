"""The real `kzpolicy init` in a pseudo-terminal: what a shop owner types, end to end.

Each run types its answers after the question it expects (labels come from
generator/questions.py, so rewording a question does not break these tests, but asking
a different question does: the expect times out and the test fails with the screen).
"""

from __future__ import annotations

import os
import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.answers.model import load_answers
from generator.wizard.flow import T
from generator.wizard.questions import QUESTION_BY_ID, UiLang, options_of

from .conftest import kzpolicy_command

pytestmark = pytest.mark.slow  # drives a real program or hundreds of generated examples

pexpect = pytest.importorskip("pexpect")

if sys.platform == "win32":  # pragma: no cover - pexpect.spawn needs a POSIX pty
    pytest.skip("pseudo-terminals are POSIX only", allow_module_level=True)

TIMEOUT = 20  # seconds per expected prompt: generous on a slow machine, finite when the wizard changes

KK_SUFFIX = {"kk": " (қазақ тілінде)", "ru": " (орыс тілінде)"}
RU_SUFFIX = {"kk": " (на казахском)", "ru": " (на русском)"}

UP, DOWN, CLEAR_LINE = "\x1b[A", "\x1b[B", "\x15"
COLOUR = re.compile(r"\x1b\[(?:[0-9;]*;)?(?:3[0-8]|9[0-7]|4[0-8])(?:;[0-9;]*)?m")


def label(question_id: str, lang: str, in_lang: str | None = None) -> str:
    text = QUESTION_BY_ID[question_id].label(lang)
    if in_lang is not None:
        text += (KK_SUFFIX if lang == "kk" else RU_SUFFIX)[in_lang]
    return text


def number_of(question_id: str, value: str, lang: UiLang, raw: dict[str, Any] | None = None) -> int:
    """The 1-based position of a choice, as numbered on screen."""
    values = [o.value for o in options_of(QUESTION_BY_ID[question_id], dict(raw or {}), lang)]
    return values.index(value) + 1


class Session:
    """One `kzpolicy init` in a pty, with its whole output kept for the failure message."""

    def __init__(self, cwd: Path, *args: str, term: str = "xterm-256color", **env: str) -> None:
        command = kzpolicy_command()
        environment = {**os.environ, "TERM": term, "PROMPT_TOOLKIT_NO_CPR": "1", "COLUMNS": "200", "LINES": "60"}
        environment.pop("NO_COLOR", None)
        environment.update(env)
        self.child = pexpect.spawn(
            command[0], [*command[1:], "init", *args], cwd=str(cwd), env=environment,
            encoding="utf-8", timeout=TIMEOUT, dimensions=(60, 200),
        )
        self.child.delaybeforesend = None  # keys go as soon as the prompt is there
        self.screen: list[str] = []
        self.child.logfile_read = self

    # pexpect's logfile interface
    def write(self, text: str) -> None:
        self.screen.append(text)

    def flush(self) -> None:
        pass

    @property
    def output(self) -> str:
        return "".join(self.screen)

    def expect(self, text: str) -> None:
        try:
            self.child.expect_exact(text)
        except (pexpect.TIMEOUT, pexpect.EOF) as exc:
            tail = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", self.output)[-3000:]
            what = type(exc).__name__
            raise AssertionError(f"the wizard did not ask {text!r} ({what}); it showed:\n{tail}") from None

    def answer(self, prompt: str, keys: str) -> None:
        self.expect(prompt)
        self.child.send(keys)
        if os.environ.get("KZP_TRACE"):
            print(f"{time.monotonic():.2f} {prompt[:40]}")

    def line(self, prompt: str, text: str = "") -> None:
        """Plain mode: a whole line after the prompt."""
        self.expect(prompt)
        self.child.sendline(text)

    def finish(self) -> int:
        self.child.expect(pexpect.EOF)
        self.child.close()
        status: int = self.child.exitstatus if self.child.exitstatus is not None else -(self.child.signalstatus or 0)
        return status

    def kill(self) -> None:
        if self.child.isalive():
            self.child.close(force=True)


@pytest.fixture
def sessions(tmp_path: Path) -> Iterator[list[Session]]:
    started: list[Session] = []
    yield started
    for session in started:
        session.kill()


def start(sessions: list[Session], cwd: Path, *args: str, **env: str) -> Session:
    session = Session(cwd, *args, **env)
    sessions.append(session)
    return session


def test_kazakh_menus_from_nothing_to_a_built_policy(tmp_path: Path, sessions: list[Session]) -> None:
    began = time.monotonic()
    s = start(sessions, tmp_path)
    kk: UiLang = "kk"
    s.answer("Интерфейс тілі / Язык интерфейса", "\r")  # Қазақша is the first choice
    s.answer(label("operator.legal_form", kk), f"{number_of('operator.legal_form', 'too', kk)}\r")
    s.answer(label("operator.name", kk), "Дала Маркт\r")  # a typo, fixed on the review screen
    s.answer(label("operator.brand", kk), "DalaShop\r")
    s.answer(label("operator.bin", kk), "190540012346")  # wrong check digit: refused while typing
    s.expect("бақылау")
    s.child.send("\x7f5\r")
    s.answer(label("operator.address", kk, "kk"), "Алматы қ., Абай даңғылы, 10\r")
    s.answer(label("operator.address", kk, "ru"), f"{CLEAR_LINE}г. Алматы, пр. Абая, 10\r")
    s.answer(label("operator.email", kk), "info@dalashop.kz\r")
    s.answer(label("operator.phone", kk), "+7 727 355 10 20\r")
    s.answer(label("operator.working_hours", kk, "kk"), "\r")
    s.answer(label("operator.responsible_person.name", kk, "kk"), "Әлиева Айгерім\r")
    s.answer(label("operator.responsible_person.name", kk, "ru"), "\r")
    s.answer(label("operator.responsible_person.position", kk, "kk"), "\r")
    s.answer(label("operator.responsible_person.email", kk), "dpo@dalashop.kz\r")
    s.answer(label("operator.responsible_person.phone", kk), "\r")
    s.answer(label("operator.bank", kk), "\r")  # no bank details (the default)
    s.answer(label("sites[0].url", kk), "dalashop.kz\r")  # after the pre-filled https://
    s.answer(label("sites[0].kind", kk), "\r")  # интернет-дүкен is the first kind
    for question_id in ("data.subjects", "data.collected", "data.technical", "data.special"):
        s.answer(label(question_id, kk), "\r")  # the online store's defaults
    s.answer(label("data.subjects_count", kk), "40000\r")
    s.answer(label("purposes", kk), "\r")
    # Kaspi Pay: a payment service, which the store's default purposes use (a service that no
    # chosen purpose uses, such as an analytics counter here, is an error on the review)
    kaspi = number_of("services", "kaspi_pay", kk, {"sites": [{"kind": "online_store"}]})
    s.answer(label("services", kk), DOWN * (kaspi - 1) + " \r")
    s.answer(label("cross_border.transfers", kk), "\r")
    s.answer(label("storage.country", kk), "\r")
    s.answer(label("storage.hosting", kk), "PS.kz\r")
    s.answer(label("storage.city", kk, "kk"), "\r")
    s.answer(label("retention.default", kk), "\r")
    s.answer(label("consent.methods", kk), "\r")
    s.answer(label("automated_decisions.used", kk), "\r")
    s.answer(label("policy.city", kk, "kk"), "Алматы\r")
    s.answer(label("policy.city", kk, "ru"), "\r")
    s.answer(label("policy.effective_date", kk), f"{CLEAR_LINE}01.09.2026\r")
    s.answer(label("policy.version", kk), "\r")
    s.answer(label("policy.languages", kk), "\r")
    # The review: every answer by section; edit the operator (2nd action) to fix the name.
    s.expect(T["review"]("kk"))
    s.expect("Дала Маркт")
    s.answer(T["next"]("kk"), "2\r")
    s.answer(label("operator.legal_form", kk), "\r")
    s.answer(label("operator.name", kk), f"{CLEAR_LINE}Дала Маркет\r")
    for question_id in ("operator.brand", "operator.bin"):
        s.answer(label(question_id, kk), "\r")
    s.answer(label("operator.address", kk, "kk"), "\r")
    s.answer(label("operator.address", kk, "ru"), "\r")
    for question_id in ("operator.email", "operator.phone"):
        s.answer(label(question_id, kk), "\r")
    s.answer(label("operator.working_hours", kk, "kk"), "\r")
    s.expect("Дала Маркет")
    s.answer(T["next"]("kk"), "\r")  # Сақтау
    s.answer(T["where"]("kk"), "\r")  # kzpolicy.yaml
    s.answer(T["build_now"]("kk"), "\r")  # Иә
    s.expect(T["documents"]("kk"))
    s.expect(T["document_consent"]("kk"))  # offered, ticked: a form rests on the consent
    s.child.send("\r")
    s.answer(T["out_dir"]("kk"), "\r")  # out
    s.expect(T["built"]("kk"))
    assert s.finish() == 0
    assert (tmp_path / "out" / "personal-data-consent.kk.md").is_file()
    assert (tmp_path / "out" / "consent-checkbox.ru.html").is_file()
    assert not list((tmp_path / "out").glob("cookie-notice*"))  # only necessary cookies: nothing to ask

    answers = load_answers(tmp_path / "kzpolicy.yaml")
    assert answers.operator.name.kk == "Дала Маркет"
    assert answers.operator.bin == "190540012345"
    assert answers.operator.address.ru == "г. Алматы, пр. Абая, 10"
    assert answers.data.subjects_count == 40000
    assert answers.storage.hosting == "ps_kz"
    assert [getattr(s_, "id", None) for s_ in answers.services] == ["kaspi_pay"]
    assert str(answers.policy.effective_date) == "2026-09-01"
    assert "delivery_address" in answers.data.collected
    saved = (tmp_path / "kzpolicy.yaml").read_text(encoding="utf-8")
    assert f"# {label('operator.name', kk)}" in saved  # the questions are the file's comments
    policy = (tmp_path / "out" / "privacy-policy.kk.md").read_text(encoding="utf-8")
    assert "«Дала Маркет» ЖШС" in policy
    assert "Дала Маркт" not in policy
    assert (tmp_path / "out" / "privacy-policy.ru.docx").exists()
    assert not (tmp_path / "kzpolicy-draft.yaml").exists()
    assert time.monotonic() - began < 30


def test_russian_plain_mode_for_screen_readers(tmp_path: Path, sessions: list[Session]) -> None:
    ru: UiLang = "ru"
    s = start(sessions, tmp_path, "--plain", "--ui-lang", "ru", term="dumb")
    raw: dict[str, Any] = {"sites": [{"kind": "food_delivery"}]}
    s.line(label("operator.legal_form", ru), str(number_of("operator.legal_form", "ip", ru)))
    s.line(label("operator.name", ru), "Ахметва Динара Сериковна")  # a typo
    s.line(label("operator.brand", ru), "Arystan Sushi")
    s.line(label("operator.iin", ru), "920712405675")  # wrong check digit
    s.expect("контрольная")
    s.line(label("operator.iin", ru), "920712405674")
    s.line(label("operator.address", ru, "ru"), "г. Астана, пр. Мангилик Ел, 35")
    s.line(label("operator.address", ru, "kk"), "Астана қ., Мәңгілік Ел даңғылы, 35")
    s.line(label("operator.email", ru), "order@arystansushi.kz")
    s.line(label("operator.phone", ru), "+7 701 555 12 34")
    s.line(label("operator.working_hours", ru, "ru"), "ежедневно, 10:00–23:00")
    s.line(label("operator.working_hours", ru, "kk"), "күн сайын, 10:00–23:00")
    s.line(label("operator.bank", ru), "")  # 2) Нет is the default
    s.line(label("sites[0].url", ru), "https://arystansushi.kz")
    s.line(label("sites[0].kind", ru), str(number_of("sites[0].kind", "food_delivery", ru)))
    for question_id in ("data.subjects", "data.collected", "data.technical", "data.special", "data.subjects_count",
                        "purposes"):
        s.line(label(question_id, ru), "")
    services = [number_of("services", "kaspi_pay", ru, raw), number_of("services", "whatsapp", ru, raw)]
    s.line(label("services", ru), ",".join(map(str, services)))
    s.expect("WhatsApp Business")  # the cross-border note names the foreign service and its country
    s.expect("Соединенные Штаты")
    s.line(label("cross_border.transfers", ru), "")
    for question_id in ("storage.country", "storage.hosting"):
        s.line(label(question_id, ru), "")
    s.line(label("storage.city", ru, "ru"), "")
    for question_id in ("retention.default", "consent.methods", "automated_decisions.used"):
        s.line(label(question_id, ru), "")
    s.line(label("policy.city", ru, "ru"), "Астана")
    s.line(label("policy.city", ru, "kk"), "")
    s.line(label("policy.effective_date", ru), "01.09.2026")
    s.line(label("policy.version", ru), "")
    s.line(label("policy.languages", ru), "")
    s.expect(T["review"]("ru"))
    s.expect("Ахметва Динара Сериковна")
    s.expect("2) " + T["edit"]("ru").format(section="Оператор (владелец сайта)"))
    s.line(T["plain_number"]("ru") + " [1]:", "2")
    s.line(label("operator.legal_form", ru), "")
    s.line(label("operator.name", ru), "Ахметова Динара Сериковна")
    for question_id in ("operator.brand", "operator.iin"):
        s.line(label(question_id, ru), "")
    for prompt in (label("operator.address", ru, "ru"), label("operator.address", ru, "kk"),
                   label("operator.email", ru), label("operator.phone", ru),
                   label("operator.working_hours", ru, "ru"), label("operator.working_hours", ru, "kk")):
        s.line(prompt, "")
    s.expect("Ахметова Динара Сериковна")
    s.line(T["plain_number"]("ru") + " [1]:", "1")  # Сохранить
    s.line(T["where"]("ru"), "")
    s.line(T["build_now"]("ru"), "")
    s.line(T["plain_numbers"]("ru") + " [1]:", "0")  # the policy alone
    s.line(T["out_dir"]("ru"), "")
    s.expect(T["built"]("ru"))
    assert s.finish() == 0

    output = s.output
    assert "\x1b" not in output  # no colour, no cursor movement: nothing a screen reader stumbles on
    for box in "─│┌┐└┘━●○↑↓":
        assert box not in output
    answers = load_answers(tmp_path / "kzpolicy.yaml")
    assert answers.operator.iin == "920712405674"
    assert answers.operator.address.kk == "Астана қ., Мәңгілік Ел даңғылы, 35"
    assert [getattr(s_, "id", None) for s_ in answers.services] == ["kaspi_pay", "whatsapp"]
    assert answers.policy.languages == ["kk", "ru"]
    saved = (tmp_path / "kzpolicy.yaml").read_text(encoding="utf-8")
    assert f"# {label('operator.name', ru)}" in saved
    policy = (tmp_path / "out" / "privacy-policy.kk.md").read_text(encoding="utf-8")
    assert "Ахметова Динара Сериковна" in policy
    assert "Ахметва" not in policy


def test_ctrl_c_saves_a_draft_and_init_answers_finishes_it(tmp_path: Path, sessions: list[Session]) -> None:
    ru: UiLang = "ru"
    s = start(sessions, tmp_path, "--ui-lang", "ru", NO_COLOR="1")
    s.answer(label("operator.legal_form", ru), f"{number_of('operator.legal_form', 'too', ru)}\r")
    s.answer(label("operator.name", ru), "Береке\r")
    s.answer(label("operator.brand", ru), "\r")
    s.answer(label("operator.bin", ru), "190540012345\r")
    s.answer(label("operator.address", ru, "ru"), "г. Алматы, ул. Абая, 1\r")
    s.answer(label("operator.address", ru, "kk"), f"{CLEAR_LINE}Алматы қ., Абай к-сі, 1\r")
    s.answer(label("operator.email", ru), "info@ber")  # typed, not yet entered...
    s.child.sendcontrol("c")  # ...when the shop owner is called away
    s.expect(T["draft_saved"]("ru").format(path="kzpolicy-draft.yaml"))
    s.expect("kzpolicy init --answers kzpolicy-draft.yaml")
    assert s.finish() == 130
    assert not COLOUR.search(s.output), "NO_COLOR is set: no colours"

    draft = tmp_path / "kzpolicy-draft.yaml"
    text = draft.read_text(encoding="utf-8")
    assert "name: Береке" in text
    assert "email: info@ber" in text  # even the half-typed answer is kept
    assert not list(tmp_path.glob(".*.tmp"))  # written atomically: no temporary file left

    r = start(sessions, tmp_path, "--answers", "kzpolicy-draft.yaml", "--ui-lang", "ru", NO_COLOR="1")
    r.expect("kzpolicy-draft.yaml")
    r.answer(label("operator.email", ru), f"{CLEAR_LINE}info@bereke.kz\r")  # asked again, first
    r.answer(label("operator.phone", ru), "+7 727 222 33 44\r")
    r.answer(label("operator.working_hours", ru, "ru"), "\r")
    r.answer(label("operator.responsible_person.name", ru, "ru"), "Сарсенова Алия\r")
    r.answer(label("operator.responsible_person.name", ru, "kk"), "\r")
    r.answer(label("operator.responsible_person.position", ru, "ru"), "\r")
    r.answer(label("operator.responsible_person.email", ru), "\r")
    r.answer(label("operator.responsible_person.phone", ru), "\r")  # neither e-mail nor phone: refused
    r.expect("Укажите почту или телефон")
    r.child.send("+7 727 222 33 45\r")
    r.answer(label("operator.bank", ru), "\r")
    r.answer(label("sites[0].url", ru), "bereke.kz\r")
    r.answer(label("sites[0].kind", ru), f"{number_of('sites[0].kind', 'services', ru)}\r")
    for question_id in ("data.subjects", "data.collected", "data.technical", "data.special", "data.subjects_count",
                        "purposes", "services", "cross_border.transfers", "storage.country", "storage.hosting"):
        r.answer(label(question_id, ru), "\r")
    r.answer(label("storage.city", ru, "ru"), "\r")
    for question_id in ("retention.default", "consent.methods", "automated_decisions.used"):
        r.answer(label(question_id, ru), "\r")
    r.answer(label("policy.city", ru, "ru"), "Алматы\r")
    r.answer(label("policy.city", ru, "kk"), "\r")
    for question_id in ("policy.effective_date", "policy.version", "policy.languages"):
        r.answer(label(question_id, ru), "\r")
    r.expect(T["review"]("ru"))
    r.answer(T["next"]("ru"), "\r")  # Сохранить
    r.answer(T["where"]("ru"), "\r")  # kzpolicy.yaml, next to the draft
    r.answer(T["build_now"]("ru"), "2\r")  # Нет
    r.expect("kzpolicy build kzpolicy.yaml")
    assert r.finish() == 0
    assert not COLOUR.search(r.output)

    answers = load_answers(tmp_path / "kzpolicy.yaml")
    assert answers.operator.name.ru == "Береке"
    assert answers.operator.email == "info@bereke.kz"
    assert answers.operator.address.kk == "Алматы қ., Абай к-сі, 1"
    assert answers.operator.responsible_person is not None
    assert answers.operator.responsible_person.phone is not None
    assert re.sub(r"\D", "", answers.operator.responsible_person.phone) == "77272223345"
    assert not draft.exists()  # the finished answers replace the draft
