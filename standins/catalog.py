"""The works a music stand-in knows: each Spotify, Deezer and iTunes stand-in renders them in
its own platform's documented JSON, with its own ids.

Searches behave roughly as the real ones do: a field filter (`track:"…"`, `artist:"…"`)
matches an entry holding every word of it in that field, a free-text term (iTunes' `term`)
one holding every word somewhere in its title, artists or album; results come back in
catalogue order, so decoys added before the work rank above it and matching has to choose.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from services.dedup import fold_text


@dataclass
class Entry:
    """An album, a track or an artist; `n` numbers it (ids are derived from it)."""

    kind: str  # album, track, artist
    title: str
    artist: str = ""  # as the platform credits it (iTunes may write "A & B" here)
    year: int = 2000
    upc: str | None = None  # an album's; for a track, its album's
    isrc: str | None = None
    record_type: str = "album"  # album, single, ep, compilation (for a track: its album's)
    album: str | None = None  # a track's album
    duration_ms: int = 200_000
    featured: tuple[str, ...] = ()  # guests credited beside the artist (Spotify's `artists`)
    disc: int = 1
    track_number: int = 1
    title_version: str = ""  # Deezer keeps "(Live)" and the like apart from the title
    n: int = 0

    @property
    def artists(self) -> tuple[str, ...]:
        return (self.artist, *self.featured)


@dataclass
class Catalog:
    entries: list[Entry] = field(default_factory=list)

    def add(self, kind: str, title: str, artist: str = "", **fields: object) -> Entry:
        entry = Entry(kind, title, artist, n=len(self.entries) + 1, **fields)  # type: ignore[arg-type]
        self.entries.append(entry)
        return entry

    def by_n(self, n: int) -> Entry | None:
        return next((e for e in self.entries if e.n == n), None)

    def search(
        self,
        kind: str,
        *,
        title: str | None = None,
        artist: str | None = None,
        text: str | None = None,
    ) -> list[Entry]:
        """Entries of `kind` holding every word of `title` in their title, of `artist` in
        their artists, and of `text` anywhere (title, artists, album)."""
        found = []
        for entry in self.entries:
            if entry.kind != kind:
                continue
            names = " ".join(entry.artists)
            fields = [
                (title, f"{entry.title} {entry.title_version}"),
                (artist, names),
                (text, f"{entry.title} {entry.title_version} {names} {entry.album or ''}"),
            ]
            if all(words(have) >= words(wanted) for wanted, have in fields if wanted):
                found.append(entry)
        return found

    def by_upc(self, upc: str) -> Entry | None:
        return next((e for e in self.entries if e.kind == "album" and e.upc == upc), None)

    def by_isrc(self, isrc: str) -> Entry | None:
        return next((e for e in self.entries if e.kind == "track" and e.isrc == isrc), None)

    def tracks_on(self, upc: str) -> list[Entry]:
        """The tracks of the album with this UPC, in disc and track order."""
        tracks = [e for e in self.entries if e.kind == "track" and e.upc == upc]
        return sorted(tracks, key=lambda e: (e.disc, e.track_number))


@functools.lru_cache(maxsize=65_536)
def words(text: str) -> frozenset[str]:
    """Case- and accent-folded words, as the platforms' search indexes see them
    (remembered: every search scans the whole catalogue, and the bench's crawler
    figures must measure the worker, not this stand-in)."""
    return frozenset(re.findall(r"\w+", fold_text(text)))


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
        upc="0602498537683",
        album="Phobia",
        duration_ms=200_000,
        track_number=3,
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
