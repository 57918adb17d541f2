"""The links matching table (standins/cases), end to end: every case through the finder
and the real providers against stand-ins that rank decoys above the work."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from standins.cases import TABLE
from standins.table import KINDS, PLATFORMS, Case
from standins.world import Score
from tests.links.table import table_score

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def score(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Score]:
    yield from table_score(TABLE, Path(tmp_path_factory.mktemp("table")))


@pytest.mark.parametrize("case", TABLE, ids=[case.name.split(":")[0] for case in TABLE])
def test_every_platform_gets_the_right_link_or_rightly_none(score: Score, case: Case) -> None:
    outcomes = {o.platform: o for o in score.outcomes if o.case is case}
    assert set(outcomes) == set(PLATFORMS)
    for platform, outcome in outcomes.items():
        expected = "missed" if platform in case.known_misses else ("right", "absent")
        assert outcome.verdict in expected, (
            f"{platform}: {outcome.verdict}, got {outcome.got}, want {sorted(outcome.expected)}"
        )


def test_no_wrong_link_and_at_least_98_percent_found(score: Score) -> None:
    for platform in PLATFORMS:
        assert score.precision(platform) == 1.0, platform
    assert score.recall() >= 0.98
    assert score.count()["error"] == 0


def test_a_confidence_of_0_9_or_more_is_right_at_least_99_percent_of_the_time(
    score: Score,
) -> None:
    assert score.right_at_or_above(0.9) >= 0.99
    assert sum(right + wrong for _, right, wrong in score.calibration()) == sum(
        o.verdict in {"right", "wrong"} for o in score.outcomes
    )


def test_only_an_identifier_the_post_gave_proves_a_link_to_1(score: Score) -> None:
    """A search, or an identifier a search gave, never reaches 1.0."""
    proven = [o for o in score.outcomes if o.confidence == 1.0]
    assert proven, "the table has posts that carry their ISRC or UPC"
    for outcome in proven:
        post = outcome.case.post
        assert outcome.method in {"isrc", "upc"}, outcome
        assert post.isrc or post.upc, outcome.case.name
    assert all(o.confidence < 1.0 for o in score.outcomes if o.method == "search")


def test_every_kind_of_trouble_has_several_cases_with_decoys() -> None:
    kinds = Counter(case.kind for case in TABLE)
    assert set(kinds) == set(KINDS)
    assert min(kinds.values()) >= 5, kinds
    for case in TABLE:
        if case.kind != "plain":  # decoys ranked above the work in the stores or on YouTube
            assert case.decoys or len(case.videos) > 1, case.name


def test_a_lookup_spends_few_calls_of_the_scarce_quotas(score: Score) -> None:
    """iTunes allows about 20 calls a minute, YouTube about 100 searches a day."""
    assert max(score.calls["youtube"]) == 1
    assert sum(score.calls["itunes"]) / len(TABLE) <= 1.2
    assert max(score.calls["itunes"]) <= 3
    # MusicBrainz is asked about a post in Latin letters only when a store found nothing
    # by its names (the broad pass): once, for the artist's other names.
    latin = [n for n, case in enumerate(TABLE) if f"{case.post.artist} {case.post.title}".isascii()]
    # (Where MusicBrainz is down, its one call is tried three times.)
    asked = [score.calls["musicbrainz"][n] for n in latin if not TABLE[n].musicbrainz_down]
    assert latin and max(asked) <= 1 and sum(asked) / len(latin) <= 0.3
