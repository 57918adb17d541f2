"""What the process must close when it stops: one registry, for the API, the worker and
the operator commands alike.

Each module method that makes something holding connections, threads or files (an
index, a limit store, an API client, a thread pool) registers it here as it makes it;
whoever ends the process (the API's lifespan, the worker, a command) closes them all,
the last made first, so nothing is closed while something made from it still runs.
Every resource registered can be closed more than once and opens again when used
after (an app's lifespan can start again in the same process).
"""

from __future__ import annotations

import logging
import threading
from typing import Protocol, TypeVar

from injector import singleton

log = logging.getLogger(__name__)


class Closable(Protocol):
    def close(self) -> None: ...


ClosableT = TypeVar("ClosableT", bound=Closable)


@singleton
class Closing:
    """The resources of this process, to be closed when it stops."""

    def __init__(self) -> None:
        self._resources: list[Closable] = []
        self._lock = threading.Lock()

    def register(self, resource: ClosableT) -> ClosableT:
        """`resource`, to be closed with the rest."""
        with self._lock:
            self._resources.append(resource)
        return resource

    @property
    def resources(self) -> tuple[Closable, ...]:
        with self._lock:
            return tuple(self._resources)

    def close_all(self) -> None:
        """Close every resource, the last registered first; one that fails to close is
        logged and the others are closed all the same."""
        for resource in reversed(self.resources):
            try:
                resource.close()
            except Exception:
                log.exception("closing failed", extra={"resource": type(resource).__name__})
