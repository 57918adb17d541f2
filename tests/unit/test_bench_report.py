"""The bench's report: medians with their spread, and the README's block of headline
figures replaced in place (the rest of the README untouched)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bench import report
from bench.report import Figure

pytestmark = pytest.mark.unit


@pytest.fixture(autouse=True)
def empty_report() -> Iterator[None]:
    saved = list(report.FIGURES), list(report.LINES)
    report.FIGURES.clear()
    report.LINES.clear()
    yield
    report.FIGURES[:], report.LINES[:] = saved


def test_a_figure_is_its_median_with_lowest_and_highest() -> None:
    assert report.spread([3_000.0, 1_000.0, 2_000.0]) == "2,000 (1,000-3,000)"
    assert report.spread([0.995]) == "0.995"  # a fraction keeps three decimals


def test_the_readme_quotes_headline_figures_only_between_its_markers() -> None:
    report.record(Figure("GET one", (2.0, 4.0, 3.0), "req/s", aim=">= 1", met=True, headline=True))
    report.record(Figure("a detail", (9.0,), "req/s"))
    readme = f"# title\n\nbefore\n{report.README_START}\nold\n{report.README_END}\nafter\n"

    block = report.headline("2026-12-06", "make bench")
    updated = report.replace_headline(readme, block)

    assert updated.startswith("# title\n\nbefore\n")
    assert updated.endswith(f"{report.README_END}\nafter\n")
    assert "old" not in updated
    assert "| GET one | 3.00 (2.00-4.00) req/s |  |  | >= 1 | yes |" in updated
    assert "a detail" not in updated
    assert report.replace_headline(updated, block) == updated
