"""Which providers run, each with its base URL, limiter and guard from settings.

One guard per provider, so one platform's throttling or outage never slows the
others. Providers without credentials are still built: they report `skipped`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from services.links.platforms.deezer import DeezerProvider, check_answer
from services.links.platforms.itunes import ITunesProvider
from services.links.platforms.musicbrainz import MusicBrainzProvider
from services.links.platforms.provider import LinkProvider
from services.links.platforms.spotify import SpotifyProvider
from services.links.platforms.tmdb import TmdbProvider, bearer_token
from services.links.platforms.youtube import YouTubeProvider
from services.providers.guard import ATTEMPTS, BREAKER_FAILURES, Guard
from services.providers.http import JsonApi
from services.providers.musicbrainz import MusicBrainzApi
from services.providers.rate_limits import SharedLimits
from services.providers.spotify import SpotifyApi
from services.settings import RateLimit, Settings
from services.shutdown import Shutdown


def make_guard(
    settings: Settings,
    shutdown: Shutdown | None,
    name: str,
    limit: RateLimit,
    *,
    person_waiting: bool = False,
) -> Guard:
    """The guard of one provider: its `*_RATE_LIMIT` shared by every process (on this host,
    or through `REDIS_URL` on every host), capped `Retry-After`, a breaker, and waits
    that end when the process stops.

    With `person_waiting` (a request that asks the platform for someone who waits on the
    answer, as playlist videos do) a failure is answered at once, with its `Retry-After`
    when the platform gave one: no retries, and no breaker to keep failing the next
    request after the platform is back. The rate limit is the same one.
    """
    return Guard(
        name,
        requests=limit.requests,
        seconds=limit.seconds,
        max_wait=settings.max_retry_after_seconds,
        attempts=1 if person_waiting else ATTEMPTS,
        breaker_failures=None if person_waiting else BREAKER_FAILURES,
        shutdown=shutdown,
        bucket=SharedLimits.from_settings(settings).rate(name, limit.requests, limit.seconds),
    )


def make_api(
    settings: Settings,
    base_url: str,
    guard: Guard,
    *,
    params: dict[str, str] | None = None,
    headers: dict[str, str] | None = None,
    check: Callable[[Any], Any] | None = None,
) -> JsonApi:
    """A JSON API client for a provider without its own client."""
    return JsonApi(
        base_url,
        guard,
        timeout=settings.lookup_timeout_seconds,
        params=params,
        headers=headers,
        check=check,
    )


def spotify_provider(
    settings: Settings, shutdown: Shutdown | None = None, api: SpotifyApi | None = None
) -> LinkProvider:
    """`api`: the process's one Spotify client, which accounts use too (one app token)."""
    if api is None:
        api = SpotifyApi(
            settings, make_guard(settings, shutdown, "spotify", settings.spotify_rate_limit)
        )
    return SpotifyProvider(api)


def deezer_provider(settings: Settings, shutdown: Shutdown | None = None) -> LinkProvider:
    guard = make_guard(settings, shutdown, "deezer", settings.deezer_rate_limit)
    return DeezerProvider(make_api(settings, settings.deezer_api_url, guard, check=check_answer))


def itunes_provider(settings: Settings, shutdown: Shutdown | None = None) -> LinkProvider:
    guard = make_guard(settings, shutdown, "itunes", settings.itunes_rate_limit)
    return ITunesProvider(make_api(settings, settings.itunes_api_url, guard))


def musicbrainz_provider(settings: Settings, shutdown: Shutdown | None = None) -> LinkProvider:
    guard = make_guard(settings, shutdown, "musicbrainz", settings.musicbrainz_rate_limit)
    # MusicBrainz refuses clients that do not name themselves.
    api = MusicBrainzApi(
        settings.musicbrainz_api_url,
        guard,
        timeout=settings.lookup_timeout_seconds,
        headers={"User-Agent": settings.musicbrainz_user_agent},
    )
    return MusicBrainzProvider(api)


def youtube_provider(settings: Settings, shutdown: Shutdown | None = None) -> LinkProvider:
    return YouTubeProvider(
        settings, make_guard(settings, shutdown, "youtube", settings.youtube_rate_limit)
    )


def tmdb_provider(settings: Settings, shutdown: Shutdown | None = None) -> LinkProvider:
    key = settings.tmdb_api_key.get_secret_value() if settings.tmdb_api_key else ""
    if not key:
        return TmdbProvider(None)
    guard = make_guard(settings, shutdown, "tmdb", settings.tmdb_rate_limit)
    if bearer_token(key):
        api = make_api(
            settings, settings.tmdb_api_url, guard, headers={"Authorization": f"Bearer {key}"}
        )
    else:
        api = make_api(settings, settings.tmdb_api_url, guard, params={"api_key": key})
    return TmdbProvider(api)


PROVIDERS: tuple[Callable[[Settings, Shutdown | None], LinkProvider], ...] = (
    deezer_provider,
    itunes_provider,
    musicbrainz_provider,
    youtube_provider,
    tmdb_provider,
)
"""Every provider factory but Spotify's, which takes the shared client too; a new
platform adds its factory here."""


def build_providers(
    settings: Settings, shutdown: Shutdown | None = None, spotify: SpotifyApi | None = None
) -> list[LinkProvider]:
    """One provider per factory; no I/O (clients connect on their first call)."""
    others = [factory(settings, shutdown) for factory in PROVIDERS]
    return [spotify_provider(settings, shutdown, spotify), *others]
