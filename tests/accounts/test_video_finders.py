"""The music-video finders behind playlist videos, apart from the HTTP API."""

from __future__ import annotations

import pytest

from services.accounts.videos import LinkProviderVideoFinder
from services.accounts.youtube import video_score
from services.errors import ProviderUnavailable
from services.links.query import ProviderResult, Query
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


@pytest.mark.parametrize(
    ("video_title", "channel"),
    [
        ("Kino - Kukushka (Cover by Someone)", "Someone Covers"),
        ("Kino - Kukushka (Karaoke Version)", "Sing King"),
        ("Kino - Kukushka | REACTION", "Reacts"),
        ("Kino - Kukushka (Lyrics)", "Lyrics Hub"),
    ],
)
def test_the_official_video_outscores_every_decoy(video_title: str, channel: str) -> None:
    official = video_score("Kino", "Kukushka", "Kino - Kukushka (Official Music Video)", "KinoVEVO")
    assert official > video_score("Kino", "Kukushka", video_title, channel)


def test_a_cover_counts_when_the_track_is_one() -> None:
    """`cover` in the wanted title is no reason to reject a video."""
    title = "Hurt (Johnny Cash cover)"
    assert video_score("Nine Inch Nails", title, f"Nine Inch Nails - {title}", "NIN") > 0.5
