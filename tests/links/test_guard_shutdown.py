"""A stopping process does not sit out rate-limit waits or back-off, and loses nothing."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from app import build_injector, create_app
from services.index import RecommendationIndex
from services.providers.guard import Guard, Stopping, Throttled
from services.shutdown import Shutdown
from tests.conftest import AUTH, make_settings
from tests.factories import recommendation_input

pytestmark = pytest.mark.unit


def stop_soon(shutdown: Shutdown, seconds: float = 0.2) -> None:
    threading.Timer(seconds, shutdown.begin).start()


def test_a_call_waiting_for_the_rate_limit_ends_when_the_process_stops() -> None:
    shutdown = Shutdown()
    guard = Guard("itunes", requests=1, seconds=60, max_wait=60, shutdown=shutdown)
    assert guard.call(lambda: "first") == "first"
    stop_soon(shutdown)
    started = time.monotonic()
    with pytest.raises(Stopping):
        guard.call(lambda: "second")
    assert time.monotonic() - started < 2


def test_a_retry_after_wait_ends_when_the_process_stops() -> None:
    shutdown = Shutdown()
    guard = Guard("spotify", requests=100, seconds=1, max_wait=60, shutdown=shutdown)
    calls = []

    def throttled() -> str:
        calls.append(time.monotonic())
        raise Throttled("429", retry_after=30)

    stop_soon(shutdown)
    started = time.monotonic()
    with pytest.raises(Stopping):
        guard.call(throttled)
    assert time.monotonic() - started < 2
    assert len(calls) == 1


def test_once_stopping_no_call_reaches_the_platform() -> None:
    shutdown = Shutdown()
    shutdown.begin()
    guard = Guard("deezer", requests=100, seconds=1, max_wait=60, shutdown=shutdown)
    calls: list[int] = []
    with pytest.raises(Stopping):
        guard.call(lambda: calls.append(1))
    assert calls == []


def test_stopping_the_app_mid_lookup_is_quick_and_keeps_the_item_for_later(
    tmp_path: Path,
) -> None:
    # iTunes allows one call a minute, so the second lookup waits for the limiter
    # (against a closed port: every platform answers `error`).
    settings = make_settings(tmp_path, itunes_rate_limit="1/60")
    injector = build_injector(settings)
    with TestClient(create_app(injector)) as client:
        ids = [
            client.post("/recommendations", json=recommendation_input(), headers=AUTH).json()["id"]
            for _ in range(3)
        ]
        time.sleep(0.5)  # the lookups are under way, one of them waiting for iTunes
        stopped_at = time.monotonic()
    assert time.monotonic() - stopped_at < 10

    index = build_injector(settings).get(RecommendationIndex)  # type: ignore[type-abstract]
    try:
        # Not `complete`: each is resumed at the next start.
        assert set(index.pending_ids()) == set(ids)
    finally:
        index.close()
