"""Rules for text a user types: what may appear in a policy, whatever the output format."""

from __future__ import annotations

import unicodedata

MAX_TEXT = 2_000  # characters in one free-text value

# Bidirectional overrides and isolates can make a name display as something else (the
# "Trojan Source" trick); a policy never needs them, so they are refused.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _problem_char(ch: str) -> str | None:
    code = ord(ch)
    if ch in "\n\t":
        return None
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return "a control character"
    if 0xD800 <= code <= 0xDFFF:
        return "a lone surrogate"
    if code in (0xFFFE, 0xFFFF):
        return "a non-character"
    if ch in _BIDI_CONTROLS:
        return "a bidirectional override mark"
    return None


def clean_text(value: str, *, multiline: bool = False) -> str:
    """Return ``value`` normalized (NFC, trimmed, spaces collapsed) or raise ValueError.

    The message says which character is wrong and where, so a user can find it.
    """
    value = unicodedata.normalize("NFC", value)
    for index, ch in enumerate(value):
        why = _problem_char(ch)
        if why is not None:
            raise ValueError(
                f"contains {why} (U+{ord(ch):04X}) at position {index + 1}: delete it and retype the text"
            )
    if multiline:
        lines = [" ".join(line.split()) for line in value.split("\n")]
        value = "\n".join(line for line in lines if line)
    else:
        value = " ".join(value.split())
    if not value:
        raise ValueError("is empty: write the text or remove the key")
    if len(value) > MAX_TEXT:
        raise ValueError(f"is {len(value):,} characters long; the limit is {MAX_TEXT:,}")
    return value
