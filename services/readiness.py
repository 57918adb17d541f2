"""Readiness: each dependency (index, broker) checked in the background, its state cached.

`/ready` is polled often (load balancers, orchestrators) and by anyone: asking the
dependencies on every call opened a broker connection per call, and an error's
text went to whoever asked. Here a thread checks every `every_seconds` and `/ready`
answers from the last round at once.

Beside the checks, `writes` says whether the index takes writes now: a reindex's write
block pauses them (for a moment, or until a block left by a killed reindex is lifted)
while reads go on. It is reported, and does not make the process unready: every process
shares the one index, so taking them out of a load balancer would only stop the reads.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from services.errors import RecindexError
from services.logs import redact

log = logging.getLogger(__name__)

Check = Callable[[], None]
WritesProbe = Callable[[], str | None]
"""Why writes are refused now, or None when they are taken."""
OK = "ok"
UNAVAILABLE = "unavailable"
ACCEPTED = "accepted"
PAUSED = "paused"
UNKNOWN = "unknown"


class Readiness:
    """Named checks (each raises when its dependency does not answer), run in the background."""

    def __init__(
        self,
        checks: dict[str, Check],
        every_seconds: float = 5.0,
        writes: WritesProbe | None = None,
    ) -> None:
        self._checks = checks
        self._every = every_seconds
        self._writes_probe = writes
        self._writes = f"{UNKNOWN}: not checked yet"
        self._details: dict[str, str] = {}
        self._checked = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._started_at = time.monotonic()
        self._lock = threading.Lock()

    def start(self) -> None:
        """Check now and every `every_seconds` until `stop()` (the app's lifespan)."""
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._started_at = time.monotonic()
                self._stop.clear()
                self._thread = threading.Thread(target=self._loop, name="readiness", daemon=True)
                self._thread.start()

    def stop(self) -> None:
        self._stop.set()

    @property
    def checked(self) -> bool:
        """Whether a first round has finished."""
        return self._checked.is_set()

    def wait_first_round(self, grace_seconds: float) -> None:
        """Wait for the first round until `grace_seconds` after the start at most: a
        process asked right after starting answers from its first check, one whose
        check hangs answers at once that it is not ready."""
        self._checked.wait(max(0.0, self._started_at + grace_seconds - time.monotonic()))

    def states(self) -> dict[str, str]:
        """`ok` or `unavailable` per dependency, from the last round: fit for anyone."""
        return {name: detail.split(":")[0] for name, detail in self.details().items()}

    def details(self) -> dict[str, str]:
        """The same with why a dependency is unavailable (secrets redacted): for operators."""
        with self._lock:
            if not self._checked.is_set():
                return {name: f"{UNAVAILABLE}: not checked yet" for name in self._checks}
            return dict(self._details)

    def writes(self, detailed: bool = False) -> str:
        """`accepted`, `paused` or `unknown`, from the last round; with why when `detailed`
        (secrets redacted: for operators)."""
        with self._lock:
            writes = self._writes
        return writes if detailed else writes.split(":")[0]

    def check_now(self) -> dict[str, str]:
        """One round of checks, stored; what `details()` answers afterwards."""
        details: dict[str, str] = {}
        for name, check in self._checks.items():
            try:
                check()
                details[name] = OK
            except (RecindexError, OSError) as error:
                details[name] = _why(UNAVAILABLE, error)
        writes = self._probe_writes()
        with self._lock:
            changed = (details, writes) != (self._details, self._writes)
            self._details = details
            self._writes = writes
        self._checked.set()
        if changed:
            log.info("readiness", extra={"checks": details, "writes": writes})
        return details

    def _probe_writes(self) -> str:
        if self._writes_probe is None:
            return ACCEPTED
        try:
            paused = self._writes_probe()
        except (RecindexError, OSError) as error:
            return _why(UNKNOWN, error)
        return ACCEPTED if paused is None else _why(PAUSED, paused)

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                self.check_now()
            except Exception:  # a check's bug must not end the checking
                log.exception("readiness check failed")
            self._stop.wait(self._every)


def _why(state: str, reason: object) -> str:
    return redact(f"{state}: {reason}")[:200]
