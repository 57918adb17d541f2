"""Watching what a process closes: a `Closing` that records each close of what was
registered with it, and the files the process holds open."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from injector import Injector

from services.closing import ClosableT, Closing


class RecordingClosing(Closing):
    """`Closing` that records every registered resource whose `close` was called."""

    def __init__(self) -> None:
        super().__init__()
        self.closed: list[Any] = []

    def register(self, resource: ClosableT) -> ClosableT:
        close = resource.close

        def recorded() -> None:
            self.closed.append(resource)
            close()

        resource.close = recorded  # type: ignore[method-assign]
        return super().register(resource)

    def unclosed(self) -> list[str]:
        """What was registered and never closed, by type."""
        closed = {id(resource) for resource in self.closed}
        return [type(r).__name__ for r in self.resources if id(r) not in closed]


def recording(injector: Injector) -> RecordingClosing:
    """Bind a `RecordingClosing` in `injector` (before anything registers) and return it."""
    closing = RecordingClosing()
    injector.binder.bind(Closing, to=closing)
    return closing


def open_files(under: Path) -> list[str]:
    """The files under `under` that this process holds open (Linux's /proc)."""
    held = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:  # closed meanwhile
            continue
        if target.startswith(str(under.resolve())):
            held.append(target)
    return held
