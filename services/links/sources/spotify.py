"""Spotify links read by id: `GET /tracks/{id}` or `GET /albums/{id}` (spotipy)."""

from __future__ import annotations

from typing import Any

from injector import inject

from services.errors import ProviderUnavailable, WorkNotFound
from services.links.platforms.provider import year_of
from services.links.sources.urls import PlatformLink
from services.links.sources.work import Source, Work, source_link
from services.providers.guard import Fault, unavailable
from services.providers.spotify import SpotifyApi

Item = dict[str, Any]


class SpotifySource:
    """A Spotify track (its ISRC, its album's UPC and its place there) or album (its UPC)."""

    platforms = ("spotify",)

    @inject
    def __init__(self, api: SpotifyApi) -> None:
        self._api = api

    def read(self, link: PlatformLink, country: str, someone_waits: bool = False) -> Source:
        if not self._api.has_app_credentials:
            raise ProviderUnavailable("spotify", "SPOTIFY_CLIENT_ID/SECRET are not set")
        item = self._item(link.kind, link.id, country, someone_waits)
        if item is None:
            raise WorkNotFound("spotify", link.kind, link.id)
        artists = tuple(artist["name"] for artist in item.get("artists") or [])
        if link.kind == "album":
            work = Work(
                kind="album",
                title=item["name"],
                artists=artists,
                year=year_of(item.get("release_date")),
                upc=(item.get("external_ids") or {}).get("upc"),
                cover=_image(item),
            )
        else:
            album = item.get("album") or {}
            full = self._album_of(album, country, someone_waits)
            work = Work(
                kind="track",
                title=item["name"],
                artists=artists,
                album=album.get("name"),
                year=year_of(album.get("release_date")),
                isrc=(item.get("external_ids") or {}).get("isrc"),
                duration_ms=item.get("duration_ms"),
                cover=_image(album),
                album_upc=(full.get("external_ids") or {}).get("upc"),
                position=(int(item.get("disc_number") or 1), int(item.get("track_number") or 1)),
            )
        url = item["external_urls"]["spotify"]
        link_found = source_link(url, item["id"], work, app_uri=item.get("uri"))
        return Source(link, work, provider="spotify", links={"spotify": link_found})

    def _item(self, kind: str, ident: str, country: str, someone_waits: bool) -> Item | None:
        try:
            return self._api.read(kind, ident, country, someone_waits)
        except Fault as fault:
            raise unavailable("spotify", fault) from None

    def _album_of(self, album: Item, country: str, someone_waits: bool) -> Item:
        """A track's album, for its UPC; the track stands without it."""
        if not album.get("id"):
            return {}
        try:
            return self._api.read("album", album["id"], country, someone_waits) or {}
        except Fault:
            return {}


def _image(item: Item) -> str | None:
    images = item.get("images") or []
    return images[0].get("url") if images else None
