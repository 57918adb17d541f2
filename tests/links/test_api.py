"""The links API end to end, with every music platform pointed at its stand-in."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from app import build_injector, create_app
from services.settings import Settings
from standins.server import Reply
from tests.conftest import AUTH
from tests.links.conftest import Music

pytestmark = pytest.mark.unit

MUSIC = ("spotify", "deezer", "apple_music")


@pytest.fixture
def api(music_settings: Settings) -> Iterator[TestClient]:
    # GET /links needs a key (it spends provider quota): this client sends one always.
    app = create_app(build_injector(music_settings))
    with TestClient(app, headers=AUTH) as test_client:
        yield test_client


def settled(api: TestClient, location: str, timeout: float = 5.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        document: dict[str, Any] = api.get(location).json()
        if document["links_status"] != "pending":
            return document
        time.sleep(0.02)
    raise AssertionError(f"still pending after {timeout} s")


def post(api: TestClient, **fields: Any) -> str:
    answer = api.post("/recommendations", json={"user": "ana", **fields}, headers=AUTH)
    assert answer.status_code == 201, answer.text
    return str(answer.headers["Location"])


def test_a_posted_album_and_track_get_the_right_links_everywhere(api: TestClient) -> None:
    started = time.monotonic()
    album = post(api, title="Breaking Benjamin - Phobia", kind="album")
    track = post(api, title="The Diary of Jane", artist="Breaking Benjamin", kind="track")
    album_doc, track_doc = settled(api, album), settled(api, track)
    assert time.monotonic() - started < 5
    assert album_doc["links_status"] == "complete"
    urls = {p: album_doc["links"][p]["url"] for p in MUSIC}
    assert urls == {
        "spotify": "https://open.spotify.com/album/sp1",
        "deezer": "https://www.deezer.com/album/1001",
        "apple_music": "https://music.apple.com/us/album/x/9001",
    }
    assert album_doc["links"]["apple_music"]["method"] == "upc"  # UPC from Spotify/Deezer
    assert album_doc["links"]["spotify"]["app_uri"] == "spotify:album:sp1"
    assert album_doc["img"] == "https://i.scdn.co/image/sp1"  # filled from the best match
    ids = {p: track_doc["links"][p]["external_id"] for p in MUSIC}
    assert ids == {"spotify": "sp5", "deezer": "1005", "apple_music": "9005"}
    for link in [*album_doc["links"].values(), *track_doc["links"].values()]:
        if link["status"] == "found":
            assert link["confidence"] >= 0.82 and link["method"] in {"upc", "isrc", "search"}


def test_get_links_answers_without_storing_and_caches(
    api: TestClient, music_standins: Music
) -> None:
    params = {"title": "Phobia", "artist": "Breaking Benjamin", "kind": "album"}
    first = api.get("/links", params=params)
    assert first.status_code == 200
    body = first.json()
    assert {p: body["links"][p]["status"] for p in MUSIC} == dict.fromkeys(MUSIC, "found")
    assert body["cover_img"] == "https://i.scdn.co/image/sp1"
    calls = music_standins.upstream_calls()
    assert api.get("/links", params=params).json()["links"]["deezer"] == body["links"]["deezer"]
    assert music_standins.upstream_calls() == calls  # every provider answered from the cache
    assert api.get("/recommendations").json()["total"] == 0
    metrics = api.get("/metrics").text
    assert 'recindex_lookup_cache_total{result="hit"}' in metrics
    assert 'recindex_lookups_total{outcome="found",provider="deezer"}' in metrics


def test_only_decoys_is_not_found(api: TestClient, music_standins: Music) -> None:
    music_standins.catalog.add("album", "Fallen Angels (Karaoke Version)", "Karaoke Stars")
    music_standins.catalog.add("album", "Fallen Angels - A Tribute", "Tribute Band")
    params = {"title": "Fallen Angels", "artist": "Somebody Real", "kind": "album"}
    links = api.get("/links", params=params).json()["links"]
    assert {p: links[p]["status"] for p in MUSIC} == dict.fromkeys(MUSIC, "not_found")


def test_identical_lookups_in_flight_run_once(api: TestClient, music_standins: Music) -> None:
    for standin in music_standins.standins:
        standin.delay_seconds = 0.2
    params = {"title": "Breaking Benjamin", "kind": "artist"}
    answers: list[int] = []
    threads = [
        threading.Thread(
            target=lambda: answers.append(api.get("/links", params=params).status_code)
        )
        for _ in range(2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == [200, 200]
    assert len(music_standins.spotify.requests_to("/search")) == 1
    assert len(music_standins.deezer.requests_to("/search/artist")) == 1


def test_retry_after_3600_leaves_that_platform_error_and_the_rest_found(
    api: TestClient, music_standins: Music
) -> None:
    music_standins.deezer.fail_next(
        *[Reply({"error": "Too Many Requests"}, 429, {"Retry-After": "3600"})] * 3
    )
    started = time.monotonic()
    document = settled(api, post(api, title="Breaking Benjamin - Phobia", kind="album"))
    assert time.monotonic() - started < 2
    assert document["links_status"] == "partial"
    assert document["links"]["deezer"]["status"] == "error"
    assert document["links"]["spotify"]["status"] == "found"
    assert document["links"]["apple_music"]["status"] == "found"


def test_a_manual_link_survives_a_new_lookup(api: TestClient) -> None:
    location = post(api, title="Breaking Benjamin - Phobia", kind="album")
    settled(api, location)
    manual = {"url": "https://open.spotify.com/album/THE-RIGHT-ONE", "app_uri": "spotify:album:x"}
    answer = api.put(location + "/links/spotify", json=manual, headers=AUTH)
    assert answer.status_code == 200, answer.text
    link = answer.json()["links"]["spotify"]
    assert (link["method"], link["confidence"], link["status"]) == ("manual", 1.0, "found")
    lookup = api.post(location + "/lookup", headers=AUTH)
    assert lookup.status_code == 202
    assert lookup.json()["links_status"] == "pending"
    again = settled(api, location)
    assert again["links"]["spotify"]["url"] == manual["url"]
    assert again["links"]["deezer"]["status"] == "found"


def test_link_routes_answer_problems(api: TestClient) -> None:
    location = post(api, title="Breaking Benjamin - Phobia", kind="album")
    body = {"url": "https://example.com/x"}
    unknown = api.put(location + "/links/myspace", json=body, headers=AUTH)
    assert unknown.status_code == 400
    assert unknown.headers["content-type"].startswith("application/problem+json")
    assert (
        api.put("/recommendations/nope/links/spotify", json=body, headers=AUTH).status_code == 404
    )
    assert api.post("/recommendations/nope/lookup", headers=AUTH).status_code == 404
    assert api.post(location + "/lookup", headers={"X-API-Key": "wrong"}).status_code == 401
    assert (
        api.put(location + "/links/spotify", json={"url": "javascript:x"}, headers=AUTH).status_code
        == 400
    )
    assert api.get("/links", params={"kind": "album"}).status_code == 400


@pytest.mark.parametrize(
    ("title", "artist", "stored_title", "stored_artist"),
    [
        ("初恋", "宇多田ヒカル", "初恋", "宇多田ヒカル"),
        ("Группа крови", "Кино", "Группа крови", "Кино"),
        ("Agaetis byrjun", "Sigur Ros", "Ágætis byrjun", "Sigur Rós"),
        ("Lemonade", "Beyoncé", "Lemonade (Deluxe Edition)", "Beyonce"),
    ],
)
def test_non_latin_and_accented_names_are_found(
    api: TestClient,
    music_standins: Music,
    title: str,
    artist: str,
    stored_title: str,
    stored_artist: str,
) -> None:
    music_standins.catalog.add("album", stored_title, stored_artist, upc="0000012345678")
    music_standins.catalog.add("album", stored_title, "Someone Else")
    params = {"title": title, "artist": artist, "kind": "album"}
    links = api.get("/links", params=params).json()["links"]
    assert {p: links[p]["status"] for p in MUSIC} == dict.fromkeys(MUSIC, "found")
    assert {links[p]["artist"] for p in MUSIC} == {stored_artist}
