"""The Spotify client (spotipy) against the Web API and accounts stand-ins: one session,
no sleeping of its own, every failure a fault the guard reads."""

from __future__ import annotations

import gc
import logging
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests
import spotipy

from services.providers.guard import Broken, Guard, Throttled, Transient
from services.providers.spotify import PooledSession, SpotifyApi, TokenRefused
from standins import music
from standins.catalog import standard_catalog
from standins.server import Reply, StandIn
from standins.spotify_accounts import CLIENT_ID, CLIENT_SECRET, SpotifyAccounts
from tests.conftest import make_settings

pytestmark = pytest.mark.unit


@pytest.fixture
def web_api() -> Iterator[StandIn]:
    with music.spotify(standard_catalog()).running() as standin:
        yield standin


@pytest.fixture
def api(
    tmp_path: Path, spotify_accounts: SpotifyAccounts, web_api: StandIn
) -> Iterator[SpotifyApi]:
    settings = make_settings(
        tmp_path,
        spotify_client_id=CLIENT_ID,
        spotify_client_secret=CLIENT_SECRET,
        spotify_accounts_url=spotify_accounts.url,
        spotify_api_url=web_api.url,
    )
    built = SpotifyApi(settings, Guard("spotify", 1000, 1, max_wait=5, sleep=lambda _: None))
    yield built
    built.close()


def test_the_catalog_is_asked_with_the_apps_token_fetched_once(
    api: SpotifyApi, spotify_accounts: SpotifyAccounts, web_api: StandIn
) -> None:
    for _ in range(2):
        answer = api.search('album:"Phobia"', "album", "US")
        assert answer["albums"]["items"][0]["id"] == "sp1"
    assert api.album("sp1", "US")["external_ids"]["upc"] == "0602498537683"
    grants = [r.form()["grant_type"] for r in spotify_accounts.standin.requests_to("/api/token")]
    assert grants == ["client_credentials"]
    (token,) = spotify_accounts.app_tokens
    assert {r.headers["authorization"] for r in web_api.requests} == {f"Bearer {token}"}


def test_a_long_retry_after_raises_at_once_with_its_wait(api: SpotifyApi, web_api: StandIn) -> None:
    """spotipy sleeps through a 429 unless its retries are off: here the guard decides."""
    web_api.fail_next(Reply({"error": {"status": 429}}, 429, {"Retry-After": "3600"}))
    started = time.monotonic()
    with pytest.raises(Throttled) as raised:
        api.search('album:"Phobia"', "album", "US")
    assert raised.value.retry_after == pytest.approx(3600)
    assert time.monotonic() - started < 1.0
    assert len(web_api.requests_to("/search")) == 1


def test_a_throttled_or_failing_token_endpoint_keeps_its_status(
    api: SpotifyApi, spotify_accounts: SpotifyAccounts
) -> None:
    spotify_accounts.standin.fail_next(Reply({"error": "slow_down"}, 429, {"Retry-After": "3600"}))
    with pytest.raises(Throttled) as throttled:
        api.search('album:"Phobia"', "album", "US")
    assert throttled.value.retry_after == pytest.approx(3600)


def test_token_endpoint_errors_are_faults(
    tmp_path: Path, spotify_accounts: SpotifyAccounts
) -> None:
    settings = make_settings(
        tmp_path,
        spotify_client_id=CLIENT_ID,
        spotify_client_secret=CLIENT_SECRET,
        spotify_accounts_url=spotify_accounts.url,
    )
    api = SpotifyApi(settings, Guard("spotify", 1000, 1, max_wait=5, attempts=1))
    spotify_accounts.standin.fail_next(Reply({"error": "server_error"}, 500))
    with pytest.raises(Transient):
        api.search('album:"Phobia"', "album", "US")
    spotify_accounts.standin.fail_next(Reply({"error": "invalid_client"}, 401))
    with pytest.raises(Broken, match="invalid_client"):
        api.search('album:"Phobia"', "album", "US")


def test_an_app_token_refused_before_its_time_is_renewed_once(
    api: SpotifyApi, spotify_accounts: SpotifyAccounts, web_api: StandIn
) -> None:
    api.search('album:"Phobia"', "album", "US")
    web_api.fail_next(Reply({"error": {"status": 401, "message": "Invalid access token"}}, 401))
    assert api.album("sp1", "US")["id"] == "sp1"
    assert len(spotify_accounts.standin.requests_to("/api/token")) == 2
    web_api.fail_next(*[Reply({"error": {"status": 401}}, 401)] * 2)
    with pytest.raises(TokenRefused):  # refused with a fresh token too: no loop
        api.album("sp1", "US")
    assert len(spotify_accounts.standin.requests_to("/api/token")) == 3


def test_a_users_refused_token_is_told_apart(api: SpotifyApi, web_api: StandIn) -> None:
    web_api.route("GET", "/me/player/currently-playing")(
        lambda _: Reply({"error": {"status": 401, "message": "The access token expired"}}, 401)
    )
    with pytest.raises(TokenRefused):
        api.currently_playing("expired-token")


def test_a_spotipy_object_collected_leaves_the_shared_pool_open(web_api: StandIn) -> None:
    """Why `PooledSession`: spotipy closes the session of every client it collects (its
    `__del__`), which for a session shared by the process would drop the pool under the
    requests of other threads."""
    kept = {}
    for session in (requests.Session(), PooledSession(4)):
        session.get(f"{web_api.url}/search", params={"q": "x", "type": "album"})
        client = spotipy.Spotify(auth="token", requests_session=session)
        del client
        gc.collect()
        kept[type(session).__name__] = len(session.get_adapter(web_api.url).poolmanager.pools)
    assert kept == {"Session": 0, "PooledSession": 1}


def test_the_shared_session_keeps_a_connection_for_each_lookup_at_once(
    web_api: StandIn, caplog: pytest.LogCaptureFixture
) -> None:
    """With requests' default pool (10), calls past the tenth at once opened a connection
    only to drop it, and urllib3 warned of each."""
    web_api.delay_seconds = 0.2

    def dropped(session: requests.Session) -> int:
        caplog.clear()
        with (
            caplog.at_level(logging.WARNING, "urllib3.connectionpool"),
            ThreadPoolExecutor(24) as pool,
        ):
            list(pool.map(lambda _: session.get(f"{web_api.url}/search"), range(24)))
        return sum("pool is full" in record.getMessage() for record in caplog.records)

    assert dropped(requests.Session()) > 0  # what the test would see without the pool
    assert dropped(PooledSession(24)) == 0
