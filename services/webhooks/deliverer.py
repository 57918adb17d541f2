"""The API process's sender of the embedded outbox's deliveries (without a broker).

A thread of its own claims due deliveries and sends them on a few threads of their own,
so that a receiver that is down or slow costs those threads and nothing else: lookups
and requests never wait on a delivery. It starts with the API's lifespan and resumes
whatever the outbox holds, so deliveries outlive restarts.
"""

from __future__ import annotations

import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Protocol

from services.errors import IndexUnavailable
from services.webhooks.deliveries import DeliveryRule, QueuedDelivery
from services.webhooks.outbox_store import OutboxStore

log = logging.getLogger(__name__)

IDLE_POLL_SECONDS = 1.0
"""How often an idle deliverer looks for rows other processes added (its own wake it)."""


class Deliverer(Protocol):
    """Sends what waits in this process's care, from `start` until `close`."""

    def start(self) -> None: ...

    def close(self) -> None: ...


class NoDeliverer:
    """Nothing to send here: no receiver, or the worker sends them (with the broker)."""

    def start(self) -> None:
        return None

    def close(self) -> None:
        return None


class OutboxDeliverer:
    """Claims due rows of the outbox `at_once` at a time and sends each by `rule`."""

    def __init__(self, store: OutboxStore, rule: DeliveryRule, at_once: int = 4) -> None:
        self._store = store
        self._rule = rule
        self._at_once = max(1, at_once)
        # Longer than any one send can take (httpx's time-out per request, redirects too).
        self._lease = 60.0 + 4 * rule.sender_timeout
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def start(self) -> None:
        with self._lock:
            if self._thread is not None and self._thread.is_alive():
                return
            self._stopping.clear()
            self._thread = threading.Thread(target=self._run, name="webhooks", daemon=True)
            self._thread.start()

    def close(self) -> None:
        """Stop claiming and let the sends under way end (each within its time-out);
        what was not sent stays in the outbox for the next start."""
        self._stopping.set()
        self._store.added.set()
        with self._lock:
            thread, self._thread = self._thread, None
        if thread is not None:
            thread.join()

    def _run(self) -> None:
        with ThreadPoolExecutor(self._at_once, thread_name_prefix="webhook") as pool:
            while not self._stopping.is_set():
                try:
                    claimed = self._store.claim(time.time(), self._lease, self._at_once)
                except IndexUnavailable as error:
                    log.warning("webhook outbox unavailable", extra={"error": str(error)})
                    self._stopping.wait(IDLE_POLL_SECONDS)
                    continue
                if not claimed:
                    self._idle()
                    continue
                # A batch at a time: the next claim waits for the slowest of it.
                list(pool.map(lambda row: self._deliver(*row), claimed))

    def _idle(self) -> None:
        self._store.added.clear()
        try:
            due = self._store.next_due()
        except IndexUnavailable:
            due = None
        wait = IDLE_POLL_SECONDS if due is None else min(IDLE_POLL_SECONDS, due - time.time())
        if wait > 0:
            self._store.added.wait(wait)

    def _deliver(self, queued: QueuedDelivery, failed_before: int) -> None:
        try:
            decision = self._rule.try_once(queued, failed_before, time.time())
            if decision.verdict == "delivered":
                self._store.delivered(queued)
            elif decision.verdict == "retry":
                self._store.retry(queued, time.time() + decision.delay)
            else:
                self._store.dead(queued, decision.reason)
        except Exception:
            # Its lease ends and it is tried again: nothing is lost, nothing stops here.
            log.exception("webhook delivery failed", extra={"delivery": queued.delivery})
