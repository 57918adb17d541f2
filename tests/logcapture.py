"""What the service's own log handler writes, as tests read it."""

from __future__ import annotations

import io
import json
import logging
from typing import Any

from services.logs import redirect


class CapturedLogs:
    """Every log line `services.logs` writes from now on (until the next capture)."""

    def __init__(self) -> None:
        handlers = [h for h in logging.getLogger().handlers if h.get_name() == "recindex"]
        assert handlers, "configure_logging has not run (create_app runs it)"
        self._buffer = io.StringIO()
        redirect(self._buffer)

    @property
    def text(self) -> str:
        return self._buffer.getvalue()

    def records(self, logger: str | None = None) -> list[dict[str, Any]]:
        """Each JSON line (LOG_JSON=true), optionally of one logger only."""
        lines = [json.loads(line) for line in self.text.splitlines() if line.startswith("{")]
        return [line for line in lines if logger is None or line.get("logger") == logger]
