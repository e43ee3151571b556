"""The cookie notice a site shows: ``cookie-notice.<lang>.html`` and ``.txt``, with the
``cookie-notice.css`` and ``cookie-notice.js`` the site serves itself.

The HTML reads without JavaScript and makes no request but to the two files beside it, both
served by the site (no inline script or style, so a strict Content-Security-Policy holds).
Without the script the visitor reads which cookies are set without consent and which need
it; the boxes stay disabled and nothing that needs consent is loaded. With it, the visitor
agrees to each kind of service or to all, or refuses, and can change the choice at any time
(the policy says so). A site marks the scripts that set such cookies
``<script type="text/plain" data-cookie-category="analytics">``: they run only once agreed.
The text file holds the same words for a site builder's own cookie banner.
"""

from __future__ import annotations

from html import escape

from ..document import CookieGroup, CookieNotice, Document
from ..paths import templates_dir
from . import output_name

#: The notice's style and script: one file each for every language, served by the site.
ASSETS: tuple[str, ...] = ("cookie-notice.css", "cookie-notice.js")


def notice_name(lang: str, ext: str) -> str:
    return f"cookie-notice.{lang}.{ext}"


def _services(group: CookieGroup) -> str:
    return ", ".join(
        f"{service.name} ({', '.join(service.cookies)})" if service.cookies else service.name
        for service in group.services
    )


def notice_html(notice: CookieNotice, policy: Document, *, policy_href: str | None = None, assets: str = "") -> str:
    """The snippet. ``policy_href``: where a site publishes the policy (default: its HTML
    file beside the snippet), the cookies section's anchor added; ``assets``: the URL prefix
    of cookie-notice.css and .js (default: beside the page, ``/static/`` for a site's
    folder)."""
    lang = notice.lang
    href = f"{policy_href or output_name(lang, 'html', kind='policy')}#{notice.policy_anchor}"
    title_id = "kzpolicy-cookie-notice-title"
    lines = [
        f"<!-- kzpolicy: the cookie notice ({lang}), choices {notice.version}, "
        f"policy {escape(policy.meta.version)} -->",
        f'<link rel="stylesheet" href="{escape(assets + ASSETS[0], quote=True)}">',
        # One landmark (an <aside> labelled by the notice's heading) holds the notice and the
        # button that opens it again, so a site may put it anywhere, at the end of <body> too.
        f'<aside class="kzpolicy-cookies" lang="{lang}" aria-labelledby="{title_id}">',
        f'<div class="kzpolicy-cookie-notice" id="kzpolicy-cookie-notice" data-cookie-version="{notice.version}">',
        f'<h2 id="{title_id}">{escape(notice.title)}</h2>',
        f"<p>{escape(notice.necessary)}</p>",
        f"<p>{escape(notice.consent)}</p>",
        "<ul>",
    ]
    for group in notice.groups:
        lines.append(
            f'<li><label><input type="checkbox" name="cookies_{group.id}" value="yes" '
            f'data-cookie-category="{group.id}" disabled> <strong>{escape(group.label)}</strong>: '
            f"{escape(_services(group))}</label></li>"
        )
    buttons = notice.buttons
    lines += [
        "</ul>",
        f"<p data-cookie-js hidden>{escape(notice.choose)}</p>",
        '<p class="kzpolicy-cookie-buttons" data-cookie-js hidden>'
        + " ".join(
            f'<button type="button" data-cookie-action="{action}">{escape(buttons[action])}</button>'
            for action in ("accept_all", "necessary_only", "save")
        )
        + "</p>",
        f'<p><a href="{escape(href, quote=True)}">{escape(notice.more)}</a>.</p>',
        "</div>",
        f'<button type="button" class="kzpolicy-cookie-settings" data-cookie-settings hidden>'
        f"{escape(buttons['settings'])}</button>",
        f'<script src="{escape(assets + ASSETS[1], quote=True)}" defer></script>',
        "</aside>",
    ]
    return "\n".join(lines) + "\n"


def notice_text(notice: CookieNotice, policy: Document) -> str:
    href = f"{output_name(notice.lang, 'html', kind='policy')}#{notice.policy_anchor}"
    lines = [notice.title, "", notice.necessary, notice.consent]
    lines += [f"- {group.label}: {_services(group)}" for group in notice.groups]
    lines += ["", f"{notice.more}: {href}"]
    return "\n".join(lines) + "\n"


def asset(name: str) -> bytes:
    """The bytes of one of :data:`ASSETS`, as shipped with the templates."""
    return (templates_dir() / "assets" / name).read_bytes()


def notice_files(notice: CookieNotice, policy: Document) -> dict[str, bytes]:
    """The notice's two files of one language (name -> bytes); the assets come separately,
    once for every language (:func:`asset_files`)."""
    return {
        notice_name(notice.lang, "html"): notice_html(notice, policy).encode("utf-8"),
        notice_name(notice.lang, "txt"): notice_text(notice, policy).encode("utf-8"),
    }


def asset_files() -> dict[str, bytes]:
    return {name: asset(name) for name in ASSETS}
