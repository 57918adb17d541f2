"""The music-video finders behind playlist videos, apart from the HTTP API."""

from __future__ import annotations

import pytest

from services.accounts.videos import LinkProviderVideoFinder
from services.errors import ProviderUnavailable
from services.links.query import ProviderResult, Query
from services.links.youtube_matching import Result, best_work
from services.model import Link

pytestmark = pytest.mark.unit


class FakeYouTubeProvider:
    """A links-package provider answering a fixed YouTube link, as `LinkProvider`s do."""

    name = "youtube"
    platforms = ("youtube", "youtube_music")

    def __init__(self, link: Link) -> None:
        self.link = link
        self.queries: list[Query] = []

    def find(self, query: Query) -> ProviderResult:
        self.queries.append(query)
        return ProviderResult(links={"youtube": self.link})


def test_a_link_provider_can_stand_in_for_the_finder() -> None:
    """The adapter through which the links package's YouTube provider plugs in."""
    found: Link = {"status": "found", "url": "https://www.youtube.com/watch?v=x"}
    provider = FakeYouTubeProvider(found)
    finder = LinkProviderVideoFinder(provider)  # type: ignore[arg-type]
    assert finder.find("Kino", "Kukushka") == found
    (query,) = provider.queries
    assert (query.kind, query.artist, query.title) == ("track", "Kino", "Kukushka")
    provider.link = {"status": "error", "detail": "HTTP 500"}
    with pytest.raises(ProviderUnavailable) as raised:
        finder.find("Kino", "Kukushka")
    assert raised.value.provider == "youtube"


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
    assert best_work(query, [other, OFFICIAL], lyrics_will_do=True) == (OFFICIAL, 1.0)


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
