"""Find third-party services on a built site: what its *.html files load.

`kzpolicy check ANSWERS --site DIR` reads every *.html (and *.htm) file under DIR and
collects the addresses a browser would load from them:

- ``<script src>`` (also ``data-src``, as consent managers and lazy loaders write it),
- ``<img src>`` (tracking pixels, often inside ``<noscript>``),
- ``<iframe src>`` (embedded maps, videos, forms),
- ``<link rel="stylesheet" href>`` (web fonts),
- addresses written inside inline ``<script>`` code (the usual analytics snippets build
  the script tag in JavaScript); JSON and template blocks are data, not code, and are
  skipped.

Each address is matched against the catalogue's ``script_patterns`` (substrings of host and
path, for hosts that several services share) and ``script_hosts`` (a host or any of its
subdomains). The parser is the standard library's, which never gives up on broken HTML.

A page is decoded as a browser decodes a file without HTTP headers (the WHATWG encoding
sniffing algorithm, :func:`decode_page`): a byte order mark first (UTF-8, UTF-16 LE/BE),
then UTF-16 recognised by its zero bytes, then ``<meta charset>`` or ``<meta http-equiv
content>`` in the first 1024 bytes, then UTF-8 if the bytes are valid UTF-8, else
windows-1251 (the default the HTML standard gives browsers in Russian-language locales).

Files are read up to MAX_FILE_BYTES, symbolic links and special files are skipped, and at
most MAX_FILES files are read. What was not read whole is said: :attr:`SiteScan.partial`
lists every page read in part or not at all, and a site cut at MAX_FILES (check reports
them as KZ903).
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from ..errors import InputError

if TYPE_CHECKING:
    from ..catalog import Service

__all__ = ["MAX_FILES", "MAX_FILE_BYTES", "Hit", "Matcher", "Partial", "SiteScan", "addresses", "decode_page",
           "scan_site"]

MAX_FILE_BYTES = 4 * 1024 * 1024
"""Bytes read from one file; the rest of a larger file is not scanned."""
MAX_FILES = 50_000
"""Files read from one site; the rest are not scanned."""
HTML_SUFFIXES = (".html", ".htm")

# Inline <script> types that hold data or templates, not code that loads anything.
_DATA_TYPES = frozenset({"importmap", "speculationrules", "text/template", "text/x-template", "text/html"})
# An absolute or protocol-relative address inside JavaScript source.
_URL_IN_CODE = re.compile(r"(?:https?:)?//[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9-]+)+(?::\d+)?[^\s'\"<>`\\)]*",
                          re.IGNORECASE)


@dataclass(frozen=True, slots=True, order=True)
class Hit:
    """A catalogue service that a page loads: its id, the file (relative, with /) and the address."""

    service: str
    file: str
    url: str


@dataclass(frozen=True, slots=True, order=True)
class Partial:
    """A page (relative, with /) that was not read whole: ``reason`` is ``too_large`` (its
    first ``read`` of ``size`` bytes were read), ``unreadable`` (``error`` says why) or
    ``too_many`` (the site has more than MAX_FILES pages; ``file`` is the first one left out)."""

    file: str
    reason: str
    size: int = 0
    read: int = 0
    error: str = ""


@dataclass(frozen=True, slots=True)
class SiteScan:
    root: Path
    files: int  # how many HTML files were read
    hits: tuple[Hit, ...]  # sorted, without repeats
    partial: tuple[Partial, ...] = ()  # sorted: what was read in part or not at all

    def services(self) -> frozenset[str]:
        return frozenset(hit.service for hit in self.hits)


class Matcher:
    """Which catalogue service an address belongs to, if any."""

    def __init__(self, services: Mapping[str, Service]) -> None:
        # Longest pattern first: the most specific one wins where patterns overlap.
        self.patterns = sorted(
            ((pattern, key) for key, service in services.items() for pattern in service.script_patterns),
            key=lambda item: (-len(item[0]), item[0]),
        )
        self.hosts = {host: key for key, service in services.items() for host in service.script_hosts}

    def match(self, address: str) -> str | None:
        address = address.strip()
        if address.startswith("//"):
            address = "https:" + address
        try:
            parts = urlsplit(address)
            host = (parts.hostname or "").lower()
        except ValueError:
            return None
        if parts.scheme not in ("", "http", "https"):
            return None  # data:, blob:, javascript:, mailto:
        tail = host + parts.path + (f"?{parts.query}" if parts.query else "") if host else address
        for pattern, key in self.patterns:
            if pattern in tail:
                return key
        labels = host.split(".")
        for start in range(len(labels) - 1):  # the host itself, then each parent domain
            owner = self.hosts.get(".".join(labels[start:]))
            if owner is not None:
                return owner
        return None


class _Collector(HTMLParser):
    """Collects the addresses a page loads; never raises on broken HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._script: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name.lower(): value or "" for name, value in attrs}
        if tag == "script":
            source = values.get("src") or values.get("data-src")
            if source:
                self.found.append(source)
            else:
                kind = values.get("type", "").strip().lower()
                self._script = None if ("json" in kind or kind in _DATA_TYPES) else []
        elif tag in ("img", "iframe"):
            for name in ("src", "data-src"):
                if values.get(name):
                    self.found.append(values[name])
        elif tag == "link" and "stylesheet" in values.get("rel", "").lower().split() and values.get("href"):
            self.found.append(values["href"])

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            code = "".join(self._script).replace("\\/", "/")
            self.found.extend(match.group(0) for match in _URL_IN_CODE.finditer(code))
            self._script = None


def addresses(html: str) -> list[str]:
    """Every address a page loads (see the module docstring), in document order."""
    collector = _Collector()
    try:
        collector.feed(html)
        collector.close()
    except (AssertionError, ValueError):  # very old parsers on odd markup: keep what was found
        pass
    return collector.found


def _html_files(root: Path) -> Iterator[Path]:
    """Every regular *.html/*.htm file under ``root``, in a stable order."""
    for directory, subdirectories, names in os.walk(root, followlinks=False):
        subdirectories.sort()
        for name in sorted(names):
            if not name.lower().endswith(HTML_SUFFIXES):
                continue
            path = Path(directory, name)
            try:
                mode = os.lstat(path).st_mode
            except OSError:
                continue
            if not stat.S_ISREG(mode):  # symbolic links, pipes, devices
                continue
            yield path


def _read(path: Path) -> tuple[bytes, int]:
    """The first MAX_FILE_BYTES of a page and its whole size."""
    with path.open("rb") as handle:
        data = handle.read(MAX_FILE_BYTES)
        size = os.fstat(handle.fileno()).st_size
    return data, max(size, len(data))


# --------------------------------------------------------------------------- decoding

# WHATWG encoding labels whose Python codec differs from the label, or that a browser
# reads as another encoding (Latin-1 and ASCII are windows-1252 on the web). Other
# labels are looked up as Python codec names (windows-1251, koi8-r, shift_jis, ...).
_LABELS = {
    **dict.fromkeys(("ascii", "us-ascii", "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "l1", "cp819",
                     "ibm819", "iso-ir-100", "csisolatin1", "x-cp1252", "cp1252", "windows-1252",
                     "x-user-defined"), "cp1252"),
    **dict.fromkeys(("utf8", "utf-8", "unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "x-unicode20utf8"),
                    "utf-8"),
    # A UTF-16 label that could be read as ASCII is wrong about its own bytes: UTF-8.
    **dict.fromkeys(("utf-16", "utf-16le", "utf-16be", "unicode", "unicodefffe", "unicodefeff", "ucs-2",
                     "iso-10646-ucs-2", "csunicode"), "utf-8"),
    **dict.fromkeys(("x-cp1251", "cp1251", "windows-1251"), "cp1251"),
    **dict.fromkeys(("koi", "koi8", "koi8-r", "koi8_r", "cskoi8r"), "koi8_r"),
    **dict.fromkeys(("koi8-u", "koi8-ru"), "koi8_u"),
    **dict.fromkeys(("gb2312", "gbk", "chinese", "csgb2312", "x-gbk", "gb_2312-80", "iso-ir-58"), "gbk"),
    **dict.fromkeys(("euc-kr", "ks_c_5601-1987", "windows-949", "cseuckr"), "cp949"),
    **dict.fromkeys(("shift_jis", "sjis", "ms_kanji", "windows-31j", "x-sjis", "csshiftjis"), "cp932"),
    "x-mac-cyrillic": "mac_cyrillic",
    "x-mac-ukrainian": "mac_cyrillic",
    "tis-620": "cp874",
}
# The other encodings of the WHATWG Encoding Standard, by a name Python knows. A label
# naming anything else (Python's "zlib" or "rot13" codecs, say) is no encoding to a browser.
_WEB_ENCODINGS = (
    "ibm866", "iso-8859-2", "iso-8859-3", "iso-8859-4", "iso-8859-5", "iso-8859-6", "iso-8859-7", "iso-8859-8",
    "iso-8859-10", "iso-8859-13", "iso-8859-14", "iso-8859-15", "iso-8859-16", "macintosh", "cp874",
    "windows-1250", "windows-1253", "windows-1254", "windows-1255", "windows-1256", "windows-1257",
    "windows-1258", "gb18030", "big5", "euc-jp", "iso-2022-jp",
)
_FALLBACK = "cp1251"
_PRESCAN_BYTES = 1024
_META = re.compile(rb"<meta[\s/]([^>]*)>?", re.IGNORECASE)
_COMMENT = re.compile(rb"<!--.*?(?:-->|$)", re.DOTALL)
_ATTRIBUTE = re.compile(rb"""([^\s/>=]+)\s*(?:=\s*(?:"([^"]*)"?|'([^']*)'?|([^\s>]*)))?""")
_CHARSET_IN_CONTENT = re.compile(rb"""charset\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s;"']+))""", re.IGNORECASE)


def _codec(label: bytes | str) -> str | None:
    """The Python codec a browser would use for an encoding label, or None if unknown."""
    if isinstance(label, bytes):
        label = label.decode("ascii", "replace")
    label = label.strip().lower()
    if label in _LABELS:
        return _LABELS[label]
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return name if name in _web_codecs() else None


@cache
def _web_codecs() -> frozenset[str]:
    return frozenset(codecs.lookup(name).name for name in _WEB_ENCODINGS)


def _prescan(head: bytes) -> str | None:
    """The encoding ``<meta>`` declares in the first 1024 bytes (comments skipped)."""
    head = _COMMENT.sub(b" ", head[:_PRESCAN_BYTES])
    for meta in _META.finditer(head):
        attributes: dict[bytes, bytes] = {}
        for match in _ATTRIBUTE.finditer(meta.group(1)):
            name = match.group(1).lower()
            attributes.setdefault(name, next((g for g in match.groups()[1:] if g is not None), b""))
        label: bytes | None = attributes.get(b"charset")
        if label is None and attributes.get(b"http-equiv", b"").strip().lower() == b"content-type":
            found = _CHARSET_IN_CONTENT.search(attributes.get(b"content", b""))
            label = next((g for g in found.groups() if g is not None), None) if found else None
        codec = _codec(label) if label else None
        if codec is not None:
            return codec
    return None


def _utf16_without_bom(head: bytes) -> str | None:
    """UTF-16 without a byte order mark, known by its zero bytes: markup is ASCII, which
    UTF-16 writes with a zero high byte (LE: ``<\\0h\\0``, BE: ``\\0<\\0h``)."""
    pairs = min(len(head), _PRESCAN_BYTES) // 2
    if pairs < 2:
        return None
    sample = head[: pairs * 2]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    # Cyrillic text has no zero byte (U+04xx), so a third of ASCII markup is plenty;
    # HTML in any 8-bit encoding or UTF-8 has no zero bytes at all.
    if odd >= pairs / 3 and even <= odd / 20:
        return "utf-16-le"
    if even >= pairs / 3 and odd <= even / 20:
        return "utf-16-be"
    return None


def _valid_utf8(data: bytes) -> bool:
    try:  # not final: a page cut at MAX_FILE_BYTES may end inside a character
        codecs.getincrementaldecoder("utf-8")().decode(data, final=False)
    except UnicodeDecodeError:
        return False
    return True


def page_encoding(data: bytes) -> tuple[str, int]:
    """The codec a browser would decode ``data`` with, and how many bytes of BOM to skip."""
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_BE, "utf-16-be"),
                       (codecs.BOM_UTF16_LE, "utf-16-le")):
        if data.startswith(bom):
            return codec, len(bom)
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16, 0
    declared = _prescan(data)
    if declared is not None:
        return declared, 0
    return ("utf-8" if _valid_utf8(data) else _FALLBACK), 0


def decode_page(data: bytes) -> str:
    """A page's text as a browser would decode it (see the module docstring); bytes that do
    not decode become U+FFFD, as in a browser."""
    codec, skip = page_encoding(data)
    return data[skip:].decode(codec, errors="replace")


def scan_site(root: Path, services: Mapping[str, Service]) -> SiteScan:
    """Scan the built site under ``root`` for the catalogue's services."""
    if not root.is_dir():
        what = "no such directory" if not root.exists() else "not a directory"
        raise InputError(f"--site {root}: {what}: give the directory of the built site")
    matcher = Matcher(services)
    hits: set[Hit] = set()
    partial: list[Partial] = []
    files = 0
    for index, path in enumerate(_html_files(root)):
        relative = path.relative_to(root).as_posix()
        if index == MAX_FILES:
            partial.append(Partial(relative, "too_many"))
            break
        try:
            data, size = _read(path)
        except OSError as exc:
            partial.append(Partial(relative, "unreadable", error=exc.strerror or type(exc).__name__))
            continue
        files += 1
        if size > len(data):
            partial.append(Partial(relative, "too_large", size=size, read=len(data)))
        for address in addresses(decode_page(data)):
            service = matcher.match(address)
            if service is not None:
                hits.add(Hit(service, relative, address.strip()))
    return SiteScan(root, files, tuple(sorted(hits)), tuple(sorted(partial)))
