"""When lookups run: in this process's background threads, or through RabbitMQ."""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Literal, Protocol

from services.errors import IndexUnavailable
from services.index import RecommendationIndex
from services.lookups.runner import LookupRunner
from services.model import LinksStatus
from services.shutdown import Shutdown

log = logging.getLogger(__name__)

RETRY_DELAYS = (60.0, 300.0, 1800.0, 3600.0)
"""When a `partial` lookup (a platform in `error`) is tried again; after the last it
waits for the next start or `POST /recommendations/{id}/lookup`."""


class LookupScheduler(Protocol):
    """Runs a recommendation's lookup later; never loses it (it stays `pending`)."""

    def schedule(self, recommendation_id: str) -> bool:
        """Arrange for the lookup to run; return at once. False when it could not be handed
        on now (it stays `pending`, and a later start or `relookup` resumes it)."""

    def resume_pending(self) -> int:
        """Schedule everything left `pending` (after a restart); return how many."""

    def close(self) -> None:
        """Stop taking work; let running lookups finish."""


def resume_when_index_answers(
    scheduler: LookupScheduler, shutdown: Shutdown, every_seconds: float = 5.0
) -> int:
    """Resume pending lookups at start, trying again while the index does not answer."""
    while not shutdown.begun:
        try:
            return scheduler.resume_pending()
        except IndexUnavailable as error:
            log.warning(
                "index unavailable; resuming pending lookups later", extra={"error": str(error)}
            )
            shutdown.wait(every_seconds)
    return 0


class BackgroundLookups:
    """Lookups in a thread pool of this process.

    The document stays `pending` in the index until its links are stored, so a
    lookup lost with the process is picked up by `resume_pending` at the next start.
    A lookup that leaves it `partial` runs again after each of `retry_delays`; the
    platforms found meanwhile come from the lookup cache, so only the failed ones
    are asked again.
    """

    def __init__(
        self,
        runner: LookupRunner,
        index: RecommendationIndex,
        workers: int = 8,
        retry_delays: Sequence[float] = RETRY_DELAYS,
    ) -> None:
        self._runner = runner
        self._index = index
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="lookup")
        self._in_flight: set[str] = set()
        self._lock = threading.Lock()
        self._retry_delays = tuple(retry_delays)
        self._retries: dict[str, int] = {}
        self._timers: dict[str, threading.Timer] = {}
        self._closed = False

    def schedule(self, recommendation_id: str) -> bool:
        with self._lock:
            # Closed: it stays `pending`, and the next start resumes it.
            if self._closed:
                return False
            if recommendation_id not in self._in_flight:
                self._in_flight.add(recommendation_id)
                self._pool.submit(self._run, recommendation_id)
            return True

    def resume_pending(self) -> int:
        pending = self._index.pending_ids()
        for recommendation_id in pending:
            self.schedule(recommendation_id)
        return len(pending)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            timers, self._timers = list(self._timers.values()), {}
        for timer in timers:
            timer.cancel()
        self._pool.shutdown(wait=True, cancel_futures=True)

    def _run(self, recommendation_id: str) -> None:
        status: LinksStatus | Literal["failed"] | None = None
        try:
            stored = self._runner.run(recommendation_id)
            status = stored["links_status"] if stored else None
        except Exception:  # it stays pending: tried again later, and at the next start
            log.exception("lookup failed", extra={"recommendation_id": recommendation_id})
            status = "failed"
        finally:
            with self._lock:
                self._in_flight.discard(recommendation_id)
        if status in ("partial", "failed"):
            self._retry_later(recommendation_id)
        else:
            with self._lock:
                self._retries.pop(recommendation_id, None)

    def _retry_later(self, recommendation_id: str) -> None:
        with self._lock:
            attempt = self._retries.get(recommendation_id, 0)
            if self._closed or attempt >= len(self._retry_delays):
                self._retries.pop(recommendation_id, None)
                return
            self._retries[recommendation_id] = attempt + 1
            timer = threading.Timer(
                self._retry_delays[attempt], self._retry, args=(recommendation_id,)
            )
            timer.daemon = True
            self._timers[recommendation_id] = timer
        timer.start()

    def _retry(self, recommendation_id: str) -> None:
        with self._lock:
            self._timers.pop(recommendation_id, None)
        self.schedule(recommendation_id)
