"""Spotify through spotipy, for links and accounts alike: one session, one app token.

The links provider searches the catalog with the app's token; Spotify accounts link
users (spotipy's PKCE manager) and read their player; playlist videos read a playlist
with the app's token. All of it goes through one `SpotifyApi` per process: one
requests session (one connection pool), one client-credentials token (kept in memory
by spotipy's `SpotifyClientCredentials`) and one guard.

spotipy never sleeps on its own here: its session has no retrying adapter and its
clients are made with `retries=0`, so a 429 raises `SpotifyException` with its
headers, which `spotify_faults` reads as a `Fault` for the guard (capped
`Retry-After`, back-off, breaker), as for every provider. Base URLs are settings
(`SPOTIFY_API_URL`, `SPOTIFY_ACCOUNTS_URL`), set through spotipy's public `prefix` and
`OAUTH_*_URL` attributes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from http import HTTPStatus
from typing import Any, TypeVar

import requests
import spotipy
from requests.adapters import HTTPAdapter
from spotipy.cache_handler import CacheHandler, MemoryCacheHandler
from spotipy.oauth2 import SpotifyClientCredentials, SpotifyOauthError, SpotifyPKCE

from services.providers.guard import Broken, Fault, Guard, Transient, fault_for_status
from services.settings import Settings

T = TypeVar("T")

# spotipy logs every HTTP error at ERROR (a 429 the guard handles, a 404 that is an
# answer) and, at DEBUG, token requests with their credentials: our own events say
# what matters, and nothing may log a secret.
logging.getLogger("spotipy").setLevel(logging.CRITICAL)


class TokenRefused(Broken):
    """The Web API answered 401: the access token expired or was revoked."""


class GrantRefused(Broken):
    """The token endpoint answered `invalid_grant` (a used or wrong code, a revoked or
    rotated-away refresh token)."""

    def __init__(self, description: str) -> None:
        super().__init__(f"token endpoint refused: {description}")
        self.description = description


class PooledSession(requests.Session):
    """The process's one requests session, shared by every spotipy object.

    spotipy closes the session of each client and auth manager it collects (their
    `__del__`), which for a shared session would drop the pool under other threads'
    requests; here that `close` does nothing, and `release` closes the connections
    when the process stops (a later request opens new ones). Its adapter is requests'
    own, which never retries, with a connection kept for each lookup that may call
    at once: requests' default keeps 10, and every call past them opened a connection
    (and a TLS handshake) only to drop it.
    """

    def __init__(self, connections: int) -> None:
        super().__init__()
        for prefix in ("https://", "http://"):
            self.mount(prefix, HTTPAdapter(pool_maxsize=connections))

    def close(self) -> None:
        """Left open: see the class."""

    def release(self) -> None:
        super().close()


@contextmanager
def spotify_faults() -> Iterator[None]:
    """spotipy's and requests' errors as `Fault`s: what the guard retries or not."""
    try:
        yield
    except SpotifyOauthError as error:
        raise _grant_fault(error) from None
    except spotipy.SpotifyException as error:
        status = error.http_status
        if status == 401:
            raise TokenRefused("Spotify refused the access token") from None
        detail = "rate limited" if status == 429 else error.reason or _phrase(status)
        raise fault_for_status(status, error.headers or {}, detail) from None
    except requests.JSONDecodeError:
        raise Broken("answered something that is not JSON") from None
    except requests.Timeout:
        raise Transient("timed out") from None
    except requests.RequestException as error:
        raise Transient(f"connection failed: {type(error).__name__}") from None


def _grant_fault(error: SpotifyOauthError) -> Fault:
    if error.error == "invalid_grant":
        return GrantRefused(str(error.error_description or "invalid_grant"))
    # spotipy raises this while handling the token endpoint's HTTPError, which keeps
    # the status and headers: a throttled or failing endpoint is not a refusal.
    answer = error.__context__
    if isinstance(answer, requests.HTTPError) and answer.response is not None:
        status = answer.response.status_code
        if status == 429 or status >= 500:
            return fault_for_status(status, answer.response.headers, "token endpoint")
    return Broken(f"token endpoint refused: {error.error_description or error.error}")


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "error"


class SpotifyApi:
    """spotipy clients over one session and one guard: the app's (client credentials)
    and users'. Every call raises `Fault`s."""

    def __init__(self, settings: Settings, guard: Guard) -> None:
        self._settings = settings
        self._guard = guard
        self._session = PooledSession(settings.lookups_at_once)
        self._app_auth: SpotifyClientCredentials | None = None
        self._app: spotipy.Spotify | None = None
        secret = settings.spotify_client_secret
        if settings.spotify_client_id and secret and secret.get_secret_value():
            self._app_auth = SpotifyClientCredentials(
                settings.spotify_client_id,
                secret.get_secret_value(),
                requests_session=self._session,
                requests_timeout=settings.lookup_timeout_seconds,
                cache_handler=MemoryCacheHandler(),  # never a token file in the working dir
            )
            self._app_auth.OAUTH_TOKEN_URL = self._token_url
            self._app = self._client(auth_manager=self._app_auth)

    @property
    def has_app_credentials(self) -> bool:
        return self._app is not None

    def search(self, q: str, kind: str, market: str, limit: int = 10) -> dict[str, Any]:
        """`GET /search` with the app's token."""
        return self._guard.call(
            lambda: self._as_app(lambda app: app.search(q, limit=limit, type=kind, market=market))
        )

    def album(self, album_id: str, market: str) -> dict[str, Any]:
        """`GET /albums/{id}` with the app's token."""
        return self._guard.call(
            lambda: self._as_app(lambda app: app.album(album_id, market=market))
        )

    def read(
        self, kind: str, item_id: str, market: str, someone_waits: bool = False
    ) -> dict[str, Any] | None:
        """`GET /tracks/{id}` or `GET /albums/{id}` (`kind` `track` or `album`) with the
        app's token, for a link someone pasted; None when Spotify has no such item (404)."""

        def call(app: spotipy.Spotify) -> Any:
            if kind == "track":
                return app.track(item_id, market=market)
            return app.album(item_id, market=market)

        return self._guard.call(lambda: self._as_app(call, missing_ok=True), someone_waits)

    def playlist_items(self, playlist_id: str, limit: int, market: str) -> dict[str, Any] | None:
        """A playlist's first page of entries (tracks and episodes), with the app's token;
        None for a playlist Spotify does not know (404).

        `/items`, not `/tracks`: since March 2026 Spotify answers `/tracks` 403 to apps
        in Development Mode (February 2026 Web API migration guide).
        """
        return self.for_someone_waiting(
            lambda: self._as_app(
                lambda app: app.playlist_items(playlist_id, limit=limit, market=market),
                missing_ok=True,
            )
        )

    def currently_playing(self, access_token: str) -> dict[str, Any] | None:
        """What the user plays now, or None when nothing plays (204); `TokenRefused` when
        the user's token is no longer good."""
        user = self._client(auth=access_token)
        answer = self.for_someone_waiting(
            lambda: user.currently_playing(additional_types="track,episode")
        )
        return None if answer is None else _object(answer)

    def user_auth(
        self, tokens: CacheHandler, redirect_uri: str, scopes: Sequence[str]
    ) -> SpotifyPKCE:
        """spotipy's PKCE manager for one user, keeping its tokens in `tokens`; its token
        calls raise spotipy's errors (`spotify_faults` reads them)."""
        manager = SpotifyPKCE(
            client_id=self._settings.spotify_client_id,
            redirect_uri=redirect_uri,
            scope=list(scopes),
            cache_handler=tokens,
            requests_session=self._session,
            requests_timeout=self._settings.lookup_timeout_seconds,
            open_browser=False,
        )
        manager.OAUTH_AUTHORIZE_URL = f"{self._accounts_url}/authorize"
        manager.OAUTH_TOKEN_URL = self._token_url
        return manager

    def for_someone_waiting(self, call: Callable[[], T]) -> T:
        """`call()` (spotipy) under the guard, for a request someone waits on: one try,
        its errors as `Fault`s."""

        def attempt() -> T:
            with spotify_faults():
                return call()

        return self._guard.call(attempt, someone_waits=True)

    def close(self) -> None:
        """Drop the connections; a later call opens new ones (an app may be started again)."""
        self._session.release()

    @property
    def _accounts_url(self) -> str:
        return self._settings.spotify_accounts_url.rstrip("/")

    @property
    def _token_url(self) -> str:
        return f"{self._accounts_url}/api/token"

    def _client(self, **auth: Any) -> spotipy.Spotify:
        client = spotipy.Spotify(
            **auth,
            requests_session=self._session,
            requests_timeout=self._settings.lookup_timeout_seconds,
            retries=0,
            status_retries=0,
            backoff_factor=0,
        )
        client.prefix = self._settings.spotify_api_url.rstrip("/") + "/"
        return client

    def _as_app(self, call: Callable[[spotipy.Spotify], Any], missing_ok: bool = False) -> Any:
        """`call` with the app's token, renewed once when Spotify refuses it before its
        time; with `missing_ok`, None for a 404."""
        app, auth = self._app, self._app_auth
        if app is None or auth is None:
            raise Broken("SPOTIFY_CLIENT_ID/SECRET are not set")
        with spotify_faults():
            for renewed in (False, True):
                try:
                    return _object(call(app))
                except spotipy.SpotifyException as error:
                    if error.http_status == 404 and missing_ok:
                        return None
                    if error.http_status != 401 or renewed:
                        raise
                auth.get_access_token(as_dict=False, check_cache=False)
        raise AssertionError("the second try returns or raises")  # pragma: no cover


def _object(answer: Any) -> dict[str, Any]:
    """The JSON object Spotify answered; spotipy gives None for a body it cannot parse."""
    if not isinstance(answer, dict):
        raise Broken("answered something that is not a JSON object")
    return answer
