"""Reading a YouTube video or playlist by id: 1 quota unit of the day's budget, a search's 100."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from services.providers.guard import Guard, Throttled
from services.providers.quota import READ_UNITS, DailyBudget
from services.providers.rate_limits import SharedLimits
from services.providers.youtube import YouTubeSearch
from standins.youtube import YouTubeStandIn, video

pytestmark = pytest.mark.unit


@pytest.fixture
def youtube() -> Iterator[YouTubeStandIn]:
    standin = YouTubeStandIn()
    standin.videos = [video("Vid12345678", "Artist - Song (Official Video)", "ArtistVEVO")]
    standin.durations = {"Vid12345678": "PT4M13S"}
    with standin.standin.running():
        yield standin


def client(youtube: YouTubeStandIn, budget: DailyBudget) -> YouTubeSearch:
    guard = Guard("youtube", 100, 1, max_wait=5, sleep=lambda _: None)
    return YouTubeSearch(youtube.api_url, guard, 5, key="yt-key", budget=budget)


def test_a_read_answers_the_resource_and_none_for_an_unknown_id(youtube: YouTubeStandIn) -> None:
    search = client(youtube, DailyBudget(1))

    item = search.read("video", "Vid12345678")
    assert item is not None
    assert item["snippet"]["title"] == "Artist - Song (Official Video)"
    assert item["contentDetails"]["duration"] == "PT4M13S"
    assert search.read("video", "NoSuchVideo") is None
    assert youtube.reads()[0].headers["x-goog-api-key"] == "yt-key"  # never in the URL


def test_reads_cost_a_unit_each_and_a_search_a_hundred(
    youtube: YouTubeStandIn, tmp_path: Path
) -> None:
    budget = DailyBudget(1, limits=SharedLimits(tmp_path))  # 100 units: one search's worth
    search = client(youtube, budget)

    search.read("video", "Vid12345678")

    # 99 units left: no search, but reads go on until the day's units are spent.
    with pytest.raises(Throttled, match="daily search budget used"):
        search.search("video", "Artist Song", "US")
    assert youtube.searches() == []
    for _ in range(99):
        search.read("video", "Vid12345678")
    with pytest.raises(Throttled):
        search.read("video", "Vid12345678")
    assert len(youtube.reads()) == 100
    with pytest.raises(Throttled):
        budget.check(READ_UNITS)
