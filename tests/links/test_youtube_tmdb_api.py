"""`GET /links` and a stored recommendation through the app, with YouTube and TMDB stand-ins."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from app import build_injector, create_app
from standins.tmdb import TmdbStandIn, country, movie, provider
from standins.youtube import YouTubeStandIn, video
from tests.conftest import AUTH, make_settings

pytestmark = pytest.mark.unit


@pytest.fixture
def api(tmp_path: Path) -> Iterator[tuple[TestClient, YouTubeStandIn, TmdbStandIn]]:
    youtube, tmdb = YouTubeStandIn(), TmdbStandIn()
    youtube.videos = [
        video("karaoke", "Breaking Benjamin - The Diary of Jane (Karaoke)", "Sing King"),
        video(
            "official",
            "Breaking Benjamin - The Diary of Jane (Official Video)",
            "BreakingBenjaminVEVO",
        ),
    ]
    tmdb.movies = [movie(949, "Heat", "1995-12-15", poster="/heat.jpg")]
    tmdb.providers[("movie", 949)] = {
        "US": country("movie", 949, "US", flatrate=[provider(8, "Netflix")])
    }
    with youtube.standin.running(), tmdb.standin.running():
        settings = make_settings(
            tmp_path,
            youtube_api_key="yt-key",
            youtube_api_url=youtube.api_url,
            tmdb_api_key="tmdb-key",
            tmdb_api_url=tmdb.api_url,
        )
        with TestClient(create_app(build_injector(settings)), headers=AUTH) as client:
            yield client, youtube, tmdb


def test_links_of_a_film_carry_the_justwatch_credit(api: tuple[TestClient, Any, Any]) -> None:
    client, _, _ = api

    answer = client.get("/links", params={"kind": "movie", "title": "Heat", "year": 1995})

    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["links"]["netflix"]["status"] == "found"
    assert body["links"]["tmdb"]["url"] == "https://www.themoviedb.org/movie/949"
    assert "JustWatch" in body["attribution"]
    assert body["cover_img"] == "https://image.tmdb.org/t/p/w500/heat.jpg"


def test_a_stored_film_gets_its_platforms_and_poster(api: tuple[TestClient, Any, Any]) -> None:
    client, _, _ = api
    created = client.post(
        "/recommendations",
        json={"user": "ana", "kind": "movie", "title": "Heat", "year": 1995},
        headers=AUTH,
    )
    assert created.status_code == 201, created.text

    document = settled(client, created.headers["Location"])

    assert document["links"]["netflix"]["status"] == "found"
    assert document["img"] == "https://image.tmdb.org/t/p/w500/heat.jpg"
    assert "JustWatch" in document["attribution"]  # TMDB's terms: shown with its data


def test_links_of_a_track_on_youtube(api: tuple[TestClient, Any, Any]) -> None:
    client, youtube, _ = api

    params = {"kind": "track", "title": "The Diary of Jane", "artist": "Breaking Benjamin"}
    body = client.get("/links", params=params).json()

    assert body["links"]["youtube"]["url"] == "https://www.youtube.com/watch?v=official"
    assert body["links"]["youtube_music"]["status"] == "not_found"
    assert len(youtube.searches()) == 1


def settled(client: TestClient, location: str, timeout: float = 5.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        document: dict[str, Any] = client.get(location).json()
        if document["links_status"] != "pending":
            return document
        time.sleep(0.02)
    raise AssertionError(f"still pending after {timeout} s")
