"""Every provider hangs: the real server keeps answering everything else, and says when it is full.

Each provider's stand-in holds every request for a minute. A dozen `GET /links` are
in flight on the providers' own threads; meanwhile liveness, metrics, a read and a
search answer at once, one more lookup is refused with 503 and `Retry-After`, and
the lookups answer within `LOOKUP_TIMEOUT_SECONDS` with `error` for each platform.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from standins import tidal
from standins.server import StandIn
from standins.spotify_accounts import CLIENT_ID, CLIENT_SECRET
from tests.factories import recommendation_input
from tests.integration.test_serve import server
from tools.ports import free_port

pytestmark = pytest.mark.integration

KEY = {"X-API-Key": "k1"}
SLOTS = 12
TIMEOUT_SECONDS = 2.0
MUSIC_PLATFORMS = {"spotify", "deezer", "apple_music", "tidal", "youtube", "youtube_music"}


@pytest.fixture
def hanging() -> Iterator[StandIn]:
    """One stand-in for every provider, answering nothing for a minute."""
    standin = StandIn("hanging")
    standin.delay_seconds = 60
    with standin.running():
        yield standin


def hanging_providers(url: str) -> dict[str, str]:
    return {
        "SPOTIFY_CLIENT_ID": CLIENT_ID,
        "SPOTIFY_CLIENT_SECRET": CLIENT_SECRET,
        "SPOTIFY_ACCOUNTS_URL": url,
        "SPOTIFY_API_URL": url,
        "DEEZER_API_URL": url,
        "ITUNES_API_URL": url,
        "YOUTUBE_API_URL": url,
        "YOUTUBE_API_KEY": "standin-youtube-key",
        "TIDAL_CLIENT_ID": tidal.CLIENT_ID,
        "TIDAL_CLIENT_SECRET": tidal.CLIENT_SECRET,
        "TIDAL_AUTH_URL": url,
        "TIDAL_API_URL": url,
        "LOOKUP_TIMEOUT_SECONDS": str(TIMEOUT_SECONDS),
        "PROVIDER_REQUESTS_AT_ONCE": str(SLOTS),
    }


def timed_get(url: str, **kwargs: object) -> tuple[httpx.Response, float]:
    started = time.monotonic()
    response = httpx.get(url, timeout=10, **kwargs)  # type: ignore[arg-type]
    return response, time.monotonic() - started


def test_hanging_providers_take_only_their_own_slots(tmp_path: Path, hanging: StandIn) -> None:
    with server(tmp_path, free_port(), **hanging_providers(hanging.url)) as url:
        created = httpx.post(f"{url}/recommendations", json=recommendation_input(), headers=KEY)
        assert created.status_code == 201  # its lookup hangs in the background, too
        with ThreadPoolExecutor(SLOTS) as pool:
            lookups: list[Future[tuple[httpx.Response, float]]] = [
                pool.submit(
                    timed_get,
                    f"{url}/links",
                    params={"title": f"Album {n}", "artist": "Band"},
                    headers=KEY,
                )
                for n in range(SLOTS)
            ]
            deadline = time.monotonic() + 5
            while len(hanging.requests) < SLOTS:  # every lookup is waiting on a provider
                assert time.monotonic() < deadline, "the lookups did not reach the providers"
                time.sleep(0.02)

            for path in (
                "/health",
                "/metrics",
                f"/recommendations/{created.json()['id']}",
                "/recommendations?q=album",
            ):
                response, seconds = timed_get(url + path)
                assert response.status_code == 200, (path, response.text)
                assert seconds < 1, f"{path} took {seconds:.2f} s"

            refused, seconds = timed_get(
                f"{url}/links", params={"title": "One more", "artist": "Band"}, headers=KEY
            )
            assert refused.status_code == 503, refused.text
            assert refused.headers["retry-after"] == "2"
            assert refused.headers["content-type"].startswith("application/problem+json")
            assert seconds < 1

            for lookup in lookups:
                answer, seconds = lookup.result()
                assert answer.status_code == 200, answer.text
                assert seconds < TIMEOUT_SECONDS + 1.5, f"{seconds:.2f} s"
                links = answer.json()["links"]
                assert set(links) == MUSIC_PLATFORMS
                assert {link["status"] for link in links.values()} == {"error"}

        # The slots are free again.
        again, _ = timed_get(f"{url}/links", params={"title": "Later", "artist": "B"}, headers=KEY)
        assert again.status_code == 200
