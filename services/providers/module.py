"""The providers' wiring: each API's client, base URL, key and guard, from settings.

One `SharedLimits` per process holds every provider's rate limit and YouTube's daily
budget; one guard per provider, held by its client, which links and accounts share.
Every client and the limit store are registered with `Closing`. No I/O here: clients
connect on their first call.
"""

from __future__ import annotations

from injector import Module, provider, singleton

from services.closing import Closing
from services.providers.deezer import DeezerApi
from services.providers.guard import Guard
from services.providers.itunes import ITunesApi
from services.providers.musicbrainz import MusicBrainzApi
from services.providers.quota import DailyBudget
from services.providers.rate_limits import SharedLimits
from services.providers.spotify import SpotifyApi
from services.providers.tmdb import TmdbApi
from services.providers.youtube import YouTubeSearch
from services.settings import RateLimit, Settings
from services.shutdown import Shutdown


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
    def spotify(
        self, settings: Settings, shutdown: Shutdown, limits: SharedLimits, closing: Closing
    ) -> SpotifyApi:
        guard = _guard(settings, shutdown, limits, "spotify", settings.spotify_rate_limit)
        return closing.register(SpotifyApi(settings, guard))

    @singleton
    @provider
    def deezer(
        self, settings: Settings, shutdown: Shutdown, limits: SharedLimits, closing: Closing
    ) -> DeezerApi:
        guard = _guard(settings, shutdown, limits, "deezer", settings.deezer_rate_limit)
        api = DeezerApi(settings.deezer_api_url, guard, settings.lookup_timeout_seconds)
        return closing.register(api)

    @singleton
    @provider
    def itunes(
        self, settings: Settings, shutdown: Shutdown, limits: SharedLimits, closing: Closing
    ) -> ITunesApi:
        guard = _guard(settings, shutdown, limits, "itunes", settings.itunes_rate_limit)
        api = ITunesApi(settings.itunes_api_url, guard, settings.lookup_timeout_seconds)
        return closing.register(api)

    @singleton
    @provider
    def musicbrainz(
        self, settings: Settings, shutdown: Shutdown, limits: SharedLimits, closing: Closing
    ) -> MusicBrainzApi:
        limit = settings.musicbrainz_rate_limit
        api = MusicBrainzApi(
            settings.musicbrainz_api_url,
            _guard(settings, shutdown, limits, "musicbrainz", limit),
            settings.lookup_timeout_seconds,
            # MusicBrainz refuses clients that do not name themselves.
            headers={"User-Agent": settings.musicbrainz_user_agent},
        )
        return closing.register(api)

    @singleton
    @provider
    def youtube(
        self,
        settings: Settings,
        shutdown: Shutdown,
        limits: SharedLimits,
        budget: DailyBudget,
        closing: Closing,
    ) -> YouTubeSearch:
        key = settings.youtube_api_key.get_secret_value() if settings.youtube_api_key else ""
        search = YouTubeSearch(
            settings.youtube_api_url,
            _guard(settings, shutdown, limits, "youtube", settings.youtube_rate_limit),
            settings.lookup_timeout_seconds,
            key=key,
            budget=budget,
        )
        return closing.register(search)

    @singleton
    @provider
    def tmdb(
        self, settings: Settings, shutdown: Shutdown, limits: SharedLimits, closing: Closing
    ) -> TmdbApi:
        key = settings.tmdb_api_key.get_secret_value() if settings.tmdb_api_key else ""
        api = TmdbApi(
            settings.tmdb_api_url,
            _guard(settings, shutdown, limits, "tmdb", settings.tmdb_rate_limit),
            settings.lookup_timeout_seconds,
            key=key,
        )
        return closing.register(api)


def _guard(
    settings: Settings, shutdown: Shutdown, limits: SharedLimits, name: str, limit: RateLimit
) -> Guard:
    """A provider's guard: its `*_RATE_LIMIT` shared by every process (on this host, or
    through `REDIS_URL` on every host), `Retry-After` capped at
    `MAX_RETRY_AFTER_SECONDS`, waits that end when the process stops."""
    return Guard(
        name,
        requests=limit.requests,
        seconds=limit.seconds,
        max_wait=settings.max_retry_after_seconds,
        shutdown=shutdown,
        bucket=limits.rate(name, limit.requests, limit.seconds),
    )
