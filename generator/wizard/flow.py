"""`kzpolicy init`: the interactive wizard, in Kazakh or Russian.

The wizard walks through ``generator.questions.QUESTIONS`` (skipping what does not apply
and, when resuming, what is already answered), shows a review of every answer by section
with the answers model's problems and the compliance findings, lets the user edit any
section, saves a commented answers file (``generator.answers_yaml``) and offers to build
the documents at once.

What the user typed is never lost: Ctrl-C (or a closed terminal) at any point saves a
draft with everything answered so far, and ``kzpolicy init --answers <draft>`` continues
from it. Every file is written atomically.

Two interfaces: questionary menus (colours unless NO_COLOR), and ``--plain`` (also used
when TERM=dumb): numbered choices and line prompts, for screen readers and dumb terminals.
This module is imported only by ``generator/commands/init.py`` when the command runs, so
questionary and prompt_toolkit stay out of every other command.
"""

from __future__ import annotations

import contextlib
import copy
import os
import re
import shlex
import signal
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any, Protocol

from ..catalog import load_catalog
from ..checks.rules import Finding, has_errors, run_checks
from ..errors import AnswersError, FieldProblem, InputError, KzPolicyError
from ..export.output_set import write_atomic
from .answers_file import dump_answers, is_draft, resume_point
from .questions import (
    ACROSS,
    MISSING,
    NO,
    QUESTION_BY_ID,
    QUESTIONS,
    SECTION_BY_ID,
    YES,
    Msg,
    Question,
    Raw,
    Section,
    UiLang,
    build_answers,
    check,
    default_of,
    generic_path,
    get_path,
    help_text,
    input_text,
    is_active,
    model_problems,
    options_of,
    parse_input,
    same_value,
    section_of_path,
    sections_in_use,
    set_path,
    summary,
    values_from,
)

if TYPE_CHECKING:
    from ..api import BuildRequest

DRAFT_NAME = "kzpolicy-draft.yaml"
ANSWERS_NAME = "kzpolicy.yaml"
EXIT_INTERRUPTED = 130

# --------------------------------------------------------------------------- texts

T: dict[str, Msg] = {
    "welcome": Msg(
        "Сәлеметсіз бе! Бірнеше сұраққа жауап беріңіз — kzpolicy сайтыңыздың Құпиялылық саясатын жасайды. "
        "Кез келген сәтте Ctrl+C басуға болады: жауаптар жоба ретінде сақталады. Соңында барлық жауапты "
        "тексеріп, кез келген бөлімді түзете аласыз.",
        "Здравствуйте! Ответьте на несколько вопросов — kzpolicy составит Политику конфиденциальности "
        "вашего сайта. В любой момент можно нажать Ctrl+C: ответы сохранятся как черновик. В конце вы "
        "проверите все ответы и сможете исправить любой раздел.",
    ),
    "plain_keys": Msg(
        "Enter — ұсынылған жауапты қалдыру (ол жақшада тұр), «-» — жауапты өшіру.",
        "Enter — оставить предложенный ответ (он в скобках), «-» — стереть ответ.",
    ),
    "loaded": Msg("Жауаптар файлдан алынды: {path}", "Ответы взяты из файла: {path}"),
    "new_file": Msg(
        "{path} файлы әлі жоқ: жауаптар соған сақталады.",
        "Файла {path} пока нет: ответы будут сохранены в него.",
    ),
    "complete": Msg(
        "Файлдағы жауаптар толық — оларды тексеріңіз.",
        "Ответы в файле полные — проверьте их.",
    ),
    "review": Msg("Жауаптарыңызды тексеріңіз", "Проверьте ваши ответы"),
    "problems": Msg(
        "Түзету керек (сақтау үшін):",
        "Нужно исправить (чтобы сохранить):",
    ),
    "findings": Msg("Заң талаптарына сәйкестігін тексеру:", "Проверка соответствия требованиям закона:"),
    "no_findings": Msg("Заң талаптарына сәйкестігін тексеру: ескертулер жоқ.",
                       "Проверка соответствия требованиям закона: замечаний нет."),
    "next": Msg("Әрі қарай не істейміз?", "Что делаем дальше?"),
    "save": Msg("Сақтау", "Сохранить"),
    "edit": Msg("Өзгерту: {section}", "Изменить: {section}"),
    "quit": Msg("Шығу (жобаны сақтап)", "Выйти (сохранив черновик)"),
    "where": Msg("Жауаптар файлын қайда сақтаймыз?", "Куда сохранить файл ответов?"),
    "where_help": Msg(
        "YAML файлы; кейін оны «kzpolicy init --answers» арқылы өзгертуге болады.",
        "Файл YAML; потом его можно изменить командой «kzpolicy init --answers».",
    ),
    "is_dir": Msg("Бұл — қалта: файлдың атын жазыңыз", "Это папка: напишите имя файла"),
    "not_dir": Msg("Бұл — файл, қалта емес: басқа атау жазыңыз", "Это файл, а не папка: напишите другое имя"),
    "no_dir": Msg("Мұндай қалта жоқ: {path}", "Нет такой папки: {path}"),
    "overwrite": Msg("{path} файлы бар. Үстінен жазайық па?", "Файл {path} уже есть. Перезаписать?"),
    "saved": Msg("Жауаптар сақталды: {path}", "Ответы сохранены: {path}"),
    "not_built": Msg(
        "Құжаттар жасалмады: алдымен жоғарыдағы «Қате» белгісі бар ескертулерді түзетіңіз.",
        "Документы не составлены: сначала исправьте замечания с пометкой «Ошибка» выше.",
    ),
    "build_now": Msg("Құжаттарды қазір жасайық па?", "Составить документы сейчас?"),
    "build_help": Msg(
        "Саясат Markdown, HTML және DOCX пішімдерінде, таңдалған тілдерде жасалады.",
        "Политика будет составлена в форматах Markdown, HTML и DOCX на выбранных языках.",
    ),
    "documents": Msg("Саясатпен бірге тағы не жасаймыз?", "Что составить вместе с Политикой?"),
    "documents_help": Msg(
        "Сайттағы нысан келісімге сүйенеді: оның мәтіні мен белгішесі (чекбокс) "
        "Саясатпен бір жауаптардан жасалады.",
        "Форма на сайте опирается на согласие: его текст и отметка (чекбокс) составляются "
        "из тех же ответов, что и Политика.",
    ),
    "document_consent": Msg(
        "Дербес деректерді жинауға және өңдеуге келісім және сайт нысанына арналған белгіше",
        "Согласие на сбор и обработку персональных данных и отметка (чекбокс) для форм сайта",
    ),
    "document_cookies": Msg("Cookie файлдары туралы хабарлама", "Уведомление о файлах cookie"),
    "out_dir": Msg("Құжаттарды қай қалтаға жазамыз?", "В какую папку записать документы?"),
    "out_help": Msg("Қалта жоқ болса, жасалады.", "Если папки нет, она будет создана."),
    "built": Msg("Құжаттар жасалды:", "Документы составлены:"),
    "build_later": Msg("Құжаттарды кейін жасау: {command}", "Составить документы позже: {command}"),
    "edit_later": Msg("Жауаптарды өзгерту: {command}", "Изменить ответы: {command}"),
    "lawyer": Msg(
        "Жарияламас бұрын саясатты заңгерге тексертіңіз.",
        "Перед публикацией покажите политику юристу.",
    ),
    "draft_saved": Msg("Жоба сақталды: {path}", "Черновик сохранен: {path}"),
    "resume": Msg("Жалғастыру үшін: {command}", "Чтобы продолжить: {command}"),
    "nothing": Msg("Әзірге ешқандай жауап жоқ — ештеңе сақталмады.", "Ответов пока нет — ничего не сохранено."),
    "error": Msg("Қате: {message}", "Ошибка: {message}"),
    "in_kk": Msg("қазақ тілінде", "на казахском"),
    "in_ru": Msg("орыс тілінде", "на русском"),
    "select_keys": Msg("(нөмір немесе ↑↓, содан кейін Enter)", "(номер или ↑↓, затем Enter)"),
    "checkbox_keys": Msg(
        "(↑↓ — жылжу, бос орын — белгілеу/алып тастау, Enter — дайын)",
        "(↑↓ — перемещение, пробел — отметить/снять, Enter — готово)",
    ),
    "plain_number": Msg("Нөмірі", "Номер"),
    "plain_numbers": Msg("Нөмірлері", "Номера"),
    "plain_number_error": Msg("1-ден {n}-ге дейінгі нөмірді жазыңыз", "Напишите номер от 1 до {n}"),
    "plain_numbers_help": Msg(
        "Нөмірлерді үтір арқылы жазыңыз; «+3» қосады, «-3» алып тастайды; Enter — белгіленгендерді қалдыру; "
        "0 — ешқайсысы.",
        "Напишите номера через запятую; «+3» добавляет, «-3» убирает; Enter — оставить отмеченные; "
        "0 — ничего.",
    ),
    "plain_numbers_error": Msg(
        "Нөмірлерді 1-ден {n}-ге дейін, үтір арқылы жазыңыз", "Напишите номера от 1 до {n} через запятую"
    ),
    "chosen": Msg("таңдалды", "выбрано"),
    "level_error": Msg("Қате", "Ошибка"),
    "level_warning": Msg("Ескерту", "Предупреждение"),
    "level_info": Msg("Кеңес", "Совет"),
}

LANGUAGE_QUESTION = "Интерфейс тілі / Язык интерфейса"
LANGUAGE_TITLES = ("Қазақша", "Русский")


# --------------------------------------------------------------------------- the two interfaces

TextCheck = Callable[[str], "str | None"]
ListCheck = Callable[[list[int]], "str | None"]


class UI(Protocol):
    """What the wizard needs from a terminal."""

    lang: UiLang

    def say(self, text: str, kind: str = "text") -> None: ...

    def text(self, label: str, default: str, validate: TextCheck, live: bool = False) -> str: ...

    def select(self, label: str, titles: list[str], default: int) -> int: ...

    def checkbox(self, label: str, titles: list[str], checked: list[bool], validate: ListCheck) -> list[int]: ...

    def partial(self) -> str | None:
        """The text left in the input line when a prompt was interrupted."""
        ...


class RichUI:
    """questionary menus; ``color=False`` (NO_COLOR) keeps them but without colours or box drawing."""

    def __init__(self, lang: UiLang = "kk", *, color: bool = True) -> None:
        import questionary
        from prompt_toolkit.styles import Style

        self.q = questionary
        self.lang: UiLang = lang
        self.color = color
        self._partial: str | None = None
        if color:
            self.style = Style(
                [
                    ("qmark", "fg:ansicyan bold"),
                    ("question", "bold"),
                    ("answer", "fg:ansigreen"),
                    ("pointer", "fg:ansicyan bold"),
                    ("highlighted", "fg:ansicyan"),
                    ("selected", "fg:ansigreen"),
                    ("instruction", "fg:ansibrightblack"),
                    ("help", "fg:ansibrightblack"),
                    ("note", "fg:ansiyellow"),
                    ("heading", "bold fg:ansicyan"),
                    ("heading2", "bold"),
                    ("error", "fg:ansired"),
                    ("ok", "fg:ansigreen"),
                    ("warning", "fg:ansiyellow"),
                ]
            )
        else:
            plain = "noinherit"
            self.style = Style(
                [(name, plain) for name in ("qmark", "question", "answer", "pointer", "highlighted", "selected",
                                            "separator", "instruction", "text", "disabled", "help", "note",
                                            "heading", "heading2", "error", "ok", "warning", "validation-toolbar")]
            )

    def say(self, text: str, kind: str = "text") -> None:
        from prompt_toolkit import print_formatted_text
        from prompt_toolkit.formatted_text import FormattedText

        if kind == "heading":
            rule = "──" if self.color else "=="
            text = f"\n{rule} {text} {rule}"
        print_formatted_text(FormattedText([(f"class:{kind}", text)]), style=self.style)

    def text(self, label: str, default: str, validate: TextCheck, live: bool = False) -> str:
        def verdict(value: str) -> bool | str:
            message = validate(value)
            return True if message is None else message

        question = self.q.text(
            label, default=default, validate=verdict, style=self.style, validate_while_typing=live
        )
        self._partial = None
        try:
            result: str = question.unsafe_ask()
        except KeyboardInterrupt:
            self._partial = question.application.current_buffer.text
            raise
        return result

    def select(self, label: str, titles: list[str], default: int) -> int:
        choices = [self.q.Choice(title=title, value=index) for index, title in enumerate(titles)]
        question = self.q.select(
            label,
            choices=choices,
            default=choices[default] if 0 <= default < len(choices) else None,
            use_shortcuts=len(choices) <= 36,
            use_indicator=False,
            pointer="»" if self.color else ">",
            instruction=T["select_keys"](self.lang),
            style=self.style,
        )
        self._partial = None
        result: int = question.unsafe_ask()
        return result

    def checkbox(self, label: str, titles: list[str], checked: list[bool], validate: ListCheck) -> list[int]:
        choices = [
            self.q.Choice(title=title, value=index, checked=on)
            for index, (title, on) in enumerate(zip(titles, checked, strict=True))
        ]

        def verdict(selected: list[Any]) -> bool | str:
            message = validate(sorted(selected))
            return True if message is None else message

        question = self.q.checkbox(
            label,
            choices=choices,
            validate=verdict,
            pointer="»" if self.color else ">",
            instruction=T["checkbox_keys"](self.lang),
            style=self.style,
            erase_when_done=True,
        )
        self._partial = None
        result: list[int] = sorted(question.unsafe_ask())
        # questionary sums up a checkbox in English ("done (3 selections)"): say it ourselves.
        chosen = "; ".join(titles[i] for i in result) or "—"
        self.say(f"? {label} {chosen}", "answer")
        return result

    def partial(self) -> str | None:
        return self._partial


class PlainUI:
    """Line prompts and numbered choices: no colour, no cursor movement, nothing redrawn.

    Works with screen readers, dumb terminals and anything that reads and writes lines."""

    def __init__(
        self,
        lang: UiLang = "kk",
        *,
        read: Callable[[str], str] | None = None,
        write: Callable[[str], None] | None = None,
    ) -> None:
        self.lang: UiLang = lang
        if read is None:
            with contextlib.suppress(ImportError):
                import readline  # noqa: F401 - line editing for input()
        self.read = read or input
        self.write = write or (lambda line: print(line, flush=True))

    def say(self, text: str, kind: str = "text") -> None:
        if kind == "heading":
            text = f"\n== {text} =="
        elif kind == "error":
            text = f"! {text}"
        self.write(text)

    def text(self, label: str, default: str, validate: TextCheck, live: bool = False) -> str:
        prompt = f"{label} [{default}]: " if default else f"{label}: "
        while True:
            answer = self.read(prompt).strip()
            if answer == "-":
                answer = ""
            elif not answer:
                answer = default
            message = validate(answer)
            if message is None:
                return answer
            self.say(message, "error")

    def select(self, label: str, titles: list[str], default: int) -> int:
        self.write(label)
        for index, title in enumerate(titles, start=1):
            self.write(f"  {index}) {title}")
        prompt = f"{T['plain_number'](self.lang)} [{default + 1}]: "
        while True:
            answer = self.read(prompt).strip()
            if not answer:
                return default
            if answer.isdigit() and 1 <= int(answer) <= len(titles):
                return int(answer) - 1
            self.say(T["plain_number_error"](self.lang).format(n=len(titles)), "error")

    def checkbox(self, label: str, titles: list[str], checked: list[bool], validate: ListCheck) -> list[int]:
        self.write(label)
        self.write(T["plain_numbers_help"](self.lang))
        for index, (title, on) in enumerate(zip(titles, checked, strict=True), start=1):
            self.write(f"  {index}) [{'x' if on else ' '}] {title}")
        current = [i for i, on in enumerate(checked) if on]
        shown = ",".join(str(i + 1) for i in current) or "0"
        prompt = f"{T['plain_numbers'](self.lang)} [{shown}]: "
        while True:
            answer = self.read(prompt).strip()
            chosen = self._numbers(answer, current, len(titles))
            if chosen is None:
                self.say(T["plain_numbers_error"](self.lang).format(n=len(titles)), "error")
                continue
            message = validate(chosen)
            if message is None:
                return chosen
            self.say(message, "error")

    @staticmethod
    def _numbers(answer: str, current: list[int], count: int) -> list[int] | None:
        if not answer:
            return list(current)
        if answer in ("0", "-"):
            return []
        tokens = answer.replace(",", " ").replace(";", " ").split()
        relative = all(t[0] in "+-" for t in tokens)
        chosen = set(current) if relative else set()
        for token in tokens:
            sign = token[0] if token[0] in "+-" else "+"
            number = token.lstrip("+-")
            if not number.isdigit() or not 1 <= int(number) <= count:
                return None
            if sign == "+":
                chosen.add(int(number) - 1)
            else:
                chosen.discard(int(number) - 1)
        return sorted(chosen)

    def partial(self) -> str | None:
        return None


# --------------------------------------------------------------------------- where files go


@dataclass(frozen=True)
class Files:
    """The answers file, its draft and the file the wizard started from."""

    answers: Path
    draft: Path
    loaded: Path | None
    given: bool = False
    """--answers named the file (it may not exist yet)."""

    @classmethod
    def for_args(cls, answers: Path | None, cwd: Path | None = None) -> Files:
        cwd = cwd or Path.cwd()
        if answers is None:
            return cls(cwd / ANSWERS_NAME, cwd / DRAFT_NAME, None)
        path = answers if answers.is_absolute() else cwd / answers
        loaded = path if path.exists() else None
        if path.name == DRAFT_NAME:
            return cls(path.with_name(ANSWERS_NAME), path, loaded, True)
        if path.name.endswith(".draft.yaml") or path.name.endswith(".draft.yml"):
            final = path.with_name(path.name.replace(".draft.", ".", 1))
            return cls(final, path, loaded, True)
        return cls(path, path.with_name(f"{path.stem}.draft.yaml"), loaded, True)


def relative(path: Path) -> str:
    """A path relative to the current directory when it is inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def shown(path: Path) -> str:
    """A path as the user can type it back in a command."""
    return shlex.quote(relative(path))


def settled_questions(raw: Raw) -> set[str]:
    """The questions that apply to ``raw`` and that the answers model does not need answered:
    absent optional ones, left to the model's defaults, and those already valid."""
    probe = copy.deepcopy(raw)
    for question in QUESTIONS:  # open the missing sections, so the model names their missing keys
        if not question.gate and is_active(question, probe):
            parts = question.id.split(".")
            for depth in range(1, len(parts)):
                parent = ".".join(parts[:depth])
                if "[" not in parent and get_path(probe, parent) is MISSING:
                    set_path(probe, parent, {})
    problems = [problem.path for problem in model_problems(probe, across=False)]

    def concerns(path: str, question_id: str) -> bool:
        # a rule over the whole answers (path "") is shown on the review, with its section
        return bool(path) and (
            path == question_id
            or path.startswith((question_id + ".", question_id + "["))
            or question_id.startswith((path + ".", path + "["))
        )

    return {
        q.id for q in QUESTIONS if is_active(q, raw) and not any(concerns(p, q.id) for p in problems)
    }


def read_answers_file(path: Path) -> tuple[Raw, str | None, bool]:
    """The raw answers of a file (not validated: a draft may be incomplete), the question a
    draft stopped at, and whether it is a draft."""
    from ..answers.source import decode, parse_text

    label = str(path)
    try:
        raw = path.read_bytes()
    except IsADirectoryError:
        raise InputError(f"{label}: this is a directory, not an answers file") from None
    except OSError as exc:
        raise InputError(f"{label}: cannot read the file ({exc.strerror})") from None
    text = decode(raw, label)
    data = parse_text(text, label).data
    if not isinstance(data, dict):
        problem = FieldProblem("", f"the answers must be a mapping of keys, not a {type(data).__name__}")
        raise AnswersError(label, [problem])
    return data, resume_point(text), is_draft(text)


# --------------------------------------------------------------------------- the wizard


class Wizard:
    """The state of one session: the loaded answers, the values given, and the interface."""

    def __init__(
        self, ui: UI, files: Files, base: Raw | None = None, resume_at: str | None = None, *, draft: bool = False
    ) -> None:
        self.ui = ui
        self.files = files
        self.base: Raw = copy.deepcopy(base) if base else {}
        self.values: dict[str, Any] = values_from(self.base)
        self.again: set[str] = {resume_at} if resume_at in QUESTION_BY_ID else set()
        self.current: Question | None = None
        self.saved: Path | None = None
        self._heading: str | None = None
        # A finished or hand-written file leaves optional questions to the model's defaults
        # (no bank details, both languages...): those count as answered, so resuming or
        # editing one section does not ask them all. A draft asks everything it has not got.
        raw = self.raw(draft=False)
        self.complete = bool(self.base) and not self.again and not model_problems(raw)
        self.settled: set[str] = set()
        if self.base and not draft:
            self.settled = settled_questions(raw)

    @property
    def lang(self) -> UiLang:
        return self.ui.lang

    def t(self, key: str, **params: str) -> str:
        return T[key](self.lang).format(**params)

    def raw(self, *, draft: bool = True) -> Raw:
        return build_answers(self.base, self.values, draft=draft)

    # ------------------------------------------------------------------ asking

    def answered(self, question: Question, raw: Raw) -> bool:
        if question.id in self.again:
            return False
        if question.id not in self.values:
            return question.id in self.settled
        if question.gate:
            return True
        return check(question, self.values[question.id], raw, self.lang) is None

    def fill(self, section: str | None = None) -> None:
        """Ask, in order, every question that applies: those of ``section``, or (without one)
        those not answered yet. Later questions see the answers to earlier ones."""
        for question in QUESTIONS:
            raw = self.raw()
            if not is_active(question, raw):
                continue
            if section is not None:
                if question.section != section:
                    continue
            elif self.answered(question, raw):
                continue
            self.ask(question, raw)
            self.again.discard(question.id)

    def heading(self, section: Section) -> None:
        if self._heading != section.id:
            self._heading = section.id
            self.ui.say(section.title(self.lang), "heading")

    def ask(self, question: Question, raw: Raw) -> None:
        self.current = question
        self.heading(SECTION_BY_ID[question.section])
        if question.note is not None:
            note = question.note(raw, self.lang)
            if note:
                self.ui.say(note, "note")
        self.ui.say(help_text(question, self.lang), "help")
        current = self.values.get(question.id, MISSING)
        default = current if current is not MISSING else default_of(question, raw)
        label = question.label(self.lang)
        if question.type == "confirm":
            value: Any = self.ui.select(label, [YES(self.lang), NO(self.lang)], 0 if default else 1) == 0
        elif question.type == "select":
            value = self._select(question, raw, label, default)
        elif question.type == "checkbox":
            value = self._checkbox(question, raw, label, default)
        elif question.bilingual:
            value = self._bilingual(question, raw, label, default)
        else:
            value = self._text(question, raw, label, input_text(question, default, self.lang), None)
        self.values[question.id] = value
        self.current = None

    def _select(self, question: Question, raw: Raw, label: str, default: Any) -> Any:
        options = options_of(question, raw, self.lang)
        index = next((i for i, o in enumerate(options) if same_value(o.value, default)), 0)
        chosen = self.ui.select(label, [o.title for o in options], index)
        return copy.deepcopy(options[chosen].value)

    def _checkbox(self, question: Question, raw: Raw, label: str, default: Any) -> list[Any]:
        options = options_of(question, raw, self.lang)
        before = default if isinstance(default, list) else []
        checked = [any(same_value(o.value, d) for d in before) for o in options]

        def values(indexes: list[int]) -> list[Any]:
            # Keep the order the answers had (it is the order in the policy); add new ones after.
            picked = [options[i].value for i in indexes]
            kept = [d for d in before if any(same_value(d, p) for p in picked)]
            added = [p for p in picked if not any(same_value(p, k) for k in kept)]
            return copy.deepcopy(kept + added)

        chosen = self.ui.checkbox(
            label,
            [o.title for o in options],
            checked,
            lambda indexes: check(question, values(indexes), raw, self.lang),
        )
        return values(chosen)

    def _text(self, question: Question, raw: Raw, label: str, default: str,
              keep: Callable[[str], Any] | None) -> Any:
        def validate(text: str) -> str | None:
            return check(question, parse_input(question, text), raw, self.lang)

        try:
            typed = self.ui.text(label, default, validate, question.live)
        except KeyboardInterrupt:
            partial = self.ui.partial()
            if partial and partial.strip() and partial != default:
                # Half an answer is still the user's work: the draft keeps it and asks again.
                self.values[question.id] = (keep or (lambda text: parse_input(question, text)))(partial)
                self.again.add(question.id)
            raise
        return parse_input(question, typed)

    def _bilingual(self, question: Question, raw: Raw, label: str, default: Any) -> Any:
        first: UiLang = self.lang
        second: UiLang = "ru" if first == "kk" else "kk"
        names = {"kk": self.t("in_kk"), "ru": self.t("in_ru")}
        texts = default if isinstance(default, dict) else {"kk": default, "ru": default}
        one = self._text(question, raw, f"{label} ({names[first]})",
                         input_text(question, texts.get(first), first), None)
        if one is None:
            return None
        other_default = texts.get(second)
        if other_default is None or other_default == texts.get(first):
            other_default = one
        two = self._text(question, raw, f"{label} ({names[second]})",
                         input_text(question, other_default, second),
                         lambda text: {first: one, second: text.strip()})
        if two is None or two == one:
            return one
        return {"kk": one, "ru": two} if first == "kk" else {"kk": two, "ru": one}

    # ------------------------------------------------------------------ review

    def problems(self, final: Raw) -> list[tuple[str, str | None, str]]:
        """(where, section id, what) of every problem of the answers, in the interface language
        where a question owns the field (the model's own words otherwise)."""
        out: list[tuple[str, str | None, str]] = []
        for problem in model_problems(final):
            path, message = problem.path, problem.message
            question = QUESTION_BY_ID.get(generic_path(path))
            section_id = problem_section(path, message)
            section = SECTION_BY_ID[section_id].title(self.lang) if section_id else ""
            if problem.code in ACROSS:
                message = ACROSS[problem.code](self.lang)
            if question is not None:
                text = check(question, get_path(final, question.id), final, self.lang) or message
                where = f"{section}: {question.short(self.lang)}"
            else:
                text = message
                where = f"{section}: {path}" if section and path else section or path or "—"
            out.append((where, section_id, text))
        return out

    def review(self) -> str:
        """Show every answer and what is wrong; return "save", "quit" or a section id to edit."""
        draft, final = self.raw(), self.raw(draft=False)
        problems = self.problems(final)
        effective: Raw | None = None
        findings: list[Finding] = []
        if not problems:
            from ..answers.model import validate_answers

            model = validate_answers(final)
            effective = model.model_dump(mode="json", warnings=False)
            findings = run_checks(model)
        self._heading = None
        self.ui.say(self.t("review"), "heading")
        for section, rows in summary(draft, self.lang, effective):
            self.ui.say(f"\n{section.title(self.lang)}", "heading2")
            for label, answer in rows:
                self.ui.say(f"  {label}: {answer}")
        if problems:
            self.ui.say("")
            self.ui.say(self.t("problems"), "error")
            for where, _, text in problems:
                self.ui.say(f"  - {where}: {text}", "error")
        else:
            self.ui.say("")
            if not findings:
                self.ui.say(self.t("no_findings"), "ok")
            else:
                self.ui.say(self.t("findings"), "warning")
                for style, line in describe_findings(findings, self.lang):
                    self.ui.say(f"  - {line}", style)
        sections = sections_in_use(draft)
        actions: list[tuple[str, str]] = []
        if not problems:
            actions.append(("save", self.t("save")))
        actions += [(s.id, self.t("edit", section=s.title(self.lang))) for s in sections]
        actions.append(("quit", self.t("quit")))
        first: str | None = None
        if problems:
            first = next((section for _, section, _ in problems if section), None)
        elif has_errors(findings):
            first = next((finding_section(f, draft) for f in findings if f.level == "error"), None)
        default = next((i for i, (key, _) in enumerate(actions) if key == first), 0)
        chosen = self.ui.select(self.t("next"), [title for _, title in actions], default)
        return actions[chosen][0]

    # ------------------------------------------------------------------ saving

    def save_draft(self) -> Path | None:
        if not self.values and not self.base:
            return None
        resume_at = self.current.id if self.current is not None else None
        if resume_at is None and self.again:
            resume_at = next(iter(self.again))
        text = dump_answers(self.raw(), self.lang, name=shown(self.files.draft), draft=True, resume_at=resume_at)
        write_atomic(self.files.draft, text.encode("utf-8"))
        return self.files.draft

    def ask_path(self) -> Path:
        self.ui.say(self.t("where_help"), "help")
        allowed: set[Path] = {self.files.answers.resolve(), self.files.draft.resolve()}
        if self.files.loaded is not None:
            allowed.add(self.files.loaded.resolve())

        def validate(text: str) -> str | None:
            if not text.strip():
                return T["where"](self.lang)
            path = Path(text.strip()).expanduser()
            if path.is_dir():
                return self.t("is_dir")
            if not path.absolute().parent.is_dir():
                return self.t("no_dir", path=str(path.absolute().parent))
            return None

        while True:
            typed = self.ui.text(self.t("where"), relative(self.files.answers), validate)
            path = Path(typed.strip()).expanduser().absolute()
            if path.resolve() in allowed or not path.exists():
                return path
            if self.ui.select(self.t("overwrite", path=shown(path)), [YES(self.lang), NO(self.lang)], 1) == 0:
                return path

    def save(self) -> Path:
        path = self.ask_path()
        text = dump_answers(self.raw(draft=False), self.lang, name=shown(path))
        write_atomic(path, text.encode("utf-8"))
        self.saved = path
        if self.files.draft.resolve() != path.resolve():
            with contextlib.suppress(OSError):
                self.files.draft.unlink(missing_ok=True)
        self.ui.say(self.t("saved", path=shown(path)), "ok")
        return path

    def offer_build(self, path: Path) -> int:
        from ..answers import validate_answers
        from ..api import BuildRequest, build, with_options
        from ..checks import gate
        from ..errors import ComplianceError

        later = f"kzpolicy build {shown(path)}"
        request = BuildRequest(validate_answers(self.raw(draft=False)), source=shown(path))
        try:
            gate(request.answers, source=request.source)  # the rule of every build, asked before the folder
        except ComplianceError:
            self.ui.say(self.t("not_built"), "error")
            self.ui.say(self.t("edit_later", command=f"kzpolicy init --answers {shown(path)}"))
            return 0
        self.ui.say(self.t("build_help"), "help")
        if self.ui.select(self.t("build_now"), [YES(self.lang), NO(self.lang)], 0) != 0:
            self.ui.say(self.t("build_later", command=later))
            return 0
        request = with_options(request, documents=self.ask_documents(request))
        self.ui.say(self.t("out_help"), "help")

        def validate(text: str) -> str | None:
            target = Path(text.strip() or "out").expanduser()
            return self.t("not_dir") if target.exists() and not target.is_dir() else None

        out = Path(self.ui.text(self.t("out_dir"), "out", validate).strip() or "out").expanduser()
        try:
            written = build(request, out)
        except KzPolicyError as exc:
            self.ui.say(self.t("error", message=str(exc)), "error")
            self.ui.say(self.t("build_later", command=f"{later} --out {shown(out)}"))
            return exc.exit_code
        self.ui.say(self.t("built"), "ok")
        for file in written:
            self.ui.say(f"  {shown(file)}")
        self.ui.say(self.t("edit_later", command=f"kzpolicy init --answers {shown(path)}"))
        self.ui.say(self.t("lawyer"), "note")
        return 0

    def ask_documents(self, request: BuildRequest) -> tuple[str, ...]:
        """Which documents besides the policy: the consent (ticked: a form rests on it) and,
        where the answers name services whose cookies need consent, the cookie notice."""
        from ..facts import derive

        kinds = ["consent"]
        if derive(request.answers).consent_cookie_services:
            kinds.append("cookies")
        self.ui.say(self.t("documents_help"), "help")
        titles = [self.t(f"document_{kind}") for kind in kinds]
        chosen = self.ui.checkbox(self.t("documents"), titles, [True] * len(kinds), lambda indexes: None)
        return ("policy", *(kinds[i] for i in sorted(chosen)))

    # ------------------------------------------------------------------ the whole session

    def run(self) -> int:
        try:
            return self._run()
        except (KeyboardInterrupt, EOFError):
            return self.interrupted()

    def _run(self) -> int:
        self.ui.say(self.t("welcome"))
        if isinstance(self.ui, PlainUI):
            self.ui.say(self.t("plain_keys"))
        if self.files.loaded is not None:
            self.ui.say(self.t("loaded", path=shown(self.files.loaded)))
        elif self.files.given:
            self.ui.say(self.t("new_file", path=shown(self.files.answers)))
        if self.complete:
            self.ui.say(self.t("complete"), "ok")
        else:
            self.fill()
        while True:
            action = self.review()
            if action == "save":
                break
            if action == "quit":
                return self.interrupted(deliberate=True)
            self.fill(section=action)
            self.fill()
        path = self.save()
        return self.offer_build(path)

    def interrupted(self, *, deliberate: bool = False) -> int:
        """Save what was answered as a draft and say how to continue."""
        if self.saved is not None:  # interrupted after saving: the answers file is complete
            self.ui.say("")
            self.ui.say(self.t("build_later", command=f"kzpolicy build {shown(self.saved)}"))
            return 0 if deliberate else EXIT_INTERRUPTED
        try:
            draft = self.save_draft()
        except KzPolicyError as exc:
            self.ui.say(self.t("error", message=str(exc)), "error")
            return exc.exit_code
        if draft is None:
            self.ui.say(self.t("nothing"))
        else:
            self.ui.say("")
            self.ui.say(self.t("draft_saved", path=shown(draft)), "ok")
            self.ui.say(self.t("resume", command=f"kzpolicy init --answers {shown(draft)}"))
        return 0 if deliberate else EXIT_INTERRUPTED


# --------------------------------------------------------------------------- where to fix things

_NAMED_FIELD = re.compile(r"\b(" + "|".join(sorted({re.escape(q.id.split("[")[0]) for q in QUESTIONS}
                                                  | {"marketing", "purposes", "services"}, key=len, reverse=True))
                          + r")\b")


def problem_section(path: str, message: str) -> str | None:
    """The section to edit for a problem of the model: by its field, or (for a rule over the
    whole answers) by the field its message names, e.g. "add 'parents' to data.subjects"."""
    if path:
        return section_of_path(path)
    match = _NAMED_FIELD.search(message)
    return section_of_path(match[1]) if match else None


# --------------------------------------------------------------------------- compliance findings

_FINDING_SECTIONS = {"1": "operator", "2": "storage", "3": "storage", "4": "consent", "5": "marketing",
                     "6": "consent", "7": "data", "8": "policy", "9": "services"}


def finding_section(finding: Finding, raw: Raw) -> str | None:
    """The section to edit for a finding: by what it is about, else by its code's range."""
    catalog = load_catalog()
    subject = finding.subject
    by_path = section_of_path(subject) if "." in subject or subject in QUESTION_BY_ID else None
    if by_path is not None:
        return by_path
    if subject in catalog.purposes:
        return "purposes"
    if subject in catalog.services:
        return "services"
    if subject in catalog.data_categories:
        return "data"
    if len(subject) == 2 and subject.isupper():  # a country: where data goes
        return "cross_border"
    section = _FINDING_SECTIONS.get(finding.code[2:3])
    return section if section in {s.id for s in sections_in_use(raw)} else None


def describe_findings(findings: list[Finding], lang: UiLang) -> Iterator[tuple[str, str]]:
    """(style, line) of each finding, in the interface language."""
    for finding in findings:
        head = T[f"level_{finding.level}"](lang)
        style = {"error": "error", "warning": "warning"}.get(finding.level, "note")
        yield style, f"{finding.code} {head}: {finding.message(lang)} — {finding.fix(lang)}"


# --------------------------------------------------------------------------- entry point


def choose_ui(ui_lang: UiLang | None, *, plain: bool) -> UI:
    """--plain or TERM=dumb: line prompts; NO_COLOR: menus without colour; otherwise menus."""
    lang: UiLang = ui_lang or "kk"
    if plain or os.environ.get("TERM") == "dumb":
        return PlainUI(lang)
    return RichUI(lang, color=not os.environ.get("NO_COLOR"))


def ask_language(ui: UI) -> UiLang:
    return "kk" if ui.select(LANGUAGE_QUESTION, list(LANGUAGE_TITLES), 0) == 0 else "ru"


@contextlib.contextmanager
def _interrupt_on_hangup() -> Iterator[None]:
    """A closed terminal (SIGHUP) or a polite kill (SIGTERM) saves the draft like Ctrl-C."""

    def handler(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    previous: dict[int, Any] = {}
    for name in ("SIGHUP", "SIGTERM"):
        number = getattr(signal, name, None)
        if number is not None:
            previous[number] = signal.signal(number, handler)
    try:
        yield
    finally:
        for number, old in previous.items():
            signal.signal(number, old)


def run_wizard(*, answers: Path | None, ui_lang: UiLang | None, plain: bool) -> int:
    """`kzpolicy init`: returns the exit code (0 done, 130 interrupted with a draft saved)."""
    files = Files.for_args(answers)
    base: Raw = {}
    resume_at, draft = None, False
    if files.loaded is not None:
        base, resume_at, draft = read_answers_file(files.loaded)
    ui = choose_ui(ui_lang, plain=plain)
    wizard = Wizard(ui, files, base, resume_at, draft=draft)
    with _interrupt_on_hangup():
        if ui_lang is None:
            try:
                ui.lang = ask_language(ui)
            except (KeyboardInterrupt, EOFError):  # nothing typed yet: nothing to save
                ui.say(" / ".join(T["nothing"](lang) for lang in ("kk", "ru")))
                return EXIT_INTERRUPTED
        return wizard.run()


__all__ = ["UI", "Files", "PlainUI", "RichUI", "Wizard", "run_wizard"]
