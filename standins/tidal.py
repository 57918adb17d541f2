"""TIDAL's API stand-in: the token endpoint and the catalogue's JSON:API documents.

`POST /oauth2/token` (the auth host's `/v1/oauth2/token`): HTTP Basic with the
client's id and secret and `grant_type=client_credentials` gives `{"access_token",
"token_type": "Bearer", "expires_in", "scope"}`; other credentials a 401
`invalid_client`. The catalogue (the API host's `/v2`), with a token it issued and
`Accept: application/vnd.api+json`:

- `GET /searchResults?filter[query]=…`: one `searchResults` resource whose `tracks`
  and `albums` relationships list what free text finds, in catalogue order;
- `GET /tracks?filter[isrc]=…`, `GET /albums?filter[barcodeId]=…`: collections;
- `GET /tracks/{id}`, `GET /albums/{id}` (a track's album too): one resource, or 404.

As TIDAL documents it, a resource carries only the relationships named in `include`
(dot paths from the root, `tracks.albums.coverArt`, each embedding the resources it
passes through: `standins.tidal_documents`); an include path it cannot resolve, or a
filter it does not document, is a 400. Errors are `{"errors": [{"status", "code",
"detail"}]}`.
"""

from __future__ import annotations

import itertools
import secrets
import zlib
from base64 import b64decode
from typing import Any

from standins.catalog import Catalog, Entry
from standins.server import Reply, Request, StandIn
from standins.tidal_documents import (
    ALBUMS_OF_TRACKS,
    JSON_API,
    TRACKS,
    Included,
    album_of,
    document,
    entry_id,
    error,
    ref,
    resource,
)

CLIENT_ID = "standin-tidal-client-id"
CLIENT_SECRET = "standin-tidal-client-secret"
RELATIONSHIPS = {"tracks": {"artists", "albums"}, "albums": {"artists", "coverArt"}}
FILTERS = {"tracks": {"isrc", "id"}, "albums": {"barcodeId", "id"}}


class Tidal:
    """The stand-in and its tokens; `expires_in` is what new tokens say of their life."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.standin = StandIn("tidal")
        self.tokens: set[str] = set()
        self.expires_in = 86_400
        self._numbers = itertools.count(1)
        route = self.standin.route
        route("POST", "/oauth2/token")(self._token)
        route("GET", "/searchResults")(self._authorized(self._search))
        route("GET", r"/(?P<kind>tracks|albums)")(self._authorized(self._filtered))
        route("GET", r"/(?P<kind>tracks|albums)/(?P<id>\d+)")(self._authorized(self._one))

    @property
    def url(self) -> str:
        return self.standin.url

    def expire_tokens(self) -> None:
        """Every token issued so far is refused (401) from now on."""
        self.tokens.clear()

    def _token(self, request: Request) -> Reply:
        scheme, _, credentials = request.headers.get("authorization", "").partition(" ")
        client = b64decode(credentials).decode() if scheme == "Basic" else ""
        if client != f"{CLIENT_ID}:{CLIENT_SECRET}":
            return Reply(
                {
                    "status": 401,
                    "error": "invalid_client",
                    "sub_status": 1002,
                    "error_description": "Client not found",
                },
                401,
            )
        if request.form().get("grant_type") != "client_credentials":
            return Reply({"status": 400, "error": "unsupported_grant_type"}, 400)
        token = f"tidal-app-{next(self._numbers)}-{secrets.token_urlsafe(24)}"
        self.tokens.add(token)
        body = {
            "access_token": token,
            "token_type": "Bearer",
            "expires_in": self.expires_in,
            "scope": "",
        }
        return Reply(body)

    def _authorized(self, answer: Any) -> Any:
        def checked(request: Request) -> Reply:
            scheme, _, token = request.headers.get("authorization", "").partition(" ")
            if scheme != "Bearer" or token not in self.tokens:
                return error(401, "UNAUTHORIZED", "Access token is missing or invalid")
            if JSON_API not in request.headers.get("accept", ""):
                return error(406, "NOT_ACCEPTABLE", f"Accept {JSON_API}")
            return answer(request)

        return checked

    def _search(self, request: Request) -> Reply:
        query = request.query.get("filter[query]", "")
        paths = _include(request)
        if isinstance(paths, Reply):
            return paths
        relationships, included = {}, Included()
        for plural in ("tracks", "albums"):
            if not any(path.split(".")[0] == plural for path in paths):
                continue
            kind = plural[:-1]
            found = self.catalog.search(kind, text=query)[:20]
            nested = {path.partition(".")[2] for path in paths if path.startswith(plural + ".")}
            for entry in found:
                included.add(*resource(entry, nested - {""}))
            relationships[plural] = {"data": [ref(plural, entry_id(e)) for e in found], "links": {}}
        results = {
            "id": f"{zlib.crc32(query.encode()):x}",
            "type": "searchResults",
            "attributes": {"query": query, "trackingId": secrets.token_hex(8)},
            "relationships": relationships,
        }
        return document([results], included)

    def _filtered(self, request: Request) -> Reply:
        plural = request.match["kind"]
        filters = {k[7:-1]: v for k, v in request.query.items() if k.startswith("filter[")}
        unknown = set(filters) - FILTERS[plural]
        if unknown or not filters:
            detail = f"available filters: {', '.join(sorted(FILTERS[plural]))}"
            return error(400, "INVALID_FILTER", detail)
        paths = _include(request, plural)
        if isinstance(paths, Reply):
            return paths
        if "isrc" in filters:
            entries = [self.catalog.by_isrc(filters["isrc"])]
        elif "barcodeId" in filters:
            entries = [self.catalog.by_upc(filters["barcodeId"])]
        else:
            entries = [self._entry(plural, filters["id"])]
        data, included = [], Included()
        for entry in entries:
            if entry is not None:
                found, related = resource(entry, paths)
                data.append(found)
                included.add(None, related)
        return document(data, included)

    def _one(self, request: Request) -> Reply:
        plural = request.match["kind"]
        paths = _include(request, plural)
        if isinstance(paths, Reply):
            return paths
        entry = self._entry(plural, request.match["id"])
        if entry is None:
            return error(404, "NOT_FOUND", f"{plural} {request.match['id']} not found")
        album_of_track = plural == "albums" and entry.kind == "track"
        found, related = album_of(entry, paths) if album_of_track else resource(entry, paths)
        return document(found, Included(related))

    def _entry(self, plural: str, ident: str) -> Entry | None:
        number = int(ident)
        if plural == "albums" and number > ALBUMS_OF_TRACKS:
            entry = self.catalog.by_n(number - ALBUMS_OF_TRACKS)
            return entry if entry is not None and entry.kind == "track" else None
        entry = self.catalog.by_n(number - TRACKS)
        return entry if entry is not None and entry.kind == plural[:-1] else None


def _include(request: Request, root: str = "searchResults") -> set[str] | Reply:
    """The include paths asked for, each with the paths it passes through (a nested path
    embeds its intermediate resources), every one resolvable from `root`; or the 400."""
    asked = {path for path in request.query.get("include", "").split(",") if path}
    paths = {".".join(p.split(".")[: n + 1]) for p in asked for n in range(p.count(".") + 1)}
    graph = {
        "searchResults": {"tracks", "albums"},
        "artworks": set(),
        "artists": set(),
        **RELATIONSHIPS,
        "coverArt": set(),
    }
    for path in paths:
        at = root
        for step in path.split("."):
            if step not in graph[at]:
                return error(400, "INVALID_INCLUDE", f"cannot resolve include path {path}")
            at = step
    return paths
