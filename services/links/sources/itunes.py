"""Apple Music (and iTunes) links read by id: `lookup?id=`. The Lookup API gives no ISRC
or UPC, so the others find the work by its exact title, artist and length."""

from __future__ import annotations

from injector import inject

from services.errors import WorkNotFound
from services.links.platforms.itunes import store_url
from services.links.platforms.provider import year_of
from services.links.sources.urls import PlatformLink
from services.links.sources.work import Source, Work, source_link
from services.providers.guard import Fault, unavailable
from services.providers.itunes import ITunesApi

EDITION_SUFFIXES = (" - Single", " - EP")
"""What the store adds to a release's name, and no other platform writes."""


class ITunesSource:
    """A song or an album of the Apple Music / iTunes store."""

    platforms = ("apple_music",)

    @inject
    def __init__(self, api: ITunesApi) -> None:
        self._api = api

    def read(self, link: PlatformLink, country: str, someone_waits: bool = False) -> Source:
        try:
            item = self._api.read(link.id, country, someone_waits)
        except Fault as fault:
            raise unavailable("itunes", fault) from None
        album = link.kind == "album"
        wrapper = "collection" if album else "track"
        if item is None or item.get("wrapperType") != wrapper:
            raise WorkNotFound("apple_music", link.kind, link.id)
        artwork = item.get("artworkUrl100")
        collection = str(item.get("collectionName") or "")
        work = Work(
            kind=link.kind,
            title=_without_edition(collection) if album else item["trackName"],
            artists=tuple(name for name in [item.get("artistName")] if name),
            album=None if album else collection or None,
            year=year_of(item.get("releaseDate")),
            duration_ms=None if album else item.get("trackTimeMillis"),
            cover=artwork.replace("/100x100bb.", "/600x600bb.") if artwork else None,
            position=None if album else (item.get("discNumber") or 1, item.get("trackNumber") or 1),
        )
        url = store_url(item["collectionViewUrl"] if album else item["trackViewUrl"])
        ident = str(item["collectionId"] if album else item["trackId"])
        shown = collection if album else None  # the store's own name of the release
        link_found = source_link(url, ident, work, title=shown)
        return Source(link, work, provider="itunes", links={"apple_music": link_found})


def _without_edition(name: str) -> str:
    for suffix in EDITION_SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name
