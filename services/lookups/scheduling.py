"""When lookups run: in this process's background threads, or through RabbitMQ."""

from __future__ import annotations

import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Protocol

from services.index import RecommendationIndex
from services.lookups.runner import LookupRunner

log = logging.getLogger(__name__)


class LookupScheduler(Protocol):
    """Runs a recommendation's lookup later; never loses it (it stays `pending`)."""

    def schedule(self, recommendation_id: str) -> None:
        """Arrange for the lookup to run; return at once."""

    def resume_pending(self) -> int:
        """Schedule everything left `pending` (after a restart); return how many."""

    def close(self) -> None:
        """Stop taking work; let running lookups finish."""


class BackgroundLookups:
    """Lookups in a thread pool of this process.

    The document stays `pending` in the index until its links are stored, so a
    lookup lost with the process is picked up by `resume_pending` at the next start.
    """

    def __init__(self, runner: LookupRunner, index: RecommendationIndex, workers: int = 8) -> None:
        self._runner = runner
        self._index = index
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="lookup")
        self._in_flight: set[str] = set()
        self._lock = threading.Lock()

    def schedule(self, recommendation_id: str) -> None:
        with self._lock:
            if recommendation_id in self._in_flight:
                return
            self._in_flight.add(recommendation_id)
        self._pool.submit(self._run, recommendation_id)

    def resume_pending(self) -> int:
        pending = self._index.pending_ids()
        for recommendation_id in pending:
            self.schedule(recommendation_id)
        return len(pending)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def _run(self, recommendation_id: str) -> None:
        try:
            self._runner.run(recommendation_id)
        except Exception:  # the document stays pending and is retried at the next start
            log.exception("lookup failed", extra={"recommendation_id": recommendation_id})
        finally:
            with self._lock:
                self._in_flight.discard(recommendation_id)
