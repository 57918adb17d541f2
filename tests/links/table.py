"""Running a matching table once per test module: every stand-in, the real providers."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from standins.books import BookCase, BookWorld, run_books
from standins.table import Case
from standins.world import Score, World, run


def table_score(cases: Sequence[Case], data_dir: Path) -> Iterator[Score]:
    """Each case looked up once through the service's own finder (cache off, so that
    every lookup asks the stand-ins), for a module-scoped fixture to yield."""
    world = World(cases)
    with world.running(), world.finder(data_dir) as finder:
        yield run(world, finder)


def book_table_score(cases: Sequence[BookCase], data_dir: Path) -> Iterator[Score]:
    """The same for book cases, through the Open Library and Google Books stand-ins."""
    world = BookWorld(cases)
    with world.running(), world.finder(data_dir) as finder:
        yield run_books(world, finder)
