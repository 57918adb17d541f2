"""A relevance cursor keeps its place when writes land between pages (on every
RecommendationIndex): a write changes the statistics that scores are made of (a new
document, a deleted one; on Elasticsearch also the deleted copy an update leaves until a
merge), so every score shifts, while the order of documents whose own text is unchanged
does not. A cursor that held only the last score would then skip or repeat results."""

from __future__ import annotations

import itertools

from services.index import RecommendationIndex, SearchQuery
from services.model import Recommendation
from tests.factories import stored

FOUND = {"status": "found", "url": "https://open.spotify.com/album/1", "method": "search"}
ROUNDS = 3


def _matching() -> tuple[list[Recommendation], list[Recommendation]]:
    """Matches of `phobia` in the title alone, of several lengths (their order is set by
    the length, whatever the statistics) and some of one length (equal scores): exact
    ones, and typo ones (`Phobic`) that come after them."""
    exact = [
        stored(title="Phobia", kind="album"),
        stored(title="Band One - Phobia", kind="album"),
        stored(title="Band Two - Phobia", kind="track"),
        stored(title="The Band With The Longest Name - Phobia", kind="album"),
        stored(title="Band Three - Phobia", kind="album"),
    ]
    near = [
        stored(title="Group One - Phobic", kind="album"),
        stored(title="Group Two - Phobic", kind="album"),
        stored(title="The Group With A Long Name - Phobic", kind="track"),
    ]
    return exact, near


class StatisticsShifter:
    """Writes between pages that move every score: a new document that does not match
    (more documents, another average length), an update of it and of a match (on
    Elasticsearch, a deleted copy each), and a delete of the one before."""

    def __init__(self, index: RecommendationIndex, matches: list[Recommendation]) -> None:
        self._index = index
        self._matches = itertools.cycle(matches)
        self._count = itertools.count(1)
        self._previous: str | None = None

    def shift(self) -> None:
        n = next(self._count)
        newcomer = stored(title=f"Silence {n}", description=" ".join(["quiet"] * (n % 7 + 1)))
        self._index.create(newcomer)
        self._index.set_links(newcomer["id"], {"spotify": FOUND})  # type: ignore[dict-item]
        self._index.set_links(next(self._matches)["id"], {"spotify": FOUND})  # type: ignore[dict-item]
        if self._previous is not None:
            self._index.delete(self._previous)
        self._previous = newcomer["id"]


def _pages_with_writes(
    index: RecommendationIndex, query: SearchQuery, shifter: StatisticsShifter
) -> list[str]:
    seen: list[str] = []
    cursor = None
    while True:
        page = index.search(SearchQuery(**{**_fields(query), "cursor": cursor}))
        assert set(page.facets) == set(query.facets)
        seen += [item["id"] for item in page.items]
        cursor = page.next_cursor
        if cursor is None:
            return seen
        shifter.shift()


def _fields(query: SearchQuery) -> dict[str, object]:
    return {name: getattr(query, name) for name in SearchQuery.__slots__}


def test_relevance_pages_neither_skip_nor_repeat_when_writes_land_between_them(
    index: RecommendationIndex,
) -> None:
    exact, near = _matching()
    for document in [*exact, *near, *(stored(title=f"Noise {n}") for n in range(4))]:
        index.create(document)
    shifter = StatisticsShifter(index, [*exact, *near])
    queries = [
        SearchQuery(q="phobia", limit=2),
        SearchQuery(q="phobia", limit=3, facets=("kind",)),
        SearchQuery(q="phobia", limit=1, kind="album"),
    ]
    for _ in range(ROUNDS):
        for query in queries:
            wanted = [d["id"] for d in [*exact, *near] if query.kind in (None, d["kind"])]
            seen = _pages_with_writes(index, query, shifter)
            assert sorted(seen) == sorted(wanted), query
            # The exact matches first, then the typo ones, each exactly once.
            exact_ids = {d["id"] for d in exact}
            assert set(seen[: len(exact_ids & set(wanted))]) == exact_ids & set(wanted), query


def test_the_cursor_of_a_deleted_result_still_pages_on(index: RecommendationIndex) -> None:
    """The item a cursor points after is gone: its score when the cursor was made stands
    in for its score now (exact while no other write shifted the scores)."""
    exact, near = _matching()
    for document in [*exact, *near]:
        index.create(document)
    every = [item["id"] for item in index.search(SearchQuery(q="phobia", limit=100)).items]
    first = index.search(SearchQuery(q="phobia", limit=2))
    index.delete(first.items[-1]["id"])
    rest: list[str] = []
    cursor = first.next_cursor
    while cursor is not None:
        page = index.search(SearchQuery(q="phobia", limit=2, cursor=cursor))
        rest += [item["id"] for item in page.items]
        cursor = page.next_cursor
    assert len(rest) == len(set(rest)) and set(rest) <= set(every) - {first.items[-1]["id"]}
