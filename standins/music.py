"""Spotify Web API (catalog), Deezer and iTunes stand-ins answering their documented JSON.

Spotify: `GET /search?q=album:"…" artist:"…"|upc:…|isrc:…&type=…` (paging object
per type), `GET /albums/{id}` (with `external_ids.upc`), tokens from
`SpotifyAccounts` (client credentials). Deezer: `/search/{album,track,artist}`,
`/album/upc:…`, `/track/isrc:…`, `/album/{id}`, `/track/{id}`; errors come as
HTTP 200 `{"error": {"code": …}}` (800 no data, 4 quota). iTunes: `/search` and
`/lookup?upc=|isrc=` with `{"resultCount", "results"}`.
"""

from __future__ import annotations

import re
from typing import Any

from standins.catalog import Catalog, Entry
from standins.server import Reply, Request, StandIn

DEEZER_NO_DATA = {"error": {"type": "DataException", "message": "no data", "code": 800}}
DEEZER_QUOTA = {"error": {"type": "Exception", "message": "Quota limit exceeded", "code": 4}}
_FIELD = re.compile(r'(\w+):(?:"([^"]*)"|(\S+))')


def _fields(q: str) -> dict[str, str]:
    return {
        m.group(1): m.group(2) if m.group(2) is not None else m.group(3) for m in _FIELD.finditer(q)
    }


# ---- Spotify -------------------------------------------------------------------------


def spotify(catalog: Catalog) -> StandIn:
    standin = StandIn("spotify")

    @standin.route("GET", "/search")
    def search(request: Request) -> Reply:
        if not request.headers.get("authorization", "").startswith("Bearer "):
            return Reply({"error": {"status": 401, "message": "No token provided"}}, 401)
        kind = request.query["type"]
        fields = _fields(request.query["q"])
        if "upc" in fields:
            entries = [e for e in [catalog.by_upc(fields["upc"])] if e]
        elif "isrc" in fields:
            entries = [e for e in [catalog.by_isrc(fields["isrc"])] if e]
        else:
            title = fields.get(kind) or fields.get("album") or fields.get("track")
            entries = catalog.search(kind, title or request.query["q"], fields.get("artist"))
        items = [_spotify_item(entry) for entry in entries]
        return Reply(
            {
                kind + "s": {
                    "href": "",
                    "items": items,
                    "limit": 10,
                    "offset": 0,
                    "next": None,
                    "previous": None,
                    "total": len(items),
                }
            }
        )

    @standin.route("GET", r"/albums/sp(?P<n>\d+)")
    def album(request: Request) -> Reply:
        entry = catalog.by_n(int(request.match["n"]))
        if entry is None:
            return Reply({"error": {"status": 404, "message": "Resource not found"}}, 404)
        return Reply({**_spotify_item(entry), "external_ids": {"upc": entry.upc}})

    return standin


def _spotify_item(entry: Entry) -> dict[str, Any]:
    sid = f"sp{entry.n}"
    common = {
        "id": sid,
        "name": entry.title,
        "type": entry.kind,
        "uri": f"spotify:{entry.kind}:{sid}",
        "external_urls": {"spotify": f"https://open.spotify.com/{entry.kind}/{sid}"},
    }
    artists = [{"id": "ar1", "name": entry.artist, "type": "artist"}]
    images = [{"url": f"https://i.scdn.co/image/{sid}", "height": 640, "width": 640}]
    if entry.kind == "artist":
        return {**common, "images": images, "genres": [], "popularity": 50}
    if entry.kind == "album":
        return {
            **common,
            "album_type": entry.record_type,
            "artists": artists,
            "images": images,
            "release_date": f"{entry.year}-01-01",
            "release_date_precision": "day",
            "total_tracks": 12,
        }
    album = {
        "id": f"spa{entry.n}",
        "name": entry.album,
        "album_type": entry.record_type,
        "images": images,
        "release_date": str(entry.year),
        "release_date_precision": "year",
    }
    return {
        **common,
        "artists": artists,
        "album": album,
        "duration_ms": entry.duration_ms,
        "external_ids": {"isrc": entry.isrc},
        "explicit": False,
    }


# ---- Deezer --------------------------------------------------------------------------


def deezer(catalog: Catalog) -> StandIn:
    standin = StandIn("deezer")

    @standin.route("GET", r"/search/(?P<kind>album|track|artist)")
    def search(request: Request) -> Reply:
        kind = request.match["kind"]
        q = request.query.get("q", "")
        fields = _fields(q)
        title = fields.get(kind) or (q if kind == "artist" else None) or q
        entries = catalog.search(kind, title, fields.get("artist"))
        data = [_deezer_item(entry) for entry in entries]
        return Reply({"data": data, "total": len(data)})

    @standin.route("GET", r"/album/upc:(?P<upc>\d+)")
    def album_by_upc(request: Request) -> Reply:
        entry = catalog.by_upc(request.match["upc"])
        return Reply(_deezer_item(entry, full=True) if entry else DEEZER_NO_DATA)

    @standin.route("GET", r"/track/isrc:(?P<isrc>\w+)")
    def track_by_isrc(request: Request) -> Reply:
        entry = catalog.by_isrc(request.match["isrc"])
        return Reply(_deezer_item(entry, full=True) if entry else DEEZER_NO_DATA)

    @standin.route("GET", r"/(?P<kind>album|track)/(?P<n>\d+)")
    def item(request: Request) -> Reply:
        entry = catalog.by_n(int(request.match["n"]) - 1000)
        return Reply(_deezer_item(entry, full=True) if entry else DEEZER_NO_DATA)

    return standin


def _deezer_item(entry: Entry, full: bool = False) -> dict[str, Any]:
    did = 1000 + entry.n
    cover = f"https://e-cdns-images.dzcdn.net/images/cover/{did}/1000x1000.jpg"
    if entry.kind == "artist":
        return {
            "id": did,
            "name": entry.title,
            "link": f"https://www.deezer.com/artist/{did}",
            "picture_xl": cover,
            "type": "artist",
        }
    artist = {
        "id": 27,
        "name": entry.artist,
        "link": "https://www.deezer.com/artist/27",
        "type": "artist",
    }
    item: dict[str, Any] = {
        "id": did,
        "title": entry.title,
        "link": f"https://www.deezer.com/{entry.kind}/{did}",
        "artist": artist,
        "type": entry.kind,
    }
    if entry.kind == "album":
        item.update(cover_xl=cover, record_type=entry.record_type, nb_tracks=12)
        if full:
            item.update(upc=entry.upc, release_date=f"{entry.year}-01-01")
    else:
        item.update(
            duration=entry.duration_ms // 1000,
            title_version="",
            album={"id": 5000 + entry.n, "title": entry.album, "cover_xl": cover, "type": "album"},
        )
        if full:
            item.update(isrc=entry.isrc, release_date=f"{entry.year}-01-01")
    return item


# ---- iTunes --------------------------------------------------------------------------


def itunes(catalog: Catalog) -> StandIn:
    standin = StandIn("itunes")

    @standin.route("GET", "/search")
    def search(request: Request) -> Reply:
        entity = request.query.get("entity", "album")
        kind = {"album": "album", "song": "track", "musicArtist": "artist"}[entity]
        entries = catalog.search(kind, request.query.get("term", ""))
        results = [_itunes_item(entry) for entry in entries]
        return Reply({"resultCount": len(results), "results": results})

    @standin.route("GET", "/lookup")
    def lookup(request: Request) -> Reply:
        upc, isrc = request.query.get("upc"), request.query.get("isrc")
        entry = catalog.by_upc(upc) if upc else catalog.by_isrc(isrc) if isrc else None
        results = [_itunes_item(entry)] if entry else []
        return Reply({"resultCount": len(results), "results": results})

    return standin


def _itunes_item(entry: Entry) -> dict[str, Any]:
    iid = 9000 + entry.n
    art = f"https://is1-ssl.mzstatic.com/image/thumb/{iid}/100x100bb.jpg"
    if entry.kind == "artist":
        return {
            "wrapperType": "artist",
            "artistType": "Artist",
            "artistName": entry.title,
            "artistId": iid,
            "artistLinkUrl": f"https://music.apple.com/us/artist/x/{iid}?uo=4",
        }
    collection = {
        "artistName": entry.artist,
        "collectionId": iid + 50_000,
        "collectionName": entry.album if entry.kind == "track" else entry.title,
        "collectionViewUrl": f"https://music.apple.com/us/album/x/{iid + 50_000}?uo=4",
        "artworkUrl100": art,
        "releaseDate": f"{entry.year}-01-01T08:00:00Z",
        "collectionType": "Compilation" if entry.record_type == "compilation" else "Album",
    }
    if entry.kind == "album":
        if entry.record_type in {"single", "ep"}:  # iTunes names them so
            collection["collectionName"] += (
                " - Single" if entry.record_type == "single" else " - EP"
            )
        return {
            "wrapperType": "collection",
            **collection,
            "collectionId": iid,
            "collectionViewUrl": f"https://music.apple.com/us/album/x/{iid}?uo=4",
        }
    return {
        "wrapperType": "track",
        "kind": "song",
        **collection,
        "trackId": iid,
        "trackName": entry.title,
        "trackTimeMillis": entry.duration_ms,
        "trackViewUrl": f"https://music.apple.com/us/album/x/{iid + 50_000}?i={iid}&uo=4",
    }
