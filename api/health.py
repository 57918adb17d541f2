"""`/health` and `/ready`: is the process alive, do its dependencies answer."""

from __future__ import annotations

from injector import inject

from api.responses import Response, json_response
from services.readiness import Readiness


class Health:
    """Liveness answers from the process alone; readiness asks each dependency."""

    @inject
    def __init__(self, readiness: Readiness) -> None:
        self._readiness = readiness

    async def live(self) -> Response:
        # On the event loop: no thread a busy pool could withhold from a liveness probe.
        return json_response({"status": "ok"})

    def ready(self) -> Response:
        checks = self._readiness.check()
        ready = all(state == "ok" for state in checks.values())
        body = {"status": "ok" if ready else "unavailable", "checks": checks}
        return json_response(body, 200 if ready else 503)
