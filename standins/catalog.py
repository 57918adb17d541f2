"""The works a music stand-in knows: each Spotify, Deezer and iTunes stand-in renders them in
its own platform's documented JSON, with its own ids.

Searches behave roughly as the real ones do (docs/links.md, "The stand-ins"):

- a field filter (`track:"…"`, `artist:"…"`) matches an entry holding every word of it in
  that field, exactly: a misspelt or former name finds nothing, as on Spotify and Deezer;
- free text (Spotify's `q` beside or without filters, Deezer's `q` without fields, iTunes'
  `term`) matches an entry holding every word somewhere in its title, artists, album or
  the artist's other names the store knows (`aliases`: a former stage name, the name in
  its own script), and forgives one typo in a word of four letters or more (a letter
  wrong, missing, added or two swapped), as the stores' free-text searches do;
- an artist search (`type=artist`, `/search/artist`, `entity=musicArtist`) is free text
  over every artist the store credits, with the names it knows them by.

Results come back in catalogue order, so decoys added before the work rank above it and
matching has to choose.
"""

from __future__ import annotations

import functools
import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz.distance import OSA

from services.dedup import fold_text

TYPO_LETTERS = 4
"""Free text forgives one typo in a word this long or longer."""


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
    aliases: tuple[str, ...] = ()  # the artist's other names this store's free text knows
    tracks: int = 12  # an album's track count
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
        their artists (both exactly), and of `text` anywhere, the artist's other names
        included, one typo forgiven in each word."""
        found = []
        entries = self.artists() if kind == "artist" else self.entries
        for entry in entries:
            if entry.kind != kind:
                continue
            names = " ".join(entry.artists)
            fields = [
                (title, f"{entry.title} {entry.title_version}"),
                (artist, names),
            ]
            if not all(words(have) >= words(wanted) for wanted, have in fields if wanted):
                continue
            anywhere = f"{entry.title} {entry.title_version} {names} {entry.album or ''}"
            if text and not _all_near(words(text), words(f"{anywhere} {' '.join(entry.aliases)}")):
                continue
            found.append(entry)
        return found

    def artists(self) -> list[Entry]:
        """The artist entries, and every other artist the store credits (with the names
        it knows them by), as an artist search sees them."""
        listed = [e for e in self.entries if e.kind == "artist"]
        known = {fold_text(e.title) for e in listed}
        credited: dict[str, Entry] = {}
        for entry in self.entries:
            if entry.kind == "artist":
                continue
            for name in entry.artists:
                if not name or fold_text(name) in known:
                    continue
                aliases = entry.aliases if name == entry.artist else ()
                before = credited.get(name)
                if before is None or len(aliases) > len(before.aliases):
                    n = 900_000 + zlib.crc32(name.encode()) % 90_000
                    credited[name] = Entry("artist", name, aliases=aliases, n=n)
        return [*listed, *credited.values()]

    def by_upc(self, upc: str) -> Entry | None:
        return next((e for e in self.entries if e.kind == "album" and e.upc == upc), None)

    def by_isrc(self, isrc: str) -> Entry | None:
        return next((e for e in self.entries if e.kind == "track" and e.isrc == isrc), None)

    def tracks_on(self, upc: str) -> list[Entry]:
        """The tracks of the album with this UPC, in disc and track order."""
        tracks = [e for e in self.entries if e.kind == "track" and e.upc == upc]
        return sorted(tracks, key=lambda e: (e.disc, e.track_number))


def _all_near(wanted: Iterable[str], have: frozenset[str]) -> bool:
    return all(word in have or any(_one_typo(word, other) for other in have) for word in wanted)


@functools.lru_cache(maxsize=262_144)
def _one_typo(word: str, other: str) -> bool:
    """One letter wrong, missing, added, or two swapped, in a word long enough to tell."""
    if min(len(word), len(other)) < TYPO_LETTERS or abs(len(word) - len(other)) > 1:
        return False
    return OSA.distance(word, other, score_cutoff=1) <= 1


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
