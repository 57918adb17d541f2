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


PREVIOUS = """# Benchmarks

Written by `make bench`.

- date: 2026-12-01 10:00 UTC
- commit: aaa1111 an older commit

## HTTP

http figures

## Link quality

old quality

## Summary

Each figure is the median of its runs.

| figure | median (min-max) |
| --- | ---: |
| GET one | 2,000 req/s |
| link recall, table | 0.995 |

Measured with:

    wrk URL
    python -m bench lookups


## Load while measuring

The machine is shared.

| section | minutes |
| --- | ---: |
| http | 4.9 |
| lookups | 1.7 |
"""

FRESH = """# Benchmarks

Written by `python -m bench lookups`.

- date: 2026-12-07 18:00 UTC
- commit: bbb2222 this commit

## Link quality

new quality

## Summary

Each figure is the median of its runs.

| figure | median (min-max) |
| --- | ---: |
| link recall, table | 0.997 |
| link calibration, table | 1.000 |

Measured with:

    python -m bench lookups


## Load while measuring

The machine is shared.

| section | minutes |
| --- | ---: |
| lookups | 2.0 |
"""


def test_a_run_of_some_sections_replaces_theirs_and_keeps_the_others() -> None:
    document = report.merged(PREVIOUS, FRESH)

    assert document.startswith("# Benchmarks\n\nWritten by `python -m bench lookups`.")
    assert "previous report's (date: 2026-12-01 10:00 UTC; commit: aaa1111" in document
    assert "http figures" in document and "new quality" in document
    assert "old quality" not in document
    assert [line for line in document.splitlines() if line.startswith("## ")] == [
        "## HTTP",
        "## Link quality",
        "## Summary",
        "## Load while measuring",
    ]
    summary = document[document.index("## Summary") : document.index("## Load")]
    assert summary.count("| link recall, table |") == 1
    assert "| link recall, table | 0.997 |" in summary
    assert summary.index("| GET one |") < summary.index("| link calibration, table |")
    assert "    wrk URL\n    python -m bench lookups" in summary
    assert "| http | 4.9 |\n| lookups | 2.0 |" in document
