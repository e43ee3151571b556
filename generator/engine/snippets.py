"""The short texts a site's pages show beside the documents: the consent checkbox and the
cookie notice, built from the same answers and facts as the policy and the consent.

They are not documents (no outline, no numbered clauses): each is a small value of
:mod:`generator.document` (:class:`~generator.document.Checkbox`,
:class:`~generator.document.CookieNotice`) that :mod:`generator.export.checkbox` and
:mod:`generator.export.cookies` write as HTML and plain text.
"""

from __future__ import annotations

import hashlib
import json

from markupsafe import Markup

from .. import document as d
from ..answers import Answers
from ..errors import BuildError
from ..facts import Facts, derive
from ..lang import language
from .context import context, localize
from .environment import environment, render
from .outline import load_strings


def checkbox_label(answers: Answers, lang: str, facts: Facts) -> str:
    """The words beside the consent checkbox, as plain text: the operator's own wording
    (``consent.checkbox_label``) or ours, from ``checkbox_label`` in ``<lang>/macros.j2`` —
    the macro the policy quotes, so the policy and the form always say the same."""
    template = f"{language(lang).code}/consent/checkbox.j2"
    rendered = render(environment(()), template, context(answers, facts, lang, "consent"))
    # The template escapes what it prints, for a document's markup; the label is plain text
    # (the HTML writer escapes it once more), so undo the template's escaping here.
    return " ".join(Markup(rendered).unescape().split())


def build_checkbox(answers: Answers, lang: str, *, facts: Facts | None = None) -> d.Checkbox:
    """The checkbox of the consent in ``lang``; a separate consent (restricted-access data,
    marketing, automated decisions) is a checkbox of its own, and only the restricted-access
    one is required by the form."""
    facts = facts or derive(answers)
    strings = load_strings(lang, "consent")["checkbox"]
    separate: list[tuple[str, str, bool]] = []
    if facts.has_special:
        separate.append(("special", strings["special"], True))
    if facts.marketing:
        separate.append(("marketing", strings["marketing"], False))
    if facts.automated:
        separate.append(("automated", strings["automated"], False))
    label = checkbox_label(answers, lang, facts)
    return d.Checkbox(lang, label, strings["consent_link"], strings["policy_link"], tuple(separate))


def _named(service: d.CookieService) -> str:
    return f"{service.name} ({', '.join(service.cookies)})" if service.cookies else service.name


def cookie_version(groups: tuple[d.CookieGroup, ...]) -> str:
    """A short hash of the choices (categories, services, cookies), the same in every
    language: the notice asks again when what needs consent changes."""
    shape = [[g.id, [[s.name, list(s.cookies)] for s in g.services]] for g in groups]
    digest = hashlib.sha256(json.dumps(shape, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    return digest.hexdigest()[:16]


def build_cookie_notice(
    answers: Answers, lang: str, policy: d.Document, *, facts: Facts | None = None
) -> d.CookieNotice | None:
    """The cookie notice in ``lang``, or None when every cookie the answers declare is
    necessary (the Site then asks nothing). The choices are the categories of the services
    whose cookies need consent, in the order the answers list them; ``policy`` is the policy
    of the same build and language, whose cookies section the notice refers to."""
    facts = facts or derive(answers)
    if not facts.consent_cookie_services:
        return None
    grammar = language(lang)
    strings = load_strings(lang, "cookies")
    labels: dict[str, str] = strings["groups"]
    order: list[str] = []
    members: dict[str, list[d.CookieService]] = {}
    for service in facts.consent_cookie_services:
        if service.category not in labels:
            raise BuildError(f"templates/{lang}/cookies/document.yaml has no group for {service.category!r}")
        if service.category not in members:
            order.append(service.category)
            members[service.category] = []
        members[service.category].append(d.CookieService(service.name, tuple(c.name for c in service.cookies)))
    groups = tuple(d.CookieGroup(key, labels[key], tuple(members[key])) for key in order)
    necessary = [d.CookieService(s.name, tuple(c.name for c in s.cookies)) for s in facts.necessary_cookie_services]
    section = next((s for s in policy.sections if s.id == "cookies"), None)
    if section is None:
        raise BuildError("the cookie notice refers to the policy's cookies section, which this policy does not have")
    return d.CookieNotice(
        lang=lang,
        title=str(strings["title"]),
        necessary=str(strings["necessary_with"]).replace("{services}", grammar.join(_named(s) for s in necessary))
        if necessary
        else str(strings["necessary"]),
        consent=str(strings["consent"]),
        groups=groups,
        choose=str(strings["choose"]),
        more=str(strings["more"]).replace("{section}", localize(section.title, lang)),
        policy_anchor=d.anchor(section.id),
        buttons={key: str(value) for key, value in strings["buttons"].items()},
        version=cookie_version(groups),
    )
