"""YouTube and YouTube Music against a local `search.list` stand-in, faults included."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from app import build_injector
from services.links.finder import LinkFinder
from services.links.platforms.youtube import YouTubeProvider
from services.links.query import Query
from services.providers.guard import Guard
from services.providers.quota import QUOTA_ZONE, DailyBudget
from services.providers.youtube import YouTubeSearch
from standins.server import Reply
from standins.youtube import (
    YouTubeStandIn,
    key_invalid,
    playlist,
    quota_exceeded,
    video,
)
from tests.conftest import make_settings

pytestmark = pytest.mark.unit

JANE = Query(kind="track", title="The Diary of Jane", artist="Breaking Benjamin")
TOPIC = "Breaking Benjamin - Topic"
PROVIDED = "Provided to YouTube by Hollywood Records\n\nThe Diary of Jane · Breaking Benjamin"
DECOYS = [
    video("karaoke", "The Diary of Jane (Karaoke Version) - Breaking Benjamin", "Sing King"),
    video("cover", "Breaking Benjamin - The Diary of Jane (Cover by Ann)", "Ann Sings"),
    video("live", "Breaking Benjamin - The Diary of Jane (Live at Rock am Ring)", "RockFan"),
    video(
        "reaction", "FIRST TIME HEARING Breaking Benjamin - The Diary of Jane | REACTION", "Reacts"
    ),
    video("lyrics", "Breaking Benjamin - The Diary of Jane (Lyrics)", "Lyrics Hub"),
]
OFFICIAL = video(
    "official", "Breaking Benjamin - The Diary Of Jane (Official Video)", "BreakingBenjaminVEVO"
)
ART_TRACK = video("art", "The Diary of Jane", TOPIC, "UCtopic", PROVIDED)


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 23, 10, 0, tzinfo=QUOTA_ZONE)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def youtube() -> Iterator[YouTubeStandIn]:
    standin = YouTubeStandIn()
    with standin.standin.running():
        yield standin


def make_provider(
    tmp_path: Path, youtube: YouTubeStandIn, budget: DailyBudget | None = None, **overrides: object
) -> YouTubeProvider:
    values: dict[str, object] = {"youtube_api_key": "yt-key", "youtube_api_url": youtube.api_url}
    settings = make_settings(tmp_path, **{**values, **overrides})
    key = settings.youtube_api_key.get_secret_value() if settings.youtube_api_key else ""
    guard = Guard("youtube", 100, 1, max_wait=5, sleep=lambda _: None)
    search = YouTubeSearch(youtube.api_url, guard, 5, key=key, budget=budget or DailyBudget(100))
    return YouTubeProvider(search)


def test_the_official_video_wins_over_decoys_and_the_art_track_is_youtube_music(
    tmp_path: Path, youtube: YouTubeStandIn
) -> None:
    youtube.videos = [*DECOYS, ART_TRACK, OFFICIAL]

    links = make_provider(tmp_path, youtube).find(JANE).links

    assert links["youtube"]["status"] == "found"
    assert links["youtube"]["url"] == "https://www.youtube.com/watch?v=official"
    assert links["youtube"]["app_uri"] == "vnd.youtube:official"
    assert links["youtube"]["method"] == "search"
    assert links["youtube"]["confidence"] >= 0.9
    assert links["youtube"]["artist"] == "Breaking Benjamin"  # not "BreakingBenjamin"
    assert links["youtube"]["title"] == "Breaking Benjamin - The Diary Of Jane (Official Video)"
    assert links["youtube_music"]["url"] == "https://music.youtube.com/watch?v=art"
    [search] = youtube.searches()
    assert search.query == {
        "part": "snippet",
        "q": "Breaking Benjamin The Diary of Jane",
        "type": "video",
        "videoCategoryId": "10",
        "maxResults": "10",
        "regionCode": "US",
    }
    assert search.headers["x-goog-api-key"] == "yt-key"  # not in the URL, which gets logged


def test_only_decoys_is_not_found_on_both(tmp_path: Path, youtube: YouTubeStandIn) -> None:
    youtube.videos = DECOYS

    links = make_provider(tmp_path, youtube).find(JANE).links

    assert links["youtube"]["status"] == "not_found"
    assert links["youtube_music"]["status"] == "not_found"


def test_a_live_take_is_found_when_asked_for(tmp_path: Path, youtube: YouTubeStandIn) -> None:
    youtube.videos = DECOYS
    title = "The Diary of Jane (Live at Rock am Ring)"
    query = Query(kind="track", title=title, artist="Breaking Benjamin")

    links = make_provider(tmp_path, youtube).find(query).links

    assert links["youtube"]["external_id"] == "live"


def test_a_music_video_alone_is_no_youtube_music_song(
    tmp_path: Path, youtube: YouTubeStandIn
) -> None:
    youtube.videos = [OFFICIAL]

    links = make_provider(tmp_path, youtube).find(JANE).links

    assert links["youtube"]["external_id"] == "official"
    assert links["youtube_music"]["status"] == "not_found"


def test_an_unofficial_upload_ranks_below_the_art_track(
    tmp_path: Path, youtube: YouTubeStandIn
) -> None:
    reupload = video("reupload", "Breaking Benjamin - The Diary of Jane", "Rock Classics 2000s")
    youtube.videos = [reupload, ART_TRACK]

    links = make_provider(tmp_path, youtube).find(JANE).links

    assert links["youtube"]["external_id"] == "art"
    assert links["youtube"]["title"] == "The Diary of Jane"


def test_same_title_by_another_artist_is_not_found(tmp_path: Path, youtube: YouTubeStandIn) -> None:
    youtube.videos = [video("other", "Diary of Jane (Official Video)", "Some Other Band")]

    assert make_provider(tmp_path, youtube).find(JANE).links["youtube"]["status"] == "not_found"


def test_an_artist_gets_its_channel_and_its_topic_channel(
    tmp_path: Path, youtube: YouTubeStandIn
) -> None:
    youtube.videos = [
        video("a", "Breaking Benjamin Tribute Medley", "Breaking Benjamin Fans", "UCfans"),
        OFFICIAL,
        ART_TRACK,
    ]
    query = Query(kind="artist", title="Breaking Benjamin")

    links = make_provider(tmp_path, youtube).find(query).links

    assert links["youtube"]["url"] == "https://www.youtube.com/channel/UCBreakingBenjaminVEVO"
    assert links["youtube_music"]["url"] == "https://music.youtube.com/channel/UCtopic"
    assert youtube.searches()[0].query["q"] == "Breaking Benjamin"


def test_an_album_is_its_release_playlist_only(tmp_path: Path, youtube: YouTubeStandIn) -> None:
    youtube.playlists = [
        playlist("PLfan", "Breaking Benjamin - Phobia (Full Album)", "Metal Vault"),
        playlist("OLAK5uy_release", "Phobia", TOPIC, "UCtopic"),
    ]
    query = Query(kind="album", title="Phobia", artist="Breaking Benjamin")

    links = make_provider(tmp_path, youtube).find(query).links

    assert links["youtube"]["url"] == "https://www.youtube.com/playlist?list=OLAK5uy_release"
    assert links["youtube_music"]["url"] == (
        "https://music.youtube.com/playlist?list=OLAK5uy_release"
    )
    assert youtube.searches()[0].query["type"] == "playlist"

    youtube.playlists = youtube.playlists[:1]
    links = make_provider(tmp_path, youtube).find(query).links
    assert links["youtube"]["status"] == links["youtube_music"]["status"] == "not_found"


def test_the_daily_budget_stops_searches_before_they_are_sent(
    tmp_path: Path, youtube: YouTubeStandIn
) -> None:
    youtube.videos = [OFFICIAL]
    clock = Clock()
    provider = make_provider(tmp_path, youtube, DailyBudget(2, clock))

    assert provider.find(JANE).links["youtube"]["status"] == "found"
    assert provider.find(JANE).links["youtube"]["status"] == "found"
    third = provider.find(JANE).links["youtube"]

    assert third["status"] == "error"
    assert "daily search budget" in third["detail"]
    assert len(youtube.searches()) == 2

    clock.now += timedelta(days=1)  # a new quota day
    assert provider.find(JANE).links["youtube"]["status"] == "found"
    assert len(youtube.searches()) == 3


def test_quota_exceeded_is_an_error_until_the_next_quota_day(
    tmp_path: Path, youtube: YouTubeStandIn
) -> None:
    youtube.videos = [OFFICIAL]
    clock = Clock()
    provider = make_provider(tmp_path, youtube, DailyBudget(100, clock))
    youtube.standin.fail_next(quota_exceeded())

    first = provider.find(JANE).links
    second = provider.find(JANE).links

    assert first["youtube"]["status"] == first["youtube_music"]["status"] == "error"
    assert "quota exceeded" in first["youtube"]["detail"]
    assert second["youtube"]["status"] == "error"
    assert len(youtube.searches()) == 1  # not asked again today

    clock.now += timedelta(days=1)
    provider = make_provider(tmp_path, youtube, DailyBudget(100, clock))
    assert provider.find(JANE).links["youtube"]["status"] == "found"


def test_an_invalid_key_is_an_error_and_not_retried(
    tmp_path: Path, youtube: YouTubeStandIn
) -> None:
    youtube.standin.fail_next(key_invalid())

    link = make_provider(tmp_path, youtube).find(JANE).links["youtube"]

    assert link["status"] == "error"
    assert "keyInvalid" in link["detail"]
    assert len(youtube.searches()) == 1


def test_a_server_error_is_retried(tmp_path: Path, youtube: YouTubeStandIn) -> None:
    youtube.videos = [OFFICIAL]
    youtube.standin.fail_next(Reply({"error": {"code": 500, "errors": []}}, status=500))

    link = make_provider(tmp_path, youtube).find(JANE).links["youtube"]

    assert link["status"] == "found"
    assert len(youtube.searches()) == 2


def test_a_long_retry_after_fails_at_once_and_blocks(
    tmp_path: Path, youtube: YouTubeStandIn
) -> None:
    youtube.videos = [OFFICIAL]
    youtube.standin.fail_next(Reply({}, status=429, headers={"Retry-After": "3600"}))
    provider = make_provider(tmp_path, youtube)

    assert provider.find(JANE).links["youtube"]["status"] == "error"
    assert provider.find(JANE).links["youtube"]["status"] == "error"
    assert len(youtube.searches()) == 1


def test_a_malformed_answer_is_an_error(tmp_path: Path, youtube: YouTubeStandIn) -> None:
    youtube.standin.fail_next(Reply(raw=b"<html>oops"))
    provider = make_provider(tmp_path, youtube)
    assert provider.find(JANE).links["youtube"]["status"] == "error"

    youtube.standin.fail_next(Reply({"kind": "youtube#searchListResponse", "items": "nope"}))
    assert provider.find(JANE).links["youtube"]["status"] == "error"


def test_without_a_key_both_are_skipped_and_nothing_is_sent(
    tmp_path: Path, youtube: YouTubeStandIn
) -> None:
    links = make_provider(tmp_path, youtube, youtube_api_key=None).find(JANE).links

    assert links["youtube"]["status"] == links["youtube_music"]["status"] == "skipped"
    assert "YOUTUBE_API_KEY" in links["youtube"]["detail"]
    assert youtube.searches() == []


def test_films_are_not_looked_up_on_youtube(tmp_path: Path, youtube: YouTubeStandIn) -> None:
    result = make_provider(tmp_path, youtube).find(Query(kind="movie", title="Heat"))
    assert result.links == {}


def test_the_service_finder_asks_every_platform(tmp_path: Path) -> None:
    finder = build_injector(make_settings(tmp_path)).get(LinkFinder)
    names = [provider.name for provider in finder.providers]
    assert names == [
        "spotify",
        "deezer",
        "tidal",
        "itunes",
        "musicbrainz",
        "youtube",
        "tmdb",
        "open_library",
        "google_books",
    ]
