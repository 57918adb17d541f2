"""Readiness: each dependency (index, broker) checked on its own."""

from __future__ import annotations

from collections.abc import Callable

from services.errors import RecindexError

Check = Callable[[], None]


class Readiness:
    """Named checks; each raises when its dependency does not answer."""

    def __init__(self, checks: dict[str, Check]) -> None:
        self._checks = checks

    def check(self) -> dict[str, str]:
        states: dict[str, str] = {}
        for name, check in self._checks.items():
            try:
                check()
                states[name] = "ok"
            except (RecindexError, OSError) as error:
                states[name] = f"unavailable: {error}"[:200]
        return states
