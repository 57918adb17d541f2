"""The providers' wiring: each API's client, base URL, key and guard, from settings.

One `SharedLimits` per process holds every provider's rate limit and YouTube's daily
budget; one guard per provider, held by its client, which links and accounts share.
Every client and the limit store are registered with `Closing`. No I/O here: clients
connect on their first call.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from injector import Module, inject, provider, singleton

from services.closing import Closing
from services.providers.deezer import DeezerApi
from services.providers.google_books import GoogleBooksApi
from services.providers.guard import Guard
from services.providers.http import JsonApi
from services.providers.itunes import ITunesApi
from services.providers.musicbrainz import MusicBrainzApi
from services.providers.openlibrary import OpenLibraryApi
from services.providers.quota import DailyBudget
from services.providers.rate_limits import SharedLimits
from services.providers.spotify import SpotifyApi
from services.providers.tidal import TidalApi
from services.providers.tmdb import TmdbApi
from services.providers.youtube import YouTubeSearch
from services.settings import RateLimit, Settings
from services.shutdown import Shutdown

ApiT = TypeVar("ApiT", bound=JsonApi)


class ProvidersModule(Module):
    """Binds the clients of every external API."""

    @singleton
    @provider
    def limits(self, settings: Settings, closing: Closing) -> SharedLimits:
        """Every rate limit of the process, in this host's file or in Redis."""
        return closing.register(SharedLimits(settings.data_dir, settings.redis_url))

    @singleton
    @provider
    def youtube_budget(self, settings: Settings, limits: SharedLimits) -> DailyBudget:
        """YouTube's searches per quota day (`YOUTUBE_DAILY_SEARCHES`), for links and
        playlist videos alike."""
        return DailyBudget(settings.youtube_daily_searches, limits=limits)

    @singleton
    @provider
    def spotify(self, settings: Settings, parts: ClientParts, closing: Closing) -> SpotifyApi:
        guard = parts.guard("spotify", settings.spotify_rate_limit)
        return closing.register(SpotifyApi(settings, guard))

    @singleton
    @provider
    def deezer(self, settings: Settings, parts: ClientParts) -> DeezerApi:
        return parts.json_api(
            DeezerApi, "deezer", settings.deezer_api_url, settings.deezer_rate_limit
        )

    @singleton
    @provider
    def itunes(self, settings: Settings, parts: ClientParts) -> ITunesApi:
        return parts.json_api(
            ITunesApi, "itunes", settings.itunes_api_url, settings.itunes_rate_limit
        )

    @singleton
    @provider
    def musicbrainz(self, settings: Settings, parts: ClientParts) -> MusicBrainzApi:
        # MusicBrainz refuses clients that do not name themselves.
        headers = {"User-Agent": settings.musicbrainz_user_agent}
        url, limit = settings.musicbrainz_api_url, settings.musicbrainz_rate_limit
        return parts.json_api(MusicBrainzApi, "musicbrainz", url, limit, headers=headers)

    @singleton
    @provider
    def youtube(self, settings: Settings, parts: ClientParts, budget: DailyBudget) -> YouTubeSearch:
        key = settings.youtube_api_key.get_secret_value() if settings.youtube_api_key else ""
        url, limit = settings.youtube_api_url, settings.youtube_rate_limit
        return parts.json_api(YouTubeSearch, "youtube", url, limit, key=key, budget=budget)

    @singleton
    @provider
    def tmdb(self, settings: Settings, parts: ClientParts) -> TmdbApi:
        key = settings.tmdb_api_key.get_secret_value() if settings.tmdb_api_key else ""
        url, limit = settings.tmdb_api_url, settings.tmdb_rate_limit
        return parts.json_api(TmdbApi, "tmdb", url, limit, key=key)

    @singleton
    @provider
    def tidal(self, settings: Settings, parts: ClientParts) -> TidalApi:
        secret = settings.tidal_client_secret
        credentials = {
            "auth_url": settings.tidal_auth_url,
            "client_id": settings.tidal_client_id or "",
            "client_secret": secret.get_secret_value() if secret else "",
        }
        url, limit = settings.tidal_api_url, settings.tidal_rate_limit
        return parts.json_api(TidalApi, "tidal", url, limit, **credentials)

    @singleton
    @provider
    def openlibrary(self, settings: Settings, parts: ClientParts) -> OpenLibraryApi:
        url, limit = settings.openlibrary_api_url, settings.openlibrary_rate_limit
        return parts.json_api(
            OpenLibraryApi,
            "open_library",
            url,
            limit,
            covers_url=settings.openlibrary_covers_url,
            user_agent=settings.openlibrary_user_agent,
        )

    @singleton
    @provider
    def google_books(self, settings: Settings, parts: ClientParts) -> GoogleBooksApi:
        key = settings.google_books_api_key
        url, limit = settings.google_books_api_url, settings.google_books_rate_limit
        secret = key.get_secret_value() if key else ""
        return parts.json_api(GoogleBooksApi, "google_books", url, limit, key=secret)


class ClientParts:
    """What every client is made with: its provider's guard over the process's limits,
    the lookup time-out, and its place in `Closing`."""

    @inject
    def __init__(
        self, settings: Settings, shutdown: Shutdown, limits: SharedLimits, closing: Closing
    ) -> None:
        self._settings = settings
        self._shutdown = shutdown
        self._limits = limits
        self._closing = closing

    def guard(self, name: str, limit: RateLimit) -> Guard:
        """A provider's guard: its `*_RATE_LIMIT` shared by every process (on this host,
        or through `REDIS_URL` on every host), `Retry-After` capped at
        `MAX_RETRY_AFTER_SECONDS`, waits that end when the process stops."""
        return Guard(
            name,
            requests=limit.requests,
            seconds=limit.seconds,
            max_wait=self._settings.max_retry_after_seconds,
            shutdown=self._shutdown,
            bucket=self._limits.rate(name, limit.requests, limit.seconds),
        )

    def json_api(
        self, client: Callable[..., ApiT], name: str, url: str, limit: RateLimit, **options: Any
    ) -> ApiT:
        """`client` of provider `name` at `url`, with its guard, registered with `Closing`."""
        api = client(url, self.guard(name, limit), self._settings.lookup_timeout_seconds, **options)
        return self._closing.register(api)
