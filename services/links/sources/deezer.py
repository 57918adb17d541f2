"""Deezer links read by id: `/track/{id}` (its ISRC) or `/album/{id}` (its UPC)."""

from __future__ import annotations

from typing import Any

from injector import inject

from services.errors import WorkNotFound
from services.links.platforms.provider import year_of
from services.links.sources.urls import PlatformLink
from services.links.sources.work import Source, Work, source_link
from services.providers.deezer import DeezerApi
from services.providers.guard import Fault, unavailable

Item = dict[str, Any]


class DeezerSource:
    """A Deezer track (its ISRC, its album's UPC and its place there) or album (its UPC)."""

    platforms = ("deezer",)

    @inject
    def __init__(self, api: DeezerApi) -> None:
        self._api = api

    def read(self, link: PlatformLink, country: str, someone_waits: bool = False) -> Source:
        try:
            item = self._api.read(link.kind, link.id, someone_waits)
        except Fault as fault:
            raise unavailable("deezer", fault) from None
        if not item or not item.get("id"):
            raise WorkNotFound("deezer", link.kind, link.id)
        if link.kind == "album":
            work = Work(
                kind="album",
                title=item["title"],
                artists=_artists(item),
                year=year_of(item.get("release_date")),
                upc=item.get("upc"),
                cover=item.get("cover_xl"),
            )
        else:
            album = item.get("album") or {}
            title = item["title"]
            version = item.get("title_version")
            if version and version not in title:
                title = f"{title} {version}"  # "(Live)" lives in title_version
            work = Work(
                kind="track",
                title=title,
                artists=_artists(item),
                album=album.get("title"),
                year=year_of(item.get("release_date")),
                isrc=item.get("isrc"),
                duration_ms=item["duration"] * 1000 if item.get("duration") else None,
                cover=album.get("cover_xl"),
                album_upc=self._upc_of(album, someone_waits),
                position=(int(item.get("disk_number") or 1), int(item.get("track_position") or 1)),
            )
        app_uri = f"deezer://www.deezer.com/{link.kind}/{item['id']}"
        link_found = source_link(item["link"], str(item["id"]), work, app_uri=app_uri)
        return Source(link, work, provider="deezer", links={"deezer": link_found})

    def _upc_of(self, album: Item, someone_waits: bool) -> str | None:
        """A track's album's UPC; the track stands without it."""
        if not album.get("id"):
            return None
        try:
            full = self._api.read("album", str(album["id"]), someone_waits) or {}
        except Fault:
            return None
        upc = full.get("upc")
        return str(upc) if upc else None


def _artists(item: Item) -> tuple[str, ...]:
    """The main artist first, then the other contributors."""
    main = (item.get("artist") or {}).get("name")
    others = [c.get("name") for c in item.get("contributors") or [] if isinstance(c, dict)]
    return tuple(dict.fromkeys(name for name in [main, *others] if name))
