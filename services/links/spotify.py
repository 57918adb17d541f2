"""Spotify through spotipy with client credentials: albums, tracks and artists."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import requests
import spotipy
from spotipy.cache_handler import MemoryCacheHandler
from spotipy.oauth2 import SpotifyClientCredentials

from services.links.agreement import core_title, similarity
from services.links.guard import Broken, Fault, Guard, Transient, fault_for_status
from services.links.matching import Candidate, best
from services.links.provider import BaseProvider, first_choice, quoted, upc_variants, year_of
from services.links.query import ProviderResult, Query, found
from services.model import LinkMethod
from services.settings import Settings

Item = dict[str, Any]


class SpotifyProvider(BaseProvider):
    """Gives ISRC (tracks) and UPC (albums) to the others, and looks works up by them."""

    name = "spotify"
    platforms = ("spotify",)
    gives_identifiers = True
    uses_identifiers = True

    def __init__(self, settings: Settings, guard: Guard) -> None:
        secret = settings.spotify_client_secret
        configured = settings.spotify_client_id and secret and secret.get_secret_value()
        super().__init__(None if configured else "SPOTIFY_CLIENT_ID/SECRET are not set")
        self._guard = guard
        self._client: spotipy.Spotify | None = None
        if configured and secret:
            timeout = settings.lookup_timeout_seconds
            manager = SpotifyClientCredentials(
                settings.spotify_client_id,
                secret.get_secret_value(),
                requests_timeout=timeout,
                cache_handler=MemoryCacheHandler(),  # never a token file in the working dir
            )
            manager.OAUTH_TOKEN_URL = settings.spotify_accounts_url.rstrip("/") + "/api/token"
            # A plain session, retries 0: spotipy's urllib3 Retry would sleep through a
            # `Retry-After: 3600` and lose the header; the guard decides instead.
            self._client = spotipy.Spotify(
                auth_manager=manager,
                requests_session=requests.Session(),
                requests_timeout=timeout,
                retries=0,
                status_retries=0,
                backoff_factor=0,
            )
            self._client.prefix = settings.spotify_api_url.rstrip("/") + "/"

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
                title_match = similarity(core_title(query.title), core_title(item["name"]))
                confidence = 0.99 if title_match >= 0.6 else 0.9
                return self._result(query, item, confidence, field)
        return None

    def _work(self, query: Query) -> ProviderResult:
        kind = query.kind

        def search(artist: str, title: str) -> list[Candidate[Item]]:
            q = f"{kind}:{quoted(title)}" + (f" artist:{quoted(artist)}" if artist else "")
            return [self._candidate(item) for item in self._search(q, kind, query.country)]

        choice = first_choice(query, search)
        if choice.match is None:
            return self._not_found(choice)
        return self._result(query, choice.match[0].item or {}, choice.match[1], "search")

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
        isrc = upc = album_upc = position = None
        if query.kind == "album":
            upc = self._upc(item["id"], query.country)
            cover = _image(item)
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
        )

    def _upc(self, album_id: str, market: str) -> str | None:
        """An album's UPC (for the others); the match stands without it."""
        try:
            full = self._call(lambda c: c.album(album_id, market=market))
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
            item=item,
        )

    def _search(self, q: str, kind: str, market: str) -> list[Item]:
        answer = self._call(lambda c: c.search(q, limit=10, type=kind, market=market))
        if not isinstance(answer, dict):
            raise Broken("malformed answer from spotify")
        return [item for item in answer[kind + "s"]["items"] if item]

    def _call(self, fn: Callable[[spotipy.Spotify], Any]) -> Any:
        client = self._client
        assert client is not None

        def attempt() -> Any:
            try:
                return fn(client)
            except spotipy.SpotifyException as error:
                status, headers = error.http_status, error.headers or {}
                raise fault_for_status(status, headers, str(error.msg)) from None
            except spotipy.SpotifyOauthError as error:
                raise Broken(f"token refused: {error.error or 'unknown'}") from None
            except requests.Timeout:
                raise Transient("timed out") from None
            except requests.RequestException as error:
                raise Transient(f"connection failed: {type(error).__name__}") from None

        return self._guard.call(attempt)

    def close(self) -> None:
        if self._client is not None:
            self._client._session.close()


def _image(item: Item) -> str | None:
    images = item.get("images") or []
    return images[0].get("url") if images else None
