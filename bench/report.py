"""The report of a `make bench` run: printed as it goes, written to docs/benchmarks.md.

Sections add their text and tables (Markdown) as they measure, and `record` their
headline figures; `summary` gathers those in one table, each figure beside its bound
(what is possible here) and its aim. Every figure is the median of several runs,
shown with the lowest and highest.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

LINES: list[str] = []
FIGURES: list[Figure] = []
COMMANDS: list[str] = []


@dataclass(frozen=True)
class Figure:
    """A measured figure over its runs; `bound` is what is possible here, `aim` what we promised."""

    what: str
    runs: tuple[float, ...]
    unit: str
    p99_ms: float | None = None
    bound: str = ""
    aim: str = ""
    met: bool | None = None
    headline: bool = False
    """Quoted in the README's figures too."""

    @property
    def median(self) -> float:
        return statistics.median(self.runs)


def number(value: float) -> str:
    if value < 1:  # a fraction (recall 0.995): two decimals would round it up to 1.00
        return f"{value:.3f}"
    return f"{value:,.2f}" if value < 10 else f"{value:,.0f}"


def spread(values: Sequence[float]) -> str:
    """`median (min-max)`, or the value alone when it was measured once."""
    if len(values) == 1:
        return number(values[0])
    return f"{number(statistics.median(values))} ({number(min(values))}-{number(max(values))})"


def emit(line: str = "") -> None:
    print(line, flush=True)
    LINES.append(line)


def section(title: str, *paragraphs: str) -> None:
    emit(f"\n## {title}\n")
    for paragraph in paragraphs:
        text(paragraph)


def text(paragraph: str) -> None:
    emit(paragraph)
    emit()


def table(header: Sequence[str], rows: Sequence[Sequence[str]], numeric_from: int = 1) -> None:
    """A Markdown table; columns from `numeric_from` on are right-aligned."""
    emit("| " + " | ".join(header) + " |")
    aligns = ["---" if n < numeric_from else "---:" for n in range(len(header))]
    emit("| " + " | ".join(aligns) + " |")
    for row in rows:
        emit("| " + " | ".join(row) + " |")
    emit()


def record(figure: Figure) -> None:
    FIGURES.append(figure)


def command(line: str) -> None:
    """A command line used to load or measure, listed with the summary."""
    if line not in COMMANDS:
        COMMANDS.append(line)


def _rows(figures: Sequence[Figure]) -> list[list[str]]:
    rows = []
    for figure in figures:
        p99 = f"{figure.p99_ms:.1f}" if figure.p99_ms is not None else ""
        met = {True: "yes", False: "**no**", None: ""}[figure.met]
        value = f"{spread(figure.runs)} {figure.unit}".strip()
        rows.append([figure.what, value, p99, figure.bound, figure.aim, met])
    return rows


HEADER = ["figure", "median (min-max)", "p99 ms", "bound (measured here)", "aim", "aim met"]
README_START = "<!-- written by make bench: headline figures -->"
README_END = "<!-- end of make bench's figures -->"


def headline(when: str, command: str) -> str:
    """The README's block of headline figures, between its markers."""
    lines = [
        README_START,
        f"Measured by `{command}` on {when} (median of its runs, lowest and highest in "
        "brackets); the rest, and how each was measured, in "
        "[docs/benchmarks.md](docs/benchmarks.md).",
        "",
        "| " + " | ".join(HEADER) + " |",
        "| --- |" + " ---: |" * (len(HEADER) - 1),
        *("| " + " | ".join(row) + " |" for row in _rows([f for f in FIGURES if f.headline])),
        README_END,
    ]
    return "\n".join(lines)


def replace_headline(readme: str, block: str) -> str:
    start, end = readme.index(README_START), readme.index(README_END) + len(README_END)
    return readme[:start] + block + readme[end:]


def summary() -> None:
    if not FIGURES:
        return
    section(
        "Summary",
        "Each figure is the median of its runs, with the lowest and highest in brackets; "
        "p99 is the median of the runs' 99th percentile latencies.",
    )
    table(HEADER, _rows(FIGURES))
    if COMMANDS:
        emit("Measured with:")
        emit()
        for line in COMMANDS:
            emit(f"    {line}")
        emit()
