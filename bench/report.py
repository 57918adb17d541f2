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


def share(part: int, whole: int) -> str:
    """`part` of `whole` as a fraction, with the counts: `0.995 (199 of 200)`."""
    return f"{part / whole:.3f} ({part} of {whole})" if whole else "none"


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


SUMMARY, LOAD = "Summary", "Load while measuring"


def merged(previous: str, fresh: str) -> str:
    """The report of a run of some sections (`fresh`) merged into the last whole one
    (`previous`): the fresh sections replace theirs, the others stay as they were measured
    (the header says when), and the Summary's and the load table's rows are both runs',
    the fresh ones winning, in the previous order."""
    old_header, old_sections = _sections(previous)
    new_header, new_sections = _sections(fresh)
    sections = dict(old_sections)
    for title, body in new_sections.items():
        if title in (SUMMARY, LOAD) and title in sections:
            sections[title] = _merged_rows(sections[title], body)
        else:
            sections[title] = body
    ordered = [t for t in old_sections if t not in (SUMMARY, LOAD)]
    ordered += [t for t in new_sections if t not in ordered and t not in (SUMMARY, LOAD)]
    ordered += [t for t in (SUMMARY, LOAD) if t in sections]
    kept = [line for line in old_header.splitlines() if line.startswith(("- date:", "- commit:"))]
    note = (
        "\nThe sections this run did not measure are the previous report's ("
        + "; ".join(line.removeprefix("- ") for line in kept)
        + ").\n"
    )
    return new_header.rstrip() + "\n" + note + "".join(f"\n## {t}\n{sections[t]}" for t in ordered)


def _sections(document: str) -> tuple[str, dict[str, str]]:
    """The text before the first `## ` title, and each section's body by title."""
    header, *parts = document.split("\n## ")
    sections: dict[str, str] = {}
    for part in parts:
        title, _, body = part.partition("\n")
        sections[title.strip()] = "\n" + body.strip("\n") + "\n\n"
    return header, sections


def _merged_rows(previous: str, fresh: str) -> str:
    """A section of one table (and, for the Summary, the commands under it): the rows by
    their first cell, fresh ones replacing previous ones, new ones at the end."""
    lines = previous.strip("\n").splitlines()
    table_at = next(n for n, line in enumerate(lines) if line.startswith("| "))
    table_end = table_at
    while table_end < len(lines) and lines[table_end].startswith("| "):
        table_end += 1
    rows = {**_table_rows(previous), **_table_rows(fresh)}
    commands = dict.fromkeys(_commands(previous) + _commands(fresh))
    after = [line for line in lines[table_end:] if not line.startswith("    ")]
    body = [*lines[: table_at + 2], *rows.values(), *after, *(f"    {c}" for c in commands)]
    return "\n" + "\n".join(body) + "\n\n"


def _table_rows(section: str) -> dict[str, str]:
    lines = [line for line in section.splitlines() if line.startswith("| ")]
    return {line.split("|")[1].strip(): line for line in lines[2:]}


def _commands(section: str) -> list[str]:
    return [line.strip() for line in section.splitlines() if line.startswith("    ")]
