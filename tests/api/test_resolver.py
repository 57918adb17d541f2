"""Handlers as the resolver hands them to Connexion: plain functions with known signatures."""

from __future__ import annotations

import asyncio
import inspect

import pytest

from api.resolver import with_signature_known

pytestmark = pytest.mark.unit


class Handlers:
    def __init__(self) -> None:
        self.seen: list[object] = []

    async def get(self, id: str) -> str:  # noqa: A002 - a spec's name
        self.seen.append(id)
        return f"got {id}"

    def search(self, q: str | None = None, limit: int = 20) -> str:
        self.seen.append((q, limit))
        return "searched"


def test_an_async_method_stays_a_coroutine_function_with_its_signature() -> None:
    handlers = Handlers()
    handler = with_signature_known(handlers.get)
    assert inspect.iscoroutinefunction(handler)
    assert list(inspect.signature(handler).parameters) == ["id"]
    # Connexion unwraps `__wrapped__` before reading a signature: there must be none.
    assert not hasattr(handler, "__wrapped__")
    assert asyncio.run(handler(id="a1")) == "got a1"
    assert handlers.seen == ["a1"]


def test_a_sync_method_stays_sync_with_its_defaults() -> None:
    handlers = Handlers()
    handler = with_signature_known(handlers.search)
    assert not inspect.iscoroutinefunction(handler)
    assert inspect.signature(handler).parameters["limit"].default == 20
    assert handler(q="x") == "searched"
    assert handlers.seen == [("x", 20)]
    assert (handler.__name__, handler.__qualname__) == ("search", "Handlers.search")
