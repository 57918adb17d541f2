"""Apple Music through the iTunes Search and Lookup API (no key; about 20 calls a minute)."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from services.links.guard import Broken
from services.links.http import JsonApi
from services.links.matching import Candidate, best, core_title, similarity
from services.links.provider import BaseProvider, upc_variants, year_of
from services.links.query import ProviderResult, Query, found

Item = dict[str, Any]

_ENTITY = {"album": ("album", "albumTerm"), "track": ("song", "songTerm")}
_ARTWORK_SIZE = re.compile(r"/\d+x\d+bb\.")


class ITunesProvider(BaseProvider):
    """Looks albums up by the UPC another platform gave; tracks and artists by search."""

    name = "itunes"
    platforms = ("apple_music",)
    uses_identifiers = True

    def __init__(self, api: JsonApi) -> None:
        super().__init__()
        self._api = api

    def uses_identifier(self, kind: str) -> bool:
        return kind == "album"  # the Lookup API takes a UPC, not an ISRC

    def lookup(self, query: Query) -> ProviderResult:
        country = query.country.lower()
        if query.kind == "artist":
            return self._artist(query, country)
        if query.identifier:
            result = self._by_identifier(query, country)
            if result is not None:
                return result
        entity, attribute = _ENTITY[query.kind]
        params = {"term": query.title, "entity": entity, "attribute": attribute}
        items = self._results(self._api.get("search", {**params, "country": country, "limit": 25}))
        candidates = [_candidate(item, query.kind) for item in items if _is(item, query.kind)]
        match = best(query, candidates)
        if match is None:
            return self._not_found()
        return self._result(query, match[0].item or {}, match[1], "search")

    def _by_identifier(self, query: Query, country: str) -> ProviderResult | None:
        # The Lookup API takes a UPC, not an ISRC: tracks go by search (and its quota
        # of about 20 calls a minute is too small to spend on guesses).
        if query.kind != "album" or not query.upc:
            return None
        for value in upc_variants(query.upc)[:2]:
            answer = self._api.get("lookup", {"upc": value, "country": country})
            items = [item for item in self._results(answer) if _is(item, "album")]
            if items:
                item = items[0]
                title_match = similarity(core_title(query.title), core_title(_title(item, "album")))
                return self._result(query, item, 0.99 if title_match >= 0.6 else 0.9, "upc")
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
            _clean_url(item["artistLinkUrl"]),
            external_id=str(item["artistId"]),
            title=item["artistName"],
            artist=item["artistName"],
            confidence=match[1],
            method="search",
        )
        return ProviderResult(links={"apple_music": link})

    def _result(self, query: Query, item: Item, confidence: float, method: str) -> ProviderResult:
        album = query.kind == "album"
        link = found(
            _clean_url(item["collectionViewUrl"] if album else item["trackViewUrl"]),
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

    def close(self) -> None:
        self._api.close()


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
        item=item,
    )


def _clean_url(url: str) -> str:
    """The store URL without iTunes' `uo` tracking parameter."""
    parts = urlsplit(url)
    query = [(key, value) for key, value in parse_qsl(parts.query) if key != "uo"]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))
