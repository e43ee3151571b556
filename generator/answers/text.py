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
    if unicodedata.category(ch) == "Cf" or ch in _INVISIBLE_FILLERS:
        # Zero-width spaces and joiners, the BOM, soft hyphens, bidi marks, tag characters:
        # invisible on screen, they make two equal-looking names differ (a search for the
        # operator's name misses it) and can hide text; a policy never needs them.
        return "an invisible character"
    return None


_ZWJ = "\u200d"
# What may sit between an emoji and the joiner: the emoji presentation selector and the
# five skin tones (👍🏽‍, ❤️‍🔥).
_EMOJI_MODIFIERS = frozenset("\ufe0f\U0001f3fb\U0001f3fc\U0001f3fd\U0001f3fe\U0001f3ff")


def _joins_emoji(value: str, index: int) -> bool:
    """True for a zero width joiner inside an emoji sequence (👨‍👩‍👧 is one visible picture)."""
    if value[index] != _ZWJ or index + 1 >= len(value):
        return False
    before = index - 1
    while before >= 0 and value[before] in _EMOJI_MODIFIERS:
        before -= 1
    return (
        before >= 0
        and unicodedata.category(value[before]) == "So"
        and unicodedata.category(value[index + 1]) == "So"
    )


# Characters that draw nothing but are not format characters (category Cf) in Unicode.
_INVISIBLE_FILLERS = frozenset("\u034f\u115f\u1160\u3164\uffa0")


def _char_name(ch: str) -> str:
    name = unicodedata.name(ch, "").lower()  # control characters have no name
    return f"U+{ord(ch):04X} {name}" if name else f"U+{ord(ch):04X}"


def invisible_character(value: str) -> str | None:
    """A message naming the first character of ``value`` that a policy may not hold, or None.

    Used on every text field, ids and addresses included, before its own parser sees it."""
    for index, ch in enumerate(value):
        why = _problem_char(ch)
        if why is not None and not _joins_emoji(value, index):
            return (
                f"contains {why}, {_char_name(ch)}, at position {index + 1}: "
                "delete it and retype the text"
            )
    return None


def clean_text(value: str, *, multiline: bool = False) -> str:
    """Return ``value`` normalized (NFC, trimmed, spaces collapsed) or raise ValueError.

    The message says which character is wrong and where, so a user can find it.
    """
    value = unicodedata.normalize("NFC", value)
    problem = invisible_character(value)
    if problem is not None:
        raise ValueError(problem)
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
