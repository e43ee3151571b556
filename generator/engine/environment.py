"""The sandboxed Jinja2 environment the clause templates run in, and the outline conditions.

Templates run in an immutable sandbox with autoescaping and strict undefined values: a user's
text is escaped into the markup (it can never become markup or template code), a template
cannot change the answers, and a missing value fails the build instead of leaving a hole.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from jinja2 import BaseLoader, ChoiceLoader, StrictUndefined, Template, TemplateError, TemplateNotFound
from jinja2.sandbox import ImmutableSandboxedEnvironment

from ..errors import BuildError
from ..paths import templates_dir
from .bundle import BundleLoader, condition_source


def _finalize(value: Any) -> Any:
    # An empty or missing value would leave a hole in a legal sentence: fail the build.
    if value is None:
        raise BuildError("a template printed None")
    if isinstance(value, str) and not value.strip():
        raise BuildError("a template printed an empty value")
    return value


class OverrideLoader(BaseLoader):
    """A site's clause overrides. Files are ``<lang>/<kind>/clauses/<id>.j2``; for the policy
    the shorter ``<lang>/clauses/<id>.j2`` (the layout before there were several kinds of
    document) is read as well."""

    def __init__(self, loader: BaseLoader) -> None:
        self.loader = loader

    def get_source(self, environment: Any, template: str) -> Any:
        try:
            return self.loader.get_source(environment, template)
        except TemplateNotFound:
            parts = template.split("/")
            if len(parts) == 4 and parts[1] == "policy" and parts[2] == "clauses":
                return self.loader.get_source(environment, f"{parts[0]}/clauses/{parts[3]}")
            raise

    def list_templates(self) -> list[str]:
        return self.loader.list_templates()


@cache
def environment(extra_loaders: tuple[BaseLoader, ...] = ()) -> ImmutableSandboxedEnvironment:
    """The sandboxed environment. ``extra_loaders`` come first: a site can override a single
    clause template with its own file of the same name."""
    from .outline import bundle

    ours = BundleLoader(templates_dir(), bundle)
    loader: BaseLoader = (
        ChoiceLoader([*(OverrideLoader(extra) for extra in extra_loaders), ours]) if extra_loaders else ours
    )
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


def render(env: ImmutableSandboxedEnvironment, name: str, context: dict[str, Any]) -> str:
    """One template rendered; a template's own mistake becomes a BuildError naming it."""
    try:
        return env.get_template(name).render(context)
    except BuildError as exc:
        raise BuildError(f"{name}: {exc}") from None
    except TemplateError as exc:
        raise BuildError(f"{name}: {exc.__class__.__name__}: {exc}") from None


def holds(env: ImmutableSandboxedEnvironment, expression: str, context: dict[str, Any], where: str) -> bool:
    """Whether an outline condition is true for this context."""
    try:
        return bool(vars(_condition(env, expression).make_module(context))["result"])
    except TemplateError as exc:
        raise BuildError(f"{where}: the condition {expression!r}: {exc}") from None


@cache
def _condition(env: ImmutableSandboxedEnvironment, expression: str) -> Template:
    """The condition compiled as a template that sets ``result`` (from the bundle if any)."""
    from .outline import bundle

    compiled = bundle()
    code = compiled.conditions.get(expression) if compiled is not None else None
    if code is None:
        return env.from_string(condition_source(expression))
    return env.template_class.from_code(env, code, env.make_globals(None), None)
