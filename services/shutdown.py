"""The process is stopping: one signal every wait in it listens to.

Waits for a provider's rate limit or back-off can last up to a minute. A process
that is stopping must not sit them out: it interrupts them, the platforms become
`error`, and the recommendation keeps its `partial` or `pending` status, so it is
looked up again (after a restart at the latest). Nothing is lost; no stop hangs.
"""

from __future__ import annotations

import threading

from injector import singleton


@singleton
class Shutdown:
    """Set once when the process begins to stop; cleared when an app starts again."""

    def __init__(self) -> None:
        self._event = threading.Event()

    @property
    def begun(self) -> bool:
        return self._event.is_set()

    def begin(self) -> None:
        self._event.set()

    def reset(self) -> None:
        self._event.clear()

    def wait(self, seconds: float) -> bool:
        """Sleep `seconds`, or less if the stop begins meanwhile; True when it has."""
        return self._event.wait(seconds)
