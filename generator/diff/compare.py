"""What changed in the text of a policy, clause by clause: ``kzpolicy diff OLD NEW``.

Two ways in:

* two answers files (or :class:`~generator.answers.Answers`): both are built in one language
  and clauses are matched by their **clause id**, so a clause that only moved ("5.4" ->
  "5.5" because a clause was added before it) is *renumbered*, not changed;
* two built Markdown files (``privacy-policy.<lang>.md``, front matter or not): clauses are
  read back by their number lines ("5.4. ...") under their section headings ("## 5. ...")
  and aligned by their text, so an inserted clause does not make every later one "changed".
  An answers file against a Markdown file renders the answers to Markdown first.

Each change is *added*, *removed*, *changed* (with a word-level diff of the clause's own
text) or *renumbered*; the preamble counts as a clause with the id ``preamble``. The result
prints as text for a person, as Markdown for a changelog entry, or as JSON.
"""

from __future__ import annotations

import datetime as dt
import difflib
import html
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ..document import Document, blocks_text, clause_text, walk
from ..errors import InputError
from ..lang import LANGUAGES, check_language

if TYPE_CHECKING:
    from ..api import AnswersSource, Override

ChangeKind = Literal["added", "removed", "changed", "renumbered"]
KINDS: tuple[ChangeKind, ...] = ("changed", "added", "removed", "renumbered")
MARKDOWN_SUFFIXES = (".md", ".markdown")
PREAMBLE = "preamble"


# --------------------------------------------------------------------------- model


@dataclass(frozen=True, slots=True)
class Entry:
    """One comparable piece of a policy: a clause's own text (or the preamble)."""

    key: str  # the clause id; for Markdown input the number (there are no ids in Markdown)
    id: str | None  # the clause id when known
    number: str  # "" for the preamble
    section: str  # "5. Title" of the section it is in; "" for the preamble
    text: str  # its own text without its number, one line per paragraph, bullet or table row


@dataclass(frozen=True, slots=True)
class Change:
    """One clause that differs between the old and the new text."""

    kind: ChangeKind
    id: str | None  # the clause id (None when both sides are Markdown)
    old_number: str | None
    new_number: str | None
    section: str
    old_text: str
    new_text: str

    @property
    def number(self) -> str:
        return self.new_number if self.new_number is not None else self.old_number or ""

    @property
    def label(self) -> str:
        """"15.2 final.contacts", "preamble", "15.2"."""
        if self.id == PREAMBLE:
            return PREAMBLE
        return " ".join(part for part in (self.number, self.id) if part)

    def unified(self, context: int = 1) -> list[str]:
        """A line-level unified diff of the clause's text (lines without trailing newlines)."""
        return list(
            difflib.unified_diff(
                self.old_text.splitlines(), self.new_text.splitlines(), "old", "new", n=context, lineterm=""
            )
        )

    def word_diff(self, context: int = 8, style: Literal["text", "md"] = "text") -> str:
        """The new text with words removed ``[-like this-]`` and added ``{+like this+}``
        (``~~struck~~`` and ``**bold**`` with ``style="md"``); unchanged runs longer than
        ``2 * context`` words are shortened to ``…``."""
        return word_diff(self.old_text, self.new_text, context=context, style=style)


@dataclass(frozen=True, slots=True)
class Side:
    """What is known about one side of the comparison."""

    label: str  # the file name or "old"/"new"
    version: str | None = None
    effective_date: str | None = None


@dataclass(frozen=True, slots=True)
class PolicyDiff:
    """The differences between two texts of the policy in one language."""

    lang: str
    old: Side
    new: Side
    changes: tuple[Change, ...] = field(default=())
    by: Literal["id", "text"] = "id"  # how clauses were matched

    @property
    def identical(self) -> bool:
        return not self.changes

    def count(self, kind: ChangeKind) -> int:
        return sum(1 for change in self.changes if change.kind == kind)

    def summary(self) -> str:
        parts = [f"{self.count(kind)} {kind}" for kind in KINDS]
        return ", ".join(parts)

    # ------------------------------------------------------------------ outputs

    def to_text(self, context: int = 8) -> str:
        """For a person: a header, then each change with a word diff ([-removed-]{+added+})."""
        if self.identical:
            return ""
        out = [f"--- {_describe(self.old, self.lang)}", f"+++ {_describe(self.new, self.lang)}", self.summary()]
        if self.new.version and self.old.version == self.new.version:
            out.append(f"note: the text changed but the version is still {self.new.version}: raise policy.version")
        renumbered = [c for c in self.changes if c.kind == "renumbered"]
        for change in self.changes:
            section = f"  [{change.section}]" if change.section else ""
            if change.kind == "renumbered":
                continue
            if change.kind == "changed" and change.old_number != change.new_number and change.id != PREAMBLE:
                head = f"changed {change.old_number} -> {change.new_number} {change.id or ''}".rstrip()
            else:
                head = f"{change.kind} {change.label}"
            out.append(f"\n{head}{section}")
            if change.kind == "changed":
                body = change.word_diff(context)
                out.extend("  " + line for line in body.splitlines())
            else:
                mark = "+" if change.kind == "added" else "-"
                text = change.new_text if change.kind == "added" else change.old_text
                out.extend(f"  {mark} {line}" for line in text.splitlines())
        if renumbered:
            out.append("\nrenumbered, text unchanged:")
            out.extend(f"  {c.old_number} -> {c.new_number} {c.id or ''}".rstrip() for c in renumbered)
        return "\n".join(out) + "\n"

    def to_markdown(self, context: int = 8) -> str:
        """A changelog entry: a heading, a summary line and one sub-heading per change."""
        from ..export.markdown import escape

        if self.identical:
            return ""
        out = [f"## Privacy policy changes ({self.lang})"]
        facts = []
        if self.old.version != self.new.version and self.new.version:
            facts.append(f"Version {escape(self.old.version or '?')} → {escape(self.new.version)}.")
        elif self.new.version:
            facts.append(f"Version {escape(self.new.version)}, not raised: give the changed text a new "
                         "`policy.version`.")
        if self.old.effective_date != self.new.effective_date and self.new.effective_date:
            facts.append(f"Effective date {self.old.effective_date or '?'} → {self.new.effective_date}.")
        facts.append(f"Clauses: {self.summary()}.")
        out.append(" ".join(facts))
        renumbered = [c for c in self.changes if c.kind == "renumbered"]
        for change in self.changes:
            if change.kind == "renumbered":
                continue
            ident = f" (`{change.id}`)" if change.id and change.id != PREAMBLE else ""
            if change.id == PREAMBLE:
                title = f"Preamble {change.kind}"
            elif change.kind == "changed" and change.old_number != change.new_number:
                title = f"{change.old_number} → {change.new_number} changed{ident}"
            else:
                title = f"{change.number} {change.kind}{ident}"
            out.append(f"### {title}")
            if change.kind == "changed":
                lines = change.word_diff(context, style="md").splitlines()
            else:
                text = change.new_text if change.kind == "added" else change.old_text
                lines = [escape(line) for line in text.splitlines()]
                if change.kind == "removed":
                    lines = [f"~~{line}~~" for line in lines]
            out.append("\n>\n".join(f"> {line}" for line in lines))
        if renumbered:
            items = [f"- {c.old_number} → {c.new_number}" + (f" (`{c.id}`)" if c.id else "") for c in renumbered]
            out.append("### Renumbered\n\n" + "\n".join(items))
        return "\n\n".join(out) + "\n"

    def to_data(self) -> dict[str, Any]:
        """Plain data for JSON: sides, counts and every change with its texts and diffs."""
        return {
            "lang": self.lang,
            "matched_by": self.by,
            "identical": self.identical,
            "old": _side_data(self.old),
            "new": _side_data(self.new),
            "summary": {kind: self.count(kind) for kind in KINDS},
            "changes": [
                {
                    "change": c.kind,
                    "id": c.id,
                    "old_number": c.old_number,
                    "new_number": c.new_number,
                    "section": c.section,
                    "old_text": c.old_text,
                    "new_text": c.new_text,
                    "diff": c.unified() if c.kind != "renumbered" else [],
                    "word_diff": c.word_diff() if c.kind == "changed" else "",
                }
                for c in self.changes
            ],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_data(), ensure_ascii=False, indent=2) + "\n"

    def format(self, fmt: str, context: int = 8) -> str:
        if fmt == "text":
            return self.to_text(context)
        if fmt == "md":
            return self.to_markdown(context)
        if fmt == "json":
            return self.to_json()
        raise InputError(f"unknown diff format {fmt!r}: use text, md or json")


def _describe(side: Side, lang: str) -> str:
    facts = [lang]
    if side.version:
        facts.append(f"version {side.version}")
    if side.effective_date:
        facts.append(f"effective {side.effective_date}")
    return f"{side.label} ({', '.join(facts)})"


def _side_data(side: Side) -> dict[str, Any]:
    return {"source": side.label, "version": side.version, "effective_date": side.effective_date}


# --------------------------------------------------------------------------- word diff

# Numbers with their dots ("11.4", "1,5") are one token; then words, runs of space, marks.
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|\w+|\s+|[^\w\s]")


def _is_word(token: str) -> bool:
    return any(ch.isalnum() for ch in token)


def _words(tokens: Sequence[str]) -> int:
    return sum(1 for token in tokens if _is_word(token))


def _trim(tokens: list[str], context: int, *, head: bool, tail: bool) -> str:
    """Keep ``context`` words after a change (head) and before the next one (tail)."""
    if _words(tokens) <= (context * (int(head) + int(tail)) or 0) + 2:
        return "".join(tokens)
    kept_head: list[str] = []
    kept_tail: list[str] = []
    if head:
        count = 0
        for token in tokens:
            if _is_word(token):
                count += 1
                if count > context:
                    break
            kept_head.append(token)
    if tail:
        count = 0
        for token in reversed(tokens):
            if _is_word(token):
                count += 1
                if count > context:
                    break
            kept_tail.insert(0, token)
    return "".join(kept_head).rstrip() + " … " + "".join(kept_tail).lstrip()


def word_diff(old: str, new: str, *, context: int = 8, style: Literal["text", "md"] = "text") -> str:
    """Words removed and added between two texts, in running text (see :meth:`Change.word_diff`)."""
    from ..export.markdown import escape

    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    opcodes = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    pieces: list[str] = []

    def marked(text: str, kind: str) -> str:
        if not text.strip():
            return text
        lead = text[: len(text) - len(text.lstrip())]
        trail = text[len(text.rstrip()) :]
        core = text.strip()
        lines = core.split("\n")
        if style == "md":
            wrap = ("~~", "~~") if kind == "del" else ("**", "**")
            core = "\n".join(f"{wrap[0]}{escape(line.strip())}{wrap[1]}" if line.strip() else "" for line in lines)
        else:
            wrap = ("[-", "-]") if kind == "del" else ("{+", "+}")
            core = "\n".join(f"{wrap[0]}{line.strip()}{wrap[1]}" if line.strip() else "" for line in lines)
        return lead + core + trail

    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            tokens = a[i1:i2]
            first, last = index == 0, index == len(opcodes) - 1
            if first and last:
                text = "".join(tokens)
            elif first:
                text = _trim(tokens, context, head=False, tail=True)
            elif last:
                text = _trim(tokens, context, head=True, tail=False)
            else:
                text = _trim(tokens, context, head=True, tail=True)
            pieces.append(escape(text) if style == "md" else text)
            continue
        if i2 > i1:
            pieces.append(marked("".join(a[i1:i2]), "del"))
        if j2 > j1:
            pieces.append(marked("".join(b[j1:j2]), "ins"))
    return "".join(pieces).strip()


# --------------------------------------------------------------------------- entries


def document_entries(document: Document) -> list[Entry]:
    """The preamble and every clause (sub-clauses too) of a built document, in order."""
    entries: list[Entry] = []
    if document.preamble:
        entries.append(Entry(PREAMBLE, PREAMBLE, "", "", blocks_text(document, document.preamble)))
    for section, clause, _depth in walk(document):
        entries.append(Entry(clause.id, clause.id, clause.number, f"{section.number}. {section.title}",
                             clause_text(document, clause)))
    return entries


_FRONT_MATTER = re.compile(r"\A---\n(.*?\n)---\n", re.DOTALL)
_BLANK = re.compile(r"\n[ \t]*\n+")
# A section heading and a clause's first line, with the anchors the Markdown writer puts
# before them (a file built by an older kzpolicy has none: its clauses are matched by text).
_SECTION = re.compile(r'##[ \t]+(?:<a id="[^"]*" data-section="[^"]*"></a>)?(\d+)\.[ \t]+(.*)')
_CLAUSE = re.compile(
    r'(?:<a id="c-[^"]*" data-clause="([^"]*)"></a><a id="n-[^"]*"></a>)?(\d+(?:\.\d+)+)\.(?:[ \t]+|$)(.*)',
    re.DOTALL,
)
_UNESCAPE = re.compile(r"\\([\\`*_\[\]<>|~&#+\-=.)!{}(])")


_LINK = re.compile(r"\[((?:\\.|[^\]\\])*)\]\([^)\s]*\)")
_STRONG = re.compile(r"(?<!\\)\*\*(.+?)(?<!\\)\*\*")
_EMPH = re.compile(r"(?<![\\*])\*(?=\S)(.+?)(?<![\\\s])\*")
_TABLE_RULE = re.compile(r"\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")


def _unescape(text: str) -> str:
    """Markdown escapes and HTML character references as the characters they stand for."""
    return html.unescape(_UNESCAPE.sub(r"\1", text))


def _plain(text: str) -> str:
    """Markdown inline markup as the text a reader sees: links by their text, no emphasis."""
    text = _LINK.sub(r"\1", text)
    text = _STRONG.sub(r"\1", text)
    text = _EMPH.sub(r"\1", text)
    return _unescape(text)


def _plain_lines(block: str) -> list[str]:
    """The lines of a Markdown block as plain text; a table row as its cells joined by " | "."""
    lines: list[str] = []
    for raw in block.split("\n"):
        line = raw.strip()
        if not line or _TABLE_RULE.fullmatch(line):
            continue
        if line.startswith("|"):
            cells = [_plain(cell.strip()) for cell in _CELL_SPLIT.split(line.strip("|"))]
            if any(cells):
                lines.append(" | ".join(cells))
            continue
        lines.append(_plain(line))
    return lines


@dataclass(frozen=True, slots=True)
class MarkdownPolicy:
    """A built Markdown policy read back: its front matter and its entries."""

    meta: dict[str, Any]
    title: str
    entries: list[Entry]


def read_markdown(text: str, name: str = "<markdown>") -> MarkdownPolicy:
    """Read a ``privacy-policy.<lang>.md`` back into entries (numbers as keys).

    Raises :class:`~generator.errors.InputError` if the text has no numbered clauses."""
    import yaml

    text = text.replace("\r\n", "\n").lstrip("\ufeff")
    meta: dict[str, Any] = {}
    match = _FRONT_MATTER.match(text)
    if match:
        try:
            loaded = yaml.safe_load(match.group(1))
        except yaml.YAMLError as exc:
            raise InputError(f"{name}: the front matter is not valid YAML ({exc})") from None
        if isinstance(loaded, dict):
            meta = loaded
        text = text[match.end() :]
    title = ""
    preamble: list[str] = []
    entries: list[Entry] = []
    section = ""
    current: dict[str, Any] | None = None
    subtitle_next = False

    def close() -> None:
        if current is not None:
            body = "\n".join(current["lines"])
            key = current["id"] or current["number"]
            entries.append(Entry(key, current["id"], current["number"], current["section"], body))

    for block in _BLANK.split(text.strip("\n")):
        block = block.strip("\n")
        if not block:
            continue
        heading = _SECTION.fullmatch(block)
        if heading:
            close()
            current = None
            section = f"{heading.group(1)}. {_plain(heading.group(2).strip())}"
            continue
        if block.startswith("# ") and not title and not entries and current is None:
            title = _plain(block[2:].strip())
            subtitle_next = True
            continue
        if subtitle_next and _EMPH.fullmatch(block):  # the subtitle under the title: fixed text
            subtitle_next = False
            continue
        subtitle_next = False
        clause = _CLAUSE.fullmatch(block)
        if clause and section:
            close()
            first = clause.group(3).strip()
            current = {"id": clause.group(1) and html.unescape(clause.group(1)), "number": clause.group(2),
                       "section": section, "lines": _plain_lines(first)}
            continue
        lines = _plain_lines(block)
        if current is not None:
            current["lines"].extend(lines)
        elif not section:
            preamble.extend(lines)
        else:  # text under a heading before its first clause: keep it with the section
            entries.append(Entry(f"{section}", None, "", section, "\n".join(lines)))
    close()
    if not any(entry.number for entry in entries):
        raise InputError(
            f"{name}: no numbered clauses found: is this a policy built by kzpolicy (privacy-policy.<lang>.md)?"
        )
    if preamble:
        entries.insert(0, Entry(PREAMBLE, PREAMBLE, "", "", "\n".join(preamble)))
    return MarkdownPolicy(meta, title, entries)


# --------------------------------------------------------------------------- matching


def _by_id(old: list[Entry], new: list[Entry]) -> list[Change]:
    old_map = {e.key: e for e in old}
    new_map = {e.key: e for e in new}
    ordered: list[tuple[float, Change]] = []
    position = -1.0
    new_position = {e.key: i for i, e in enumerate(new)}
    for entry in old:  # removed entries go right after the last old entry that survives
        if entry.key in new_map:
            position = float(new_position[entry.key])
        else:
            ordered.append((position + 0.5, _change("removed", entry, None)))
    for index, entry in enumerate(new):
        before = old_map.get(entry.key)
        if before is None:
            ordered.append((float(index), _change("added", None, entry)))
        elif before.text != entry.text:
            ordered.append((float(index), _change("changed", before, entry)))
        elif before.number != entry.number:
            ordered.append((float(index), _change("renumbered", before, entry)))
    ordered.sort(key=lambda item: item[0])
    return [change for _, change in ordered]


def _by_text(old: list[Entry], new: list[Entry]) -> list[Change]:
    changes: list[Change] = []
    matcher = difflib.SequenceMatcher(None, [e.text for e in old], [e.text for e in new], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            changes.extend(
                _change("renumbered", a, b) for a, b in zip(old[i1:i2], new[j1:j2], strict=True) if a.number != b.number
            )
            continue
        olds, news = old[i1:i2], new[j1:j2]
        paired = min(len(olds), len(news))
        changes.extend(_change("changed", a, b) for a, b in zip(olds[:paired], news[:paired], strict=True))
        changes.extend(_change("removed", a, None) for a in olds[paired:])
        changes.extend(_change("added", None, b) for b in news[paired:])
    return changes


def _change(kind: ChangeKind, old: Entry | None, new: Entry | None) -> Change:
    some = new or old
    assert some is not None
    return Change(
        kind=kind,
        id=some.id,
        old_number=old.number if old else None,
        new_number=new.number if new else None,
        section=some.section,
        old_text=old.text if old else "",
        new_text=new.text if new else "",
    )


# --------------------------------------------------------------------------- entry points


def diff_documents(old: Document, new: Document, *, old_label: str = "old", new_label: str = "new") -> PolicyDiff:
    """Compare two built documents of one language clause by clause, matched by clause id."""
    if old.meta.lang != new.meta.lang:
        raise InputError(f"cannot compare a {old.meta.lang} text with a {new.meta.lang} text")
    changes = _by_id(document_entries(old), document_entries(new))
    if old.meta.title != new.meta.title:  # never in practice: the title is fixed per language
        changes.insert(0, Change("changed", "title", None, None, "", old.meta.title, new.meta.title))
    return PolicyDiff(old.meta.lang, _document_side(old, old_label), _document_side(new, new_label), tuple(changes))


def _document_side(document: Document, label: str) -> Side:
    return Side(label, document.meta.version, document.meta.effective_date.isoformat())


def diff_answers(old: AnswersSource, new: AnswersSource, lang: str = "kk", *, old_label: str = "old",
                 new_label: str = "new", loaders: Override | Iterable[Override] | None = None) -> PolicyDiff:
    """Build two answers (Answers, mappings or paths) in ``lang`` and compare them by clause id."""
    from ..api import answers_from, build_document

    before = build_document(answers_from(old), lang, loaders=loaders)
    after = build_document(answers_from(new), lang, loaders=loaders)
    return diff_documents(before, after, old_label=old_label, new_label=new_label)


def diff_markdown(old: str, new: str, *, lang: str | None = None, old_label: str = "old",
                  new_label: str = "new") -> PolicyDiff:
    """Compare two built Markdown texts: clauses matched by the ids the Markdown carries, or,
    for a file built by an older kzpolicy (no ids), aligned by their text and named by number."""
    before, after = read_markdown(old, old_label), read_markdown(new, new_label)
    chosen = lang or str(after.meta.get("lang") or before.meta.get("lang") or _lang_of(after.title) or "kk")
    with_ids = all(entry.id for entry in (*before.entries, *after.entries))
    changes = _by_id(before.entries, after.entries) if with_ids else _by_text(before.entries, after.entries)
    return PolicyDiff(chosen, _markdown_side(before, old_label), _markdown_side(after, new_label),
                      tuple(changes), by="id" if with_ids else "text")


def _markdown_side(policy: MarkdownPolicy, label: str) -> Side:
    version = policy.meta.get("version")
    date = policy.meta.get("effective_date")
    if isinstance(date, dt.date):
        date = date.isoformat()
    return Side(label, str(version) if version is not None else None, str(date) if date is not None else None)


def _lang_of(title: str) -> str | None:
    from ..engine.outline import load_strings

    for lang in LANGUAGES:
        if load_strings(lang, "policy")["title"] == title:
            return lang
    return None


def is_markdown(path: str | Path) -> bool:
    return Path(path).suffix.lower() in MARKDOWN_SUFFIXES


def diff_files(old: str | Path, new: str | Path, lang: str | None = None) -> PolicyDiff:
    """What ``kzpolicy diff`` compares: answers files by clause id; if either file is Markdown
    (``.md``), both as Markdown (an answers file is rendered to Markdown in ``lang``)."""
    if lang is not None:
        check_language(lang)
    old_label, new_label = str(old), str(new)
    if not is_markdown(old) and not is_markdown(new):
        return diff_answers(old, new, lang or "kk", old_label=old_label, new_label=new_label)
    texts = {label: _read_text(label) if is_markdown(label) else None for label in (old_label, new_label)}
    md_lang = lang
    if md_lang is None:
        for text in texts.values():
            if text is not None:
                md_lang = _markdown_lang(text, old_label)
                break
    chosen = md_lang or "kk"

    def as_markdown(label: str) -> str:
        text = texts[label]
        if text is not None:
            return text
        from ..api import load_answers, render_text

        return render_text(load_answers(label), chosen, "md", front_matter=True)

    return diff_markdown(as_markdown(old_label), as_markdown(new_label), lang=chosen,
                         old_label=old_label, new_label=new_label)


def _markdown_lang(text: str, name: str) -> str | None:
    policy = read_markdown(text, name)
    found = policy.meta.get("lang")
    return str(found) if found else _lang_of(policy.title)


def _read_text(path: str) -> str:
    try:
        return Path(path).read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file: check the path") from None
    except IsADirectoryError:
        raise InputError(f"{path}: this is a directory, not a Markdown file") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text: give a privacy-policy.<lang>.md built by kzpolicy") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read the file: {exc.strerror}") from None
