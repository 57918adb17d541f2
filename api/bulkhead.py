"""A bulkhead: provider-bound requests run on threads of their own, a bounded number at once.

Lookups, playlist videos and now playing wait on third parties. Run on the thread
pool that serves every other sync handler, a dozen of them hanging on a provider
held all its threads, and `/health`, `/metrics` and searches waited behind them.
Here they take a slot of their own (`PROVIDER_REQUESTS_AT_ONCE` per process) and
run on a capacity limiter apart from the default one; when every slot is taken the
request is refused at once (503 with `Retry-After`) instead of queueing without end.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import anyio
import anyio.to_thread
from anyio import CapacityLimiter

from services.errors import Overloaded

P = ParamSpec("P")
T = TypeVar("T")


class Bulkhead:
    """At most `slots` calls at once, each on a worker thread; one more raises `Overloaded`."""

    def __init__(self, slots: int, retry_after_seconds: float) -> None:
        self.slots = slots
        self._retry_after = retry_after_seconds
        self._in_flight = 0
        self._limiter: CapacityLimiter | None = None  # made in the event loop, at first use

    @property
    def in_flight(self) -> int:
        return self._in_flight

    async def run(self, call: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        # Checked and taken on the event loop with no await between: no race.
        if self._in_flight >= self.slots:
            raise Overloaded(
                f"{self.slots} requests are waiting on providers already",
                retry_after=self._retry_after,
            )
        if self._limiter is None:
            self._limiter = anyio.CapacityLimiter(self.slots)
        self._in_flight += 1
        try:
            return await anyio.to_thread.run_sync(
                functools.partial(call, *args, **kwargs), limiter=self._limiter
            )
        finally:
            self._in_flight -= 1
