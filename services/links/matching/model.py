"""What a platform offered, in the terms matching needs (`Candidate`), and what matching
chose among them (`Choice`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Candidate(Generic[T]):
    """One thing a platform offered, in the terms matching needs; `item` is the raw answer."""

    title: str
    artists: Sequence[str] = ()
    year: int | None = None
    duration_ms: int | None = None
    record_type: str | None = None  # album, single, ep, compilation (as the platform says)
    album: str | None = None  # for a track: the album it is on
    track_count: int | None = None  # for an album
    item: T | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Choice(Generic[T]):
    """The best candidate with its confidence, or none; `ambiguous` when versions tie, and
    `tied` the candidates that a year (which the platform's answer lacks) may tell apart."""

    match: tuple[Candidate[T], float] | None = None
    ambiguous: bool = False
    tied: tuple[Candidate[T], ...] = ()
