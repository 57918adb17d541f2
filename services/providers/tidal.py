"""TIDAL's API (v2: JSON:API documents) with the app's client-credentials token.

Searches (`GET /searchResults?filter[query]=…&include=tracks…`), tracks by ISRC
(`GET /tracks?filter[isrc]=…`), albums by barcode (`GET /albums?filter[barcodeId]=…`)
and a track or an album by id (`GET /tracks/{id}`, `GET /albums/{id}`), each asked with
its artists and cover art included (`include=artists,albums.coverArt`), in the market
of `countryCode`. A resource comes back as a `TidalItem`: its attributes, with what
its relationships name in the document's `included` (artist names, the album, the
largest cover) flattened in. Errors are JSON:API `errors` arrays; a 429 says when to
come back in `Retry-After`. The token: `services.providers.app_token` at
`TIDAL_AUTH_URL`.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

import httpx
from pydantic import TypeAdapter, ValidationError

from services.providers.app_token import AppToken
from services.providers.guard import Broken, Fault, Guard, fault_for_status
from services.providers.http import JsonApi

JSON_API = "application/vnd.api+json"
TOKEN_PATH = "oauth2/token"
# What every answer includes: the artists' names, and the cover art (a track's is its album's).
INCLUDE = {"track": "artists,albums.coverArt", "album": "artists,coverArt"}
PLURAL = {"track": "tracks", "album": "albums"}

Kind = Literal["track", "album"]
Resource = dict[str, Any]
Included = Mapping[tuple[str, str], Resource]  # by (type, id)
_DURATION = TypeAdapter(datetime.timedelta)


@dataclass(frozen=True, slots=True)
class TidalItem:
    """A track or an album as TIDAL describes it (one resource and what it includes)."""

    kind: Kind
    id: str
    title: str
    version: str = ""  # "Live", "2011 Remaster": apart from the title, as TIDAL keeps it
    artists: tuple[str, ...] = ()  # as credited, the main artist first
    duration_ms: int | None = None
    isrc: str | None = None  # a track's
    barcode: str | None = None  # an album's UPC or EAN
    album: str | None = None  # a track's album
    album_type: str | None = None  # ALBUM, EP or SINGLE: an album's, or a track's album's
    release_date: str | None = None  # an album's, or a track's album's
    track_count: int | None = None  # an album's, or a track's album's
    cover: str | None = None  # the largest image of the cover art

    @property
    def full_title(self) -> str:
        """The title with its version, as the other platforms write it."""
        if self.version and self.version.lower() not in self.title.lower():
            return f"{self.title} ({self.version})"
        return self.title


class TidalApi(JsonApi):
    """TIDAL's catalogue, asked with the app's token; without credentials nothing is sent
    (`has_credentials` says so first)."""

    def __init__(
        self,
        base_url: str,
        guard: Guard,
        timeout: float,
        auth_url: str,
        client_id: str,
        client_secret: str,
    ) -> None:
        self.has_credentials = bool(client_id and client_secret)
        self._token = AppToken(
            f"{auth_url.rstrip('/')}/{TOKEN_PATH}", client_id, client_secret, timeout
        )
        super().__init__(base_url, guard, timeout, headers={"Accept": JSON_API}, auth=self._token)

    def search(self, kind: Kind, text: str, country: str) -> list[TidalItem]:
        """The tracks or albums a search finds, best first."""
        plural = PLURAL[kind]
        include = ",".join(f"{plural}.{path}" for path in INCLUDE[kind].split(","))
        params = {"filter[query]": text, "countryCode": country, "include": include}
        document = self._document(self.get("searchResults", params))
        results = document["data"]
        found = results[0].get("relationships", {}).get(plural, {}) if results else {}
        return items(document, kind, [ref["id"] for ref in found.get("data") or []])

    def by_isrc(self, isrc: str, country: str) -> list[TidalItem]:
        """The tracks with this ISRC (one recording may be on several releases)."""
        return self._filtered("track", "isrc", isrc, country)

    def by_barcode(self, barcode: str, country: str) -> list[TidalItem]:
        """The albums with this UPC or EAN."""
        return self._filtered("album", "barcodeId", barcode, country)

    def read(
        self, kind: Kind, item_id: str, country: str, someone_waits: bool = False
    ) -> TidalItem | None:
        """The track or album with this id (a link someone pasted); None when TIDAL has
        none (404) in that market."""
        params = {"countryCode": country, "include": INCLUDE[kind]}
        path = f"{PLURAL[kind]}/{item_id}"
        answer = self.get(path, params, missing_ok=True, someone_waits=someone_waits)
        if answer is None:
            return None
        document = self._document(answer)
        found = items({**document, "data": [document["data"]]}, kind)
        return found[0] if found else None

    def fetch(self, path: str, params: dict[str, Any], missing_ok: bool = False) -> Any:
        if not self.has_credentials:
            raise Broken("TIDAL_CLIENT_ID/SECRET are not set")
        return super().fetch(path, params, missing_ok)

    def fault(self, response: httpx.Response) -> Fault:
        """What TIDAL's `errors` say (code and detail), with the status's meaning."""
        return fault_for_status(
            response.status_code, response.headers, error_detail(response) or "error"
        )

    def close(self) -> None:
        super().close()
        self._token.close()

    def _filtered(self, kind: Kind, field: str, value: str, country: str) -> list[TidalItem]:
        params = {f"filter[{field}]": value, "countryCode": country, "include": INCLUDE[kind]}
        return items(self._document(self.get(PLURAL[kind], params)), kind)

    @staticmethod
    def _document(answer: Any) -> Resource:
        if not isinstance(answer, dict) or "data" not in answer:
            raise Broken("malformed answer from tidal (no JSON:API document)")
        return answer


def items(document: Resource, kind: Kind, ids: list[str] | None = None) -> list[TidalItem]:
    """The document's tracks or albums (those of `ids`, in that order, from `included`;
    else its primary data), flattened; `Broken` when the document is malformed."""
    try:
        included = {
            (resource["type"], resource["id"]): resource
            for resource in [*(document.get("included") or []), *(document.get("data") or [])]
        }
        plural = PLURAL[kind]
        if ids is None:
            resources = [r for r in document["data"] if r.get("type") == plural]
        else:
            resources = [included[plural, i] for i in ids if (plural, i) in included]
        return [_item(kind, resource, included) for resource in resources]
    except (AttributeError, KeyError, TypeError) as error:
        raise Broken(f"malformed answer from tidal ({type(error).__name__})") from None


def _item(kind: Kind, resource: Resource, included: Included) -> TidalItem:
    attributes = resource.get("attributes") or {}
    artists = tuple(
        str(artist["attributes"]["name"]) for artist in _related(resource, "artists", included)
    )
    album = resource if kind == "album" else next(iter(_related(resource, "albums", included)), {})
    album_attributes = album.get("attributes") or {}
    covers = _related(album, "coverArt", included) if album else []
    return TidalItem(
        kind=kind,
        id=str(resource["id"]),
        title=str(attributes["title"]),
        version=str(attributes.get("version") or ""),
        artists=artists,
        duration_ms=duration_ms(attributes.get("duration")),
        isrc=(attributes.get("isrc") or None) if kind == "track" else None,
        barcode=(attributes.get("barcodeId") or None) if kind == "album" else None,
        album=album_attributes.get("title") if kind == "track" else None,
        album_type=album_attributes.get("albumType") or album_attributes.get("type"),
        release_date=album_attributes.get("releaseDate"),
        track_count=_count(album_attributes.get("numberOfItems")),
        cover=_largest(covers),
    )


def _related(resource: Resource, relationship: str, included: Included) -> list[Resource]:
    """The included resources a relationship names, in its order (those not included are
    left out: TIDAL names only what was asked for)."""
    refs = ((resource.get("relationships") or {}).get(relationship) or {}).get("data") or []
    keys = [(ref["type"], ref["id"]) for ref in refs]
    return [included[key] for key in keys if key in included]


def _count(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _largest(artworks: list[Resource]) -> str | None:
    """The largest image file of the first image artwork."""
    for artwork in artworks:
        attributes = artwork.get("attributes") or {}
        if attributes.get("mediaType", "IMAGE") != "IMAGE":
            continue
        files = [f for f in attributes.get("files") or [] if f.get("href")]
        if files:
            return str(max(files, key=lambda f: (f.get("meta") or {}).get("width") or 0)["href"])
    return None


def duration_ms(value: object) -> int | None:
    """An ISO 8601 duration (`PT3M21S`) in milliseconds; None when there is none."""
    if not isinstance(value, str) or not value:
        return None
    try:
        return round(_DURATION.validate_python(value).total_seconds() * 1000)
    except ValidationError:
        return None


def error_detail(response: httpx.Response) -> str:
    """The first JSON:API error of an answer (`code: detail`), or ""."""
    try:
        errors = response.json().get("errors")
        first = errors[0]
        return ": ".join(str(first[key]) for key in ("code", "detail") if first.get(key))
    except (ValueError, AttributeError, TypeError, IndexError, KeyError):
        return ""
