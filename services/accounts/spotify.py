"""Spotify accounts: authorization URLs, users' token grants, and the Web API calls accounts
need, over the process's one `SpotifyApi` (`services.providers.spotify`).

Its faults are named here, at the accounts' edge: a person waits on these answers, so a
failure is a problem naming Spotify at once, with Spotify's wait (capped at
`MAX_RETRY_AFTER_SECONDS`) as its `Retry-After`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlencode

import httpx
from injector import inject, singleton

from services.errors import AccountsNotConfigured, NotFound, ProviderUnavailable
from services.providers.guard import Fault, unavailable
from services.providers.spotify import SpotifyApi, TokenGrant, json_object
from services.settings import Settings

SCOPES = "user-read-currently-playing user-read-playback-state"


class AccessTokenExpired(Exception):
    """The Web API answered 401: the access token expired (or was revoked)."""


@contextmanager
def named_spotify(settings: Settings) -> Iterator[None]:
    """Spotify's faults as `ProviderUnavailable`, its wait capped at `MAX_RETRY_AFTER_SECONDS`."""
    try:
        yield
    except Fault as fault:
        raise unavailable("spotify", fault, settings.max_retry_after_seconds) from None


@singleton
class SpotifyAccountsClient:
    """Authorization URLs and `/api/token` grants (authorization code + PKCE, refresh, client)."""

    @inject
    def __init__(self, settings: Settings, api: SpotifyApi) -> None:
        self._settings = settings
        self._api = api

    def _client_id(self) -> str:
        if not self._settings.spotify_client_id:
            raise AccountsNotConfigured("SPOTIFY_CLIENT_ID", "it is unset")
        return self._settings.spotify_client_id

    def _redirect_uri(self) -> str:
        if not self._settings.spotify_redirect_uri:
            raise AccountsNotConfigured(
                "SPOTIFY_REDIRECT_URI", "it is unset (point it at this service's /spotify/callback)"
            )
        return self._settings.spotify_redirect_uri

    def check(self) -> None:
        """Raise `AccountsNotConfigured` before a user is sent to Spotify for nothing."""
        self._client_id()
        self._redirect_uri()

    def authorize_url(self, state: str, code_challenge: str) -> str:
        query = {
            "client_id": self._client_id(),
            "response_type": "code",
            "redirect_uri": self._redirect_uri(),
            "state": state,
            "scope": SCOPES,
            "code_challenge_method": "S256",
            "code_challenge": code_challenge,
        }
        return f"{self._settings.spotify_accounts_url}/authorize?{urlencode(query)}"

    def exchange_code(self, code: str, code_verifier: str) -> TokenGrant:
        return self._grant(
            {
                "grant_type": "authorization_code",
                "code": code,
                "redirect_uri": self._redirect_uri(),
                "code_verifier": code_verifier,
            }
        )

    def refresh(self, refresh_token: str) -> TokenGrant:
        return self._grant({"grant_type": "refresh_token", "refresh_token": refresh_token})

    def app_token(self, renew: bool = False) -> str:
        """The app's client-credentials token (shared with the links provider)."""
        if not self._settings.spotify_client_secret:
            raise AccountsNotConfigured("SPOTIFY_CLIENT_SECRET", "playlists need app credentials")
        self._client_id()
        with named_spotify(self._settings):
            return self._api.app_token(renew)

    def _grant(self, form: dict[str, str]) -> TokenGrant:
        self._client_id()
        with named_spotify(self._settings):
            return self._api.grant(form)


@singleton
class SpotifyWebApi:
    """The Web API calls accounts need: what a user is playing, a playlist's tracks."""

    @inject
    def __init__(self, settings: Settings, api: SpotifyApi) -> None:
        self._settings = settings
        self._api = api

    def currently_playing(self, access_token: str) -> dict[str, Any] | None:
        """The currently-playing object, or None when nothing plays (204)."""
        params = {"additional_types": "track,episode"}
        response = self._get("me/player/currently-playing", access_token, params)
        if response.status_code == 401:
            raise AccessTokenExpired()
        if response.status_code == 204 or (response.status_code == 200 and not response.content):
            return None
        if response.status_code != 200:
            raise ProviderUnavailable("spotify", f"now playing: HTTP {response.status_code}")
        return self._object(response)

    def playlist_tracks(self, access_token: str, playlist_id: str, limit: int) -> list[Any]:
        """The first `limit` entries' tracks (null for removed ones), from the paging object.

        `/items`, not `/tracks`: since March 2026 Spotify answers `/tracks` 403 to apps
        in Development Mode (February 2026 Web API migration guide).
        """
        params = {
            "limit": limit,
            "offset": 0,
            "market": self._settings.lookup_country,
            "additional_types": "track,episode",
        }
        response = self._get(f"playlists/{playlist_id}/items", access_token, params)
        if response.status_code == 404:
            raise NotFound(playlist_id)
        if response.status_code == 401:
            raise AccessTokenExpired()
        if response.status_code != 200:
            raise ProviderUnavailable("spotify", f"playlist answered {response.status_code}")
        items = self._object(response).get("items")
        if not isinstance(items, list):
            raise ProviderUnavailable("spotify", "playlist paging object without items")
        # Entries carry `item` (and, during Spotify's deprecation window, `track` too).
        return [(entry or {}).get("item") or (entry or {}).get("track") for entry in items][:limit]

    def _get(self, path: str, access_token: str, params: dict[str, Any]) -> httpx.Response:
        url = f"{self._settings.spotify_api_url}/{path}"
        headers = {"Authorization": f"Bearer {access_token}"}
        with named_spotify(self._settings):
            return self._api.request("GET", url, params=params, headers=headers)

    def _object(self, response: httpx.Response) -> dict[str, Any]:
        with named_spotify(self._settings):
            return json_object(response)
