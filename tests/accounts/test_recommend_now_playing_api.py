"""Recommending what a linked user plays now: one call, the Spotify link already found."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from standins.spotify_player import (
    SpotifyPlayer,
    advertisement,
    episode,
    playing,
    track,
)
from tests.accounts.conftest import conforms, link
from tests.api.test_recommendations_api import assert_problem
from tests.conftest import AUTH

pytestmark = pytest.mark.unit

PHOBIA = track("The Diary of Jane", ["Breaking Benjamin"], album="Phobia", track_id="5n6gH3nZ")


@pytest.fixture
def linked(app_client: TestClient) -> TestClient:
    link(app_client, "ana")
    return app_client


def test_the_playing_track_is_recommended_with_its_spotify_link(
    linked: TestClient, player: SpotifyPlayer
) -> None:
    player.current = playing(PHOBIA)
    response = linked.post("/users/ana/now-playing/recommendation", headers=AUTH)

    assert response.status_code == 201, response.text
    assert response.headers["content-type"] == "application/json"
    created = conforms(response.json(), "Recommendation")
    assert response.headers["location"] == f"/recommendations/{created['id']}"
    assert created["user"] == "ana"
    assert created["kind"] == "track"
    assert created["title"] == "Breaking Benjamin - The Diary of Jane"
    assert created["artist"] == "Breaking Benjamin"
    assert created["img"] == "https://i.scdn.co/image/large"
    spotify = created["links"]["spotify"]
    assert spotify["status"] == "found"
    assert spotify["url"] == "https://open.spotify.com/track/5n6gH3nZ"
    assert spotify["app_uri"] == "spotify:track:5n6gH3nZ"
    assert spotify["method"] == "provider"
    assert spotify["confidence"] == 1.0
    stored = linked.get(response.headers["location"])
    assert stored.status_code == 200
    assert stored.json()["links"]["spotify"]["method"] == "provider"


def test_recommending_it_twice_is_409(linked: TestClient, player: SpotifyPlayer) -> None:
    player.current = playing(PHOBIA)
    first = linked.post("/users/ana/now-playing/recommendation", headers=AUTH)
    assert first.status_code == 201
    again = linked.post("/users/ana/now-playing/recommendation", headers=AUTH)
    problem = assert_problem(again, 409)
    assert problem["existing_id"] == first.json()["id"]
    # Another user may recommend the same track.
    link(linked, "bob")
    assert linked.post("/users/bob/now-playing/recommendation", headers=AUTH).status_code == 201


@pytest.mark.parametrize(
    "current",
    [None, advertisement(), playing(episode("Ep 1", "The Show"), kind="episode")],
    ids=["nothing", "ad", "episode"],
)
def test_only_a_track_can_be_recommended(
    linked: TestClient, player: SpotifyPlayer, current: dict | None
) -> None:
    player.current = current
    response = linked.post("/users/ana/now-playing/recommendation", headers=AUTH)
    problem = assert_problem(response, 404, "no track")
    assert problem["type"].endswith("/nothing-playing")


def test_recommending_needs_a_link_and_the_api_key(linked: TestClient) -> None:
    problem = assert_problem(
        linked.post("/users/bob/now-playing/recommendation", headers=AUTH), 404
    )
    assert problem["type"].endswith("/spotify-not-linked")
    assert_problem(linked.post("/users/ana/now-playing/recommendation"), 401)
