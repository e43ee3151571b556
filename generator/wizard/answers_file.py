"""Writing an answers file that a person can read: YAML with the wizard's questions as comments.

``dump_answers`` turns the answers (plain data, the shape of the answers file) into YAML
where every key the wizard asks about is preceded by its question and one-line help in
the interface language, and every catalogue id is followed by its label. The result
loads back through ``generator.answers`` into the same model: strings that YAML would
read as something else are quoted, numbers and dates are written plain.

Standard library and PyYAML only (for quoting scalars exactly as YAML needs).
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Mapping
from typing import Any

import yaml

from .questions import (
    QUESTION_BY_ID,
    SECTIONS,
    Msg,
    Question,
    UiLang,
    generic_path,
    help_text,
    option_title,
)

WIDTH = 100  # comment lines are wrapped at this column

_NUMERIC_KEYS = frozenset({"schema_version", "subjects_count", "claim_days", "count", "years", "months", "days"})
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SECTION_AT: dict[str, Msg] = {path: section.title for section in SECTIONS for path in section.paths}

_HEADER = Msg(
    "kzpolicy: Құпиялылық саясатына арналған жауаптар файлы («kzpolicy init» жасады).\n"
    "Құжаттарды жасау: kzpolicy build {name}\n"
    "Жауаптарды өзгерту: kzpolicy init --answers {name} (немесе осы файлды мәтін редакторында түзетіңіз).\n"
    "«#» белгісінен басталатын жолдар — түсініктемелер: kzpolicy оларды оқымайды.",
    "kzpolicy: файл ответов для Политики конфиденциальности (создан командой «kzpolicy init»).\n"
    "Составить документы: kzpolicy build {name}\n"
    "Изменить ответы: kzpolicy init --answers {name} (или поправьте этот файл в текстовом редакторе).\n"
    "Строки, начинающиеся с «#», — комментарии: kzpolicy их не читает.",
)
_DRAFT_HEADER = Msg(
    "ЖОБА: жауаптар әлі толық емес. Жалғастыру: kzpolicy init --answers {name}\n"
    "Бұл файлдан құжат жасауға болмайды, алдымен сұрақтарды соңына дейін жауаптаңыз.",
    "ЧЕРНОВИК: ответы еще не полные. Продолжить: kzpolicy init --answers {name}\n"
    "По этому файлу документ не составить: сначала ответьте на вопросы до конца.",
)


RESUME_MARK = "kzpolicy-resume-at:"
"""A draft's comment naming the question that was being answered when it was saved."""


def dump_answers(
    data: Mapping[str, Any],
    lang: UiLang,
    *,
    name: str = "answers.yaml",
    draft: bool = False,
    resume_at: str | None = None,
) -> str:
    """The answers as commented YAML text (``\\n`` line ends, a final newline).

    A draft says so in its header and may name the question to ask again first."""
    lines: list[str] = []
    header = (_DRAFT_HEADER if draft else _HEADER)(lang).format(name=name)
    lines += [f"# {line}" for line in header.splitlines()]
    if draft:
        lines.append(f"# {RESUME_MARK} {resume_at or '-'}")
    lines.append("")
    writer = _Writer(lang, dict(data))
    writer.mapping(data, "", 0, lines)
    return "\n".join(lines).rstrip("\n") + "\n"


class _Writer:
    def __init__(self, lang: UiLang, data: dict[str, Any]) -> None:
        self.lang = lang
        self.data = data
        self.commented: set[str] = set()
        self.section: str | None = None

    # ------------------------------------------------------------------ comments

    def comments(self, path: str, indent: int) -> list[str]:
        out: list[str] = []
        pad = " " * indent
        if path in _SECTION_AT and _SECTION_AT[path](self.lang) != self.section:
            self.section = _SECTION_AT[path](self.lang)
            out.append("")
            out.append(f"{pad}# --- {self.section} ---")
        question = self.question(path)
        generic = generic_path(path)
        if question is not None and generic not in self.commented and not _later_item(path):
            self.commented.add(generic)
            for text in (question.label(self.lang), help_text(question, self.lang)):
                out += _wrap(text, pad)
        return out

    def question(self, path: str) -> Question | None:
        return QUESTION_BY_ID.get(generic_path(path))

    def title(self, path: str, value: Any) -> str | None:
        question = self.question(path)
        if question is None or question.type not in ("select", "checkbox"):
            return None
        title = option_title(question, value, self.data, self.lang)
        return None if title == str(value) else title

    # ------------------------------------------------------------------ structure

    def mapping(self, mapping: Mapping[str, Any], prefix: str, indent: int, lines: list[str]) -> None:
        pad = " " * indent
        for key, value in mapping.items():
            path = f"{prefix}.{key}" if prefix else str(key)
            lines += self.comments(path, indent)
            head = f"{pad}{key}:"
            if isinstance(value, dict) and value and not self.flow(path, value):
                lines.append(head)
                self.mapping(value, path, indent + 2, lines)
            elif isinstance(value, list) and value and self.block_list(path, value):
                lines.append(head)
                self.sequence(value, path, indent + 2, lines)
            else:
                lines.append(_with_comment(f"{head} {self.inline(key, value)}", self.title(path, value)))

    def sequence(self, items: list[Any], path: str, indent: int, lines: list[str]) -> None:
        pad = " " * indent
        for index, item in enumerate(items):
            item_path = f"{path}[{index}]"
            if isinstance(item, dict) and item:
                sub: list[str] = []
                self.mapping(item, item_path, indent + 2, sub)
                first = next(i for i, line in enumerate(sub) if line.strip() and not line.lstrip().startswith("#"))
                lines += [line[2:] if line.startswith("  ") else line for line in sub[:first]]
                lines.append(f"{pad}- {sub[first][indent + 2:]}")
                lines += sub[first + 1 :]
            else:
                lines.append(_with_comment(f"{pad}- {self.inline('', item)}", self.title(path, item)))

    def flow(self, path: str, value: dict[str, Any]) -> bool:
        """Small mappings that are one answer (a period, a frequency) stay on one line."""
        question = self.question(path)
        return question is not None and question.type == "select"

    def block_list(self, path: str, value: list[Any]) -> bool:
        question = self.question(path)
        return (question is not None and question.type == "checkbox") or any(
            isinstance(item, dict | list) for item in value
        )

    def inline(self, key: str, value: Any) -> str:
        if isinstance(value, dict):
            return "{" + ", ".join(f"{k}: {self.inline(str(k), v)}" for k, v in value.items()) + "}"
        if isinstance(value, list):
            return "[" + ", ".join(self.inline("", v) for v in value) + "]"
        return scalar(value, key)


def resume_point(text: str) -> str | None:
    """The question a draft was saved at (see ``dump_answers``), if it names one."""
    match = re.search(rf"^# {re.escape(RESUME_MARK)} (\S+)$", text, re.MULTILINE)
    return match[1] if match and match[1] != "-" else None


def is_draft(text: str) -> bool:
    """A draft written by the wizard (as opposed to a finished or hand-written answers file)."""
    return re.search(rf"^# {re.escape(RESUME_MARK)} ", text, re.MULTILINE) is not None


def _later_item(path: str) -> bool:
    """A path inside the second or a later item of a list: its questions were shown on the first."""
    return re.search(r"\[[1-9]\d*\]", path) is not None


def _wrap(text: str, pad: str) -> list[str]:
    width = max(40, WIDTH - len(pad) - 2)
    return [f"{pad}# {line}" for line in textwrap.wrap(text, width=width, break_on_hyphens=False)]


def _with_comment(line: str, comment: str | None) -> str:
    return f"{line}  # {comment}" if comment else line


def scalar(value: Any, key: str = "") -> str:
    """One YAML scalar that reads back as the same value."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int | float):
        return str(value)
    text = str(value)
    if key in _NUMERIC_KEYS and text.isdigit():
        return text
    if _ISO_DATE.match(text):
        return text
    if "\n" in text or not text.isprintable():
        return yaml.safe_dump(text, allow_unicode=True, default_style='"', width=10**9).rstrip("\n")
    dumped = yaml.safe_dump(text, allow_unicode=True, default_flow_style=True, width=10**9)
    return dumped.removesuffix("\n").removesuffix("\n...").rstrip("\n")
