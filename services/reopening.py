"""A client made at its first use, and made again after `close`.

The app closes its clients when its lifespan ends; a lifespan can start again in the
same process (test clients, schemathesis), and a closed client cannot reopen. Making
it at first use also keeps wiring free of I/O.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Generic, Protocol, TypeVar


class Closable(Protocol):
    def close(self) -> None: ...


ClientT = TypeVar("ClientT", bound=Closable)


class Reopening(Generic[ClientT]):
    """The client `connect` makes, made when first asked for; attributes not its own
    are the client's, so it can stand in for it."""

    def __init__(self, connect: Callable[[], ClientT]) -> None:
        self._connect = connect
        self._client: ClientT | None = None
        self._lock = threading.Lock()

    def current(self) -> ClientT:
        client = self._client  # every call of every thread passes here: no lock once made
        if client is not None:
            return client
        with self._lock:
            if self._client is None:
                self._client = self._connect()
            return self._client

    def __getattr__(self, name: str) -> Any:
        return getattr(self.current(), name)

    def close(self) -> None:
        """Drop the client; the next call makes a new one."""
        with self._lock:
            client, self._client = self._client, None
        if client is not None:
            client.close()
