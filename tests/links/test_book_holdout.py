"""The held-out book cases (standins/holdout_books.py), never used to tune book matching:
no wrong link on books the matching was not fitted to, and most expected links found."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from standins.books import BOOK_PLATFORMS
from standins.holdout_books import HOLDOUT_BOOKS
from standins.world import Score
from tests.links.table import book_table_score

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def score(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Score]:
    yield from book_table_score(HOLDOUT_BOOKS, Path(tmp_path_factory.mktemp("book-holdout")))


def test_no_wrong_link_on_unseen_books(score: Score) -> None:
    wrong = [o for o in score.outcomes if o.verdict == "wrong"]
    assert wrong == [], [(o.case.name, o.platform, o.got) for o in wrong]
    assert all(score.precision(platform) == 1.0 for platform in BOOK_PLATFORMS)


def test_at_least_85_percent_of_the_expected_links_on_unseen_books(score: Score) -> None:
    assert score.recall() >= 0.85
    assert score.count()["error"] == 0
