"""The one settings object: read once from the environment over `.env`."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from services.old_settings import apply_old_names
from services.webhooks.receivers import Receiver, parse_receivers


class RateLimit(str):
    """A `N/SECONDS` limit, e.g. `50/5`: N requests in any window of SECONDS."""

    @property
    def requests(self) -> int:
        return int(self.split("/")[0])

    @property
    def seconds(self) -> float:
        return float(self.split("/")[1])


def _rate_limit(value: str) -> RateLimit:
    requests, _, seconds = value.partition("/")
    if not (requests.isdigit() and int(requests) > 0):
        raise ValueError(f"rate limit {value!r} is not N/SECONDS")
    try:
        if float(seconds) <= 0:
            raise ValueError
    except ValueError:
        raise ValueError(f"rate limit {value!r} is not N/SECONDS") from None
    return RateLimit(value)


class Settings(BaseSettings):
    """Everything configurable, named as in docs/contract.md."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore", frozen=True)

    host: str = "127.0.0.1"
    port: int = 8080
    # Where people reach this service: share pages' absolute URLs (Odesli's `pageUrl`).
    # Unset: http://HOST:PORT.
    public_url: str | None = None
    web_concurrency: int = 1
    api_keys: SecretStr = SecretStr("")
    data_dir: Path = Path("./var")
    max_body_bytes: int = 64 * 1024
    # Serve on Connexion's own AsyncApp, without the tuning written for one Connexion
    # release (`api/connexion_app.py`); another release gets stock Connexion anyway.
    stock_connexion: bool = False

    # One URL, or several separated by commas (the nodes of a cluster).
    elasticsearch_url: str | None = None
    elasticsearch_index: str = "recommendations"
    elasticsearch_api_key: SecretStr | None = None
    elasticsearch_username: str | None = None
    elasticsearch_password: SecretStr | None = None
    elasticsearch_ca_certs: Path | None = None
    elasticsearch_verify_certs: bool = True
    # When a write is visible to searches: `false` (within Elasticsearch's refresh
    # interval, about a second), `wait_for` (the answer waits for it) or `true` (forced).
    elasticsearch_refresh: Literal["false", "true", "wait_for"] = "false"
    # Provider rate limits and the YouTube budget: in Redis, shared by every host, when set;
    # else in DATA_DIR, shared by the processes of one host.
    redis_url: str | None = None
    rabbitmq_url: str | None = None
    # The exchange; queue names derive from it (`recindex.lookups`, `recindex.dead`, ...).
    rabbitmq_exchange: str = "recindex"
    # The HTTP API's broker connections per process, and when an unused one is closed.
    rabbitmq_publish_connections: int = 4
    rabbitmq_idle_seconds: float = 30.0
    worker_prefetch: int = 32
    worker_threads: int = 16
    # Lookups wait on providers (several calls over a lookup's rounds), so more threads;
    # but each also spends CPU under the GIL: past 32 they added no lookups a second,
    # starved the item threads and cost memory (docs/profiles.md).
    worker_lookup_threads: int = 32
    # Back-off of a transient failure: the n-th retry waits the n-th delay (the last repeats).
    message_retry_delays: tuple[float, ...] = (1.0, 5.0, 30.0, 120.0, 600.0)
    message_max_attempts: int = 8

    spotify_client_id: str | None = None
    spotify_client_secret: SecretStr | None = None
    spotify_redirect_uri: str | None = None
    spotify_api_url: str = "https://api.spotify.com/v1"
    spotify_accounts_url: str = "https://accounts.spotify.com"
    youtube_api_key: SecretStr | None = None
    youtube_api_url: str = "https://www.googleapis.com/youtube/v3"
    deezer_api_url: str = "https://api.deezer.com"
    itunes_api_url: str = "https://itunes.apple.com"
    tmdb_api_key: SecretStr | None = None
    tmdb_api_url: str = "https://api.themoviedb.org/3"
    musicbrainz_api_url: str = "https://musicbrainz.org/ws/2"
    # MusicBrainz blocks anonymous clients: name the application and how to reach its operator.
    musicbrainz_user_agent: str = "recindex/1.0.0 ( https://recindex.dev )"
    tidal_client_id: str | None = None
    tidal_client_secret: SecretStr | None = None
    tidal_api_url: str = "https://openapi.tidal.com/v2"
    tidal_auth_url: str = "https://auth.tidal.com/v1"
    openlibrary_api_url: str = "https://openlibrary.org"
    # Where cover URLs point (never fetched by recindex: clients show them).
    openlibrary_covers_url: str = "https://covers.openlibrary.org"
    # Open Library, too, asks for the application's name and a contact (a URL or an address).
    openlibrary_user_agent: str = "recindex/1.0.0 ( https://recindex.dev )"
    google_books_api_key: SecretStr | None = None
    google_books_api_url: str = "https://www.googleapis.com/books/v1"
    lookup_country: str = "US"

    # Documented limits: Spotify's rolling 30 s window, Deezer 50 per 5 s,
    # iTunes about 20 per minute, YouTube 10k quota units a day, TMDB ~50/s,
    # MusicBrainz one request a second, Open Library three a second for a client that
    # names itself, Google Books 100 a minute; TIDAL publishes none (ours: a
    # conservative one).
    spotify_rate_limit: RateLimit = RateLimit("90/30")
    deezer_rate_limit: RateLimit = RateLimit("50/5")
    itunes_rate_limit: RateLimit = RateLimit("20/60")
    youtube_rate_limit: RateLimit = RateLimit("10/1")
    tmdb_rate_limit: RateLimit = RateLimit("40/1")
    musicbrainz_rate_limit: RateLimit = RateLimit("1/1")
    tidal_rate_limit: RateLimit = RateLimit("5/1")
    openlibrary_rate_limit: RateLimit = RateLimit("3/1")
    google_books_rate_limit: RateLimit = RateLimit("100/60")
    youtube_daily_searches: int = 100

    lookup_cache_ttl_seconds: int = 24 * 3600
    # One provider call's time-out, and the longest a `GET /links` takes.
    lookup_timeout_seconds: float = 10.0
    # HTTP requests of one process that may wait on providers at once; more get 503.
    provider_requests_at_once: int = 16
    # `N/SECONDS` per client address: `GET /links` without a key, never spending YouTube's
    # budget. Unset: `GET /links` needs X-API-Key.
    links_anonymous_rate_limit: RateLimit | None = None
    max_retry_after_seconds: float = 60.0

    token_encryption_key: SecretStr | None = None
    # Reads of a user's now playing without X-API-Key (public, or with a device token):
    # `N/SECONDS` per client address, and how long an answer may be kept (also here:
    # a user's public now playing asks Spotify at most once per that many seconds).
    now_playing_public_rate_limit: RateLimit = RateLimit("60/60")
    now_playing_public_max_age_seconds: int = 5

    # Who is told when a recommendation's links are found or change (docs/notifications.md):
    # URL templates, comma-separated, that may hold {id} and {external_id}.
    webhook_url: str | None = None
    webhook_method: Literal["POST", "PUT", "PATCH"] = "POST"
    webhook_secret: SecretStr | None = None
    webhook_timeout_seconds: float = 10.0
    # A delivery no receiver took within this age is dead-lettered.
    webhook_max_age_seconds: float = 24 * 3600.0
    # Back-off between tries of one delivery: the n-th retry waits the n-th (the last repeats).
    webhook_retry_delays: tuple[float, ...] = (10.0, 60.0, 300.0, 1800.0, 3600.0)
    webhook_deliveries_at_once: int = 4

    log_level: str = "INFO"
    log_json: bool = True
    # Where `worker` (no HTTP API of its own) serves /metrics; unset: it serves none.
    metrics_port: int | None = None

    # Old names (services/old_settings.py): read only to fill the new ones; never use them.
    elasticsearch_host: str | None = None
    elasticsearch_port: int | None = None
    spotipy_client_id: str | None = None
    spotipy_client_secret: SecretStr | None = None
    spotipy_redirect_uri: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _old_names(cls, data: Any) -> Any:
        return apply_old_names(data) if isinstance(data, dict) else data

    @field_validator(
        "spotify_rate_limit",
        "deezer_rate_limit",
        "itunes_rate_limit",
        "youtube_rate_limit",
        "tmdb_rate_limit",
        "musicbrainz_rate_limit",
        "tidal_rate_limit",
        "openlibrary_rate_limit",
        "google_books_rate_limit",
        "links_anonymous_rate_limit",
        "now_playing_public_rate_limit",
        mode="before",
    )
    @classmethod
    def _parse_rate_limit(cls, value: str | None) -> RateLimit | None:
        return _rate_limit(str(value)) if value else None

    @field_validator(
        "elasticsearch_url",
        "elasticsearch_username",
        "elasticsearch_ca_certs",
        "redis_url",
        "rabbitmq_url",
        "spotify_client_id",
        "spotify_redirect_uri",
        "public_url",
        "tidal_client_id",
        mode="before",
    )
    @classmethod
    def _blank_is_unset(cls, value: str | None) -> str | None:
        return value or None

    @field_validator("webhook_url", mode="before")
    @classmethod
    def _receivers(cls, value: str | None) -> str | None:
        parse_receivers(value)  # a template recindex cannot fill in stops the start
        return value or None

    @field_validator("webhook_method", mode="before")
    @classmethod
    def _method(cls, value: str) -> str:
        return value.upper() if isinstance(value, str) else value

    @field_validator("webhook_retry_delays")
    @classmethod
    def _delays(cls, value: tuple[float, ...]) -> tuple[float, ...]:
        if not value or any(delay <= 0 for delay in value):
            raise ValueError("webhook retry delays are positive seconds, at least one")
        return value

    @property
    def webhook_receivers(self) -> tuple[Receiver, ...]:
        return parse_receivers(self.webhook_url)

    @property
    def api_key_list(self) -> tuple[str, ...]:
        keys = self.api_keys.get_secret_value().split(",")
        return tuple(key.strip() for key in keys if key.strip())

    @property
    def public_base_url(self) -> str:
        """`PUBLIC_URL` without a trailing slash, else `http://HOST:PORT`."""
        return (self.public_url or f"http://{self.host}:{self.port}").rstrip("/")

    @property
    def lookups_at_once(self) -> int:
        """Lookups one process runs at once: the worker's lookup threads; in the API,
        background lookups and `/links`. Each may wait on every provider at once."""
        return max(self.worker_lookup_threads, 16)

    @property
    def embedded_db_path(self) -> Path:
        return self.data_dir / "recindex.sqlite3"
