"""What a platform says the work behind a link is (`Work`), the source's own links
(`Source`), and what reads them (`SourceReader`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from services.links.query import ProviderResult, Query, found
from services.links.sources.urls import PlatformLink
from services.model import Link


@dataclass(frozen=True, slots=True)
class Work:
    """A track, an album, a film or a series as its platform describes it."""

    kind: str
    title: str
    artists: tuple[str, ...] = ()
    album: str | None = None
    year: int | None = None
    isrc: str | None = None
    upc: str | None = None
    duration_ms: int | None = None
    cover: str | None = None
    # A track's album, for stores that look tracks up by their album (iTunes):
    album_upc: str | None = None
    position: tuple[int, int] | None = None

    @property
    def artist(self) -> str | None:
        """Every credited artist, as the work is shown."""
        return ", ".join(self.artists) or None

    def query(self, country: str) -> Query:
        """What finds it elsewhere: its identifiers first, then its exact metadata with
        the main artist (the first credited)."""
        return Query(
            kind=self.kind,
            title=self.title,
            artist=self.artists[0] if self.artists else None,
            year=self.year,
            isrc=self.isrc.upper() if self.isrc else None,
            upc=self.upc,
            duration_ms=self.duration_ms,
            country=country.upper(),
            album_upc=self.album_upc,
            position=self.position,
        )

    def view(self) -> dict[str, Any]:
        """The work as answers show it (the spec's `Work`): only what is known."""
        shown = {
            "kind": self.kind,
            "title": self.title,
            "artist": self.artist,
            "album": self.album,
            "year": self.year,
            "isrc": self.isrc,
            "upc": self.upc,
            "duration_ms": self.duration_ms,
            "cover_img": self.cover,
        }
        return {name: value for name, value in shown.items() if value is not None}


@dataclass(frozen=True, slots=True)
class Source:
    """A link read from its platform: the work, and the links it gives by itself.

    `provider` names the `LinkProvider` whose platforms these links are; when they are
    all of its platforms (`complete`), that provider is not asked again.
    """

    link: PlatformLink
    work: Work
    provider: str
    links: dict[str, Link] = field(default_factory=dict)
    complete: bool = True
    attribution: str | None = None

    def result(self) -> ProviderResult:
        """The source as its provider's answer: what the others learn from it."""
        work = self.work
        return ProviderResult(
            links=dict(self.links),
            isrc=work.isrc,
            upc=work.upc,
            cover_img=work.cover,
            attribution=self.attribution,
            title=work.title,
            duration_ms=work.duration_ms,
            album_upc=work.album_upc,
            position=work.position,
        )


def source_link(
    url: str, external_id: str, work: Work, app_uri: str | None = None, title: str | None = None
) -> Link:
    """The link someone pasted, as its platform names it: `found`, method `source`."""
    return found(
        url,
        external_id=external_id,
        title=title or work.title,
        artist=work.artist,
        confidence=1.0,
        method="source",
        app_uri=app_uri,
    )


class SourceReader(Protocol):
    """Reads the works of some platforms' links from their API, by id."""

    @property
    def platforms(self) -> tuple[str, ...]:
        """The platforms (as `links` name them) whose links it reads."""

    def read(self, link: PlatformLink, country: str, someone_waits: bool = False) -> Source:
        """The work the link names. `WorkNotFound` when the platform has no such id,
        `ProviderUnavailable` when it cannot be asked (down, throttled, not configured)."""
