"""The music-video finders behind playlist videos, apart from the HTTP API."""

from __future__ import annotations

import pytest

from services.errors import ProviderUnavailable
from services.links.matching.youtube import OFFICIAL_CEILING, best_work
from services.links.query import Query
from services.links.videos import YouTubeVideoFinder
from services.providers.guard import Fault, Throttled, Transient
from services.providers.youtube import Result

pytestmark = pytest.mark.unit


class FakeYouTubeSearch:
    """The links package's YouTube search, answering fixed results or raising a fault."""

    has_key = True

    def __init__(self, answer: list[Result] | Fault) -> None:
        self.answer = answer
        self.searches: list[tuple[str, str]] = []

    def search(
        self, kind: str, text: str, country: str, someone_waits: bool = False
    ) -> list[Result]:
        self.searches.append((kind, text))
        if isinstance(self.answer, Fault):
            raise self.answer
        return self.answer


def test_the_finder_searches_through_the_links_youtube_search() -> None:
    """The links package's search, its matching and its link: the official video."""
    search = FakeYouTubeSearch([OFFICIAL])
    finder = YouTubeVideoFinder(search, cache_ttl_seconds=60)  # type: ignore[arg-type]
    found = finder.find("Kino", "Kukushka")
    assert (found["status"], found["url"]) == ("found", "https://www.youtube.com/watch?v=official")
    assert found["method"] == "search"
    assert search.searches == [("video", "Kino Kukushka")]
    assert finder.find("Kino", "Kukushka") == found  # cached
    assert len(search.searches) == 1


def test_faults_become_problems_naming_youtube_and_are_not_cached() -> None:
    search = FakeYouTubeSearch(Transient("HTTP 500: backendError"))
    finder = YouTubeVideoFinder(search, cache_ttl_seconds=60)  # type: ignore[arg-type]
    with pytest.raises(ProviderUnavailable) as raised:
        finder.find("Kino", "Kukushka")
    assert raised.value.provider == "youtube" and raised.value.retry_after is None
    search.answer = Throttled("youtube rate limited (rateLimitExceeded)", 1.0)
    with pytest.raises(ProviderUnavailable) as raised:
        finder.find("Kino", "Kukushka")
    assert raised.value.retry_after == 1.0
    search.answer = [OFFICIAL]
    assert finder.find("Kino", "Kukushka")["status"] == "found"
    assert len(search.searches) == 3


def _result(video_id: str, title: str, channel: str) -> Result:
    return Result(video_id, title, f"UC{channel}", channel)


OFFICIAL = _result("official", "Kino - Kukushka (Official Music Video)", "KinoVEVO")


@pytest.mark.parametrize(
    ("video_title", "channel"),
    [
        ("Kino - Kukushka (Cover by Someone)", "Someone Covers"),
        ("Kino - Kukushka (Karaoke Version)", "Sing King"),
        ("Kino - Kukushka | REACTION", "Reacts"),
        ("Kino - Kukushka (Lyrics)", "Lyrics Hub"),
        ("Kino - Kukushka (Official Lyric Video)", "KinoVEVO"),
        ("Kino - Kukushka (Official Audio)", "KinoVEVO"),
        ("Kino - Kukushka (Official Live Video)", "Kino"),
        ("Kino - Kukushka (Official Visualizer)", "KinoVEVO"),
    ],
)
def test_the_official_video_wins_over_every_other_upload(video_title: str, channel: str) -> None:
    """Playlist videos rank like links: the official video before lyric, audio, live, cover."""
    query = Query(kind="track", title="Kukushka", artist="Kino")
    other = _result("other", video_title, channel)
    assert best_work(query, [other, OFFICIAL], lyrics_will_do=True) == (OFFICIAL, OFFICIAL_CEILING)


def test_without_anything_official_a_fan_lyric_video_will_do() -> None:
    query = Query(kind="track", title="Kukushka", artist="Kino")
    fan = _result("fan", "Kino - Kukushka (Lyrics)", "Lyrics Hub")
    cover = _result("cover", "Kino - Kukushka (Cover by Someone)", "Someone Covers")
    match = best_work(query, [cover, fan], lyrics_will_do=True)
    assert match is not None and match[0] == fan
    assert best_work(query, [cover, fan]) is None  # links keep fan uploads out


def test_a_cover_counts_when_the_track_is_one() -> None:
    """`cover` in the wanted title is no reason to reject a video."""
    title = "Hurt (Johnny Cash cover)"
    query = Query(kind="track", title=title, artist="Nine Inch Nails")
    video = _result("v", f"Nine Inch Nails - {title}", "NIN")
    assert best_work(query, [video], lyrics_will_do=True) is not None
