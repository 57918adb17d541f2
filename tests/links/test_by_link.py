"""`GET /links?url=`: a work read by id on its platform and found on the others by identity,
per platform, among decoys (a live take, karaoke, a single and another band's album of the
same title, covers and fans' uploads on YouTube)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from app import build_injector, create_app
from standins.server import Reply
from tests.conftest import AUTH
from tests.links.everywhere import (
    ALBUM_PLAYLIST,
    ART_TRACK,
    MUSIC_VIDEO,
    THE_ALBUM,
    THE_TRACK,
    Everywhere,
    everywhere,
)

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Everywhere]:
    # One app for the module, its cache off: each lookup asks the platforms again.
    with everywhere(tmp_path_factory.mktemp("by-link"), lookup_cache_ttl_seconds=0) as found:
        yield found


@pytest.fixture(scope="module")
def api(world: Everywhere) -> Iterator[TestClient]:
    with TestClient(create_app(build_injector(world.settings)), headers=AUTH) as client:
        yield client


def by_link(api: TestClient, url: str, **params: str) -> dict[str, Any]:
    answer = api.get("/links", params={"url": url, **params})
    assert answer.status_code == 200, answer.text
    body: dict[str, Any] = answer.json()
    return body


def ids(body: dict[str, Any], platforms: tuple[str, ...] = tuple(THE_TRACK)) -> dict[str, str]:
    links = body["links"]
    return {p: links[p].get("external_id", links[p]["status"]) for p in platforms}


def test_a_spotify_track_link_finds_its_recording_by_isrc_not_a_karaoke_or_live_take(
    api: TestClient,
) -> None:
    body = by_link(api, "https://open.spotify.com/intl-de/track/sp5?si=1a2b3c")

    assert ids(body) == THE_TRACK
    links = body["links"]
    assert links["spotify"]["method"] == "source" and links["spotify"]["confidence"] == 1
    assert links["deezer"]["method"] == "isrc"
    assert links["apple_music"]["method"] == "upc"  # the album's UPC and the track's place
    assert links["youtube"]["external_id"] == MUSIC_VIDEO
    assert links["youtube_music"]["external_id"] == ART_TRACK
    assert body["work"] == {
        "kind": "track",
        "title": "The Diary of Jane",
        "artist": "Breaking Benjamin",
        "album": "Phobia",
        "year": 2006,
        "isrc": "USHR10622153",
        "duration_ms": 200_000,
        "cover_img": "https://i.scdn.co/image/sp5",
    }
    assert body["page_url"] == "http://127.0.0.1:8080/s/spotify/track/sp5"


def test_the_live_takes_link_finds_the_live_take_not_the_studio_one(api: TestClient) -> None:
    body = by_link(api, "spotify:track:sp6")

    assert body["links"]["deezer"]["external_id"] == "1006"  # its own ISRC
    assert body["links"]["deezer"]["method"] == "isrc"
    assert body["links"]["tidal"]["external_id"] == "70000006"
    assert body["links"]["apple_music"].get("external_id") != "9005"
    assert body["links"]["youtube"].get("external_id") != MUSIC_VIDEO


def test_a_deezer_album_link_finds_the_album_not_the_single_or_another_bands(
    api: TestClient,
) -> None:
    body = by_link(api, "https://www.deezer.com/fr/album/1001")

    assert ids(body) == THE_ALBUM
    assert body["links"]["deezer"]["method"] == "source"
    assert body["links"]["spotify"]["method"] == "upc"
    assert body["links"]["youtube_music"]["external_id"] == ALBUM_PLAYLIST
    assert body["work"]["upc"] == "0602498537683"


def test_a_deezer_track_link_finds_it_by_isrc(api: TestClient) -> None:
    body = by_link(api, "https://www.deezer.com/track/1005")

    assert ids(body) == THE_TRACK
    assert body["links"]["spotify"]["method"] == "isrc"


def test_an_apple_music_song_link_without_identifiers_is_found_by_its_exact_metadata(
    api: TestClient,
) -> None:
    # The Lookup API gives no ISRC: title, artist and length find it among the decoys,
    # and the identifier a store then gives finds it on the rest.
    body = by_link(api, "https://music.apple.com/us/album/phobia/59005?i=9005")

    assert ids(body) == THE_TRACK
    assert body["links"]["apple_music"]["method"] == "source"
    assert body["links"]["spotify"]["method"] == "search"
    assert body["work"]["duration_ms"] == 200_000


def test_an_itunes_album_link_finds_the_album(api: TestClient) -> None:
    body = by_link(api, "https://itunes.apple.com/us/album/phobia/id9001?uo=4")

    assert ids(body) == THE_ALBUM


def test_a_youtube_music_video_link_is_read_as_artist_and_title_and_found_everywhere(
    api: TestClient, world: Everywhere
) -> None:
    reads = len(world.youtube.reads())
    body = by_link(api, f"https://youtu.be/{MUSIC_VIDEO}")

    assert ids(body) == THE_TRACK
    links = body["links"]
    assert links["youtube"]["method"] == "source"
    assert links["youtube"]["url"] == f"https://www.youtube.com/watch?v={MUSIC_VIDEO}"
    # A music video is not YouTube Music's song: its art track is searched for.
    assert links["youtube_music"]["external_id"] == ART_TRACK
    assert [r.query["id"] for r in world.youtube.reads()[reads:]] == [MUSIC_VIDEO]
    assert body["work"]["title"] == "The Diary of Jane"
    assert body["work"]["artist"] == "Breaking Benjamin"


def test_a_youtube_music_song_link_needs_no_search(api: TestClient, world: Everywhere) -> None:
    searches = len(world.youtube.searches())
    body = by_link(api, f"https://music.youtube.com/watch?v={ART_TRACK}")

    assert ids(body) == THE_TRACK
    links = body["links"]
    assert links["youtube_music"]["url"] == f"https://music.youtube.com/watch?v={ART_TRACK}"
    assert links["youtube"]["url"] == f"https://www.youtube.com/watch?v={ART_TRACK}"
    assert {links[p]["method"] for p in ("youtube", "youtube_music")} == {"source"}
    assert len(world.youtube.searches()) == searches  # a read (1 quota unit), no search (100)
    assert body["work"]["album"] == "Phobia" and body["work"]["year"] == 2006


def test_a_youtube_music_album_playlist_finds_the_album(api: TestClient) -> None:
    body = by_link(api, f"https://music.youtube.com/playlist?list={ALBUM_PLAYLIST}")

    assert ids(body) == THE_ALBUM
    assert body["links"]["youtube"]["url"].endswith(f"/playlist?list={ALBUM_PLAYLIST}")
    assert body["work"]["artist"] == "Breaking Benjamin"


def test_a_tmdb_link_gives_the_title_and_where_it_streams_by_its_id(api: TestClient) -> None:
    # Two films are called "Heat": the id says which.
    body = by_link(api, "https://www.themoviedb.org/movie/949-heat", country="DE")

    assert body["links"]["tmdb"]["method"] == "source"
    assert body["links"]["tmdb"]["url"] == "https://www.themoviedb.org/movie/949"
    assert body["links"]["disney_plus"]["status"] == "found"
    assert "netflix" not in body["links"]
    assert body["work"] == {
        "kind": "movie",
        "title": "Heat",
        "year": 1995,
        "cover_img": "https://image.tmdb.org/t/p/w500/heat.jpg",
    }
    assert "JustWatch" in body["attribution"]


@pytest.mark.parametrize(
    ("url", "platform"),
    [
        ("https://open.spotify.com/track/sp404", "spotify"),
        ("https://open.spotify.com/album/sp5", "spotify"),  # a track's id as an album's
        ("https://www.deezer.com/track/4040404", "deezer"),
        ("https://music.apple.com/us/song/x/4040404", "apple_music"),
        ("https://www.youtube.com/watch?v=NoSuchVideo", "youtube"),
        ("https://www.themoviedb.org/movie/404", "tmdb"),
        ("https://tidal.com/browse/track/79999999", "tidal"),
    ],
)
def test_an_id_its_platform_does_not_know_is_a_404(
    api: TestClient, url: str, platform: str
) -> None:
    answer = api.get("/links", params={"url": url})

    assert answer.status_code == 404, answer.text
    assert answer.headers["content-type"].startswith("application/problem+json")
    problem = answer.json()
    assert problem["platform"] == platform
    assert problem["code"] == "could_not_fetch_entity_data"


def test_a_link_recindex_cannot_read_is_a_400_naming_what_it_reads(api: TestClient) -> None:
    answer = api.get("/links", params={"url": "https://deezer.page.link/Xyz"})

    assert answer.status_code == 400
    problem = answer.json()
    assert "short link" in problem["detail"] and "never fetches" in problem["detail"]
    assert problem["readable"] == [
        "spotify",
        "deezer",
        "apple_music",
        "youtube",
        "youtube_music",
        "tidal",
        "tmdb",
    ]
    assert problem["code"] == "could_not_resolve_entity"


def test_neither_title_nor_url_is_a_400(api: TestClient) -> None:
    answer = api.get("/links", params={"kind": "track"})

    assert answer.status_code == 400
    assert answer.json()["parameters"] == ["title", "url"]


def test_a_platform_without_credentials_says_so(tmp_path: Path) -> None:
    with (
        everywhere(tmp_path, spotify_client_id=None) as world,
        TestClient(create_app(build_injector(world.settings)), headers=AUTH) as client,
    ):
        answer = client.get("/links", params={"url": "spotify:track:sp5"})

    assert answer.status_code == 502
    assert answer.json()["source"] == "spotify"
    assert "SPOTIFY_CLIENT_ID" in answer.json()["detail"]


def test_a_tidal_track_link_finds_its_recording_by_isrc_not_a_live_or_karaoke_take(
    api: TestClient, world: Everywhere
) -> None:
    world.tidal.standin.requests.clear()
    body = by_link(api, "https://tidal.com/browse/track/70000005")

    assert ids(body) == THE_TRACK
    tidal = body["links"]["tidal"]
    assert (tidal["method"], tidal["confidence"]) == ("source", 1)
    assert tidal["app_uri"] == "tidal://track/70000005"
    assert body["links"]["spotify"]["method"] == body["links"]["deezer"]["method"] == "isrc"
    assert body["links"]["youtube"]["external_id"] == MUSIC_VIDEO
    assert body["work"]["isrc"] == "USHR10622153"
    assert body["page_url"] == "http://127.0.0.1:8080/s/tidal/track/70000005"
    asked = [r.path for r in world.tidal.standin.requests if "oauth2" not in r.path]
    assert asked == ["/tracks/70000005"]  # read once by its id, never searched


def test_a_tidal_album_link_finds_the_album_by_upc_not_the_single_or_another_bands(
    api: TestClient,
) -> None:
    body = by_link(api, "https://listen.tidal.com/album/70000001")

    assert ids(body, tuple(THE_ALBUM)) == THE_ALBUM
    assert body["links"]["tidal"]["method"] == "source"
    assert body["links"]["spotify"]["method"] == body["links"]["deezer"]["method"] == "upc"
    assert body["links"]["youtube_music"]["external_id"] == ALBUM_PLAYLIST


def test_a_platform_answering_an_unexpected_shape_is_a_502_naming_it(
    api: TestClient, world: Everywhere
) -> None:
    world.music.deezer.fail_next(Reply({"id": 1005, "type": "track"}))  # no title, no link

    answer = api.get("/links", params={"url": "https://www.deezer.com/track/1005"})

    assert answer.status_code == 502, answer.text
    assert answer.json()["source"] == "deezer"
    assert "malformed answer" in answer.json()["detail"]
