"""Remembered provider answers, and lookups in flight that run once however often asked."""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from concurrent.futures import Future

from cachetools import TTLCache

from services.links.query import ProviderResult
from services.metrics import CACHE


class LookupCache:
    """Provider answers for a TTL, `not_found` included; errors are never kept.

    One instance serves `GET /links` and stored recommendations alike. While an
    answer is being computed, the same key asked again waits for it (single-flight)
    instead of calling the platform a second time.
    """

    def __init__(self, ttl_seconds: float, max_entries: int = 50_000) -> None:
        self._keeps = ttl_seconds > 0  # 0 turns caching off; single-flight stays
        self._entries: TTLCache[Hashable, ProviderResult] = TTLCache(
            max_entries, ttl_seconds if ttl_seconds > 0 else 1
        )
        self._in_flight: dict[Hashable, Future[ProviderResult]] = {}
        self._lock = threading.Lock()

    def get_or_compute(
        self, key: Hashable, compute: Callable[[], ProviderResult]
    ) -> ProviderResult:
        with self._lock:
            cached = self._entries.get(key)
            if cached is not None:
                CACHE.labels("hit").inc()
                return cached
            pending = self._in_flight.get(key)
            leader = pending is None
            if pending is None:
                pending = self._in_flight[key] = Future()
        if not leader:
            CACHE.labels("shared").inc()
            return pending.result()
        CACHE.labels("miss").inc()
        try:
            result = compute()
        except BaseException as error:
            with self._lock:
                del self._in_flight[key]
            pending.set_exception(error)
            raise
        with self._lock:
            if self._keeps and _cacheable(result):
                self._entries[key] = result
            del self._in_flight[key]
        pending.set_result(result)
        return result

    def get(self, key: Hashable) -> ProviderResult | None:
        """The cached answer, if there is one; nothing is computed."""
        with self._lock:
            cached = self._entries.get(key)
        CACHE.labels("hit" if cached is not None else "miss").inc()
        return cached

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)


def _cacheable(result: ProviderResult) -> bool:
    """`found` and `not_found` are answers; `error` is retried and `skipped` costs nothing
    (a provider without platforms, MusicBrainz, reports its failure in `error`)."""
    if result.error is not None:
        return False
    return all(link.get("status") in {"found", "not_found"} for link in result.links.values())
