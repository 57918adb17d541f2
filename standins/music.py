"""Spotify Web API (catalog), Deezer and iTunes stand-ins answering their documented JSON.

Spotify: `GET /search?q=album:"…" artist:"…"|upc:…|isrc:…&type=…&limit=…` (a paging
object per type), `GET /albums/{id}` (with `external_ids.upc`; a track's album too),
`GET /tracks/{id}` (with `external_ids.isrc`), 404 for an unknown id; tokens from
`SpotifyAccounts` (client credentials). Deezer: `/search/{album,track,artist}`,
`/album/upc:…`, `/track/isrc:…`, `/album/{id}` (a track's album too), `/track/{id}`;
errors come as HTTP 200 `{"error": {"code": …}}` (800 no data, 4 quota). iTunes:
`/search?term=…&entity=…`, `/lookup?upc=…[&entity=song]` and `/lookup?id=…` (a track's
album too) with `{"resultCount", "results"}` (an unknown id: none).
"""

from __future__ import annotations

import re
import zlib
from typing import Any

from standins.catalog import Catalog, Entry
from standins.server import Reply, Request, StandIn

DEEZER_NO_DATA = {"error": {"type": "DataException", "message": "no data", "code": 800}}
DEEZER_QUOTA = {"error": {"type": "Exception", "message": "Quota limit exceeded", "code": 4}}
_FIELD = re.compile(r'(\w+):(?:"([^"]*)"|(\S+))')


def _fields(q: str) -> tuple[dict[str, str], str]:
    """`field:"value"` filters of a search, and the free text left beside them."""
    fields = {
        m.group(1): m.group(2) if m.group(2) is not None else m.group(3) for m in _FIELD.finditer(q)
    }
    return fields, _FIELD.sub(" ", q).strip()


def _limit(request: Request, default: int) -> int:
    value = request.query.get("limit", "")
    return int(value) if value.isdigit() else default


# ---- Spotify -------------------------------------------------------------------------


def spotify(catalog: Catalog) -> StandIn:
    standin = StandIn("spotify")

    @standin.route("GET", "/search")
    def search(request: Request) -> Reply:
        if not request.headers.get("authorization", "").startswith("Bearer "):
            return Reply({"error": {"status": 401, "message": "No token provided"}}, 401)
        kind = request.query["type"]
        fields, text = _fields(request.query["q"])
        if "upc" in fields:
            entries = [e for e in [catalog.by_upc(fields["upc"])] if e]
        elif "isrc" in fields:
            entries = [e for e in [catalog.by_isrc(fields["isrc"])] if e]
        elif kind == "artist":
            entries = catalog.search(kind, title=fields.get("artist"), text=text)
        else:
            entries = catalog.search(
                kind,
                title=fields.get(kind) or fields.get("album") or fields.get("track"),
                artist=fields.get("artist"),
                text=text,
            )
        items = [_spotify_item(entry) for entry in entries[: _limit(request, 20)]]
        return Reply(
            {
                kind + "s": {
                    "href": "",
                    "items": items,
                    "limit": _limit(request, 20),
                    "offset": 0,
                    "next": None,
                    "previous": None,
                    "total": len(entries),
                }
            }
        )

    @standin.route("GET", r"/albums/sp(?P<track>a?)(?P<n>\d+)")
    def album(request: Request) -> Reply:
        entry = catalog.by_n(int(request.match["n"]))
        if entry is None or (not request.match["track"] and entry.kind != "album"):
            return SPOTIFY_NOT_FOUND
        if request.match["track"]:  # the album of a track
            return Reply({**_spotify_album_of(entry), "external_ids": {"upc": entry.upc}})
        return Reply({**_spotify_item(entry), "external_ids": {"upc": entry.upc}})

    @standin.route("GET", r"/tracks/sp(?P<n>\d+)")
    def track(request: Request) -> Reply:
        entry = catalog.by_n(int(request.match["n"]))
        if entry is None or entry.kind != "track":
            return SPOTIFY_NOT_FOUND
        return Reply(_spotify_item(entry))

    return standin


SPOTIFY_NOT_FOUND = Reply({"error": {"status": 404, "message": "Resource not found"}}, 404)


def _spotify_artists(entry: Entry) -> list[dict[str, Any]]:
    return [
        {"id": f"ar{zlib.crc32(name.encode()) % 10**6}", "name": name, "type": "artist"}
        for name in entry.artists
    ]


def _spotify_album_of(entry: Entry) -> dict[str, Any]:
    sid = f"spa{entry.n}"
    return {
        "id": sid,
        "name": entry.album,
        "album_type": entry.record_type,
        "type": "album",
        "uri": f"spotify:album:{sid}",
        "external_urls": {"spotify": f"https://open.spotify.com/album/{sid}"},
        "artists": _spotify_artists(entry)[:1],
        "images": [{"url": f"https://i.scdn.co/image/sp{entry.n}", "height": 640, "width": 640}],
        "release_date": str(entry.year),
        "release_date_precision": "year",
    }


def _spotify_item(entry: Entry) -> dict[str, Any]:
    sid = f"sp{entry.n}"
    common = {
        "id": sid,
        "name": entry.title,
        "type": entry.kind,
        "uri": f"spotify:{entry.kind}:{sid}",
        "external_urls": {"spotify": f"https://open.spotify.com/{entry.kind}/{sid}"},
    }
    images = [{"url": f"https://i.scdn.co/image/{sid}", "height": 640, "width": 640}]
    if entry.kind == "artist":
        return {**common, "images": images, "genres": [], "popularity": 50}
    if entry.kind == "album":
        return {
            **common,
            "album_type": entry.record_type,
            "artists": _spotify_artists(entry),
            "images": images,
            "release_date": f"{entry.year}-01-01",
            "release_date_precision": "day",
            "total_tracks": entry.tracks,
        }
    return {
        **common,
        "artists": _spotify_artists(entry),
        "album": _spotify_album_of(entry),
        "duration_ms": entry.duration_ms,
        "disc_number": entry.disc,
        "track_number": entry.track_number,
        "external_ids": {"isrc": entry.isrc},
        "explicit": False,
    }


# ---- Deezer --------------------------------------------------------------------------


def deezer(catalog: Catalog) -> StandIn:
    standin = StandIn("deezer")

    @standin.route("GET", r"/search/(?P<kind>album|track|artist)")
    def search(request: Request) -> Reply:
        kind = request.match["kind"]
        fields, text = _fields(request.query.get("q", ""))
        if kind == "artist":
            entries = catalog.search(kind, text=text)
        else:
            entries = catalog.search(
                kind, title=fields.get(kind), artist=fields.get("artist"), text=text
            )
        data = [_deezer_item(entry) for entry in entries[: _limit(request, 25)]]
        return Reply({"data": data, "total": len(entries)})

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
        kind, number = request.match["kind"], int(request.match["n"])
        entry = catalog.by_n(number - 1000)
        if entry is not None and entry.kind == kind:
            return Reply(_deezer_item(entry, full=True))
        track = catalog.by_n(number - 5000) if kind == "album" else None
        if track is not None and track.kind == "track":  # a track's album
            return Reply(_deezer_album_of(track))
        return Reply(DEEZER_NO_DATA)

    return standin


def _deezer_album_of(track: Entry) -> dict[str, Any]:
    aid = 5000 + track.n
    return {
        "id": aid,
        "title": track.album,
        "upc": track.upc,
        "link": f"https://www.deezer.com/album/{aid}",
        "cover_xl": f"https://e-cdns-images.dzcdn.net/images/cover/{1000 + track.n}/1000x1000.jpg",
        "record_type": track.record_type,
        "release_date": f"{track.year}-01-01",
        "artist": _deezer_artist(track.artist),
        "type": "album",
    }


def _deezer_artist(name: str) -> dict[str, Any]:
    number = zlib.crc32(name.encode()) % 10**6
    return {
        "id": number,
        "name": name,
        "link": f"https://www.deezer.com/artist/{number}",
        "type": "artist",
    }


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
    item: dict[str, Any] = {
        "id": did,
        "title": entry.title,
        "link": f"https://www.deezer.com/{entry.kind}/{did}",
        "artist": _deezer_artist(entry.artist),
        "type": entry.kind,
    }
    if entry.kind == "album":
        item.update(cover_xl=cover, record_type=entry.record_type, nb_tracks=entry.tracks)
        if full:
            item.update(upc=entry.upc, release_date=f"{entry.year}-01-01")
    else:
        item.update(
            duration=entry.duration_ms // 1000,
            title_short=entry.title,
            title_version=entry.title_version,
            album={"id": 5000 + entry.n, "title": entry.album, "cover_xl": cover, "type": "album"},
        )
        if full:
            item.update(
                isrc=entry.isrc,
                release_date=f"{entry.year}-01-01",
                track_position=entry.track_number,
                disk_number=entry.disc,
                contributors=[_deezer_artist(name) for name in entry.artists],
            )
    return item


# ---- iTunes --------------------------------------------------------------------------


def itunes(catalog: Catalog) -> StandIn:
    standin = StandIn("itunes")

    @standin.route("GET", "/search")
    def search(request: Request) -> Reply:
        entity = request.query.get("entity", "album")
        kind = {"album": "album", "song": "track", "musicArtist": "artist"}[entity]
        term = request.query.get("term", "")
        entries = catalog.search(kind, text=term)
        results = [_itunes_item(entry) for entry in entries[: _limit(request, 50)]]
        return Reply({"resultCount": len(results), "results": results})

    @standin.route("GET", "/lookup")
    def lookup(request: Request) -> Reply:
        if "id" in request.query:
            results = _itunes_by_id(catalog, request.query["id"])
            return Reply({"resultCount": len(results), "results": results})
        upc = request.query.get("upc") or ""
        album, tracks = catalog.by_upc(upc), catalog.tracks_on(upc)
        results = [_itunes_item(album)] if album else []
        if not album and tracks:  # an album known only through its tracks
            results = [{**_itunes_item(tracks[0]), "wrapperType": "collection"}]
        if results and request.query.get("entity") == "song":
            results += [_itunes_item(track) for track in tracks]
        return Reply({"resultCount": len(results), "results": results})

    return standin


def _itunes_by_id(catalog: Catalog, ident: str) -> list[dict[str, Any]]:
    """What `lookup?id=` answers: the song or album with that id (a track's album too)."""
    number = int(ident) if ident.isdigit() else 0
    entry = catalog.by_n(number - 9000)
    if entry is not None and entry.kind in ("album", "track"):
        return [_itunes_item(entry)]
    track = catalog.by_n(number - 59_000)
    if track is not None and track.kind == "track":
        item = _itunes_item(track)
        keep = ("artistName", "collectionId", "collectionName", "collectionViewUrl")
        album = {name: item[name] for name in keep}
        return [{"wrapperType": "collection", **album, "releaseDate": item["releaseDate"]}]
    return []


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
        "trackCount": entry.tracks,
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
        "discNumber": entry.disc,
        "trackNumber": entry.track_number,
        "trackViewUrl": f"https://music.apple.com/us/album/x/{iid + 50_000}?i={iid}&uo=4",
    }
