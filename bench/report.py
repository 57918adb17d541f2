"""One table for the whole `make bench` run: each figure beside its bound and its aim.

Sections print their details as they go and `record` their headline figures;
`print_table` prints them together at the end, with the commands that made them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    """A measured figure; `bound` is what is possible here, `aim` what we promised."""

    what: str
    value: float
    unit: str
    p99_ms: float | None = None
    bound: str = ""
    aim: str = ""
    met: bool | None = None


FIGURES: list[Figure] = []
COMMANDS: list[str] = []


def record(figure: Figure) -> None:
    FIGURES.append(figure)


def command(line: str) -> None:
    """A command line used to load or measure, printed under the table."""
    if line not in COMMANDS:
        COMMANDS.append(line)


def _number(value: float) -> str:
    if value < 1:  # a fraction (recall 0.995): two decimals would round it up to 1.00
        return f"{value:.3f}"
    return f"{value:,.2f}" if value < 10 else f"{value:,.0f}"


def print_table() -> None:
    if not FIGURES:
        return
    print("\n## Summary\n")
    print("| figure | value | p99 ms | bound (measured here) | aim | aim met |")
    print("| --- | ---: | ---: | --- | --- | --- |")
    for figure in FIGURES:
        p99 = f"{figure.p99_ms:.1f}" if figure.p99_ms is not None else ""
        met = {True: "yes", False: "no", None: ""}[figure.met]
        print(
            f"| {figure.what} | {_number(figure.value)} {figure.unit} | {p99} "
            f"| {figure.bound} | {figure.aim} | {met} |"
        )
    if COMMANDS:
        print("\nmeasured with:\n")
        for line in COMMANDS:
            print(f"    {line}")
