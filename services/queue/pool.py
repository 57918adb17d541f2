"""The API's broker connections: a bounded pool, each connection lent to one thread at a time.

One connection per publishing thread grew without bound: the server's thread
pool retires idle threads and makes new ones, and each retired thread's
connection stayed open until shutdown, so every burst left more of them open.
Here at most `size` connections exist; a thread borrows one for a publish or a
readiness check and returns it; one unused for `idle_seconds` is closed (also
before the broker's heartbeat time-out would drop it).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from services.errors import BrokerUnavailable
from services.queue.publisher import Publisher
from services.queue.topology import Topology

log = logging.getLogger(__name__)

BORROW_TIMEOUT_SECONDS = 5.0
"""How long a publish waits for a connection when all are lent (a publish takes ms)."""


class PublisherPool:
    """At most `size` `Publisher`s (one connection each), lent out one thread at a time."""

    def __init__(
        self,
        url: str,
        topology: Topology,
        size: int = 4,
        idle_seconds: float = 30.0,
        name: str = "recindex-api",
    ) -> None:
        self._url = url
        self._topology = topology
        self._name = name
        self._idle_seconds = idle_seconds
        self._slots = threading.BoundedSemaphore(size)
        self.size = size
        self._idle: list[tuple[Publisher, float]] = []  # newest last: reused first
        self._lock = threading.Lock()
        self._closed = threading.Event()
        self._reaper: threading.Thread | None = None

    @property
    def open_connections(self) -> int:
        """Connections open and idle now (those lent out are in use)."""
        with self._lock:
            return sum(1 for publisher, _ in self._idle if publisher.is_open)

    def publish(self, routing_key: str, body: bytes, **properties: Any) -> None:
        with self._borrowed() as publisher:
            publisher.publish(routing_key, body, **properties)

    def check(self) -> None:
        """Return when the broker answers on a pooled connection; `BrokerUnavailable` if not."""
        with self._borrowed() as publisher:
            publisher.check()

    def close(self) -> None:
        """Close every idle connection; those lent out are closed when returned."""
        self._closed.set()
        with self._lock:
            idle, self._idle = self._idle, []
        for publisher, _ in idle:
            publisher.close()

    @contextmanager
    def _borrowed(self) -> Iterator[Publisher]:
        if not self._slots.acquire(timeout=BORROW_TIMEOUT_SECONDS):
            raise BrokerUnavailable(f"all {self.size} broker connections stayed busy")
        try:
            with self._lock:
                publisher = self._idle.pop()[0] if self._idle else None
            if publisher is None:
                publisher = Publisher(self._url, self._topology, self._name, declares=True)
            try:
                yield publisher
            finally:
                self._give_back(publisher)
        finally:
            self._slots.release()

    def _give_back(self, publisher: Publisher) -> None:
        if self._closed.is_set() or not publisher.is_open:
            publisher.close()
            return
        with self._lock:
            self._idle.append((publisher, time.monotonic()))
            if self._reaper is None:
                self._reaper = threading.Thread(target=self._reap, name="broker-idle", daemon=True)
                self._reaper.start()

    def _reap(self) -> None:
        """Close connections idle for `idle_seconds`, until the pool closes."""
        while not self._closed.wait(min(self._idle_seconds / 2, 5.0)):
            cutoff = time.monotonic() - self._idle_seconds
            with self._lock:
                stale = [publisher for publisher, since in self._idle if since < cutoff]
                self._idle = [(p, since) for p, since in self._idle if since >= cutoff]
            for publisher in stale:
                log.debug("closing an idle broker connection")
                publisher.close()
