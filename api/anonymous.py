"""Callers without an API key, each client address held to its own rate limit.

`LINKS_ANONYMOUS_RATE_LIMIT` (`N/SECONDS`) opens `GET /links` to them: the served spec
then makes its key optional, and each client address gets N lookups per window.
`NOW_PLAYING_PUBLIC_RATE_LIMIT` holds the now-playing reads made without a key (of a
public user, or with a device token). Counted by this process (so with
`WEB_CONCURRENCY=4`, up to four times as many per host). Behind a proxy on this host,
uvicorn takes the address from `X-Forwarded-For`. Anonymous lookups never spend
YouTube's daily budget.
"""

from __future__ import annotations

import threading
from typing import Any

from cachetools import TTLCache
from connexion import request
from connexion.exceptions import OAuthProblem
from injector import inject, singleton
from pyrate_limiter import InMemoryBucket, Rate

from services.errors import RateLimited
from services.providers.rate_limits import Bucket
from services.settings import RateLimit, Settings

MAX_CLIENTS = 100_000
"""Clients remembered at once; one unseen for a whole window has nothing left to count."""
LINKS_PATHS = ("/links", "/v1-alpha.1/links")
"""The lookups (ours and Odesli's) that `LINKS_ANONYMOUS_RATE_LIMIT` opens."""
WRONG_KEY = "The X-API-Key header does not hold a valid key."
WRONG_QUERY_KEY = "The key query parameter does not hold a valid key."


def client_address() -> str:
    """The address of the client of the request being answered."""
    return request.client.host if request.client else "unknown"


def refuse_a_wrong_key(key_in_query: str | None = None) -> None:
    """On an operation that also admits callers without a key: a key that Connexion did
    not accept (in the header, or Odesli's `key` in the query) is refused, never taken
    for no key at all."""
    if "x-api-key" in request.headers:
        raise OAuthProblem(detail=WRONG_KEY)
    if key_in_query is not None:
        raise OAuthProblem(detail=WRONG_QUERY_KEY)


class ClientRateLimit:
    """`limit` per client address; bounded, forgetting clients idle for a window."""

    def __init__(self, limit: RateLimit, what: str) -> None:
        self._limit = limit
        self._what = what
        self._clients: TTLCache[str, Bucket] = TTLCache(MAX_CLIENTS, ttl=limit.seconds)
        self._lock = threading.Lock()

    def __len__(self) -> int:
        """Clients remembered now."""
        return len(self._clients)

    def admit(self, client: str) -> None:
        """Count a request of `client`; `RateLimited` when it has used its share."""
        limit = self._limit
        with self._lock:
            bucket = self._clients.get(client)
            if bucket is None:
                rates = [Rate(limit.requests, int(limit.seconds * 1000))]
                bucket = Bucket("anonymous", rates, lambda _, rates: InMemoryBucket(rates))
            self._clients[client] = bucket  # kept for another window from now
        wait = bucket.take()
        if wait:
            raise RateLimited(
                f"{limit.requests} {self._what} in {limit.seconds:g} s without an API key",
                retry_after=wait,
            )


@singleton
class AnonymousCallers:
    """`GET /links` without a key: allowed only when `LINKS_ANONYMOUS_RATE_LIMIT` is set."""

    @inject
    def __init__(self, settings: Settings) -> None:
        limit = settings.links_anonymous_rate_limit
        self._limit = ClientRateLimit(limit, "lookups") if limit else None

    @property
    def allowed(self) -> bool:
        return self._limit is not None

    def keyed(self, user: str | None, key_in_query: str | None = None) -> bool:
        """Whether a lookup came with a key Connexion accepted (`user`, the key's
        subject); a caller without one is counted against its address's share, and a
        wrong key (in the header, or Odesli's `key` in the query) refused."""
        if user is not None:
            return True
        refuse_a_wrong_key(key_in_query)
        self.admit(client_address())
        return False

    def admit(self, client: str) -> None:
        """Count a lookup of `client`; `RateLimited` when it has used its share."""
        if self._limit is None:
            raise RateLimited("GET /links needs an X-API-Key", retry_after=3600)
        self._limit.admit(client)

    def open_spec(self, spec: dict[str, Any]) -> dict[str, Any]:
        """`spec` as served: the lookups take a key or nothing when anonymous callers are
        allowed (so /openapi.json and the UI tell the truth)."""
        if self.allowed:
            for path in LINKS_PATHS:
                operation = spec["paths"][path]["get"]
                operation["security"] = [*operation.get("security", []), {}]
        return spec
