"""The finder's rounds and its cache: what is remembered, what runs once, what one
platform's answer lets another find."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from services.links.cache import LookupCache
from services.links.finder import LinkFinder
from services.links.query import ProviderResult, Query, missing
from services.model import Link
from standins.cases import TABLE
from standins.server import Reply
from standins.world import World
from tests.links.conftest import Music

pytestmark = pytest.mark.unit

PHOBIA = Query(kind="album", title="Phobia", artist="Breaking Benjamin")


def test_errors_are_not_cached_but_not_found_is(finder: LinkFinder, music_standins: Music) -> None:
    music_standins.itunes.fail_next(*[Reply({}, 500)] * 3)
    assert finder.find_query(PHOBIA).links["apple_music"]["status"] == "error"
    assert finder.find_query(PHOBIA).links["apple_music"]["status"] == "found"
    nothing = Query(kind="album", title="No Such Album", artist="Nobody")
    assert finder.find_query(nothing).links["deezer"]["status"] == "not_found"
    calls = music_standins.upstream_calls()
    assert finder.find_query(nothing).links["deezer"]["status"] == "not_found"
    assert music_standins.upstream_calls() == calls


def test_a_giver_that_missed_by_search_finds_by_the_identifier_another_gave(
    finder: LinkFinder, music_standins: Music
) -> None:
    # Deezer's search knows the album under another title; its UPC finds it anyway.
    music_standins.deezer.fail_next(Reply({"data": [], "total": 0}))
    links = finder.find_query(PHOBIA).links
    assert links["deezer"]["status"] == "found"
    assert links["deezer"]["method"] == "upc"
    assert links["apple_music"]["method"] == "upc"


def test_cache_expires_and_runs_identical_work_once() -> None:
    cache = LookupCache(ttl_seconds=0.2)
    calls: list[int] = []

    def compute() -> ProviderResult:
        calls.append(1)
        time.sleep(0.1)
        return ProviderResult(links={"x": missing("not_found")})

    threads = [threading.Thread(target=cache.get_or_compute, args=("k", compute)) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(calls) == 1
    cache.get_or_compute("k", compute)
    assert len(calls) == 1
    time.sleep(0.25)
    cache.get_or_compute("k", compute)
    assert len(calls) == 2


def test_a_provider_bug_costs_its_platforms_only(finder: LinkFinder) -> None:
    class Broken:
        name = "broken"
        platforms = ("broken",)
        kinds = frozenset({"album"})
        gives_identifiers = False
        uses_identifiers = False

        def uses_identifier(self, kind: str) -> bool:
            return False

        def waits_for(self, query: Query) -> bool:
            return False

        def find(self, query: Query) -> ProviderResult:
            raise RuntimeError("bug")

        def close(self) -> None:
            pass

    with_bug = LinkFinder([*finder.providers, Broken()], LookupCache(0))
    links = with_bug.find_query(PHOBIA).links
    assert links["broken"]["status"] == "error"
    assert links["spotify"]["status"] == "found"


class Slow:
    """A provider that answers after `seconds`; `spends_daily_budget` like YouTube's."""

    platforms = ("slow",)
    kinds = frozenset({"album"})
    gives_identifiers = False
    uses_identifiers = False

    def __init__(self, name: str, seconds: float, spends_daily_budget: bool = False) -> None:
        self.name = name
        self.seconds = seconds
        self.spends_daily_budget = spends_daily_budget
        self.calls = 0

    def uses_identifier(self, kind: str) -> bool:
        return False

    def waits_for(self, query: Query) -> bool:
        return False

    def find(self, query: Query) -> ProviderResult:
        self.calls += 1
        time.sleep(self.seconds)
        return ProviderResult(links={"slow": {"status": "found", "url": "https://slow.example"}})

    def close(self) -> None:
        pass


def test_with_a_timeout_a_hanging_platform_is_an_error_and_its_answer_is_kept_later(
    finder: LinkFinder,
) -> None:
    slow = Slow("slow", 0.5)
    with_slow = LinkFinder([*finder.providers, slow], LookupCache(3600))
    started = time.monotonic()
    links = with_slow.find_query(PHOBIA, timeout=0.2).links
    assert time.monotonic() - started < 0.45
    assert links["slow"] == {**links["slow"], "status": "error"}
    assert "did not answer in time" in links["slow"]["detail"]
    assert links["spotify"]["status"] == "found"
    time.sleep(0.4)  # the call went on: its answer is cached for the next ask
    assert with_slow.find_query(PHOBIA, timeout=0.2).links["slow"]["status"] == "found"
    assert slow.calls == 1


def test_without_budget_a_quota_provider_answers_only_from_the_cache() -> None:
    quota = Slow("quota", 0, spends_daily_budget=True)
    finder = LinkFinder([quota], LookupCache(3600))
    skipped = finder.find_query(PHOBIA, spend_daily_budgets=False).links["slow"]
    assert skipped["status"] == "skipped"
    assert quota.calls == 0
    assert finder.find_query(PHOBIA).links["slow"]["status"] == "found"  # spends, is cached
    assert finder.find_query(PHOBIA, spend_daily_budgets=False).links["slow"]["status"] == "found"
    assert quota.calls == 1


# -- rounds: what one platform learns finds the work on the others (issue 13) ----------


def lookup_in(tmp_path: Path, name: str) -> tuple[dict[str, Link], World]:
    """One case of the matching table looked up through the finder; its stand-ins' calls."""
    (case,) = [case for case in TABLE if case.name.startswith(name)]
    world = World([case])
    with world.running(), world.finder(tmp_path) as finder:
        links = finder.find_query(case.post.query()).links
    return links, world


def test_itunes_finds_a_track_by_its_albums_upc_once_spotify_gave_it(tmp_path: Path) -> None:
    """A title many artists share: no search, one lookup of the album's songs."""
    links, world = lookup_in(tmp_path, "First Love")
    assert links["apple_music"]["method"] == "upc"
    (lookup,) = world.stores["apple_music"].requests
    assert lookup.path == "/lookup"
    assert lookup.query["upc"] == "4988006150002" and lookup.query["entity"] == "song"
    assert world.stores["spotify"].requests_to(r"^/albums/spa")  # the album's UPC, for iTunes


def test_deezer_finds_what_spotify_missed_and_spotify_asks_again_by_its_isrc(
    tmp_path: Path,
) -> None:
    links, world = lookup_in(tmp_path, "Yesterday")
    assert links["deezer"]["method"] == "search"
    assert links["spotify"]["method"] == "isrc"
    searches = [r.query["q"] for r in world.stores["spotify"].requests_to("^/search$")]
    assert searches == ['track:"Yesterday" artist:"The Beatles"', "isrc:GBAYE0601477"]


def test_a_platform_that_cannot_tell_versions_apart_asks_again_by_the_isrc(
    tmp_path: Path,
) -> None:
    """Deezer's live Wonderwall is titled plainly: Spotify's ISRC decides."""
    links, world = lookup_in(tmp_path, "Wonderwall")
    assert links["deezer"]["method"] == "isrc"
    assert world.stores["deezer"].requests_to(r"^/track/isrc:GBBQY9500012$")


def test_musicbrainz_finds_a_cyrillic_post_on_stores_that_write_it_in_latin(
    tmp_path: Path,
) -> None:
    links, world = lookup_in(tmp_path, "Кукушка")
    assert {links[p]["method"] for p in ("spotify", "deezer")} == {"isrc"}
    assert links["apple_music"]["method"] == "upc"
    assert links["youtube"]["status"] == "found"
    assert len(world.musicbrainz.standin.requests) == 2
