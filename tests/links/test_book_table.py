"""The book cases of the links matching table (standins/cases/books.py), end to end:
every case through the service's finder, Open Library and Google Books stand-ins that
shelve decoys before the work."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from standins.books import BOOK_KINDS, BOOK_PLATFORMS, BookCase
from standins.cases.books import BOOKS
from standins.world import Score
from tests.links.table import book_table_score

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def score(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Score]:
    yield from book_table_score(BOOKS, Path(tmp_path_factory.mktemp("books")))


@pytest.mark.parametrize("case", BOOKS, ids=[case.name.split(":")[0] for case in BOOKS])
def test_every_platform_gets_the_right_link_or_rightly_none(score: Score, case: BookCase) -> None:
    outcomes = {o.platform: o for o in score.outcomes if o.case is case}
    assert set(outcomes) == set(BOOK_PLATFORMS)
    for platform, outcome in outcomes.items():
        expected = "missed" if platform in case.known_misses else ("right", "absent")
        assert outcome.verdict in expected, (
            f"{platform}: {outcome.verdict}, got {outcome.got}, want {sorted(outcome.expected)}"
        )


def test_no_wrong_link_and_at_least_90_percent_found(score: Score) -> None:
    for platform in BOOK_PLATFORMS:
        assert score.precision(platform) == 1.0, platform
    # The misses are by design (no author; a surname two authors of the title share).
    assert score.recall() >= 0.9
    assert score.count()["error"] == 0


def test_every_kind_of_trouble_has_several_cases_with_decoys() -> None:
    kinds = Counter(case.kind for case in BOOKS)
    assert set(kinds) == set(BOOK_KINDS)
    assert min(kinds.values()) >= 4, kinds
    assert sum(1 for case in BOOKS if case.decoys) >= len(BOOKS) // 2


def test_a_lookup_asks_each_catalogue_once_or_twice_with_an_isbn(score: Score) -> None:
    for name, calls in score.calls.items():
        for case, spent in zip(BOOKS, calls, strict=True):
            assert spent <= (2 if case.post.isbn else 1), (name, case.name)
        # A post without author or ISBN asks nothing.
        silent = [
            n for n, case in enumerate(BOOKS) if not (case.post.isbn or case.post.query().artist)
        ]
        assert silent and all(calls[n] == 0 for n in silent)
