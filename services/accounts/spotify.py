"""Spotify's accounts service (OAuth tokens) and the Web API calls accounts need, over httpx."""

from __future__ import annotations

import base64
import threading
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import httpx
from injector import inject, singleton

from services.errors import AccountsNotConfigured, NotFound, ProviderUnavailable
from services.settings import Settings

SCOPES = "user-read-currently-playing user-read-playback-state"


@dataclass(frozen=True, slots=True)
class TokenGrant:
    """What `/api/token` answers; `refresh_token` only when Spotify rotated (or issued) one."""

    access_token: str
    expires_in: int
    refresh_token: str | None = None


class GrantRefused(Exception):
    """`/api/token` answered `invalid_grant` (revoked refresh token, used or wrong code)."""

    def __init__(self, description: str) -> None:
        super().__init__(description)
        self.description = description


class AccessTokenExpired(Exception):
    """The Web API answered 401: the access token expired (or was revoked)."""


class SpotifyHttp:
    """One lazily created httpx client with the lookup timeout; failures name Spotify."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._client: httpx.Client | None = None
        self._lock = threading.Lock()

    def _http(self) -> httpx.Client:
        with self._lock:
            if self._client is None:
                self._client = httpx.Client(timeout=self._settings.lookup_timeout_seconds)
            return self._client

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        try:
            response = self._http().request(method, url, **kwargs)
        except httpx.HTTPError as error:
            raise ProviderUnavailable("spotify", f"{type(error).__name__}: {error}") from error
        if response.status_code == 429:
            # We answer at once with the wait rather than holding a request open for it.
            retry_after = _seconds(response.headers.get("Retry-After"), default=1.0)
            cap = self._settings.max_retry_after_seconds
            raise ProviderUnavailable("spotify", "rate limited", retry_after=min(retry_after, cap))
        if response.status_code >= 500:
            raise ProviderUnavailable("spotify", f"HTTP {response.status_code}")
        return response

    def close(self) -> None:
        if self._client is not None:
            self._client.close()


def _seconds(value: str | None, default: float) -> float:
    try:
        return max(1.0, float(value)) if value else default
    except ValueError:
        return default


def _json(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        raise ProviderUnavailable("spotify", "answered something that is not JSON") from None
    if not isinstance(body, dict):
        raise ProviderUnavailable("spotify", "answered JSON of an unexpected shape")
    return body


@singleton
class SpotifyAccountsClient:
    """Authorization URLs and `/api/token` grants (authorization code + PKCE, refresh, client)."""

    @inject
    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._http = SpotifyHttp(settings)

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

    def client_credentials(self) -> TokenGrant:
        if not self._settings.spotify_client_secret:
            raise AccountsNotConfigured("SPOTIFY_CLIENT_SECRET", "playlists need app credentials")
        return self._grant({"grant_type": "client_credentials"})

    def _grant(self, form: dict[str, str]) -> TokenGrant:
        headers = {}
        secret = self._settings.spotify_client_secret
        if secret:
            pair = f"{self._client_id()}:{secret.get_secret_value()}".encode()
            headers["Authorization"] = "Basic " + base64.b64encode(pair).decode()
        else:  # a PKCE public client identifies itself in the body
            form = {**form, "client_id": self._client_id()}
        url = f"{self._settings.spotify_accounts_url}/api/token"
        response = self._http.request("POST", url, data=form, headers=headers)
        body = _json(response)
        if response.status_code == 400 and body.get("error") == "invalid_grant":
            raise GrantRefused(str(body.get("error_description") or "invalid_grant"))
        if response.status_code != 200 or not body.get("access_token"):
            detail = body.get("error_description") or body.get("error") or response.status_code
            raise ProviderUnavailable("spotify", f"token endpoint refused: {detail}")
        return TokenGrant(
            access_token=str(body["access_token"]),
            expires_in=int(body.get("expires_in") or 3600),
            refresh_token=body.get("refresh_token"),
        )

    def close(self) -> None:
        self._http.close()


@singleton
class SpotifyWebApi:
    """The Web API calls accounts need: what a user is playing, a playlist's tracks."""

    @inject
    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._http = SpotifyHttp(settings)

    def currently_playing(self, access_token: str) -> dict[str, Any] | None:
        """The currently-playing object, or None when nothing plays (204)."""
        response = self._http.request(
            "GET",
            f"{self._settings.spotify_api_url}/me/player/currently-playing",
            params={"additional_types": "track,episode"},
            headers={"Authorization": f"Bearer {access_token}"},
        )
        if response.status_code == 401:
            raise AccessTokenExpired()
        if response.status_code == 204 or (response.status_code == 200 and not response.content):
            return None
        if response.status_code != 200:
            raise ProviderUnavailable("spotify", f"now playing: HTTP {response.status_code}")
        return _json(response)

    def playlist_tracks(self, access_token: str, playlist_id: str, limit: int) -> list[Any]:
        """The first `limit` entries' tracks (null for removed ones), from the paging object.

        `/items`, not `/tracks`: since March 2026 Spotify answers `/tracks` 403 to apps
        in Development Mode (February 2026 Web API migration guide).
        """
        response = self._http.request(
            "GET",
            f"{self._settings.spotify_api_url}/playlists/{playlist_id}/items",
            params={
                "limit": limit,
                "offset": 0,
                "market": self._settings.lookup_country,
                "additional_types": "track,episode",
            },
            headers={"Authorization": f"Bearer {access_token}"},
        )
        if response.status_code == 404:
            raise NotFound(playlist_id)
        if response.status_code == 401:
            raise AccessTokenExpired()
        if response.status_code != 200:
            raise ProviderUnavailable("spotify", f"playlist answered {response.status_code}")
        items = _json(response).get("items")
        if not isinstance(items, list):
            raise ProviderUnavailable("spotify", "playlist paging object without items")
        # Entries carry `item` (and, during Spotify's deprecation window, `track` too).
        return [(entry or {}).get("item") or (entry or {}).get("track") for entry in items][:limit]

    def close(self) -> None:
        self._http.close()
