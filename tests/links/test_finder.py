"""The finder's phases and its cache: what is remembered, what runs once."""

from __future__ import annotations

import threading
import time

import pytest

from services.links.cache import LookupCache
from services.links.finder import LinkFinder
from services.links.query import ProviderResult, Query, missing
from tests.links.conftest import Music
from tests.standins.server import Reply

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
