"""Now playing through the API, with Spotify's Web API stand-in answering each variant."""

from __future__ import annotations

from typing import Any

import pytest
from starlette.testclient import TestClient

from standins.spotify_player import (
    SpotifyPlayer,
    advertisement,
    episode,
    playing,
    private_session,
    spotify_error,
    track,
)
from tests.accounts.conftest import conforms, link
from tests.api.test_recommendations_api import assert_problem
from tests.conftest import AUTH

pytestmark = pytest.mark.unit

UTADA = track("誰かの願いが叶うころ", ["宇多田ヒカル"], album="ULTRA BLUE")


def now_playing(client: TestClient, user: str = "ana", **query: Any) -> Any:
    response = client.get(f"/users/{user}/now-playing", params=query, headers=AUTH)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    return conforms(response.json(), "NowPlaying")


@pytest.fixture
def linked(app_client: TestClient) -> TestClient:
    link(app_client, "ana")
    return app_client


def test_a_japanese_track_comes_back_with_readable_ascii(
    linked: TestClient, player: SpotifyPlayer
) -> None:
    player.current = playing(UTADA)
    view = now_playing(linked, width=16)
    assert view == {
        "type": "track",
        "is_playing": True,
        "title": "誰かの願いが叶うころ",
        "artists": ["宇多田ヒカル"],
        "album": "ULTRA BLUE",
        "url": "https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC",
        "image": "https://i.scdn.co/image/large",
        "progress_ms": 43000,
        "duration_ms": 215000,
        "ascii_title": "Dareka no negai ga kanau koro",
        "ascii_artist": "Utada Hikaru",
        "lcd": ["Dareka no negai.", "Utada Hikaru    "],
    }
    for line in view["lcd"]:
        assert len(line) == 16 and line.isascii() and line.isprintable()


def test_kanji_beside_a_japanese_title_are_read_as_japanese(
    linked: TestClient, player: SpotifyPlayer
) -> None:
    """Issue 13: 高橋洋子 next to a Japanese title is Takahashi Yoko, not GaoQiaoYangZi."""
    player.current = playing(track("残酷な天使のテーゼ", ["高橋洋子"], isrc="JPKI09500010"))
    view = now_playing(linked, width=16)
    assert (view["ascii_title"], view["ascii_artist"]) == (
        "Zankoku na Tenshi no Teze",
        "Takahashi Yoko",
    )
    assert view["lcd"] == ["Zankoku na Tens.", "Takahashi Yoko  "]


@pytest.mark.parametrize(
    ("title", "album", "isrc", "markets", "expected"),
    [
        ("天体観測", "jupiter", "JPTF00100001", None, "Tentai Kansoku"),  # a Japanese ISRC
        ("天体観測", "ジュピター", "USRC17607839", None, "Tentai Kansoku"),  # kana in the album
        ("天体観測", "jupiter", "USRC17607839", ["JP"], "Tentai Kansoku"),  # sold in Japan only
        ("天体観測", "jupiter", "USRC17607839", None, "TianTiGuanCe"),  # nothing says Japanese
    ],
)
def test_what_makes_a_track_japanese(
    linked: TestClient,
    player: SpotifyPlayer,
    title: str,
    album: str,
    isrc: str,
    markets: list[str] | None,
    expected: str,
) -> None:
    item = track(title, ["BUMP OF CHICKEN"], album=album, isrc=isrc)
    if markets:
        item["album"]["available_markets"] = markets
    player.current = playing(item)
    assert now_playing(linked)["ascii_title"] == expected


def test_without_width_there_are_no_lcd_lines(linked: TestClient, player: SpotifyPlayer) -> None:
    player.current = playing(track("Кукушка", ["Кино"]), is_playing=False)
    view = now_playing(linked)
    assert "lcd" not in view
    assert view["is_playing"] is False
    assert (view["ascii_title"], view["ascii_artist"]) == ("Kukushka", "Kino")


def test_several_artists_share_the_second_line(linked: TestClient, player: SpotifyPlayer) -> None:
    player.current = playing(track("Crazy in Love", ["Beyoncé", "JAY-Z"]))
    view = now_playing(linked, width=20)
    assert view["artists"] == ["Beyoncé", "JAY-Z"]
    assert view["lcd"] == ["Crazy in Love       ", "Beyonce, JAY-Z      "]


def test_each_artist_is_transliterated_in_its_own_script(
    linked: TestClient, player: SpotifyPlayer
) -> None:
    player.current = playing(track("Duet", ["周杰倫", "宇多田ヒカル"]))
    assert now_playing(linked)["ascii_artist"] == "ZhouJieLun, Utada Hikaru"


def test_a_local_file_has_no_spotify_link(linked: TestClient, player: SpotifyPlayer) -> None:
    """Local files play through Spotify with no id, URL or cover (`is_local`)."""
    local = {
        **track("Demo Tape", ["Garage Band"]),
        "id": None,
        "uri": "spotify:local:Garage+Band::Demo+Tape:180",
        "is_local": True,
        "external_urls": {},
        "external_ids": {},
    }
    local["album"] = {**local["album"], "images": []}
    player.current = playing(local)
    view = now_playing(linked)
    assert (view["title"], view["url"], view["image"]) == ("Demo Tape", None, None)
    response = linked.post("/users/ana/now-playing/recommendation", headers=AUTH)
    assert_problem(response, 404, "no track that can be recommended")


def test_an_episode_shows_its_show(linked: TestClient, player: SpotifyPlayer) -> None:
    player.current = playing(episode("Épisode 12: Björk", "Radio Café"), kind="episode")
    view = now_playing(linked, width=16)
    assert view["type"] == "episode"
    assert view["title"] == "Épisode 12: Björk"
    assert view["artists"] == ["Radio Café"]
    assert view["album"] is None
    assert view["image"] == "https://i.scdn.co/image/episode"
    assert view["duration_ms"] == 1686230
    assert view["lcd"] == ["Episode 12: Bjo.", "Radio Cafe      "]
    # Without `additional_types=episode` Spotify would hide the episode.
    (request,) = player.standin.requests_to("/currently-playing")
    assert "episode" in request.query["additional_types"].split(",")


def test_an_episode_spotify_hides_is_named_as_one(
    linked: TestClient, player: SpotifyPlayer
) -> None:
    player.current = playing(None, kind="episode")
    view = now_playing(linked, width=16)
    assert (view["type"], view["title"]) == ("episode", None)
    assert view["ascii_title"] == "Podcast episode"


def test_an_ad_is_shown_as_such(linked: TestClient, player: SpotifyPlayer) -> None:
    player.current = advertisement()
    view = now_playing(linked, width=16)
    assert view["type"] == "ad"
    assert view["is_playing"] is True
    assert (view["title"], view["artists"], view["url"]) == (None, [], None)
    assert view["lcd"] == ["Advertisement   ", " " * 16]


def test_a_private_session_hides_the_item(linked: TestClient, player: SpotifyPlayer) -> None:
    player.current = private_session()
    view = now_playing(linked, width=16)
    assert view["type"] == "unknown"
    assert view["title"] is None
    assert view["ascii_title"] == "Private session"


def test_nothing_playing_is_204(linked: TestClient, player: SpotifyPlayer) -> None:
    player.current = None
    response = linked.get("/users/ana/now-playing", headers=AUTH)
    assert response.status_code == 204
    assert response.content == b""


def test_a_user_not_linked_is_404(app_client: TestClient, player: SpotifyPlayer) -> None:
    player.current = playing(UTADA)
    problem = assert_problem(app_client.get("/users/bob/now-playing", headers=AUTH), 404)
    assert problem["type"].endswith("/spotify-not-linked")
    assert "/users/bob/spotify/authorization" in problem["detail"]
    assert player.standin.requests == []


def test_now_playing_needs_the_api_key(linked: TestClient) -> None:
    assert_problem(linked.get("/users/ana/now-playing"), 401)


@pytest.mark.parametrize("width", [0, 7, 41])
def test_a_width_out_of_range_is_a_400(linked: TestClient, width: int) -> None:
    assert_problem(linked.get(f"/users/ana/now-playing?width={width}", headers=AUTH), 400)


def test_spotify_rate_limiting_is_a_503_with_retry_after(
    linked: TestClient, player: SpotifyPlayer
) -> None:
    player.current = playing(UTADA)
    player.rate_limited(7)
    response = linked.get("/users/ana/now-playing", headers=AUTH)
    problem = assert_problem(response, 503, "rate limited")
    assert problem["source"] == "spotify"
    assert response.headers["retry-after"] == "7"


def test_a_failing_spotify_is_a_502_naming_it(linked: TestClient, player: SpotifyPlayer) -> None:
    player.standin.fail_next(spotify_error(500, "Internal server error"))
    problem = assert_problem(linked.get("/users/ana/now-playing", headers=AUTH), 502)
    assert problem["source"] == "spotify"


def test_post_get_answers_like_now_playing(linked: TestClient, player: SpotifyPlayer) -> None:
    """What an ESP32's HTTPClient sends: a urlencoded form."""
    player.current = playing(UTADA)
    response = linked.post(
        "/get",
        content=b"uid=ana&width=16",
        headers={**AUTH, "Content-Type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    assert response.json() == now_playing(linked, width=16)
    assert response.json()["ascii_artist"] == "Utada Hikaru"


def test_post_get_without_width_and_when_nothing_plays(
    linked: TestClient, player: SpotifyPlayer
) -> None:
    player.current = playing(UTADA)
    response = linked.post("/get", data={"uid": "ana"}, headers=AUTH)
    assert response.status_code == 200, response.text
    assert "lcd" not in response.json()
    player.current = None
    assert linked.post("/get", data={"uid": "ana"}, headers=AUTH).status_code == 204


def test_post_get_problems(linked: TestClient) -> None:
    assert_problem(linked.post("/get", data={"uid": "ana"}), 401)
    assert_problem(linked.post("/get", data={}, headers=AUTH), 400)
    assert_problem(linked.post("/get", data={"uid": "ana", "width": "3"}, headers=AUTH), 400)
    assert_problem(linked.post("/get", data={"uid": "ana", "extra": "1"}, headers=AUTH), 400)
    assert_problem(linked.post("/get", json={"uid": "ana"}, headers=AUTH), 415)
    assert_problem(linked.post("/get", data={"uid": "bob"}, headers=AUTH), 404, "not linked")
