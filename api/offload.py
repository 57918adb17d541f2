"""Where an async handler runs a blocking service call: inline, or on a worker thread.

Connexion runs a sync handler on a worker thread, and that hop costs more than
a point read of the embedded index itself (docs/benchmarks.md has both).
So the hot point read is an async handler that calls the service through
`PointReads`, chosen once in the composition root: inline for the embedded
index, on a thread for a remote index (a network round trip must not block the
event loop).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import anyio.to_thread

from services.index.es_client import API_THREADS
from services.settings import Settings

P = ParamSpec("P")
T = TypeVar("T")


class PointReads:
    """Runs a blocking call on a worker thread (safe for any index)."""

    async def run(self, call: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        return await anyio.to_thread.run_sync(functools.partial(call, *args, **kwargs))


class InlinePointReads(PointReads):
    """Runs a call of a few microseconds inline, on the event loop."""

    async def run(self, call: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        return call(*args, **kwargs)


def limit_blocking_threads(settings: Settings) -> None:
    """Size the thread pool that runs sync handlers (default 40 threads).

    With the embedded index the work is CPU-bound on this process's cores, so
    threads beyond a few only add memory: each keeps its own SQLite connection
    and page cache.
    A remote index waits on the network, where more threads do help.
    """
    threads = API_THREADS if settings.elasticsearch_url else 8
    anyio.to_thread.current_default_thread_limiter().total_tokens = threads
