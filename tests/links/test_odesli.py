"""`GET /v1-alpha.1/links`: Odesli's documented answer, names and errors, and its `key`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from app import build_injector, create_app
from tests.conftest import API_KEY, AUTH
from tests.links.everywhere import ART_TRACK, MUSIC_VIDEO, Everywhere, everywhere
from tests.logcapture import CapturedLogs

pytestmark = pytest.mark.unit

ODESLI = "/v1-alpha.1/links"
ANSWER_FIELDS = {
    "entityUniqueId",
    "userCountry",
    "pageUrl",
    "entitiesByUniqueId",
    "linksByPlatform",
}
ENTITY_FIELDS = {"id", "type", "title", "artistName", "thumbnailUrl", "apiProvider", "platforms"}


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Everywhere]:
    settings = {"public_url": "https://links.example/", "lookup_cache_ttl_seconds": 0}
    with everywhere(tmp_path_factory.mktemp("odesli"), **settings) as found:
        yield found


@pytest.fixture(scope="module")
def api(world: Everywhere) -> Iterator[TestClient]:
    with TestClient(create_app(build_injector(world.settings))) as client:
        yield client


def odesli(api: TestClient, **params: str) -> dict[str, Any]:
    answer = api.get(ODESLI, params=params, headers=AUTH)
    assert answer.status_code == 200, answer.text
    body: dict[str, Any] = answer.json()
    return body


def test_a_song_answers_in_odesli_shape_with_its_names_and_entity_ids(api: TestClient) -> None:
    body = odesli(api, url="https://open.spotify.com/track/sp5?si=x", userCountry="gb")

    assert set(body) == ANSWER_FIELDS
    assert body["entityUniqueId"] == "SPOTIFY_SONG::sp5"
    assert body["userCountry"] == "GB"
    assert body["pageUrl"] == "https://links.example/s/spotify/track/sp5"
    entities = body["entitiesByUniqueId"]
    assert {uid: e["platforms"] for uid, e in entities.items()} == {
        "SPOTIFY_SONG::sp5": ["spotify"],
        "DEEZER_SONG::1005": ["deezer"],
        "ITUNES_SONG::9005": ["appleMusic", "itunes"],
        f"YOUTUBE_VIDEO::{MUSIC_VIDEO}": ["youtube"],
        f"YOUTUBE_VIDEO::{ART_TRACK}": ["youtubeMusic"],
        "TIDAL_SONG::70000005": ["tidal"],
    }
    for uid, entity in entities.items():
        assert set(entity) == ENTITY_FIELDS, uid
        assert entity["type"] == "song" and entity["title"] == "The Diary of Jane"
        assert uid.endswith("::" + entity["id"])
    assert entities["ITUNES_SONG::9005"]["apiProvider"] == "itunes"
    links = body["linksByPlatform"]
    assert set(links) == {
        "spotify",
        "deezer",
        "appleMusic",
        "itunes",
        "youtube",
        "youtubeMusic",
        "tidal",
    }
    assert links["spotify"] == {
        "url": "https://open.spotify.com/track/sp5",
        "nativeAppUriDesktop": "spotify:track:sp5",
        "entityUniqueId": "SPOTIFY_SONG::sp5",
        "country": "GB",
    }
    apple = links["appleMusic"]
    assert apple["url"].endswith("?i=9005&app=music")
    assert apple["nativeAppUriMobile"].startswith("music://music.apple.com/")
    assert links["itunes"]["url"].endswith("&app=itunes")
    assert links["youtube"]["url"] == f"https://www.youtube.com/watch?v={MUSIC_VIDEO}"
    assert links["tidal"] == {
        "url": "https://tidal.com/browse/track/70000005",
        "nativeAppUriMobile": "tidal://track/70000005",
        "entityUniqueId": "TIDAL_SONG::70000005",
        "country": "GB",
    }
    assert entities["TIDAL_SONG::70000005"]["apiProvider"] == "tidal"
    assert {link["entityUniqueId"] for link in links.values()} == set(entities)


def test_an_album_named_by_platform_type_and_id(api: TestClient) -> None:
    body = odesli(api, platform="appleMusic", type="album", id="9001")

    assert body["entityUniqueId"] == "ITUNES_ALBUM::9001"
    assert body["pageUrl"] == "https://links.example/s/apple_music/album/9001"
    entities = body["entitiesByUniqueId"]
    assert "SPOTIFY_ALBUM::sp1" in entities and "DEEZER_ALBUM::1001" in entities
    assert {e["type"] for e in entities.values()} == {"album"}
    playlist = next(uid for uid in entities if uid.startswith("YOUTUBE_PLAYLIST::OLAK5uy_"))
    assert entities[playlist]["platforms"] == ["youtube", "youtubeMusic"]


def test_one_video_on_both_youtubes_is_one_entity(api: TestClient) -> None:
    body = odesli(api, platform="youtubeMusic", type="song", id=ART_TRACK)

    uid = f"YOUTUBE_VIDEO::{ART_TRACK}"
    assert body["entityUniqueId"] == uid
    assert body["entitiesByUniqueId"][uid]["platforms"] == ["youtube", "youtubeMusic"]
    assert body["entitiesByUniqueId"][uid]["thumbnailUrl"]
    assert body["linksByPlatform"]["spotify"]["entityUniqueId"] == "SPOTIFY_SONG::sp5"


@pytest.mark.parametrize(
    ("params", "status", "code"),
    [
        ({"url": "https://soundcloud.com/a/b"}, 400, "could_not_resolve_entity"),
        ({"platform": "amazonMusic", "type": "song", "id": "B01"}, 400, "could_not_resolve_entity"),
        ({"url": "https://www.themoviedb.org/movie/949"}, 400, "could_not_resolve_entity"),
        ({"url": "https://www.deezer.com/track/4040404"}, 404, "could_not_fetch_entity_data"),
    ],
)
def test_errors_carry_odesli_status_and_code(
    api: TestClient, params: dict[str, str], status: int, code: str
) -> None:
    answer = api.get(ODESLI, params=params, headers=AUTH)

    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"].startswith("application/problem+json")
    assert answer.json()["statusCode"] == status
    assert answer.json()["code"] == code


def test_neither_url_nor_platform_type_and_id_is_a_400(api: TestClient) -> None:
    answer = api.get(ODESLI, params={"platform": "spotify", "id": "sp5"}, headers=AUTH)

    assert answer.status_code == 400
    assert answer.json()["parameters"] == ["url", "platform, type and id"]


def test_the_key_may_come_as_odeslis_query_parameter_and_is_never_logged(
    api: TestClient,
) -> None:
    logs = CapturedLogs()

    keyed = api.get(ODESLI, params={"url": "spotify:track:sp5", "key": API_KEY})
    wrong = api.get(ODESLI, params={"url": "spotify:track:sp5", "key": "not-" + API_KEY})
    none = api.get(ODESLI, params={"url": "spotify:track:sp5"})

    assert keyed.status_code == 200, keyed.text
    assert wrong.status_code == none.status_code == 401
    assert wrong.json()["detail"] == "The key query parameter does not hold a valid key."
    assert API_KEY not in logs.text
    assert "route=/v1-alpha.1/links" in logs.text  # the access log saw them


def test_the_query_key_opens_only_odeslis_route(api: TestClient) -> None:
    answer = api.get("/links", params={"url": "spotify:track:sp5", "key": API_KEY})

    assert answer.status_code in (400, 401)  # an unknown parameter there, never accepted


def test_anonymous_callers_follow_the_rules_of_get_links(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    with (
        everywhere(tmp_path_factory.mktemp("open"), links_anonymous_rate_limit="1/60") as world,
        TestClient(create_app(build_injector(world.settings))) as client,
    ):
        first = client.get(ODESLI, params={"url": "https://www.deezer.com/track/1005"})
        second = client.get(ODESLI, params={"url": "https://www.deezer.com/track/1005"})
        wrong = client.get(ODESLI, params={"url": "spotify:track:sp5", "key": "wrong"})

    assert first.status_code == 200, first.text
    # Never YouTube's daily search budget: its links come from the cache or not at all.
    assert "youtubeMusic" not in first.json()["linksByPlatform"]
    assert second.status_code == 429
    assert wrong.status_code == 401
