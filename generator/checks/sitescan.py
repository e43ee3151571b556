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
subdomains). The parser is the standard library's, which never gives up on broken HTML;
files are read up to MAX_FILE_BYTES, symbolic links and special files are skipped, and at
most MAX_FILES files are read.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from ..errors import InputError

if TYPE_CHECKING:
    from ..catalog import Service

__all__ = ["MAX_FILES", "MAX_FILE_BYTES", "Hit", "Matcher", "SiteScan", "addresses", "scan_site"]

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


@dataclass(frozen=True, slots=True)
class SiteScan:
    root: Path
    files: int  # how many HTML files were read
    hits: tuple[Hit, ...]  # sorted, without repeats

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
    count = 0
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
            count += 1
            if count > MAX_FILES:
                return
            yield path


def _read(path: Path) -> str | None:
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES)
    except OSError:
        return None
    return data.decode("utf-8", errors="replace")


def scan_site(root: Path, services: Mapping[str, Service]) -> SiteScan:
    """Scan the built site under ``root`` for the catalogue's services."""
    if not root.is_dir():
        what = "no such directory" if not root.exists() else "not a directory"
        raise InputError(f"--site {root}: {what}: give the directory of the built site")
    matcher = Matcher(services)
    hits: set[Hit] = set()
    files = 0
    for path in _html_files(root):
        text = _read(path)
        if text is None:
            continue
        files += 1
        relative = path.relative_to(root).as_posix()
        for address in addresses(text):
            service = matcher.match(address)
            if service is not None:
                hits.add(Hit(service, relative, address.strip()))
    return SiteScan(root, files, tuple(sorted(hits)))
