"""TIDAL's JSON:API documents, rendered from catalogue entries (`standins.tidal` serves them).

A track or an album is a resource with `attributes` and only the `relationships` its
include paths name (`artists`, `albums`, `coverArt`), what they name going to the
document's `included`, each once. Ids are numbers in strings: `TRACKS + n` for an entry
of the catalogue, `ALBUMS_OF_TRACKS + n` for the album a track is on.
"""

from __future__ import annotations

import secrets
import zlib
from typing import Any

from standins.catalog import Entry
from standins.server import Reply

JSON_API = "application/vnd.api+json"
TRACKS = 70_000_000  # a catalogue entry's id (tracks and albums alike)
ALBUMS_OF_TRACKS = 80_000_000  # the album a track is on
COVER_SIZES = (1280, 640, 320, 160, 80)

Resource = dict[str, Any]


def error(status: int, code: str, detail: str) -> Reply:
    body = {
        "errors": [
            {"id": secrets.token_hex(8), "status": str(status), "code": code, "detail": detail}
        ]
    }
    return Reply(body, status, {"Content-Type": JSON_API})


class Included:
    """A document's `included`: each resource once, in the order first named."""

    def __init__(self, resources: list[Resource] | None = None) -> None:
        self._by_key: dict[tuple[str, str], Resource] = {}
        self.add(None, resources or [])

    def add(self, resource: Resource | None, related: list[Resource]) -> None:
        for each in [*([resource] if resource else []), *related]:
            self._by_key.setdefault((each["type"], each["id"]), each)

    def resources(self) -> list[Resource]:
        return list(self._by_key.values())


def entry_id(entry: Entry) -> str:
    return str(TRACKS + entry.n)


def ref(kind: str, ident: str) -> Resource:
    return {"id": ident, "type": kind}


def document(data: Resource | list[Resource], included: Included) -> Reply:
    body = {"data": data, "included": included.resources(), "links": {"self": "/"}}
    return Reply(body, headers={"Content-Type": JSON_API})


def _artists(entry: Entry) -> list[Resource]:
    return [
        {
            "id": str(zlib.crc32(name.encode()) % 10**7),
            "type": "artists",
            "attributes": {"name": name, "popularity": 0.5},
        }
        for name in entry.artists
    ]


def _covers(album_id: str) -> Resource:
    files = [
        {
            "href": f"https://resources.tidal.com/images/{album_id}/{size}x{size}.jpg",
            "meta": {"width": size, "height": size},
        }
        for size in COVER_SIZES
    ]
    return {
        "id": f"art{album_id}",
        "type": "artworks",
        "attributes": {"mediaType": "IMAGE", "files": files},
    }


def _relate(resource: Resource, name: str, related: list[Resource]) -> None:
    refs = [ref(r["type"], r["id"]) for r in related]
    resource.setdefault("relationships", {})[name] = {"data": refs, "links": {}}


def _album_resource(
    ident: str, entry: Entry, title: str, paths: set[str]
) -> tuple[Resource, list[Resource]]:
    album_type = {"single": "SINGLE", "ep": "EP"}.get(entry.record_type, "ALBUM")
    attributes = {
        "title": title,
        "barcodeId": entry.upc or "",
        "albumType": album_type,
        "releaseDate": f"{entry.year}-01-01",
        "numberOfItems": entry.tracks,
        "numberOfVolumes": 1,
        "duration": "PT45M",
        "explicit": False,
        "mediaTags": ["LOSSLESS"],
        "popularity": 0.5,
    }
    resource: Resource = {"id": ident, "type": "albums", "attributes": attributes}
    related: list[Resource] = []
    if "artists" in paths:
        artists = _artists(entry)[:1] if entry.kind == "track" else _artists(entry)
        _relate(resource, "artists", artists)
        related += artists
    if "coverArt" in paths:
        _relate(resource, "coverArt", [_covers(ident)])
        related.append(_covers(ident))
    return resource, related


def _album(entry: Entry, paths: set[str]) -> tuple[Resource, list[Resource]]:
    return _album_resource(entry_id(entry), entry, entry.title, paths)


def album_of(track: Entry, paths: set[str]) -> tuple[Resource, list[Resource]]:
    return _album_resource(str(ALBUMS_OF_TRACKS + track.n), track, track.album or "", paths)


def _track(entry: Entry, paths: set[str]) -> tuple[Resource, list[Resource]]:
    seconds = entry.duration_ms // 1000
    attributes = {
        "title": entry.title,
        "version": entry.title_version.strip("()[] ") or None,
        "isrc": entry.isrc or "",
        "duration": f"PT{seconds // 60}M{seconds % 60}S",
        "explicit": False,
        "popularity": 0.5,
        "mediaTags": ["LOSSLESS"],
        "key": "UNKNOWN",
        "keyScale": "UNKNOWN",
    }
    resource: Resource = {"id": entry_id(entry), "type": "tracks", "attributes": attributes}
    related: list[Resource] = []
    if "artists" in paths:
        _relate(resource, "artists", _artists(entry))
        related += _artists(entry)
    if "albums" in paths:
        nested = {path.partition(".")[2] for path in paths if path.startswith("albums.")}
        album, album_related = album_of(entry, nested)
        _relate(resource, "albums", [album])
        related += [album, *album_related]
    return resource, related


def resource(entry: Entry, paths: set[str]) -> tuple[Resource, list[Resource]]:
    """An entry's resource with what `paths` include, and the resources they name."""
    return _album(entry, paths) if entry.kind == "album" else _track(entry, paths)
