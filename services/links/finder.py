"""Asks every platform where a work is, in parallel."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Protocol

from services.model import Link, Recommendation


@dataclass(frozen=True, slots=True)
class FoundLinks:
    """The outcome of one lookup: a link (or why not) per platform, and cover art."""

    links: dict[str, Link] = field(default_factory=dict)
    cover_img: str | None = None


class LinkProvider(Protocol):
    """One platform."""

    platform: str

    def find(self, recommendation: Recommendation) -> Link:
        """The platform's link for this work, or a link with status not_found/error/skipped."""


class LinkFinder:
    """Asks every provider at once; a lookup takes as long as the slowest one."""

    def __init__(self, providers: list[LinkProvider]) -> None:
        self._providers = providers
        self._pool = ThreadPoolExecutor(max_workers=max(1, 4 * len(providers)))

    def find(self, recommendation: Recommendation) -> FoundLinks:
        futures = {
            provider.platform: self._pool.submit(provider.find, recommendation)
            for provider in self._providers
        }
        return FoundLinks(links={platform: future.result() for platform, future in futures.items()})
