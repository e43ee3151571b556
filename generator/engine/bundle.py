"""kzpolicy's own templates, compiled once and kept on disk as one bundle.

Jinja2 compiles each template to Python code. Loading some 120 templates one by one,
even from Jinja2's bytecode cache (a stat, a source read for the checksum and a cache
read per template), and compiling the outline's ``when`` conditions again in every
process cost about as much as building both Documents. So the first process compiles every
template under ``templates/``, every condition of the outlines (``outlines/*.yaml``) and parses the YAML
files, and stores them in one marshal file in the cache (``generator.cache``); later
processes read that one file.

The entry is keyed like Python's own ``.pyc`` files: by the path, size and modification
time of every file under ``templates/``, plus the Python, Jinja2 and kzpolicy versions and
the environment's settings, so an edited or reinstalled template is never served stale.
Without a cache everything is compiled on demand, as before.
"""

from __future__ import annotations

import marshal
import os
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import CodeType
from typing import Any

import yaml
from jinja2 import BaseLoader, Environment, FileSystemLoader, Template

from .. import cache as disk_cache
from ..version import __version__

FORMAT = 1  # bump when the bundle's layout changes


@dataclass(frozen=True)
class Bundle:
    templates: Mapping[str, CodeType]  # "kk/policy/clauses/x.j2" -> compiled template
    conditions: Mapping[str, CodeType]  # outline condition -> compiled "{% set result = ... %}"
    data: Mapping[str, Any]  # "outlines/policy.yaml", "kk/strings.yaml" -> parsed YAML


def condition_source(expression: str) -> str:
    """A condition as a template that stores its value: what compile_expression does, in a
    form that can be compiled ahead of time and cached like any template."""
    return f"{{% set result = ({expression}) %}}"


def read_yaml(path: Path) -> Any:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=loader)


def _files(root: Path) -> list[str]:
    """Every file under ``root``, as a path relative to it with "/", in a fixed order."""
    found: list[str] = []
    for directory, subdirectories, names in os.walk(root):
        subdirectories.sort()
        found.extend(
            os.path.relpath(os.path.join(directory, name), root).replace(os.sep, "/") for name in sorted(names)
        )
    return found


def _settings(env: Environment) -> str:
    """What of the environment changes the compiled code."""
    finalize = getattr(env.finalize, "__qualname__", None)
    return repr((
        type(env).__qualname__, env.autoescape, env.trim_blocks, env.lstrip_blocks,
        env.keep_trailing_newline, env.newline_sequence, env.block_start_string,
        env.variable_start_string, env.comment_start_string, env.line_statement_prefix,
        env.optimized, sorted(env.extensions), finalize, env.undefined.__qualname__,
    ))


def _compile_all(
    env: Environment, root: Path, files: Iterable[str], conditions: Callable[[dict[str, Any]], Iterable[str]]
) -> Bundle:
    templates: dict[str, CodeType] = {}
    data: dict[str, Any] = {}
    for name in files:
        path = root / name
        if name.endswith(".j2"):
            source = path.read_text(encoding="utf-8")
            templates[name] = env.compile(source, name, str(path))
        elif name.endswith(".yaml"):
            data[name] = read_yaml(path)
    compiled = {
        expression: env.compile(condition_source(expression), f"outline condition: {expression}")
        for expression in sorted(set(conditions(data)))
    }
    return Bundle(templates, compiled, data)


def load_bundle(
    env: Environment, root: Path, conditions: Callable[[dict[str, Any]], Iterable[str]]
) -> Bundle | None:
    """The bundle of ``root`` for ``env``: read from the cache, or compiled and stored.
    None when there is no cache (the caller compiles on demand)."""
    if disk_cache.cache_dir() is None:
        return None
    from importlib.util import MAGIC_NUMBER

    import jinja2

    files = _files(root)
    entry = "templates-" + disk_cache.key(
        str(FORMAT), __version__, jinja2.__version__, MAGIC_NUMBER, sys.implementation.cache_tag or "",
        str(root), _settings(env), *(disk_cache.stamp(root / name) for name in files),
    ) + ".marshal"
    raw = disk_cache.read(entry)
    if raw is not None:
        try:
            stored = marshal.loads(raw)
            return Bundle(stored["templates"], stored["conditions"], stored["data"])
        except (ValueError, EOFError, TypeError, KeyError):
            pass  # a damaged entry is made again
    bundle = _compile_all(env, root, files, conditions)
    try:
        payload = marshal.dumps({"templates": dict(bundle.templates), "conditions": dict(bundle.conditions),
                                 "data": dict(bundle.data)})
    except ValueError:  # data marshal cannot hold (YAML dates): keep it in memory only
        return bundle
    disk_cache.write(entry, payload)
    return bundle


class BundleLoader(BaseLoader):
    """Serves the bundle's compiled templates; anything else comes from the directory."""

    def __init__(self, root: Path, bundle: Callable[[], Bundle | None]) -> None:
        self.files = FileSystemLoader(str(root))
        self._bundle = bundle

    def get_source(self, environment: Environment, template: str) -> tuple[str, str | None, Callable[[], bool] | None]:
        return self.files.get_source(environment, template)

    def list_templates(self) -> list[str]:
        return self.files.list_templates()

    def load(self, environment: Environment, name: str, globals: Any = None) -> Template:
        bundle = self._bundle()
        code = bundle.templates.get(name) if bundle is not None else None
        if code is None:
            return self.files.load(environment, name, globals)
        return environment.template_class.from_code(environment, code, environment.make_globals(globals), None)
