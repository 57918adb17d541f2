"""Spotify's catalog with the app's token (`providers.spotify`): albums, tracks, artists."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from injector import inject

from services.links.matching.candidates import best
from services.links.matching.model import Candidate
from services.links.platforms.provider import (
    BaseProvider,
    broad_choice,
    by_identifier,
    first_choice,
    named_in_latin,
    quoted,
    upc_variants,
    year_of,
)
from services.links.query import ProviderResult, Query, found
from services.model import LinkMethod
from services.providers.guard import Fault
from services.providers.spotify import SpotifyApi

Item = dict[str, Any]


class SpotifyProvider(BaseProvider):
    """Gives ISRC (tracks) and UPC (albums) to the others, and looks works up by them."""

    name = "spotify"
    platforms = ("spotify",)
    gives_identifiers = True
    uses_identifiers = True

    @inject
    def __init__(self, api: SpotifyApi) -> None:
        configured = api.has_app_credentials
        super().__init__(None if configured else "SPOTIFY_CLIENT_ID/SECRET are not set")
        self._api = api

    def lookup(self, query: Query) -> ProviderResult:
        if query.kind == "artist":
            return self._artist(query)
        if query.identifier:
            result = self._by_identifier(query)
            if result is not None:
                return result
        return self._work(query)

    def _by_identifier(self, query: Query) -> ProviderResult | None:
        kind = query.kind
        values = upc_variants(query.identifier or "") if kind == "album" else [query.identifier]
        for value in values:
            field: LinkMethod = "upc" if kind == "album" else "isrc"
            items = self._search(f"{field}:{value}", kind, query.country)
            if items:
                item = items[0]
                confidence = by_identifier(query, self._candidate(item), query.identifier_proof)
                return None if confidence is None else self._result(query, item, confidence, field)
        return None

    def _work(self, query: Query) -> ProviderResult:
        kind = query.kind

        def search(artist: str, title: str) -> list[Candidate[Item]]:
            q = f"{kind}:{quoted(title)}" + (f" artist:{quoted(artist)}" if artist else "")
            return [self._candidate(item) for item in self._search(q, kind, query.country)]

        def free_text(text: str) -> list[Candidate[Item]]:
            return [self._candidate(item) for item in self._search(text, kind, query.country)]

        if query.broad:
            query = named_in_latin(query, lambda name: self._artist_names(name, query.country))
        choice = first_choice(query, search, again=query.broad)
        if query.broad and not (choice.match or choice.ambiguous):
            choice = broad_choice(query, free_text)
        if choice.match is None:
            return self._not_found(choice)
        result = self._result(query, choice.match[0].item or {}, choice.match[1], "search")
        return replace(result, aliases=query.aliases, alias_proof=query.alias_proof)

    def _artist_names(self, name: str, market: str) -> list[str]:
        """The artists Spotify's search answers for a name, in its order."""
        return [item["name"] for item in self._search(name, "artist", market)]

    def _artist(self, query: Query) -> ProviderResult:
        items = self._search(f"artist:{quoted(query.title)}", "artist", query.country)
        candidates = [Candidate(title=item["name"], item=item) for item in items]
        match = best(query, candidates)
        if match is None:
            return self._not_found()
        item = match[0].item or {}
        link = found(
            item["external_urls"]["spotify"],
            external_id=item["id"],
            title=item["name"],
            artist=item["name"],
            confidence=match[1],
            method="search",
            app_uri=item.get("uri"),
        )
        return ProviderResult(links={"spotify": link}, cover_img=_image(item))

    def _result(
        self, query: Query, item: Item, confidence: float, method: LinkMethod
    ) -> ProviderResult:
        isrc = upc = album_upc = position = year = track_count = None
        if query.kind == "album":
            upc = self._upc(item["id"], query.country)
            cover = _image(item)
            year, track_count = year_of(item.get("release_date")), item.get("total_tracks")
        else:
            isrc = item.get("external_ids", {}).get("isrc")
            album = item.get("album") or {}
            cover = _image(album)
            # The album's UPC and the track's place on it find the track where no
            # ISRC lookup exists (the iTunes Lookup API).
            album_upc = self._upc(album["id"], query.country) if album.get("id") else None
            if item.get("track_number"):
                position = (int(item.get("disc_number") or 1), int(item["track_number"]))
        link = found(
            item["external_urls"]["spotify"],
            external_id=item["id"],
            title=item["name"],
            artist=", ".join(artist["name"] for artist in item.get("artists", [])),
            confidence=confidence,
            method=method,
            app_uri=item.get("uri"),
        )
        return ProviderResult(
            links={"spotify": link},
            isrc=isrc,
            upc=upc,
            cover_img=cover,
            title=item["name"],
            duration_ms=item.get("duration_ms"),
            album_upc=album_upc,
            position=position,
            year=year,
            track_count=track_count,
        )

    def _upc(self, album_id: str, market: str) -> str | None:
        """An album's UPC (for the others); the match stands without it."""
        try:
            full = self._api.album(album_id, market)
        except Fault:
            return None
        upc = (full or {}).get("external_ids", {}).get("upc")
        return str(upc) if upc else None

    @staticmethod
    def _candidate(item: Item) -> Candidate[Item]:
        album = item.get("album")
        source = album if album else item
        return Candidate(
            title=item["name"],
            artists=[artist["name"] for artist in item.get("artists", [])],
            year=year_of(source.get("release_date")),
            duration_ms=item.get("duration_ms"),
            record_type=source.get("album_type"),
            album=album.get("name") if album else None,
            track_count=None if album else item.get("total_tracks"),
            item=item,
        )

    def _search(self, q: str, kind: str, market: str) -> list[Item]:
        answer = self._api.search(q, kind, market)
        return [item for item in answer[kind + "s"]["items"] if item]


def _image(item: Item) -> str | None:
    images = item.get("images") or []
    return images[0].get("url") if images else None
