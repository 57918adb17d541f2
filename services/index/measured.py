"""`MeasuredIndex`: any `RecommendationIndex`, with each operation timed in INDEX_LATENCY."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from services.index import (
    Change,
    LoadReport,
    RecommendationIndex,
    SearchPage,
    SearchQuery,
    Suggestion,
)
from services.metrics import INDEX_LATENCY
from services.model import Link, Recommendation


class MeasuredIndex:
    """Wraps the index the composition root chose, so every implementation is measured alike.

    Failed calls are timed too (a timeout is latency worth seeing). `scan` is a
    generator whose pace the caller sets, and `close` is not an operation: both
    pass through untimed, as does anything an implementation offers beyond the
    protocol.
    """

    def __init__(self, index: RecommendationIndex) -> None:
        self._index = index
        # Children resolved once: `labels()` takes a lock and a dict lookup per call.
        self._timers = {
            name: INDEX_LATENCY.labels(name)
            for name in (
                "create",
                "get",
                "update",
                "set_links",
                "mark_pending",
                "delete",
                "search",
                "suggest",
                "pending_ids",
                "links_checked_before",
                "bulk_load",
                "ping",
            )
        }

    @property
    def inner(self) -> RecommendationIndex:
        return self._index

    def create(self, recommendation: Recommendation) -> str:
        with self._timers["create"].time():
            return self._index.create(recommendation)

    def get(self, recommendation_id: str) -> Recommendation:
        with self._timers["get"].time():
            return self._index.get(recommendation_id)

    def update(self, recommendation_id: str, change: Change) -> Recommendation:
        with self._timers["update"].time():
            return self._index.update(recommendation_id, change)

    def set_links(
        self,
        recommendation_id: str,
        links: dict[str, Link],
        cover_img: str | None = None,
        attribution: str | None = None,
    ) -> Recommendation:
        with self._timers["set_links"].time():
            return self._index.set_links(recommendation_id, links, cover_img, attribution)

    def mark_pending(self, recommendation_id: str) -> Recommendation:
        with self._timers["mark_pending"].time():
            return self._index.mark_pending(recommendation_id)

    def delete(self, recommendation_id: str) -> None:
        with self._timers["delete"].time():
            self._index.delete(recommendation_id)

    def search(self, query: SearchQuery) -> SearchPage:
        with self._timers["search"].time():
            return self._index.search(query)

    def suggest(self, prefix: str, limit: int = 10) -> list[Suggestion]:
        with self._timers["suggest"].time():
            return self._index.suggest(prefix, limit)

    def pending_ids(self, limit: int = 1000) -> list[str]:
        with self._timers["pending_ids"].time():
            return self._index.pending_ids(limit)

    def links_checked_before(self, timestamp: str, limit: int = 1000) -> list[str]:
        with self._timers["links_checked_before"].time():
            return self._index.links_checked_before(timestamp, limit)

    def bulk_load(self, recommendations: Iterable[Recommendation]) -> LoadReport:
        with self._timers["bulk_load"].time():
            return self._index.bulk_load(recommendations)

    def bulk_load_batches(self, batches: Iterable[list[Recommendation]]) -> Iterator[LoadReport]:
        reports = self._index.bulk_load_batches(batches)
        while True:
            with self._timers["bulk_load"].time():  # each batch, as `bulk_load` is timed
                report = next(reports, None)
            if report is None:
                return
            yield report

    def scan(self) -> Iterator[Recommendation]:
        return self._index.scan()

    def ping(self) -> None:
        with self._timers["ping"].time():
            self._index.ping()

    def close(self) -> None:
        self._index.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._index, name)
