"""Spotify over HTTP for links and accounts alike: one client, one reading of its errors,
one client-credentials token.

The links provider searches the catalog with the app's token, under its guard;
Spotify accounts exchange and refresh users' tokens and read their player and
playlists. Both go through one `SpotifyApi` (app.py makes one per process), so a
process holds one connection pool and one app token.

httpx, not spotipy: spotipy's urllib3 retries sleep through a `Retry-After: 3600`
unless turned off, it brings requests beside the httpx every other provider uses,
and it keeps a token cache of its own. Turned off, all it gave was a URL and a JSON
parse. Every failure here is a `Fault` (`services.providers.guard`), which the links
provider's guard retries or not; accounts name it as `ProviderUnavailable` at their
edge (`unavailable`).
"""

from __future__ import annotations

import base64
import threading
import time
from dataclasses import dataclass
from typing import Any

import httpx

from services.providers.guard import Broken, Transient, fault_for_status
from services.providers.http import tls_context
from services.reopening import Reopening
from services.settings import Settings

# An app token is renewed this long before Spotify says it expires.
TOKEN_MARGIN_SECONDS = 60


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


class SpotifyApi:
    """Spotify's Web API and accounts service over one lazily made httpx client."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._client = Reopening(self._connect)
        self._app_token: tuple[str, float] | None = None
        self._token_lock = threading.Lock()

    @property
    def has_app_credentials(self) -> bool:
        secret = self._settings.spotify_client_secret
        return bool(self._settings.spotify_client_id and secret and secret.get_secret_value())

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        """The answer, whatever its status but 429 and 5xx, which are faults as a dropped
        connection is: what other statuses mean depends on the call."""
        try:
            response = self._client.current().request(method, url, **kwargs)
        except httpx.TimeoutException:
            raise Transient("timed out") from None
        except httpx.HTTPError as error:
            raise Transient(f"connection failed: {type(error).__name__}") from None
        if response.status_code == 429:
            raise fault_for_status(429, response.headers, "rate limited")
        if response.status_code >= 500:
            raise fault_for_status(response.status_code, response.headers, response.reason_phrase)
        return response

    def catalog(self, path: str, params: dict[str, Any]) -> dict[str, Any]:
        """A Web API catalog answer (search, album) with the app's token, renewed once
        when Spotify refuses it before its time."""
        url = f"{self._settings.spotify_api_url.rstrip('/')}/{path}"
        for renew in (False, True):
            headers = {"Authorization": f"Bearer {self.app_token(renew)}"}
            response = self.request("GET", url, params=params, headers=headers)
            if response.status_code != 401:
                break
        if response.status_code >= 400:
            raise fault_for_status(response.status_code, response.headers, response.reason_phrase)
        return json_object(response)

    def app_token(self, renew: bool = False) -> str:
        """The app's client-credentials token, fetched once and kept until shortly before
        it expires (`renew`: Spotify refused it, fetch another)."""
        with self._token_lock:
            held = self._app_token
        if renew or held is None or held[1] <= time.monotonic():
            # Fetched outside the lock: callers racing at the start may each fetch one,
            # but a hanging token endpoint never queues them behind each other's time-out.
            try:
                grant = self.grant({"grant_type": "client_credentials"})
            except GrantRefused as refused:
                raise Broken(f"token endpoint refused: {refused.description}") from None
            expires = time.monotonic() + grant.expires_in - TOKEN_MARGIN_SECONDS
            held = (grant.access_token, expires)
            with self._token_lock:
                self._app_token = held
        return held[0]

    def grant(self, form: dict[str, str]) -> TokenGrant:
        """`POST /api/token`: a confidential client authenticates with its secret, a PKCE
        public client names itself in the form. `GrantRefused` for `invalid_grant`."""
        headers = {}
        client_id = self._settings.spotify_client_id or ""
        secret = self._settings.spotify_client_secret
        if secret:
            pair = f"{client_id}:{secret.get_secret_value()}".encode()
            headers["Authorization"] = "Basic " + base64.b64encode(pair).decode()
        else:
            form = {**form, "client_id": client_id}
        url = f"{self._settings.spotify_accounts_url.rstrip('/')}/api/token"
        response = self.request("POST", url, data=form, headers=headers)
        body = json_object(response)
        if response.status_code == 400 and body.get("error") == "invalid_grant":
            raise GrantRefused(str(body.get("error_description") or "invalid_grant"))
        if response.status_code != 200 or not body.get("access_token"):
            detail = body.get("error_description") or body.get("error") or response.status_code
            raise Broken(f"token endpoint refused: {detail}")
        return TokenGrant(
            access_token=str(body["access_token"]),
            expires_in=int(body.get("expires_in") or 3600),
            refresh_token=body.get("refresh_token"),
        )

    def close(self) -> None:
        """Drop the connections; a later call opens new ones (an app may be started again)."""
        self._client.close()

    def _connect(self) -> httpx.Client:
        return httpx.Client(timeout=self._settings.lookup_timeout_seconds, verify=tls_context())


def json_object(response: httpx.Response) -> dict[str, Any]:
    """The JSON object Spotify answered; anything else is `Broken`."""
    try:
        body = response.json()
    except ValueError:
        raise Broken("answered something that is not JSON") from None
    if not isinstance(body, dict):
        raise Broken("answered JSON of an unexpected shape")
    return body
