"""The building blocks every catalogue model shares: the model configuration, checked text,
ids, the three-language Label, and the one way a typed name is compared with a catalogue's.

Kept apart from ``__init__`` so that the models of one catalogue file (cities.py) and the
package's own models import them without importing each other.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

_CONFIG = ConfigDict(extra="forbid", frozen=True, defer_build=True)

ID_PATTERN = r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$"
"""ASCII snake_case: what every catalogue id looks like."""

ID_RE = re.compile(ID_PATTERN)

Lang = Literal["kk", "ru", "en"]
LANGS: tuple[Lang, ...] = ("kk", "ru", "en")


def _text(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    if value != value.strip():
        raise ValueError("must not start or end with whitespace")
    return value


Text = Annotated[str, AfterValidator(_text)]
Id = Annotated[str, Field(pattern=ID_PATTERN)]


class Label(BaseModel):
    """One text in the three languages of the product. Every language is required."""

    model_config = _CONFIG

    kk: Text
    ru: Text
    en: Text

    def get(self, lang: str) -> str:
        """The text in ``lang``."""
        text: str = getattr(self, lang)
        return text


# --------------------------------------------------------------------------- typed names

_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://")
_HOST_PATH = re.compile(r"^[\w-]+(?:\.[\w-]+)+/")  # ps.kz/hosting: a host with a path


def name_key(text: str) -> str:
    """What a typed name is compared by: case, spaces, punctuation and a web address's
    scheme, «www.» and path do not count, and «ё» is «е».

    «PS.kz», «ps kz», «https://www.ps.kz/» and «PSKZ» all give ``pskz``; «Тильда» gives
    ``тильда``. Kazakh letters stay what they are (``қ`` is not ``к``): Орал and Уральск
    are told apart by their aliases, not by folding letters together."""
    key = unicodedata.normalize("NFKC", text).casefold().strip()
    had_scheme = bool(_SCHEME.match(key))
    key = _SCHEME.sub("", key)
    if had_scheme or _HOST_PATH.match(key):
        key = key.split("/", 1)[0]
    key = key.removeprefix("www.")
    key = key.replace("ё", "е")
    return "".join(ch for ch in key if ch.isalnum())
