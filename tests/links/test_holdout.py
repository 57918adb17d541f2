"""The held-out cases (standins/holdout.py), never used to tune matching: the aim of issue 13
holds on works the matching was not fitted to."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from standins.holdout import HOLDOUT
from standins.table import PLATFORMS
from standins.world import Score
from tests.links.table import table_score

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def score(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Score]:
    yield from table_score(HOLDOUT, Path(tmp_path_factory.mktemp("holdout")))


def test_no_wrong_link_on_unseen_cases(score: Score) -> None:
    wrong = [o for o in score.outcomes if o.verdict == "wrong"]
    assert wrong == [], [(o.case.name, o.platform, o.got) for o in wrong]
    assert all(score.precision(platform) == 1.0 for platform in PLATFORMS)


def test_at_least_98_percent_of_the_expected_links_on_unseen_cases(score: Score) -> None:
    assert score.recall() >= 0.98
    assert score.count()["error"] == 0


def test_a_confidence_of_0_9_or_more_is_right_at_least_99_percent_of_the_time_on_unseen_cases(
    score: Score,
) -> None:
    assert score.right_at_or_above(0.9) >= 0.99
    assert all(o.confidence < 1.0 for o in score.outcomes if o.method == "search")
