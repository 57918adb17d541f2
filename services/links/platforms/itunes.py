"""Apple Music through the iTunes Search and Lookup API (no key; about 20 calls a minute).

The Lookup API takes a UPC, not an ISRC: an album is looked up by the UPC another
platform gave, and a track by its album's UPC (`entity=song` lists the album's songs)
and its place and length there. Otherwise one search of artist and title.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from injector import inject

from services.links.matching.agreement import core_title, similarity
from services.links.matching.candidates import best
from services.links.matching.model import Candidate
from services.links.platforms.provider import (
    BaseProvider,
    by_identifier,
    first_choice,
    upc_variants,
    year_of,
)
from services.links.query import ProviderResult, Query, found
from services.model import LinkMethod
from services.providers.guard import Broken
from services.providers.itunes import ITunesApi

Item = dict[str, Any]

_ENTITY = {"album": "album", "track": "song"}
SAME_TRACK_MS = 3_000
"""A song at the identified track's place on its album is it when lengths agree this well."""
SONG_ON_ALBUM = 0.97
"""A song found by its album's UPC, its place and its length: as sure as that, at most."""
_ARTWORK_SIZE = re.compile(r"/\d+x\d+bb\.")


class ITunesProvider(BaseProvider):
    """Looks albums up by the UPC another platform gave; tracks and artists by search."""

    name = "itunes"
    platforms = ("apple_music",)
    uses_identifiers = True

    @inject
    def __init__(self, api: ITunesApi) -> None:
        super().__init__()
        self._api = api

    def waits_for(self, query: Query) -> bool:
        """Until another platform gave the UPC of the album (of the track's album)."""
        have = query.upc if query.kind == "album" else query.album_upc
        return query.kind in {"album", "track"} and not have

    def lookup(self, query: Query) -> ProviderResult:
        country = query.country.lower()
        if query.kind == "artist":
            return self._artist(query, country)
        result = self._by_album(query, country)
        if result is not None:
            return result
        entity = _ENTITY[query.kind]

        def search(artist: str, title: str) -> list[Candidate[Item]]:
            params = {"term": f"{artist} {title}".strip(), "entity": entity, "country": country}
            items = self._results(self._api.get("search", {**params, "limit": 25}))
            return [_candidate(item, query.kind) for item in items if _is(item, query.kind)]

        choice = first_choice(query, search)
        if choice.match is None:
            return self._not_found(choice)
        return self._result(query, choice.match[0].item or {}, choice.match[1], "search")

    def _by_album(self, query: Query, country: str) -> ProviderResult | None:
        """The album by its UPC, or the track on its album's UPC; None to search instead."""
        upc = query.upc if query.kind == "album" else query.album_upc
        if not upc:
            return None
        for value in upc_variants(upc)[:2]:
            params = {"upc": value, "country": country}
            if query.kind == "track":
                params["entity"] = "song"
            items = self._results(self._api.get("lookup", params))
            if not items:
                continue
            if query.kind == "album":
                album = next((item for item in items if _is(item, "album")), None)
                if album is None:
                    return None
                confidence = by_identifier(
                    query, _candidate(album, "album"), query.identifier_proof
                )
                return self._result(query, album, confidence, "upc") if confidence else None
            song = _song_at(query, [item for item in items if _is(item, "track")])
            if song is None:
                return None
            confidence = by_identifier(query, _candidate(song, "track"), query.album_upc_proof)
            if confidence is None:
                return None
            return self._result(query, song, min(confidence, SONG_ON_ALBUM), "upc")
        return None

    def _artist(self, query: Query, country: str) -> ProviderResult:
        params = {"term": query.title, "entity": "musicArtist", "attribute": "artistTerm"}
        answer = self._api.get("search", {**params, "country": country, "limit": 10})
        items = [item for item in self._results(answer) if item.get("wrapperType") == "artist"]
        match = best(query, [Candidate(title=item["artistName"], item=item) for item in items])
        if match is None:
            return self._not_found()
        item = match[0].item or {}
        link = found(
            store_url(item["artistLinkUrl"]),
            external_id=str(item["artistId"]),
            title=item["artistName"],
            artist=item["artistName"],
            confidence=match[1],
            method="search",
        )
        return ProviderResult(links={"apple_music": link})

    def _result(
        self, query: Query, item: Item, confidence: float, method: LinkMethod
    ) -> ProviderResult:
        album = query.kind == "album"
        link = found(
            store_url(item["collectionViewUrl"] if album else item["trackViewUrl"]),
            external_id=str(item["collectionId"] if album else item["trackId"]),
            title=_title(item, query.kind),
            artist=item.get("artistName"),
            confidence=confidence,
            method=method,
        )
        artwork = item.get("artworkUrl100")
        cover = _ARTWORK_SIZE.sub("/600x600bb.", artwork) if artwork else None
        return ProviderResult(links={"apple_music": link}, cover_img=cover)

    @staticmethod
    def _results(answer: Any) -> list[Item]:
        if not isinstance(answer, dict) or not isinstance(answer.get("results"), list):
            raise Broken("malformed answer from itunes")
        return [item for item in answer["results"] if isinstance(item, dict)]


def _song_at(query: Query, songs: list[Item]) -> Item | None:
    """The song at the identified track's place whose length agrees, or failing a place,
    the one whose title and length agree."""

    def same_length(song: Item) -> bool:
        length, wanted = song.get("trackTimeMillis"), query.duration_ms
        if not (wanted and isinstance(length, int)):
            return False
        return abs(wanted - length) <= SAME_TRACK_MS

    if query.position:
        disc, number = query.position
        for song in songs:
            if (song.get("discNumber") or 1, song.get("trackNumber")) == (disc, number):
                return song if same_length(song) else None
    titles = [core_title(t) for t in (query.title, *query.titles)]
    for song in songs:
        title = core_title(_title(song, "track"))
        if same_length(song) and any(similarity(t, title) >= 0.9 for t in titles):
            return song
    return None


def _is(item: Item, kind: str) -> bool:
    if kind == "album":
        return item.get("wrapperType") == "collection"
    return item.get("wrapperType") == "track" and item.get("kind") == "song"


def _title(item: Item, kind: str) -> str:
    return str(item["collectionName"] if kind == "album" else item["trackName"])


def _candidate(item: Item, kind: str) -> Candidate[Item]:
    album = kind == "album"
    collection_type = str(item.get("collectionType") or "").lower()
    return Candidate(
        title=_title(item, kind),
        artists=[item.get("artistName", "")],
        year=year_of(item.get("releaseDate")),
        duration_ms=None if album else item.get("trackTimeMillis"),
        record_type="compilation" if collection_type == "compilation" else None,
        album=None if album else item.get("collectionName"),
        track_count=item.get("trackCount") if album else None,
        item=item,
    )


def store_url(url: str) -> str:
    """The store URL without iTunes' `uo` tracking parameter."""
    parts = urlsplit(url)
    query = [(key, value) for key, value in parse_qsl(parts.query) if key != "uo"]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))
