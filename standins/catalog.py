"""The works a music stand-in knows, shared by the Spotify, Deezer and iTunes stand-ins.

Each stand-in renders these entries in its own platform's documented JSON, with
its own ids, and searches them roughly as the real search does: every entry
sharing a word with what was asked comes back, decoys included, so matching
has to choose.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field


@dataclass
class Entry:
    """An album, a track or an artist; `n` numbers it (ids are derived from it)."""

    kind: str  # album, track, artist
    title: str
    artist: str = ""
    year: int = 2000
    upc: str | None = None
    isrc: str | None = None
    record_type: str = "album"  # album, single, ep, compilation (for a track: its album's)
    album: str | None = None  # a track's album
    duration_ms: int = 200_000
    n: int = 0


@dataclass
class Catalog:
    entries: list[Entry] = field(default_factory=list)

    def add(self, kind: str, title: str, artist: str = "", **fields: object) -> Entry:
        entry = Entry(kind, title, artist, n=len(self.entries) + 1, **fields)  # type: ignore[arg-type]
        self.entries.append(entry)
        return entry

    def by_n(self, n: int) -> Entry | None:
        return next((e for e in self.entries if e.n == n), None)

    def search(self, kind: str, *terms: str | None) -> list[Entry]:
        """Entries of `kind` sharing a word with every given term (title, artist)."""
        wanted = [_words(term) for term in terms if term]
        found = []
        for entry in self.entries:
            if entry.kind != kind:
                continue
            have = _words(f"{entry.title} {entry.artist} {entry.album or ''}")
            if all(words & have for words in wanted):
                found.append(entry)
        return found

    def by_upc(self, upc: str) -> Entry | None:
        return next((e for e in self.entries if e.kind == "album" and e.upc == upc), None)

    def by_isrc(self, isrc: str) -> Entry | None:
        return next((e for e in self.entries if e.kind == "track" and e.isrc == isrc), None)


def _words(text: str) -> set[str]:
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return set(re.findall(r"\w+", folded))


def standard_catalog() -> Catalog:
    """Works of the API tests: an album and a track, each with decoys beside them."""
    catalog = Catalog()
    catalog.add("album", "Phobia", "Breaking Benjamin", year=2006, upc="0602498537683")
    catalog.add("album", "Phobia (Karaoke Version)", "Karaoke Stars", year=2010, upc="111")
    catalog.add("album", "Phobia", "Breaking Benjamin", year=2006, record_type="single")
    catalog.add("album", "Phobia", "The Kinks", year=1993, upc="0078221874029")
    catalog.add(
        "track",
        "The Diary of Jane",
        "Breaking Benjamin",
        year=2006,
        isrc="USHR10622153",
        album="Phobia",
        duration_ms=200_000,
    )
    catalog.add(
        "track",
        "The Diary of Jane - Live",
        "Breaking Benjamin",
        year=2011,
        isrc="USHR11100001",
        album="Live at Rock am Ring",
    )
    catalog.add(
        "track",
        "The Diary of Jane (In the Style of Breaking Benjamin)",
        "Sing Along Band",
        year=2012,
        isrc="GBXXX1200001",
        album="Karaoke Hits",
    )
    catalog.add("artist", "Breaking Benjamin")
    return catalog
