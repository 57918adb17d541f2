"""Spotify accounts through spotipy: its PKCE manager over our encrypted token store, and
the Web API calls accounts make, over the process's one `SpotifyApi`.

Its faults are named here, at the accounts' edge: a person waits on these answers, so a
failure is a problem naming Spotify at once, with Spotify's wait (capped at
`MAX_RETRY_AFTER_SECONDS`) as its `Retry-After`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from injector import inject, singleton
from spotipy.cache_handler import CacheHandler
from spotipy.oauth2 import SpotifyPKCE

from services.accounts.tokens import Clock, LinkedAccount, TokenCipher, TokenStore
from services.errors import AccountsNotConfigured, AuthorizationFailed, NotFound
from services.providers.guard import Fault, unavailable
from services.providers.spotify import GrantRefused, SpotifyApi, TokenRefused
from services.settings import Settings

T = TypeVar("T")

SCOPES = ("user-read-currently-playing", "user-read-playback-state")


class StoredTokens(CacheHandler):
    """spotipy's cache handler over our token store: one user's tokens, sealed.

    spotipy saves what the token endpoint grants through it (a code exchanged, a token
    refreshed); our clock says when the access token expires, as it says when to renew.
    A new link replaces whatever the user had; a refresh of `current` is stored only while
    the stored link is still `current`, so it never brings back a link deleted meanwhile
    (`saved` stays None then).
    """

    def __init__(
        self,
        user: str,
        store: TokenStore,
        cipher: TokenCipher,
        clock: Clock,
        current: LinkedAccount | None = None,
    ) -> None:
        self.user = user
        self._store = store
        self._cipher = cipher
        self._clock = clock
        self._current = current
        self.saved: LinkedAccount | None = None

    def get_cached_token(self) -> dict[str, Any] | None:
        account = self._store.get_account(self.user)
        if account is None or account.status != "linked":
            return None
        return {
            **self._cipher.open(account.sealed_tokens),
            "expires_at": account.expires_at,
            "scope": " ".join(SCOPES),
        }

    def save_token_to_cache(self, token_info: dict[str, Any]) -> None:
        refresh_token = token_info.get("refresh_token")
        if not refresh_token:  # spotipy keeps the old one on a refresh that rotates none
            raise AuthorizationFailed("invalid_grant", "Spotify issued no refresh token")
        now = self._clock.now()
        sealed = {"access_token": token_info["access_token"], "refresh_token": refresh_token}
        account = LinkedAccount(
            user=self.user,
            status="linked",
            sealed_tokens=self._cipher.seal(sealed),
            expires_at=now + int(token_info.get("expires_in") or 3600),
            updated_at=now,
        )
        if self._current is None:
            self._store.save_account(account)
        elif not self._store.replace_account(account, self._current):
            return
        self.saved = account


@contextmanager
def named_spotify(settings: Settings) -> Iterator[None]:
    """Spotify's faults as `ProviderUnavailable`, its wait capped at `MAX_RETRY_AFTER_SECONDS`;
    a refused grant or token passes, for the caller to answer."""
    try:
        yield
    except (GrantRefused, TokenRefused):
        raise
    except Fault as fault:
        raise unavailable("spotify", fault, settings.max_retry_after_seconds) from None


@singleton
class SpotifyAccounts:
    """What accounts ask Spotify: users' grants (spotipy's PKCE manager), their player,
    a playlist's tracks."""

    @inject
    def __init__(self, settings: Settings, api: SpotifyApi) -> None:
        self._settings = settings
        self._api = api

    def check(self) -> None:
        """Raise `AccountsNotConfigured` before a user is sent to Spotify for nothing."""
        self._redirect_uri()

    def authorization(self, tokens: StoredTokens) -> SpotifyPKCE:
        """The PKCE manager of one user's link; its token calls go through `grant`."""
        return self._api.user_auth(tokens, self._redirect_uri(), SCOPES)

    def grant(self, call: Callable[[], T]) -> T:
        """`call()` of a PKCE manager: its faults named; `GrantRefused` passes."""
        with named_spotify(self._settings):
            return self._api.for_someone_waiting(call)

    def currently_playing(self, access_token: str) -> dict[str, Any] | None:
        """The currently-playing object, or None when nothing plays; `TokenRefused` passes."""
        with named_spotify(self._settings):
            return self._api.currently_playing(access_token)

    def playlist_tracks(self, playlist_id: str, limit: int) -> list[Any]:
        """The first `limit` entries' tracks (null for removed ones), with the app's token."""
        if not self._settings.spotify_client_secret:
            raise AccountsNotConfigured("SPOTIFY_CLIENT_SECRET", "playlists need app credentials")
        self._client_id()
        with named_spotify(self._settings):
            page = self._api.playlist_items(playlist_id, limit, self._settings.lookup_country)
        if page is None:
            raise NotFound(playlist_id)
        items = page.get("items")
        if not isinstance(items, list):
            raise unavailable("spotify", Fault("playlist paging object without items"))
        # Entries carry `item` (and, during Spotify's deprecation window, `track` too).
        return [(entry or {}).get("item") or (entry or {}).get("track") for entry in items][:limit]

    def _client_id(self) -> str:
        if not self._settings.spotify_client_id:
            raise AccountsNotConfigured("SPOTIFY_CLIENT_ID", "it is unset")
        return self._settings.spotify_client_id

    def _redirect_uri(self) -> str:
        self._client_id()
        if not self._settings.spotify_redirect_uri:
            raise AccountsNotConfigured(
                "SPOTIFY_REDIRECT_URI", "it is unset (point it at this service's /spotify/callback)"
            )
        return self._settings.spotify_redirect_uri
