"""Sync handlers run on a thread pool sized for the index in use: a burst on the embedded
index (CPU-bound, a SQLite connection per thread) runs a few at a time; on a remote one
(waiting on the network) it runs at once."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from injector import InstanceProvider
from starlette.testclient import TestClient

from app import build_injector, create_app
from services.index import RecommendationIndex, SearchPage, SearchQuery
from services.index.embedded import EmbeddedIndex
from services.settings import Settings
from tests.conftest import make_settings

pytestmark = pytest.mark.unit

BURST = 24


class SlowSearches:
    """The embedded index, each search waiting until the whole burst runs at once (or
    `WAIT` seconds pass); counts how many ran at once. Waiting for the others, not for a
    fixed time, keeps the count right on a busy machine, where requests arrive slowly."""

    WAIT = 1.5

    def __init__(self, index: EmbeddedIndex) -> None:
        self._index = index
        self._running = 0
        self.peak = 0
        self._all_in = threading.Condition()

    def search(self, query: SearchQuery) -> SearchPage:
        with self._all_in:
            self._running += 1
            self.peak = max(self.peak, self._running)
            self._all_in.notify_all()
            self._all_in.wait_for(lambda: self.peak >= BURST, timeout=self.WAIT)
        try:
            return self._index.search(query)
        finally:
            with self._all_in:
                self._running -= 1

    def __getattr__(self, name: str) -> Any:
        return getattr(self._index, name)


def searches_at_once(settings: Settings) -> int:
    """The most searches that ran at once while `BURST` came in together."""
    injector = build_injector(settings)
    index = SlowSearches(EmbeddedIndex(settings.embedded_db_path))
    injector.binder.bind(RecommendationIndex, to=InstanceProvider(index))  # type: ignore[type-abstract]
    with TestClient(create_app(injector)) as client, ThreadPoolExecutor(BURST) as pool:
        answers = list(pool.map(lambda _: client.get("/recommendations"), range(BURST)))
    assert {answer.status_code for answer in answers} == {200}
    return index.peak


def test_a_burst_on_the_embedded_index_runs_a_few_at_a_time(tmp_path: Path) -> None:
    assert 1 < searches_at_once(make_settings(tmp_path)) < BURST


def test_a_burst_on_a_remote_index_runs_at_once(tmp_path: Path) -> None:
    remote = make_settings(tmp_path, elasticsearch_url="http://127.0.0.1:9")
    assert searches_at_once(remote) == BURST
