"""A post in another script when MusicBrainz does not help: the platforms that know the
native script give the Latin name, the identifiers and the English title."""

from __future__ import annotations

import pytest

from services.links.matching.agreement import alternatives
from services.links.matching.candidates import best
from services.links.matching.confidence import WEAK
from services.links.matching.model import Candidate
from services.links.matching.youtube import best_work
from services.links.platforms.provider import named_in_latin, search_forms
from services.links.query import ProviderResult, Query, found
from services.providers.youtube import Result

pytestmark = pytest.mark.unit

POST = Query(kind="track", title="봄날", artist="방탄소년단")


def test_the_latin_name_a_platforms_artist_search_answers() -> None:
    asked: list[str] = []

    def artist_names(name: str) -> list[str]:
        asked.append(name)
        return ["방탄소년단 커버", "BTS Tribute Band", "BTS", "Bangtan Boys"]

    named = named_in_latin(POST, artist_names)
    assert asked == ["방탄소년단"]
    # Not the script's own namesake, not a tribute: the first Latin name, surely as a search.
    assert named.aliases == ("BTS",) and named.alias_proof == WEAK


def test_no_artist_search_when_a_latin_name_is_known_or_needed_not() -> None:
    def artist_names(name: str) -> list[str]:
        raise AssertionError("not asked")

    known = POST.with_alias("BTS", 1.0)
    assert named_in_latin(known, artist_names) is known
    latin = Query(kind="track", title="Dynamite", artist="BTS")
    assert named_in_latin(latin, artist_names) is latin


def test_a_match_through_a_name_a_search_gave_is_as_sure_as_that_search() -> None:
    spring_day = Candidate("봄날", ["BTS"], album="YOU NEVER WALK ALONE")
    assert best(POST, [spring_day]) is None
    match = best(POST.with_alias("BTS", WEAK), [spring_day])
    assert match is not None and match[1] <= WEAK
    match = best(POST.with_alias("BTS", 1.0), [spring_day])  # MusicBrainz's
    assert match is not None and match[1] > WEAK


def test_a_learned_latin_title_is_searched_with_the_latin_name() -> None:
    link = found("u", external_id="1", title="빨간 맛 (Red Flavor)", artist="Red Velvet",
                 confidence=0.88, method="search")  # fmt: skip
    spotify = ProviderResult(links={"spotify": link}, title="빨간 맛 (Red Flavor)")
    query = Query(kind="track", title="빨간 맛", artist="레드벨벳").with_alias("Red Velvet", WEAK)
    learned = query.with_evidence(spotify)
    assert search_forms(learned)[:2] == [("Red Velvet", "빨간 맛"), ("Red Velvet", "Red Flavor")]
    match = best(learned, [Candidate("Red Flavor", ["Red Velvet"])])
    assert match is not None


def test_a_name_written_once_in_each_script_reads_as_either() -> None:
    assert alternatives("小酒窝 Little Dimple") == [
        "小酒窝 Little Dimple",
        "小酒窝",
        "Little Dimple",
    ]
    assert alternatives("Red Velvet 레드벨벳") == ["Red Velvet 레드벨벳", "Red Velvet", "레드벨벳"]
    assert alternatives("Through the Night") == ["Through the Night"]


def test_a_video_quoting_its_title_in_chinese_book_brackets() -> None:
    query = Query(kind="track", title="后来", artist="刘若英")
    video = Result("v", "刘若英 René Liu《后来》Official MV", "UC1", "René Liu 刘若英")
    assert best_work(query, [video]) is not None
