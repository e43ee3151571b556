"""The clause engine: answers -> Jinja2 clause templates -> the Document tree.

The structure of the policy (sections, clause ids, when each clause applies, which
articles it implements) lives once, language-neutral, in ``templates/outline.yaml``.
Each language supplies the text of every clause in ``templates/<lang>/clauses/<id>.j2``
and its section titles in ``templates/<lang>/document.yaml``.

A clause template writes a small XML-like markup:

* text, ``<b>``, ``<i>``, ``<a href="...">`` and ``<ref to="clause.id"/>`` inline;
* ``<p>`` an extra paragraph, ``<ul><li>`` a bullet list, ``<table><tr><th|td>`` a table;
* ``<clause id="...">`` a numbered sub-clause (nested as deep as needed).

Jinja2 runs sandboxed with autoescaping, so whatever a user typed is escaped into the
markup and comes back out of the parser as literal text: it can never become markup or
template code.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import BaseLoader, ChoiceLoader, StrictUndefined, Template, TemplateError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from .. import document as d
from ..answers.model import LANGUAGES, Answers, LocalText, Period
from ..catalog import Label
from ..errors import BuildError
from ..facts import Facts, derive
from ..lang.cldr import country_name, month_name
from ..paths import templates_dir
from .bundle import Bundle, BundleLoader, condition_source, load_bundle, read_yaml

# --------------------------------------------------------------------------- outline


@dataclass(frozen=True, slots=True)
class OutlineClause:
    id: str
    law: tuple[str, ...]
    when: str | None


@dataclass(frozen=True, slots=True)
class OutlineSection:
    id: str
    law: tuple[str, ...]
    clauses: tuple[OutlineClause, ...]


@dataclass(frozen=True, slots=True)
class Outline:
    preamble: tuple[str, ...]  # template names (without .j2) of unnumbered opening paragraphs
    sections: tuple[OutlineSection, ...]

    def clause_ids(self) -> list[str]:
        return [c.id for s in self.sections for c in s.clauses]


def _read_yaml(name: str, root: Path | None) -> Any:
    """A YAML file of the templates directory, from the compiled bundle when there is one."""
    if root is None:
        bundle = _bundle()
        if bundle is not None and name in bundle.data:
            return bundle.data[name]
    return read_yaml((root or templates_dir()) / name)


def _conditions(outline: Any) -> list[str]:
    return [c["when"] for section in outline["sections"] for c in section["clauses"] if c.get("when")]


@cache
def _bundle() -> Bundle | None:
    return load_bundle(environment(), templates_dir(), _conditions)


@cache
def load_outline(root: Path | None = None) -> Outline:
    raw = _read_yaml("outline.yaml", root)
    sections = []
    for section in raw["sections"]:
        clauses = tuple(
            OutlineClause(c["id"], tuple(str(a) for a in c.get("law", ())), c.get("when"))
            for c in section["clauses"]
        )
        sections.append(OutlineSection(section["id"], tuple(str(a) for a in section.get("law", ())), clauses))
    return Outline(tuple(raw.get("preamble", ())), tuple(sections))


@cache
def load_strings(lang: str, root: Path | None = None) -> dict[str, Any]:
    data: dict[str, Any] = _read_yaml(f"{lang}/document.yaml", root)
    return data


# --------------------------------------------------------------------------- language helpers


# Kazakh case endings of the month names, which follow vowel harmony and the last sound:
# ablative («маусымнан бастап») and locative-attributive («маусымдағы жағдай бойынша»).
_KK_MONTH_ENDINGS = {
    1: ("дан", "дағы"), 2: ("нан", "дағы"), 3: ("дан", "дағы"), 4: ("ден", "дегі"),
    5: ("дан", "дағы"), 6: ("нан", "дағы"), 7: ("ден", "дегі"), 8: ("дан", "дағы"),
    9: ("тен", "тегі"), 10: ("нан", "дағы"), 11: ("дан", "дағы"), 12: ("нан", "дағы"),
}


def format_date(value: dt.date, lang: str, case: str = "nom") -> str:
    """kk: «2026 жылғы 5 маусым» (``case`` "abl": «…маусымнан», "attr": «…маусымдағы»);
    ru: «5 июня 2026 г.» (the genitive month serves every Russian construction)."""
    if lang == "kk":
        month = month_name("kk", value.month)
        if case != "nom":
            ablative, attributive = _KK_MONTH_ENDINGS[value.month]
            month += {"abl": ablative, "attr": attributive}[case]
        return f"{value.year} жылғы {value.day} {month}"
    return f"{value.day} {month_name('ru', value.month)} {value.year} г."


def localize(value: Any, lang: str) -> str:
    """The text of a Label, a LocalText or a plain string in ``lang``."""
    if isinstance(value, (Label, LocalText)):
        return str(getattr(value, lang))
    if isinstance(value, str):
        return value
    raise BuildError(f"cannot localize a {type(value).__name__}: {value!r}")


_PLURALS = {
    "kk": {"years": "жыл", "months": "ай", "days": "күн"},
}


def format_period(period: Period, lang: str) -> str:
    """3 years -> kk «3 (үш) жыл», ru «3 (три) года»: numbers in words, as legal texts write them."""
    units = (("years", period.years), ("months", period.months), ("days", period.days))
    unit, count = next((u, v) for u, v in units if v)
    if lang == "kk":
        return f"{count} ({_words_kk(count)}) {_PLURALS['kk'][unit]}"
    forms = {
        "years": ("год", "года", "лет"),
        "months": ("месяц", "месяца", "месяцев"),
        "days": ("день", "дня", "дней"),
    }[unit]
    return f"{count} ({_words_ru(count, unit)}) {_ru_plural(count, forms)}"


def _ru_plural(n: int, forms: tuple[str, str, str]) -> str:
    if n % 10 == 1 and n % 100 != 11:
        return forms[0]
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return forms[1]
    return forms[2]


def number_words(n: int, lang: str, unit: str = "days") -> str:
    return _words_kk(n) if lang == "kk" else _words_ru(n, unit)


def _words_kk(n: int) -> str:
    ones = ["", "бір", "екі", "үш", "төрт", "бес", "алты", "жеті", "сегіз", "тоғыз"]
    tens = ["", "он", "жиырма", "отыз", "қырық", "елу", "алпыс", "жетпіс", "сексен", "тоқсан"]
    if n == 0:
        return "нөл"
    parts: list[str] = []
    if n >= 1000:
        thousands, n = divmod(n, 1000)
        parts.append(("" if thousands == 1 else _words_kk(thousands) + " ") + "мың")
    if n >= 100:
        hundreds, n = divmod(n, 100)
        parts.append(("" if hundreds == 1 else ones[hundreds] + " ") + "жүз")
    if n >= 10:
        parts.append(tens[n // 10])
        n %= 10
    if n:
        parts.append(ones[n])
    return " ".join(parts)


def _words_ru(n: int, unit: str = "days") -> str:
    ones_m = ["", "один", "два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять"]
    ones_f = ["", "одна", "две", *ones_m[3:]]
    teens = ["десять", "одиннадцать", "двенадцать", "тринадцать", "четырнадцать", "пятнадцать",
             "шестнадцать", "семнадцать", "восемнадцать", "девятнадцать"]
    tens = ["", "", "двадцать", "тридцать", "сорок", "пятьдесят", "шестьдесят", "семьдесят", "восемьдесят", "девяносто"]
    hundreds = ["", "сто", "двести", "триста", "четыреста", "пятьсот", "шестьсот", "семьсот", "восемьсот", "девятьсот"]
    if n == 0:
        return "ноль"

    def below_thousand(value: int, fem: bool) -> list[str]:
        out = []
        if value >= 100:
            out.append(hundreds[value // 100])
            value %= 100
        if 10 <= value <= 19:
            out.append(teens[value - 10])
            return out
        if value >= 20:
            out.append(tens[value // 10])
            value %= 10
        if value:
            out.append((ones_f if fem else ones_m)[value])
        return out

    words: list[str] = []
    if n >= 1000:
        thousands, n = divmod(n, 1000)
        words += [*below_thousand(thousands, True), _ru_plural(thousands, ("тысяча", "тысячи", "тысяч"))]
    words += below_thousand(n, False)  # год, месяц, день are masculine
    return " ".join(words)


def join_list(items: Iterable[str], lang: str, *, alternative: bool = False) -> str:
    """«А, Б және В» / «А, Б и В»; alternatives: «А, Б немесе В» / «А, Б или В»."""
    values = list(items)
    if not values:
        raise BuildError("an empty list was joined into the text")
    if len(values) == 1:
        return values[0]
    conj = (" немесе " if lang == "kk" else " или ") if alternative else " және " if lang == "kk" else " и "
    return ", ".join(values[:-1]) + conj + values[-1]


# --------------------------------------------------------------------------- environment


def _finalize(value: Any) -> Any:
    # An empty or missing value would leave a hole in a legal sentence: fail the build.
    if value is None:
        raise BuildError("a template printed None")
    if isinstance(value, str) and not value.strip():
        raise BuildError("a template printed an empty value")
    return value


@cache
def environment(extra_loaders: tuple[BaseLoader, ...] = ()) -> ImmutableSandboxedEnvironment:
    """The sandboxed Jinja2 environment. ``extra_loaders`` come first: a site can override
    a single clause template with its own file of the same name."""
    ours = BundleLoader(templates_dir(), _bundle)
    loader: BaseLoader = ChoiceLoader([*extra_loaders, ours]) if extra_loaders else ours
    return ImmutableSandboxedEnvironment(
        loader=loader,
        autoescape=True,
        undefined=StrictUndefined,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
        cache_size=-1,
    )


def _context(answers: Answers, facts: Facts, lang: str) -> dict[str, Any]:
    catalog = facts.catalog

    def loc(value: Any) -> str:
        return localize(value, lang)

    def data_label(data_id: str) -> str:
        return localize(catalog.data_categories[data_id].label, lang)

    def purpose_label(purpose_id: str) -> str:
        return localize(catalog.purposes[purpose_id].label, lang)

    def subject_label(subject_id: str) -> str:
        return localize(catalog.subject_categories[subject_id].label, lang)

    def category_label(category_id: str) -> str:
        return localize(catalog.service_categories[category_id].label, lang)

    def site_kind_label(kind_id: str) -> str:
        return localize(catalog.site_kinds[kind_id].label, lang)

    def country(code: str) -> str:
        return country_name(code, lang)

    def joined(items: Iterable[Any]) -> str:
        return join_list((str(i) for i in items), lang)

    def date(value: dt.date, case: str = "nom") -> str:
        return format_date(value, lang, case)

    def either(items: Iterable[Any]) -> str:
        return join_list((str(i) for i in items), lang, alternative=True)

    def period(value: Period) -> str:
        return format_period(value, lang)

    def words(value: int) -> str:
        return number_words(value, lang)

    def data_labels(ids: Iterable[str]) -> list[str]:
        return [data_label(i) for i in ids]

    def subject_labels(ids: Iterable[str]) -> list[str]:
        return [subject_label(i) for i in ids]

    strings = load_strings(lang)
    marketing = answers.marketing
    return {
        "a": answers,
        "f": facts,
        "lang": lang,
        "s": strings,
        "operator_name": operator_display(answers, facts, lang),
        "loc": loc,
        "data_label": data_label,
        "purpose_label": purpose_label,
        "subject_label": subject_label,
        "category_label": category_label,
        "site_kind_label": site_kind_label,
        "country": country,
        "joined": joined,
        "either": either,
        "date": date,
        "period": period,
        "words": words,
        "data_labels": data_labels,
        "subject_labels": subject_labels,
        "cap": capitalize_first,
        "authority": load_authority(),
        "consent_method_labels": [strings["consent_methods"][m] for m in answers.consent.methods],
        "channel_labels": [strings["channels"][c] for c in marketing.channels] if marketing else [],
        "opt_out_labels": [strings["opt_out"][o] for o in marketing.opt_out] if marketing else [],
    }


def capitalize_first(text: str) -> str:
    """Upper-case the first letter only (Jinja's capitalize lower-cases the rest)."""
    return text[:1].upper() + text[1:]


@dataclass(frozen=True, slots=True)
class Authority:
    name: Label
    as_of: dt.date


@cache
def load_authority() -> Authority:
    """The authorized body for personal data, kept in one data file so a renamed
    ministry is a one-line change (generator/catalog/authority.yaml)."""
    raw = read_yaml(Path(__file__).parent.parent / "catalog" / "authority.yaml")
    return Authority(Label(**raw["name"]), raw["as_of"])


def operator_display(answers: Answers, facts: Facts, lang: str) -> str:
    """The operator's name with its legal form as the language writes it:
    kk «Дала Маркет» ЖШС, ЖК Ахметов А.Б.; ru ТОО «Дала Маркет», ИП Ахметов А.Б."""
    name = answers.operator.name(lang)
    pattern = localize(facts.form.display, lang)
    return pattern.replace("{name}", name)


# --------------------------------------------------------------------------- markup -> tree

_WS = re.compile(r"\s+")
_INLINE_TAGS = {"b", "i", "a", "ref"}


class _Parser:
    def __init__(self, template: str) -> None:
        self.template = template
        self.numbers: dict[str, str] = {}
        self.articles: dict[str, tuple[str, ...]] = {}

    def fail(self, message: str) -> BuildError:
        return BuildError(f"{self.template}: {message}")

    # Inline content -----------------------------------------------------------------

    def inlines(self, element: ET.Element) -> list[d.Inline]:
        out: list[d.Inline] = []
        if element.text:
            out.append(d.Text(element.text))
        for child in element:
            out.append(self.inline(child))
            if child.tail:
                out.append(d.Text(child.tail))
        return out

    def inline(self, element: ET.Element) -> d.Inline:
        tag = element.tag
        if tag == "b":
            return d.Strong(_tidy(self.inlines(element)))
        if tag == "i":
            return d.Emph(_tidy(self.inlines(element)))
        if tag == "a":
            href = element.get("href")
            if not href:
                raise self.fail("<a> without href")
            return d.Link(href, _tidy(self.inlines(element)))
        if tag == "ref":
            target = element.get("to")
            if not target:
                raise self.fail("<ref> without to=")
            return d.Ref(target)
        raise self.fail(f"<{tag}> is not allowed inside text")

    # Blocks ---------------------------------------------------------------------------

    def clause(self, element: ET.Element, clause_id: str, number: str, articles: tuple[str, ...]) -> d.Clause:
        if clause_id in self.numbers:
            raise self.fail(f"clause id {clause_id!r} is used twice")
        self.numbers[clause_id] = number
        blocks: list[d.Block] = []
        pending: list[d.Inline] = []
        sub = 0

        def flush() -> None:
            inlines = _tidy(pending)
            if inlines:
                blocks.append(d.Paragraph(inlines))
            pending.clear()

        if element.text:
            pending.append(d.Text(element.text))
        for child in element:
            tag = child.tag
            if tag in _INLINE_TAGS:
                pending.append(self.inline(child))
            else:
                flush()
                if tag == "p":
                    inlines = _tidy(self.inlines(child))
                    if not inlines:
                        raise self.fail(f"an empty <p> in clause {clause_id!r}")
                    blocks.append(d.Paragraph(inlines))
                elif tag == "ul":
                    blocks.append(self.bullets(child, clause_id))
                elif tag == "table":
                    blocks.append(self.table(child, clause_id))
                elif tag == "clause":
                    sub += 1
                    child_id = child.get("id") or f"{clause_id}.{sub}"
                    law = tuple(a.strip() for a in child.get("law", "").split(",") if a.strip()) or articles
                    blocks.append(self.clause(child, child_id, f"{number}.{sub}", law))
                else:
                    raise self.fail(f"unknown element <{tag}> in clause {clause_id!r}")
            if child.tail:
                pending.append(d.Text(child.tail))
        flush()
        if not blocks:
            raise self.fail(f"clause {clause_id!r} rendered empty")
        if not isinstance(blocks[0], (d.Paragraph, d.Table)):
            raise self.fail(f"clause {clause_id!r} must start with its own text")
        self.articles[clause_id] = articles
        return d.Clause(clause_id, number, articles, tuple(blocks), self.template)

    def bullets(self, element: ET.Element, clause_id: str) -> d.BulletList:
        items = []
        for child in element:
            if child.tag != "li":
                raise self.fail(f"<{child.tag}> inside <ul> in {clause_id!r}: only <li>")
            inlines = _tidy(self.inlines(child))
            if not inlines:
                raise self.fail(f"an empty list item in {clause_id!r}")
            items.append(inlines)
        if not items:
            raise self.fail(f"an empty list in {clause_id!r}")
        # Items that are parts of one sentence end with ";" and the last with "." -
        # computed here because conditional items make the last one vary.
        if all(_ends_with(item, ";") or _ends_with(item, ".") for item in items):
            items = [_with_end(item, ";") for item in items[:-1]] + [_with_end(items[-1], ".")]
        return d.BulletList(tuple(items))

    def table(self, element: ET.Element, clause_id: str) -> d.Table:
        header: tuple[tuple[d.Inline, ...], ...] = ()
        rows: list[tuple[tuple[d.Inline, ...], ...]] = []
        for row in element:
            if row.tag != "tr":
                raise self.fail(f"<{row.tag}> inside <table> in {clause_id!r}: only <tr>")
            cells = tuple(_tidy(self.inlines(cell)) for cell in row)
            kinds = {cell.tag for cell in row}
            if kinds == {"th"} and not rows and not header:
                header = cells
            elif kinds == {"td"}:
                rows.append(cells)
            else:
                raise self.fail(f"a table row in {clause_id!r} mixes or misuses <th>/<td>")
        if not rows:
            raise self.fail(f"a table without rows in {clause_id!r}")
        width = len(header) if header else len(rows[0])
        if any(len(r) != width for r in rows):
            raise self.fail(f"table rows of different widths in {clause_id!r}")
        return d.Table(header, tuple(rows))


def _ends_with(inlines: tuple[d.Inline, ...], mark: str) -> bool:
    return bool(inlines) and isinstance(inlines[-1], d.Text) and inlines[-1].text.endswith(mark)


def _with_end(inlines: tuple[d.Inline, ...], mark: str) -> tuple[d.Inline, ...]:
    last = inlines[-1]
    assert isinstance(last, d.Text)
    return (*inlines[:-1], d.Text(last.text[:-1] + mark))


def _tidy(nodes: list[d.Inline]) -> tuple[d.Inline, ...]:
    """Collapse whitespace, merge adjacent text and trim the ends of a run of inline nodes."""
    merged: list[d.Inline] = []
    for node in nodes:
        if isinstance(node, d.Text):
            text = _WS.sub(" ", node.text)
            if merged and isinstance(merged[-1], d.Text):
                merged[-1] = d.Text(merged[-1].text + text)
            elif text:
                merged.append(d.Text(text))
        else:
            merged.append(node)
    if merged and isinstance(merged[0], d.Text):
        merged[0] = d.Text(merged[0].text.lstrip())
    if merged and isinstance(merged[-1], d.Text):
        merged[-1] = d.Text(merged[-1].text.rstrip())
    # No space before punctuation that follows an inline element ("<ref/> -тармақ" stays as typed).
    return tuple(n for n in merged if not (isinstance(n, d.Text) and not n.text))


# --------------------------------------------------------------------------- build


def _render(env: ImmutableSandboxedEnvironment, name: str, context: dict[str, Any]) -> str:
    try:
        return env.get_template(name).render(context)
    except BuildError as exc:
        raise BuildError(f"{name}: {exc}") from None
    except TemplateError as exc:
        raise BuildError(f"{name}: {exc.__class__.__name__}: {exc}") from None


def _parse(markup: str, template: str) -> ET.Element:
    try:
        return ET.fromstring(f"<clause>{markup}</clause>")
    except ET.ParseError as exc:
        raise BuildError(f"{template}: the template produced malformed markup ({exc})") from None


def clause_template(lang: str, clause_id: str) -> str:
    return f"{lang}/clauses/{clause_id}.j2"


def applies(env: ImmutableSandboxedEnvironment, clause: OutlineClause, context: dict[str, Any]) -> bool:
    if clause.when is None:
        return True
    try:
        return bool(vars(_condition(env, clause.when).make_module(context))["result"])
    except TemplateError as exc:
        raise BuildError(f"outline.yaml: the condition of {clause.id} ({clause.when}): {exc}") from None


@cache
def _condition(env: ImmutableSandboxedEnvironment, expression: str) -> Template:
    """The condition compiled as a template that sets ``result`` (from the bundle if any)."""
    bundle = _bundle()
    code = bundle.conditions.get(expression) if bundle is not None else None
    if code is None:
        return env.from_string(condition_source(expression))
    return env.template_class.from_code(env, code, env.make_globals(None), None)


def build_document(
    answers: Answers,
    lang: str,
    *,
    loaders: tuple[BaseLoader, ...] = (),
    facts: Facts | None = None,
) -> d.Document:
    """Build the Document of ``answers`` in ``lang`` ("kk" or "ru")."""
    if lang not in LANGUAGES:
        raise BuildError(f"unknown language {lang!r}: use one of {', '.join(LANGUAGES)}")
    facts = facts or derive(answers)
    env = environment(loaders)
    outline = load_outline()
    strings = load_strings(lang)
    context = _context(answers, facts, lang)
    parser = _Parser("")

    preamble: list[d.Block] = []
    for name in outline.preamble:
        template = f"{lang}/{name}.j2"
        parser.template = template
        root = _parse(_render(env, template, context), template)
        clause = parser.clause(root, f"preamble.{name}", "0", ())
        preamble.extend(clause.blocks)
        del parser.numbers[f"preamble.{name}"]

    sections: list[d.Section] = []
    for section in outline.sections:
        number = str(len(sections) + 1)
        clauses: list[d.Clause] = []
        for item in section.clauses:
            if not applies(env, item, context):
                continue
            template = clause_template(lang, item.id)
            parser.template = template
            root = _parse(_render(env, template, context), template)
            clauses.append(parser.clause(root, item.id, f"{number}.{len(clauses) + 1}", item.law))
        if not clauses:
            continue  # a section none of whose clauses apply leaves no empty heading
        titles: dict[str, str] = strings["sections"]
        if section.id not in titles:
            raise BuildError(f"{lang}/document.yaml has no title for section {section.id!r}")
        parser.numbers[section.id] = number
        sections.append(d.Section(section.id, number, titles[section.id], section.law, tuple(clauses)))

    document = d.Document(
        meta=_meta(answers, facts, lang, strings),
        preamble=tuple(preamble),
        sections=tuple(sections),
        numbers=dict(parser.numbers),
    )
    _check_references(document)
    return document


def _meta(answers: Answers, facts: Facts, lang: str, strings: dict[str, Any]) -> d.Meta:
    policy = answers.policy
    operator = operator_display(answers, facts, lang)
    return d.Meta(
        lang=lang,
        title=str(strings["title"]),
        subtitle=str(strings["subtitle"]),
        operator=operator,
        version=policy.version,
        effective_date=policy.effective_date,
        effective_date_text=format_date(policy.effective_date, lang),
        city=policy.city(lang),
        description=str(strings["description"]).replace("{operator}", operator),
        toc_title=str(strings["toc"]),
    )


def _check_references(document: d.Document) -> None:
    def walk_inlines(inlines: Iterable[d.Inline], where: str) -> None:
        for node in inlines:
            if isinstance(node, d.Ref):
                if node.target not in document.numbers:
                    raise BuildError(f"{where}: reference to {node.target!r}, which is not in this document")
            elif isinstance(node, (d.Strong, d.Emph, d.Link)):
                walk_inlines(node.children, where)

    def walk_blocks(blocks: Iterable[d.Block], where: str) -> None:
        for block in blocks:
            if isinstance(block, d.Paragraph):
                walk_inlines(block.inlines, where)
            elif isinstance(block, d.BulletList):
                for item in block.items:
                    walk_inlines(item, where)
            elif isinstance(block, d.Table):
                for cell in block.header:
                    walk_inlines(cell, where)
                for row in block.rows:
                    for cell in row:
                        walk_inlines(cell, where)
            else:
                walk_blocks(block.blocks, block.template or block.id)

    walk_blocks(document.preamble, "preamble")
    for section in document.sections:
        walk_blocks(section.clauses, section.id)


def markup_safe(text: str) -> Markup:
    """Mark text as already-escaped markup (for template helpers that build markup)."""
    return Markup(text)
