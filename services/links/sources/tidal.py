"""TIDAL links read by id: `GET /tracks/{id}` (its ISRC) or `GET /albums/{id}` (its UPC)."""

from __future__ import annotations

from injector import inject

from services.errors import WorkNotFound
from services.links.platforms.provider import year_of
from services.links.platforms.tidal import app_uri, web_url
from services.links.sources.urls import PlatformLink
from services.links.sources.work import Source, Work, source_link
from services.providers.guard import Fault, unavailable
from services.providers.tidal import Kind, TidalApi


class TidalSource:
    """A TIDAL track (its ISRC, album and length) or album (its UPC or EAN)."""

    platforms = ("tidal",)

    @inject
    def __init__(self, api: TidalApi) -> None:
        self._api = api

    def read(self, link: PlatformLink, country: str, someone_waits: bool = False) -> Source:
        kind: Kind = "album" if link.kind == "album" else "track"
        try:
            item = self._api.read(kind, link.id, country, someone_waits)
        except Fault as fault:  # no credentials too: `fetch` refuses before asking
            raise unavailable("tidal", fault) from None
        if item is None:
            raise WorkNotFound("tidal", link.kind, link.id)
        work = Work(
            kind=kind,
            title=item.full_title,  # "(Live)" lives in TIDAL's `version`
            artists=item.artists,
            album=item.album if kind == "track" else None,
            year=year_of(item.release_date),
            isrc=item.isrc,
            upc=item.barcode if kind == "album" else None,
            duration_ms=item.duration_ms if kind == "track" else None,
            cover=item.cover,
        )
        own = source_link(web_url(kind, item.id), item.id, work, app_uri=app_uri(kind, item.id))
        return Source(link, work, provider="tidal", links={"tidal": own})
