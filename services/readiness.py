"""Readiness: each dependency (index, broker) checked in the background, its state cached.

`/ready` is polled often (load balancers, orchestrators) and by anyone: asking the
dependencies on every call opened a broker connection per call, and an error's
text went to whoever asked. Here a thread checks every `every_seconds` and `/ready`
answers from the last round at once.
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
OK = "ok"
UNAVAILABLE = "unavailable"


class Readiness:
    """Named checks (each raises when its dependency does not answer), run in the background."""

    def __init__(self, checks: dict[str, Check], every_seconds: float = 5.0) -> None:
        self._checks = checks
        self._every = every_seconds
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

    def check_now(self) -> dict[str, str]:
        """One round of checks, stored; what `details()` answers afterwards."""
        details: dict[str, str] = {}
        for name, check in self._checks.items():
            try:
                check()
                details[name] = OK
            except (RecindexError, OSError) as error:
                details[name] = redact(f"{UNAVAILABLE}: {error}")[:200]
        with self._lock:
            changed = details != self._details
            self._details = details
        self._checked.set()
        if changed:
            log.info("readiness", extra={"checks": details})
        return details

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                self.check_now()
            except Exception:  # a check's bug must not end the checking
                log.exception("readiness check failed")
            self._stop.wait(self._every)
