"""The reindex lease: one reindex (or repair of what one left) at a time, and a holder
that stopped is told from a live one by the cluster's own record, never by comparing two
hosts' clocks.

The lease is a document in the keys index naming its holder. The holder rewrites it
every `RENEW_EVERY_SECONDS` from a thread of its own, each write conditional on the
version it wrote last (`if_seq_no`, `if_primary_term`). Another process that finds the
lease watches that version: a version that changes has a live holder; one that stays
the same for `LEASE_SECONDS`, timed on the watcher's own clock, has a dead one, and is
taken over by a write conditional on the version watched, so that of two watchers only
one takes it.

The holder counts its lease valid until `LEASE_SECONDS / 2` after it sent its last
renewal that succeeded (a watcher waits a whole `LEASE_SECONDS` after seeing it), and
checks it (`check`) before every step that changes what others see: a holder cut off
from the cluster, or frozen, stops at its next step. (A step already on its way is
fenced in the cluster itself: `es_reindex`.)
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import threading
import time
import uuid
from dataclasses import dataclass
from typing import Any

from elasticsearch import ApiError, ConflictError, Elasticsearch, NotFoundError, TransportError

from services.errors import ReindexRunning
from services.index.es_keys import now_ms

log = logging.getLogger(__name__)

LEASE_ID = "reindex-lease"  # in the keys index, where no key hash is this short
LEASE_SECONDS = 30.0
RENEW_EVERY_SECONDS = 3.0
WATCH_EVERY_SECONDS = 0.5


class LeaseLost(ReindexRunning):
    """This process no longer holds the lease (not renewed in time, or taken over)."""


@dataclass(frozen=True, slots=True)
class Holder:
    """The lease as read: who holds it since when, and at which version."""

    owner: str
    since_ms: int
    seq_no: int
    primary_term: int

    def condition(self) -> dict[str, Any]:
        """What a write conditional on this version sends."""
        return {"if_seq_no": self.seq_no, "if_primary_term": self.primary_term}

    def describe(self) -> str:
        since = time.strftime("%H:%M:%S UTC", time.gmtime(self.since_ms / 1000))
        return f"{self.owner}, since {since}"


class ReindexLease:
    def __init__(self, client: Elasticsearch, keys: str) -> None:
        self._client = client
        self._keys = keys
        self.owner = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self._document: dict[str, Any] = {}
        self._lock = threading.Lock()
        self._version: dict[str, Any] = {}
        self._valid_until = 0.0
        self._lost: str | None = None
        self._stop = threading.Event()
        self._renewer: threading.Thread | None = None

    def acquire(self) -> None:
        """Hold the lease, taking over one whose holder stopped renewing it (which takes
        `LEASE_SECONDS` of watching); `ReindexRunning` when its holder is alive."""
        self._document = {"owner": self.owner, "claimed_at": now_ms()}
        sent = time.monotonic()
        try:
            written = self._client.create(index=self._keys, id=LEASE_ID, document=self._document)
        except ConflictError:
            written, sent = self._take_over(sent)
        self._keep(written, sent)
        self._renewer = threading.Thread(target=self._renew, name="reindex-lease", daemon=True)
        self._renewer.start()

    def holder(self) -> Holder | None:
        """Who holds the lease now; None when nobody does."""
        try:
            found = self._client.get(index=self._keys, id=LEASE_ID)
        except NotFoundError:
            return None
        source = found["_source"]
        return Holder(
            source["owner"], source.get("claimed_at", 0), found["_seq_no"], found["_primary_term"]
        )

    def check(self) -> None:
        """Raise `LeaseLost` unless the lease is surely still ours for a while."""
        with self._lock:
            if self._lost is None and time.monotonic() > self._valid_until:
                self._lost = f"it could not be renewed for {LEASE_SECONDS / 2:.0f} s"
            if self._lost is not None:
                raise LeaseLost(f"this reindex lost its lease: {self._lost}")

    def release(self) -> None:
        self._stop.set()
        if self._renewer is not None:
            self._renewer.join()
        with self._lock:
            version = dict(self._version)
        # Taken over, or gone: not ours to delete. Unreachable: it expires by itself.
        with contextlib.suppress(ConflictError, NotFoundError, ApiError, TransportError):
            self._client.delete(index=self._keys, id=LEASE_ID, **version)

    def _take_over(self, created: float) -> tuple[Any, float]:
        """Take the lease over if it stays unchanged for `LEASE_SECONDS` (its written
        version, and when that was sent); `ReindexRunning` if its holder is alive. Ours
        already if the create sent at `created` applied (its answer lost)."""
        held = self.holder()
        if held is not None and held.owner == self.owner:
            # Our create applied; its answer was lost and the client sent it again.
            return {"_seq_no": held.seq_no, "_primary_term": held.primary_term}, created
        if held is not None and self._unrenewed(held):
            log.warning(
                "taking over a reindex lease its holder stopped renewing",
                extra={"holder": held.owner, "unrenewed_seconds": LEASE_SECONDS},
            )
            sent = time.monotonic()
            with contextlib.suppress(ConflictError):  # else another watcher was first
                written = self._client.index(
                    index=self._keys, id=LEASE_ID, document=self._document, **held.condition()
                )
                return written, sent
        running = f" ({held.describe()})" if held is not None else ""
        raise ReindexRunning(f"another reindex is running{running}")

    def _unrenewed(self, held: Holder) -> bool:
        """Whether the lease stays as `held` for `LEASE_SECONDS` (renewed or released
        meanwhile: its holder is alive)."""
        deadline = time.monotonic() + LEASE_SECONDS
        while time.monotonic() < deadline:
            time.sleep(WATCH_EVERY_SECONDS)
            now = self.holder()
            if now is None or now.condition() != held.condition():
                return False
        return True

    def _renew(self) -> None:
        while not self._stop.wait(RENEW_EVERY_SECONDS):
            with self._lock:
                version = dict(self._version)
            sent = time.monotonic()
            try:
                written = self._client.index(
                    index=self._keys,
                    id=LEASE_ID,
                    document=self._document,
                    **version,
                )
            except ConflictError:
                if self._still_ours():
                    continue
                with self._lock:
                    self._lost = "another process took it over"
                return
            except (ApiError, TransportError) as error:
                log.warning("could not renew the reindex lease", extra={"error": str(error)})
                continue
            self._keep(written, sent)

    def _still_ours(self) -> bool:
        """After a conflict: whether the lease is ours still (a renewal of ours applied,
        its answer lost); if so, write on from its version."""
        with contextlib.suppress(ApiError, TransportError):
            held = self.holder()
            if held is not None and held.owner == self.owner:
                with self._lock:
                    self._version = held.condition()
                return True
        return False

    def _keep(self, written: Any, sent: float) -> None:
        with self._lock:
            self._version = {
                "if_seq_no": written["_seq_no"],
                "if_primary_term": written["_primary_term"],
            }
            self._valid_until = sent + LEASE_SECONDS / 2
