"""The consent checkbox a site's form shows: ``consent-checkbox.<lang>.html`` and ``.txt``.

The HTML works with no JavaScript and makes no external request: an unticked, ``required``
checkbox with the label the policy quotes, links to the consent and the policy (the HTML
files of the same build, beside the snippet), and hidden fields carrying the policy's
version and the content hashes of the consent and the policy, so that the site's records
show which text a person agreed to (Law 94-V Art. 25(2)(5)). Separate consents
(restricted-access data, marketing, automated decisions) are checkboxes of their own; a
marketing consent is never required (it may not be a condition of a sale). The text file is
the same for site builders where no HTML can be pasted.
"""

from __future__ import annotations

from html import escape

from ..document import Checkbox, Document, content_hash
from . import output_name


def checkbox_name(lang: str, ext: str) -> str:
    return f"consent-checkbox.{lang}.{ext}"


def _attr(value: str) -> str:
    return escape(value, quote=True)


def checkbox_html(
    checkbox: Checkbox,
    policy: Document,
    consent: Document,
    *,
    consent_href: str | None = None,
    policy_href: str | None = None,
) -> str:
    """The snippet; the links go to the HTML files of the build beside it unless
    ``consent_href`` and ``policy_href`` say where a site publishes the two texts."""
    lang = checkbox.lang
    consent_href = consent_href or output_name(lang, "html", kind="consent")
    policy_href = policy_href or output_name(lang, "html", kind="policy")
    policy_hash, consent_hash = content_hash(policy), content_hash(consent)
    lines = [
        f"<!-- kzpolicy: the consent checkbox ({lang}), policy {escape(policy.meta.version)}, "
        f"consent {consent_hash} -->",
        f'<fieldset class="personal-data-consent" lang="{lang}">',
        '<p><label><input type="checkbox" name="personal_data_consent" value="yes" required> '
        f"{escape(checkbox.label)}</label> "
        f'(<a href="{_attr(consent_href)}">{escape(checkbox.consent_link)}</a>, '
        f'<a href="{_attr(policy_href)}">{escape(checkbox.policy_link)}</a>)</p>',
    ]
    for key, label, required in checkbox.separate:
        flag = " required" if required else ""
        lines.append(
            f'<p><label><input type="checkbox" name="personal_data_consent_{key}" value="yes"{flag}> '
            f"{escape(label)}</label></p>"
        )
    lines += [
        f'<input type="hidden" name="consent_version" value="{_attr(policy.meta.version)}">',
        f'<input type="hidden" name="consent_hash" value="{_attr(consent_hash)}">',
        f'<input type="hidden" name="policy_hash" value="{_attr(policy_hash)}">',
        "</fieldset>",
    ]
    return "\n".join(lines) + "\n"


def checkbox_text(checkbox: Checkbox, policy: Document, consent: Document) -> str:
    lines = [
        f"☐ {checkbox.label} ({checkbox.consent_link}: {output_name(checkbox.lang, 'html', kind='consent')}; "
        f"{checkbox.policy_link}: {output_name(checkbox.lang, 'html', kind='policy')})",
    ]
    lines += [f"☐ {label}" for _, label, _ in checkbox.separate]
    lines += [
        "",
        f"version: {policy.meta.version}",
        f"consent: {content_hash(consent)}",
        f"policy: {content_hash(policy)}",
    ]
    return "\n".join(lines) + "\n"


def checkbox_files(checkbox: Checkbox, policy: Document, consent: Document) -> dict[str, bytes]:
    """The snippet's two files of one language: name -> bytes."""
    return {
        checkbox_name(checkbox.lang, "html"): checkbox_html(checkbox, policy, consent).encode("utf-8"),
        checkbox_name(checkbox.lang, "txt"): checkbox_text(checkbox, policy, consent).encode("utf-8"),
    }
