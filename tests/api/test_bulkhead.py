"""The bulkhead: a bounded number of calls at once, on threads apart from the default pool."""

from __future__ import annotations

import threading

import anyio
import anyio.to_thread
import pytest

from api.bulkhead import Bulkhead
from services.errors import Overloaded

pytestmark = pytest.mark.unit


def test_calls_beyond_the_slots_are_refused_and_the_default_pool_stays_free() -> None:
    bulkhead = Bulkhead(slots=3, retry_after_seconds=7)
    release = threading.Event()
    started = threading.Semaphore(0)

    def hang() -> str:
        started.release()
        release.wait(5)
        return "done"

    async def scenario() -> list[str]:
        results: list[str] = []
        default_pool = anyio.to_thread.current_default_thread_limiter()
        default_pool.total_tokens = 1

        async def call() -> None:
            results.append(await bulkhead.run(hang))

        async with anyio.create_task_group() as group:
            for _ in range(3):
                group.start_soon(call)
            for _ in range(3):
                await anyio.to_thread.run_sync(started.acquire)  # the default pool answers
            assert bulkhead.in_flight == 3
            with pytest.raises(Overloaded) as refused:
                await bulkhead.run(hang)
            assert refused.value.retry_after == 7
            release.set()
        assert bulkhead.in_flight == 0
        results.append(await bulkhead.run(lambda: "free again"))
        return results

    assert anyio.run(scenario) == ["done", "done", "done", "free again"]
