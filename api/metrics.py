"""`/metrics`: the service's Prometheus metrics in the text format."""

from __future__ import annotations

from api.responses import Response
from services.metrics import exposition


class Metrics:
    """What a Prometheus server scrapes."""

    async def get(self) -> Response:
        # On the event loop (a few ms of formatting): answers however busy the threads are.
        body, content_type = exposition()
        return body.decode(), 200, {"Content-Type": content_type}
