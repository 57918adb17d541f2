"""The links matching table's vocabulary: a post, how each store lists the work, the decoys
ranked above it, the YouTube results, what MusicBrainz knows, and the links a fan expects.

A case names the work as each store lists it (`work`); a store that is absent from
`work` does not have it, so any link there is wrong. Decoys are listed before the work,
so a stand-in answers them first. A video marked `right` is an acceptable `youtube`
link, and an art track (an upload of an "Artist - Topic" channel) marked `right` an
acceptable `youtube_music` one; a release playlist marked `right` is both, for albums.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from services.links.query import Query
from standins.musicbrainz import MbEntity

SPOTIFY, DEEZER, ITUNES, TIDAL = "spotify", "deezer", "apple_music", "tidal"
STORES = (SPOTIFY, DEEZER, ITUNES, TIDAL)
PLATFORMS = (*STORES, "youtube", "youtube_music")
KINDS = (
    "featured",
    "script",
    "identifiers",
    "versions",
    "videos",
    "plain",
    "namesakes",
    "rerecordings",
    "misspelt",
    "renamed",
    "store_words",
    "script_alone",
)
"""The kinds of trouble of issue 13 (featured artists to videos), `plain` works beside them,
and those of issue 23: same-named albums (`namesakes`), re-recordings, misspelt names,
renamed artists, words the stores add or drop (`store_words`), and other scripts with
no help from MusicBrainz (`script_alone`)."""


@dataclass(frozen=True)
class Post:
    """What someone recommended: the lookup's query."""

    kind: str
    title: str
    artist: str | None = None
    isrc: str | None = None
    upc: str | None = None
    year: int | None = None

    def query(self, country: str = "US") -> Query:
        return Query(
            kind=self.kind,
            title=self.title,
            artist=self.artist,
            year=self.year,
            isrc=self.isrc,
            upc=self.upc,
            country=country,
        )


def track(title: str, artist: str | None, **more: Any) -> Post:
    return Post("track", title, artist, **more)


def album(title: str, artist: str | None, **more: Any) -> Post:
    return Post("album", title, artist, **more)


@dataclass(frozen=True)
class Listing:
    """A track or an album as one store lists it; `on` restricts a decoy to some stores."""

    title: str
    artist: str
    featured: tuple[str, ...] = ()
    album: str | None = None
    year: int = 2000
    isrc: str | None = None
    upc: str | None = None  # an album's, or a track's album's
    seconds: int = 200
    record_type: str = "album"
    track_number: int = 1
    disc: int = 1
    title_version: str = ""
    aliases: tuple[str, ...] = ()  # the artist's other names this store's free text knows
    tracks: int = 12  # an album's track count
    on: tuple[str, ...] = STORES

    def but(self, **changes: Any) -> Listing:
        return replace(self, **changes)


@dataclass(frozen=True)
class Video:
    """A `search.list` result: a video, or with `playlist` a playlist."""

    id: str
    title: str
    channel: str
    right: bool = False
    description: str = ""
    playlist: bool = False

    @property
    def is_topic(self) -> bool:
        return self.channel.endswith(" - Topic")


def art_track(ident: str, title: str, artist: str, right: bool = True) -> Video:
    """A YouTube Music art track: an upload of the artist's auto-generated Topic channel."""
    provided = f"Provided to YouTube by The Label\n\n{title} · {artist}"
    return Video(ident, title, f"{artist} - Topic", right, provided)


@dataclass(frozen=True)
class Case:
    kind: str
    name: str
    post: Post
    work: Mapping[str, Listing] = field(default_factory=dict)
    decoys: tuple[Listing, ...] = ()
    videos: tuple[Video, ...] = ()
    musicbrainz: tuple[MbEntity, ...] = ()
    musicbrainz_down: bool = False  # MusicBrainz answers 503 during this lookup
    # Platforms whose expected link recindex is known to miss, and why: still counted
    # as misses in the figures, and tested to stay misses rather than become wrong.
    known_misses: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        assert self.kind in KINDS, self.kind
        assert set(self.work) <= set(STORES), self.work


def everywhere(
    listing: Listing, **per_store: Listing | dict[str, Any] | None
) -> dict[str, Listing]:
    """The work in every store, `spotify=`/`deezer=`/`apple_music=` changing (a dict of
    changes or another listing) or removing (None) how one store lists it."""
    stores: dict[str, Listing] = {}
    for store in STORES:
        change = per_store.get(store, {})
        if change is None:
            continue
        stores[store] = listing.but(**change) if isinstance(change, dict) else change
    return stores
