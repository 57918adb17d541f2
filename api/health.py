"""`/health` and `/ready`: is the process alive, do its dependencies answer."""

from __future__ import annotations

import anyio.to_thread
from injector import inject

from api.responses import Response, json_response
from services.readiness import OK, Readiness

FIRST_CHECK_WAIT_SECONDS = 1.0
"""Right after the start, how long `/ready` waits for the first round (then: unavailable)."""


class Health:
    """Liveness answers from the process alone; readiness from the last background check."""

    @inject
    def __init__(self, readiness: Readiness) -> None:
        self._readiness = readiness

    async def live(self) -> Response:
        # On the event loop: no thread a busy pool could withhold from a liveness probe.
        return json_response({"status": "ok"})

    async def ready(self, user: str | None = None) -> Response:
        """Each dependency's state; why one is unavailable only for callers with a key."""
        if not self._readiness.checked:
            await anyio.to_thread.run_sync(
                self._readiness.wait_first_round, FIRST_CHECK_WAIT_SECONDS
            )
        checks = self._readiness.details() if user else self._readiness.states()
        ready = all(state == OK for state in checks.values())
        body = {
            "status": "ok" if ready else "unavailable",
            "checks": checks,
            # Reported, not a reason to be unready: reads go on (docs/operations.md).
            "writes": self._readiness.writes(detailed=bool(user)),
        }
        return json_response(body, 200 if ready else 503)
