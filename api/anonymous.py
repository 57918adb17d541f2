"""Callers of `GET /links` without an API key, when the operator allows them.

`LINKS_ANONYMOUS_RATE_LIMIT` (`N/SECONDS`) opens the route to them: the served spec
then makes its key optional, and each client address gets N lookups per window,
counted by this process (so with `WEB_CONCURRENCY=4`, up to four times as many per
host). Behind a proxy on this host, uvicorn takes the address from
`X-Forwarded-For`. Anonymous lookups never spend YouTube's daily budget.
"""

from __future__ import annotations

import threading
from typing import Any

from cachetools import TTLCache
from injector import inject, singleton
from pyrate_limiter import InMemoryBucket, Rate

from services.errors import RateLimited
from services.providers.rate_limits import Bucket
from services.settings import Settings

MAX_CLIENTS = 100_000
"""Clients remembered at once; one unseen for a whole window has nothing left to count."""
LINKS_PATH = "/links"


@singleton
class AnonymousCallers:
    """A rate limit per client address; bounded, forgetting clients idle for a window."""

    @inject
    def __init__(self, settings: Settings) -> None:
        self._limit = settings.links_anonymous_rate_limit
        seconds = self._limit.seconds if self._limit else 1.0
        self._clients: TTLCache[str, Bucket] = TTLCache(MAX_CLIENTS, ttl=seconds)
        self._lock = threading.Lock()

    @property
    def allowed(self) -> bool:
        return self._limit is not None

    def admit(self, client: str) -> None:
        """Count a lookup of `client`; `RateLimited` when it has used its share."""
        limit = self._limit
        if limit is None:
            raise RateLimited("GET /links needs an X-API-Key", retry_after=3600)
        with self._lock:
            bucket = self._clients.get(client)
            if bucket is None:
                rates = [Rate(limit.requests, int(limit.seconds * 1000))]
                bucket = Bucket("anonymous", rates, lambda _, rates: InMemoryBucket(rates))
            self._clients[client] = bucket  # kept for another window from now
        wait = bucket.take()
        if wait:
            raise RateLimited(
                f"{limit.requests} lookups in {limit.seconds:g} s without an API key",
                retry_after=wait,
            )

    def open_spec(self, spec: dict[str, Any]) -> dict[str, Any]:
        """`spec` as served: `GET /links` takes a key or nothing when anonymous callers are
        allowed (so /openapi.json and the UI tell the truth)."""
        if self.allowed:
            operation = spec["paths"][LINKS_PATH]["get"]
            operation["security"] = [*operation.get("security", []), {}]
        return spec
