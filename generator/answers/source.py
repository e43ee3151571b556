"""Reading answers text (YAML or JSON) into plain Python data, safely and with positions.

YAML is parsed into nodes and converted here, not by PyYAML's constructor, so that:

* every value keeps the line it came from (errors point at the line);
* duplicate keys are errors, not a silent "last one wins";
* aliases are expanded under a node budget, so an alias bomb fails fast;
* nesting depth and file size are bounded;
* plain scalars stay strings (``+77011234567``, ``061211600012``, ``NO``, ``1.10`` are
  not turned into numbers, octal or booleans); the pydantic model then converts the
  fields that really are numbers, dates or booleans. ``null``/``~``/empty are None.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..errors import AnswersError, FieldProblem

MAX_BYTES = 1_000_000  # a real answers file is a few KB; 1 MB is generous
MAX_DEPTH = 32
MAX_NODES = 50_000  # after alias expansion

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}

Path = tuple[str | int, ...]


def format_path(path: Path) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


@dataclass
class Parsed:
    """Plain data plus the 1-based line of each path, where known."""

    data: Any
    lines: dict[Path, int] = field(default_factory=dict)

    def line_of(self, path: Path) -> int | None:
        # Walk up until a known position: a missing key is reported at its parent.
        while True:
            if path in self.lines:
                return self.lines[path]
            if not path:
                return None
            path = path[:-1]


def decode(raw: bytes, source: str) -> str:
    if len(raw) > MAX_BYTES:
        raise AnswersError(
            source,
            [
                FieldProblem(
                    "",
                    f"the file is {len(raw):,} bytes; an answers file must be under "
                    f"{MAX_BYTES:,} bytes: check that you passed the right file",
                )
            ],
        )
    # UTF-32's byte-order marks begin with UTF-16's (FF FE 00 00): test them first.
    for bom, encoding in ((b"\xff\xfe\x00\x00", "UTF-32"), (b"\x00\x00\xfe\xff", "UTF-32"),
                          (b"\xff\xfe", "UTF-16"), (b"\xfe\xff", "UTF-16")):
        if raw.startswith(bom):
            raise AnswersError(
                source, [FieldProblem("", f"the file is saved as {encoding}: save it as UTF-8 in your editor")]
            )
    if b"\x00" in raw:
        raise AnswersError(
            source, [FieldProblem("", "this is a binary file, not YAML or JSON text")]
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # a UTF-8 byte-order mark, as some Windows editors write
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise AnswersError(
            source,
            [
                FieldProblem(
                    "",
                    f"the file is not UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}): "
                    "save it as UTF-8 in your editor",
                    line,
                )
            ],
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_text(text: str, source: str) -> Parsed:
    """Parse YAML or JSON (JSON is chosen when the text starts with ``{``)."""
    if not text.strip():
        raise AnswersError(
            source,
            [FieldProblem("", "the file is empty: start from an example in examples/")],
        )
    if text.lstrip().startswith("{"):
        return _parse_json(text, source)
    return _parse_yaml(text, source)


class _DuplicateKeyError(ValueError):
    pass


def _parse_json(text: str, source: str) -> Parsed:
    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in pairs:
            if key in out:
                raise _DuplicateKeyError(key)
            out[key] = value
        return out

    try:
        data = json.loads(text, object_pairs_hook=no_duplicates)
    except _DuplicateKeyError as exc:
        raise AnswersError(
            source, [FieldProblem(str(exc), "this key appears twice: keep one")]
        ) from None
    except json.JSONDecodeError as exc:
        raise AnswersError(
            source, [FieldProblem("", f"JSON syntax error: {exc.msg}", exc.lineno)]
        ) from None
    except RecursionError:
        raise AnswersError(
            source, [FieldProblem("", f"nesting deeper than {MAX_DEPTH} levels")]
        ) from None
    _check_depth(data, source)
    return Parsed(data, _json_lines(text))


def _json_lines(text: str) -> dict[Path, int]:
    """The line of every key and item of a JSON text that json.loads accepted, so that a
    problem in a JSON file names its line as one in a YAML file does.

    JSON is a subset of YAML's flow style, so the YAML composer gives the positions (the
    values themselves come from json.loads). Where the two disagree on a corner of the
    syntax, the problems are reported without lines rather than not at all."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except (yaml.YAMLError, RecursionError):
        return {}
    finally:
        loader.dispose()
    lines: dict[Path, int] = {}

    def walk(node: yaml.Node, path: Path) -> None:
        lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                key = (*path, str(key_node.value))
                walk(value_node, key)
                lines[key] = key_node.start_mark.line + 1
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                walk(item, (*path, index))

    if node is not None:
        walk(node, ())
    return lines


def _check_depth(data: Any, source: str, depth: int = 0) -> None:
    if depth > MAX_DEPTH:
        raise AnswersError(source, [FieldProblem("", f"nesting deeper than {MAX_DEPTH} levels")])
    if isinstance(data, dict):
        for value in data.values():
            _check_depth(value, source, depth + 1)
    elif isinstance(data, list):
        for value in data:
            _check_depth(value, source, depth + 1)


_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _check_yaml_depth(text: str, source: str) -> None:
    """Count nesting on the parser's events before composing: libyaml's composer recurses
    in C and would overflow the stack on a file nested tens of thousands of levels deep.

    The fast C parser is asked first. When it stops with an error of its own, the text is
    counted again by PyYAML's pure-Python parser, which has no nesting limit of its own and
    works iteratively: libyaml's scanner reads ahead and, since 0.2.5 (PyYAML 6.0.4 wheels),
    refuses nesting past 1000 levels before a single event reaches us, so its error says
    nothing about whether our limit was crossed. Only a real syntax error is left for the
    composing pass to report with its line."""
    if _deepest(text, source, _Loader) is not None and _Loader is not yaml.SafeLoader:
        _deepest(text, source, yaml.SafeLoader)


def _deepest(text: str, source: str, loader_class: type[yaml.SafeLoader]) -> yaml.YAMLError | None:
    """Raise AnswersError at the first collection nested deeper than MAX_DEPTH; return the
    parser's error if it stops before the end (None when the text parses to its end)."""
    depth = 0
    try:
        loader = loader_class(text)  # the pure-Python reader checks every character here
    except yaml.YAMLError as exc:
        return exc
    try:
        while loader.check_event():
            event = loader.get_event()  # type: ignore[no-untyped-call]
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    line = event.start_mark.line + 1 if event.start_mark is not None else None
                    raise AnswersError(source, [FieldProblem("", f"nesting deeper than {MAX_DEPTH} levels", line)])
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError as exc:
        return exc
    finally:
        loader.dispose()
    return None


def _parse_yaml(text: str, source: str) -> Parsed:
    _check_yaml_depth(text, source)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.reader.ReaderError as exc:
        reader_line = text.count("\n", 0, exc.position) + 1
        raise AnswersError(source, [FieldProblem(
            "", f"contains a control character, U+{exc.character:04X}, that YAML does not allow: "
            "delete it and retype the text", reader_line,
        )]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        what = exc.problem or exc.context or "invalid YAML"
        raise AnswersError(source, [FieldProblem("", f"YAML syntax error: {what}", line)]) from None
    except yaml.YAMLError as exc:
        raise AnswersError(source, [FieldProblem("", f"YAML error: {exc}")]) from None
    except RecursionError:
        raise AnswersError(
            source, [FieldProblem("", f"nesting deeper than {MAX_DEPTH} levels")]
        ) from None
    finally:
        loader.dispose()
    if node is None:
        raise AnswersError(source, [FieldProblem("", "the file has no content")])
    builder = _Builder(source)
    data = builder.build(node, (), 0)
    return Parsed(data, builder.lines)


# The tags a YAML parser gives plain, quoted and block values on its own. Any other tag was
# written in the file (`!!binary`, `!!python/object`, `!include`, `!foo`): an answers file has
# no use for one, and silently dropping it would read something else than the author meant.
_IMPLICIT_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
)


class _Builder:
    def __init__(self, source: str) -> None:
        self.source = source
        self.lines: dict[Path, int] = {}
        self.nodes = 0
        self.seen: set[int] = set()  # ids of the nodes built, to tell an alias (a node met again)
        self.aliased = False

    def fail(self, path: Path, message: str, node: yaml.Node) -> AnswersError:
        return AnswersError(
            self.source, [FieldProblem(format_path(path), message, node.start_mark.line + 1)]
        )

    def refuse_explicit_tag(self, node: yaml.Node, path: Path) -> None:
        if node.tag not in _IMPLICIT_TAGS:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            raise self.fail(
                path,
                f"the YAML tag {tag!r} is not supported in an answers file: remove it and write the value as text",
                node,
            )

    def build(self, node: yaml.Node, path: Path, depth: int) -> Any:
        self.nodes += 1
        if id(node) in self.seen:
            self.aliased = True
        else:
            self.seen.add(id(node))
        if self.nodes > MAX_NODES:
            raise self.fail(
                path,
                f"more than {MAX_NODES:,} values after expanding aliases: remove the repeated '*alias' references"
                if self.aliased
                else f"more than {MAX_NODES:,} values: an answers file describes one operator in a few "
                "hundred; check that you passed the right file",
                node,
            )
        if depth > MAX_DEPTH:
            raise self.fail(path, f"nesting deeper than {MAX_DEPTH} levels", node)
        self.lines.setdefault(path, node.start_mark.line + 1)
        self.refuse_explicit_tag(node, path)
        if isinstance(node, yaml.MappingNode):
            out: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    raise self.fail(path, "a key must be a plain name, not a list or mapping", key_node)
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise self.fail(path, "'<<' merge keys are not supported: write the keys out", key_node)
                self.refuse_explicit_tag(key_node, path)
                key = str(key_node.value)
                if key in out:
                    raise self.fail((*path, key), "this key appears twice: keep one", key_node)
                out[key] = self.build(value_node, (*path, key), depth + 1)
                self.lines[(*path, key)] = key_node.start_mark.line + 1
            return out
        if isinstance(node, yaml.SequenceNode):
            return [
                self.build(item, (*path, index), depth + 1) for index, item in enumerate(node.value)
            ]
        assert isinstance(node, yaml.ScalarNode)
        value = str(node.value)
        if node.style is None or node.style == "":  # plain scalar: resolve nulls and booleans only
            if value in _NULLS:
                return None
            if value in _BOOLS:
                return _BOOLS[value]
        return value
