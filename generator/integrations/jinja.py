"""The policy inside a Jinja2 site: ``{{ privacy_policy("ru") }}`` in the site's own layout.

Two ways to add it to a site's :class:`jinja2.Environment`::

    from generator.integrations.jinja import install
    install(env, "answers.yaml", overrides="policy-overrides")

    # or, where only extension names can be configured:
    env = Environment(loader=..., extensions=["generator.integrations.jinja.PrivacyPolicyExtension"])
    env.kzpolicy_answers = "answers.yaml"          # a path, a mapping or Answers
    env.kzpolicy_overrides = "policy-overrides"    # optional

Then a template writes ``{{ privacy_policy("kk") }}``: the HTML fragment
(``<article class="kzp-policy" lang="kk">`` with the ``#c-<clause-id>`` anchors) as
:class:`markupsafe.Markup`, so autoescaping leaves it alone. ``fragment=False`` gives the
standalone page instead. Each language is built once per environment and kept.

Overrides: files ``<lang>/clauses/<clause-id>.j2`` in the overrides directory (or loader)
replace those clauses; the rest of the policy stays ours. They run in kzpolicy's own
sandboxed environment, with the same context and markup as our clause templates
(templates/<lang>/clauses/ in the package show what is available).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

from jinja2 import Environment
from jinja2.ext import Extension
from markupsafe import Markup

from ..api import AnswersSource, BuildOptions, BuildRequest, Override, answers_from, build, resolve_loaders
from ..export import output_name

GLOBAL_NAME = "privacy_policy"


class PrivacyPolicy:
    """The callable behind ``privacy_policy(lang="kk", fragment=True)``.

    Answers are loaded (and validated) on the first call, so an invalid answers file fails
    the site build with :class:`~generator.errors.AnswersError` where the policy is used.
    """

    def __init__(self, answers: AnswersSource, *, overrides: Override | Iterable[Override] | None = None) -> None:
        self._source = answers
        self._overrides = overrides
        self._cache: dict[tuple[str, bool], Markup] = {}

    def __call__(self, lang: str = "kk", fragment: bool = True) -> Markup:
        key = (lang, fragment)
        if key not in self._cache:
            options = BuildOptions(langs=(lang,), formats=("html",), fragment=fragment, manifest=False,
                                   loaders=resolve_loaders(self._overrides))
            source = str(self._source) if isinstance(self._source, str | os.PathLike) else "<answers>"
            result = build(BuildRequest(answers_from(self._source), options, source), None)
            html = result.files[output_name(lang, "html", fragment=fragment)].decode("utf-8")
            self._cache[key] = Markup(html)  # our exporter's HTML: every text in it is escaped
        return self._cache[key]


def install(
    env: Environment,
    answers_or_path: AnswersSource,
    *,
    overrides: Override | Iterable[Override] | None = None,
    name: str = GLOBAL_NAME,
) -> PrivacyPolicy:
    """Add the global ``privacy_policy(lang="kk", fragment=True)`` to ``env``.

    ``answers_or_path``: an answers file path, a mapping or :class:`~generator.answers.Answers`.
    ``overrides``: a directory or Jinja2 loader (or several) with ``<lang>/clauses/<id>.j2``
    files that replace those clauses. ``name``: the global's name. Returns the callable.
    """
    policy = PrivacyPolicy(answers_or_path, overrides=overrides)
    env.globals[name] = policy
    return policy


class PrivacyPolicyExtension(Extension):
    """The same global as :func:`install`, for configurations that list extensions by name.

    Set ``env.kzpolicy_answers`` (required) and ``env.kzpolicy_overrides`` (optional)
    before the first template calls ``privacy_policy(...)``.
    """

    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        environment.extend(kzpolicy_answers=None, kzpolicy_overrides=None)
        environment.globals[GLOBAL_NAME] = _Deferred(environment)


class _Deferred:
    """Reads the answers from the environment on the first call (set after construction)."""

    def __init__(self, environment: Environment) -> None:
        self._environment = environment
        self._policy: PrivacyPolicy | None = None

    def __call__(self, lang: str = "kk", fragment: bool = True) -> Markup:
        if self._policy is None:
            from ..errors import InputError

            answers: Any = getattr(self._environment, "kzpolicy_answers", None)
            if answers is None:
                raise InputError("set env.kzpolicy_answers to the answers (a path or a mapping) "
                                 "before using privacy_policy()")
            self._policy = PrivacyPolicy(answers, overrides=getattr(self._environment, "kzpolicy_overrides", None))
        return self._policy(lang, fragment)
