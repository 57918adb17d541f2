"""Facets, typo tolerance, suggestions, orders and date ranges: the same answers from
every RecommendationIndex (run against each implementation)."""

from __future__ import annotations

import pytest

from services.index import FacetCount, RecommendationIndex, SearchQuery, Suggestion
from services.index.cursor import InvalidCursor
from services.index.text import TYPO_THRESHOLD
from services.model import Recommendation
from tests.factories import stored

FOUND = {"status": "found", "url": "https://open.spotify.com/album/1", "method": "search"}


def _ids(documents: list[Recommendation]) -> list[str]:
    return [document["id"] for document in documents]


def _store(index: RecommendationIndex, *documents: Recommendation) -> None:
    for document in documents:
        index.create(document)


def _day(day: int) -> str:
    return f"2026-01-{day:02d}T00:00:00.000Z"


def _every_page(index: RecommendationIndex, query: SearchQuery) -> list[str]:
    seen: list[str] = []
    cursor = None
    while True:
        page = index.search(SearchQuery(**{**_fields(query), "cursor": cursor}))
        seen += _ids(page.items)
        cursor = page.next_cursor
        if cursor is None:
            return seen


def _fields(query: SearchQuery) -> dict[str, object]:
    return {name: getattr(query, name) for name in SearchQuery.__slots__}


# -- facets -------------------------------------------------------------------


def test_facets_count_kinds_platforms_and_users_of_the_results(index: RecommendationIndex) -> None:
    spotify = {"spotify": FOUND}
    both = {"spotify": FOUND, "deezer": {**FOUND, "url": "https://www.deezer.com/album/1"}}
    _store(
        index,
        stored(title="Echo - One", user="ana", kind="album", links=both),
        stored(title="Echo - Two", user="ana", kind="track", links=spotify),
        stored(title="Echo - Three", user="bob", kind="album"),
        stored(title="Echo - Four", user="cyd", kind="album", links=spotify),
        stored(title="Silence - Five", user="ana", kind="movie", links=spotify),
    )
    page = index.search(SearchQuery(q="echo", facets=("kind", "platform", "user")))
    assert page.total == 4
    assert page.facets == {
        "kind": [FacetCount("album", 3), FacetCount("track", 1)],
        "platform": [FacetCount("spotify", 3), FacetCount("deezer", 1)],
        # Equal counts in value order.
        "user": [FacetCount("ana", 2), FacetCount("bob", 1), FacetCount("cyd", 1)],
    }
    filtered = index.search(SearchQuery(kind="album", facets=("user",)))
    assert filtered.facets == {"user": [FacetCount("ana", 1), FacetCount("bob", 1),
                                        FacetCount("cyd", 1)]}  # fmt: skip
    assert index.search(SearchQuery(q="echo")).facets == {}


# -- typos ----------------------------------------------------------------------


def test_a_word_with_a_letter_or_two_wrong_finds_its_work(index: RecommendationIndex) -> None:
    phobia = stored(title="Breaking Benjamin - Phobia", artist="Breaking Benjamin")
    _store(index, phobia, stored(title="Muse - Absolution"))
    for typed in ("Breking Benjamin", "breakign benjamin", "Braeking Benjamni", "phobai"):
        page = index.search(SearchQuery(q=typed))
        assert (_ids(page.items), page.total, page.typos) == ([phobia["id"]], 1, True), typed
    # Three letters wrong, or two in a word of five: too far.
    for typed in ("Brekinnn Benjamin", "muuze"):
        assert index.search(SearchQuery(q=typed)).total == 0, typed
    assert index.search(SearchQuery(q="Breking Benjamin", fuzzy=False)).total == 0


def test_typo_matches_come_after_exact_ones(index: RecommendationIndex) -> None:
    exact = [stored(title=f"Band {n} - Phobia", created_at=_day(n)) for n in range(1, 4)]
    near = [stored(title=f"Group {n} - Phobic", created_at=_day(10 + n)) for n in range(1, 3)]
    _store(index, *near, *exact)
    for sort in ("relevance", "newest", "oldest"):
        page = index.search(SearchQuery(q="phobia", sort=sort))  # type: ignore[arg-type]
        assert page.total == 5 and page.typos
        assert set(_ids(page.items[:3])) == set(_ids(exact)), sort
        assert set(_ids(page.items[3:])) == set(_ids(near)), sort
    newest = index.search(SearchQuery(q="phobia", sort="newest")).items
    assert _ids(newest) == _ids([*reversed(exact), *reversed(near)])
    # Page by page, across the two tiers, in every order.
    for sort in ("relevance", "newest", "oldest"):
        query = SearchQuery(q="phobia", sort=sort, limit=2)  # type: ignore[arg-type]
        seen = _every_page(index, query)
        assert sorted(seen) == sorted(_ids([*exact, *near])) and len(seen) == 5


def test_typo_matches_never_swamp_enough_exact_ones(index: RecommendationIndex) -> None:
    exact = [stored(title=f"Band {n} - Phobia") for n in range(TYPO_THRESHOLD)]
    _store(index, *exact, stored(title="Group - Phobic"))
    page = index.search(SearchQuery(q="phobia", limit=100))
    assert (page.total, page.typos) == (TYPO_THRESHOLD, False)
    assert set(_ids(page.items)) == set(_ids(exact))


def test_facets_count_typo_matches_too(index: RecommendationIndex) -> None:
    _store(index, stored(title="Phobia", kind="album"), stored(title="Phobic", kind="track"))
    page = index.search(SearchQuery(q="phobia", facets=("kind",)))
    assert page.facets == {"kind": [FacetCount("album", 1), FacetCount("track", 1)]}


# -- suggestions ----------------------------------------------------------------


def test_suggestions_are_titles_and_artists_the_most_recommended_first(
    index: RecommendationIndex,
) -> None:
    _store(
        index,
        stored(title="Phobia", artist="Breaking Benjamin", user="ana"),
        stored(title="Phobia", artist="Breaking Benjamin", user="bob"),
        stored(title="Dear Agony", artist="Breaking Benjamin", user="ana"),
        stored(title="Breakfast Club", kind="movie"),
        stored(title="Jailbreak", artist="Thin Lizzy"),
    )
    assert index.suggest("brea") == [
        Suggestion("Breaking Benjamin", "artist", 3),
        Suggestion("Breakfast Club", "title", 1),
    ]
    assert index.suggest("BREAKING benj", limit=5) == [Suggestion("Breaking Benjamin", "artist", 3)]
    assert index.suggest("phob") == [Suggestion("Phobia", "title", 2)]
    assert index.suggest("brea", limit=1) == [Suggestion("Breaking Benjamin", "artist", 3)]
    assert index.suggest("zzz") == []
    assert index.suggest("  ") == []


# -- orders and dates ---------------------------------------------------------------


def test_oldest_and_newest_page_through_everything(index: RecommendationIndex) -> None:
    documents = [stored(title=f"Echo {n}", created_at=_day(n)) for n in range(1, 8)]
    _store(index, *documents)
    assert _every_page(index, SearchQuery(sort="oldest", limit=3)) == _ids(documents)
    assert _every_page(index, SearchQuery(limit=3)) == _ids(documents[::-1])
    assert _every_page(index, SearchQuery(q="echo", sort="newest", limit=2)) == _ids(
        documents[::-1]
    )
    assert _every_page(index, SearchQuery(q="echo", sort="oldest", limit=2)) == _ids(documents)
    # Relevance without words to rank: newest first.
    assert _every_page(index, SearchQuery(sort="relevance", limit=3)) == _ids(documents[::-1])


def test_a_cursor_of_one_order_is_refused_by_another(index: RecommendationIndex) -> None:
    _store(index, *[stored(title=f"Echo {n}", created_at=_day(n)) for n in range(1, 4)])
    cursors = {
        sort: index.search(SearchQuery(q="echo", sort=sort, limit=1)).next_cursor  # type: ignore[arg-type]
        for sort in ("relevance", "newest", "oldest")
    }
    for made_by, cursor in cursors.items():
        for used_by in cursors:
            query = SearchQuery(q="echo", sort=used_by, limit=1, cursor=cursor)  # type: ignore[arg-type]
            if made_by == used_by:
                assert len(index.search(query).items) == 1
            else:
                with pytest.raises(InvalidCursor):
                    index.search(query)


def test_created_after_and_before_are_exclusive_bounds(index: RecommendationIndex) -> None:
    documents = [stored(title=f"Echo {n}", created_at=_day(n)) for n in range(1, 6)]
    _store(index, *documents)
    between = SearchQuery(created_after=_day(2), created_before=_day(5))
    assert _ids(index.search(between).items) == _ids(documents[2:4][::-1])
    with_words = index.search(SearchQuery(q="echo", created_after=_day(4)))
    assert (_ids(with_words.items), with_words.total) == ([documents[4]["id"]], 1)
    assert index.search(SearchQuery(created_before=_day(1))).total == 0
