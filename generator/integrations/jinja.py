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
from pathlib import Path
from typing import Any

from jinja2 import Environment
from jinja2.ext import Extension
from markupsafe import Markup

from ..api import (
    DOCUMENTS,
    AnswersSource,
    BuildOptions,
    BuildRequest,
    BuildResult,
    Override,
    answers_from,
    build,
    resolve_loaders,
)
from ..export import output_name

GLOBAL_NAME = "privacy_policy"
#: The globals :func:`install` adds besides the policy: name -> method of :class:`PrivacyPolicy`.
SNIPPET_GLOBALS: dict[str, str] = {
    "personal_data_consent": "consent",
    "consent_checkbox": "checkbox",
    "cookie_notice": "cookie_notice",
}


class PrivacyPolicy:
    """The callable behind ``privacy_policy(lang="kk", fragment=True)``, and the consent, its
    checkbox and the cookie notice of the same answers (:data:`SNIPPET_GLOBALS`).

    Answers are loaded (and validated) on the first call, so an invalid answers file fails
    the site build with :class:`~generator.errors.AnswersError` where the policy is used.
    Each language is built once (the policy, the consent and the cookie notice together).
    """

    def __init__(self, answers: AnswersSource, *, overrides: Override | Iterable[Override] | None = None) -> None:
        self._source = answers
        self._overrides = overrides
        self._results: dict[tuple[str, bool], BuildResult] = {}

    def _result(self, lang: str, fragment: bool) -> BuildResult:
        key = (lang, fragment)
        if key not in self._results:
            options = BuildOptions(langs=(lang,), formats=("html",), fragment=fragment, manifest=False,
                                   loaders=resolve_loaders(self._overrides), documents=DOCUMENTS)
            source = str(self._source) if isinstance(self._source, str | os.PathLike) else "<answers>"
            self._results[key] = build(BuildRequest(answers_from(self._source), options, source), None)
        return self._results[key]

    def _file(self, lang: str, fragment: bool, kind: str) -> Markup:
        html = self._result(lang, fragment).files[output_name(lang, "html", fragment=fragment, kind=kind)]
        return Markup(html.decode("utf-8"))  # our exporter's HTML: every text in it is escaped

    def __call__(self, lang: str = "kk", fragment: bool = True) -> Markup:
        """The policy: the HTML fragment (``<article class="kzp-policy">``) or the page."""
        return self._file(lang, fragment, "policy")

    def consent(self, lang: str = "kk", fragment: bool = True) -> Markup:
        """The Art. 8(4) consent, as the policy: a fragment or the page."""
        return self._file(lang, fragment, "consent")

    def checkbox(self, lang: str = "kk", consent_url: str | None = None, policy_url: str | None = None) -> Markup:
        """The consent checkbox for a form (``consent-checkbox.<lang>.html``), its links going
        to where the site publishes the consent and the policy."""
        from ..engine.snippets import build_checkbox
        from ..export.checkbox import checkbox_html

        result = self._result(lang, True)
        checkbox = build_checkbox(answers_from(self._source), lang)
        return Markup(checkbox_html(checkbox, result.documents[lang], result.consents[lang],
                                    consent_href=consent_url, policy_href=policy_url))

    def cookie_notice(self, lang: str = "kk", policy_url: str | None = None, assets: str = "") -> Markup:
        """The cookie notice (``cookie-notice.<lang>.html``) linking to the policy at
        ``policy_url``, its style and script under the URL prefix ``assets`` (write them with
        :meth:`cookie_assets`); empty when every cookie the answers declare is necessary."""
        from ..export.cookies import notice_html

        result = self._result(lang, True)
        notice = result.cookie_notices.get(lang)
        if notice is None:
            return Markup("")
        return Markup(notice_html(notice, result.documents[lang], policy_href=policy_url, assets=assets))

    def cookie_assets(self, directory: str | os.PathLike[str]) -> list[Path]:
        """Write cookie-notice.css and cookie-notice.js into ``directory`` (the site's static
        folder) and return their paths."""
        from ..export.cookies import asset_files

        target = Path(directory)
        target.mkdir(parents=True, exist_ok=True)
        paths = []
        for name, data in asset_files().items():
            (target / name).write_bytes(data)
            paths.append(target / name)
        return paths


def install(
    env: Environment,
    answers_or_path: AnswersSource,
    *,
    overrides: Override | Iterable[Override] | None = None,
    name: str = GLOBAL_NAME,
) -> PrivacyPolicy:
    """Add the global ``privacy_policy(lang="kk", fragment=True)`` to ``env``, and
    ``personal_data_consent(lang, fragment=True)``, ``consent_checkbox(lang, consent_url=None,
    policy_url=None)`` and ``cookie_notice(lang, policy_url=None, assets="")``.

    ``answers_or_path``: an answers file path, a mapping or :class:`~generator.answers.Answers`.
    ``overrides``: a directory or Jinja2 loader (or several) with ``<lang>/clauses/<id>.j2``
    files that replace those clauses. ``name``: the global's name. Returns the callable.
    """
    policy = PrivacyPolicy(answers_or_path, overrides=overrides)
    env.globals[name] = policy
    for global_name, method in SNIPPET_GLOBALS.items():
        env.globals[global_name] = getattr(policy, method)
    return policy


class PrivacyPolicyExtension(Extension):
    """The same globals as :func:`install`, for configurations that list extensions by name.

    Set ``env.kzpolicy_answers`` (required) and ``env.kzpolicy_overrides`` (optional)
    before the first template calls ``privacy_policy(...)``.
    """

    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        environment.extend(kzpolicy_answers=None, kzpolicy_overrides=None)
        deferred = _Deferred(environment)
        environment.globals[GLOBAL_NAME] = deferred
        for global_name, method in SNIPPET_GLOBALS.items():
            environment.globals[global_name] = deferred.method(method)


class _Deferred:
    """Reads the answers from the environment on the first call (set after construction)."""

    def __init__(self, environment: Environment) -> None:
        self._environment = environment
        self._policy: PrivacyPolicy | None = None

    def policy(self) -> PrivacyPolicy:
        if self._policy is None:
            from ..errors import InputError

            answers: Any = getattr(self._environment, "kzpolicy_answers", None)
            if answers is None:
                raise InputError("set env.kzpolicy_answers to the answers (a path or a mapping) "
                                 "before using privacy_policy()")
            self._policy = PrivacyPolicy(answers, overrides=getattr(self._environment, "kzpolicy_overrides", None))
        return self._policy

    def __call__(self, lang: str = "kk", fragment: bool = True) -> Markup:
        return self.policy()(lang, fragment)

    def method(self, name: str) -> Any:
        def call(*args: Any, **kwargs: Any) -> Markup:
            result: Markup = getattr(self.policy(), name)(*args, **kwargs)
            return result

        return call
