"""Titles built to make regular expressions backtrack: posted, looked up against providers
that answer alike, while `/health` keeps answering at once (issue 18: one such title held
the GIL for seconds, and every request of the process waited)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from app import build_injector, create_app
from services.settings import Settings
from tests.conftest import AUTH
from tests.links.conftest import Music

pytestmark = pytest.mark.unit

# Each at the title's maxLength (300): runs of spaces around what the patterns look for.
HOSTILE = [
    "Band" + " " * 290 + "feat",
    "Band - " + "( " * 146 + "x",
    "Band -" + " " * 291 + "- x",
]


@pytest.fixture
def api(music_settings: Settings, music_standins: Music) -> Iterator[TestClient]:
    for title in HOSTILE:  # the providers answer the same text back
        music_standins.catalog.add("album", title, "Band")
    with TestClient(create_app(build_injector(music_settings)), headers=AUTH) as client:
        yield client


def test_health_answers_at_once_while_hostile_titles_are_looked_up(api: TestClient) -> None:
    slowest = 0.0
    done = threading.Event()

    def watch() -> None:
        nonlocal slowest
        while not done.is_set():
            started = time.monotonic()
            assert api.get("/health").status_code == 200
            slowest = max(slowest, time.monotonic() - started)
            time.sleep(0.01)

    watcher = threading.Thread(target=watch)
    watcher.start()
    started = time.monotonic()
    try:
        posted = [
            api.post("/recommendations", json={"title": t, "user": "u", "kind": "album"})
            for t in HOSTILE
        ]
        assert [answer.status_code for answer in posted] == [201] * len(HOSTILE)
        pending = {answer.headers["location"] for answer in posted}
        while pending and time.monotonic() - started < 30:
            pending = {
                location
                for location in pending
                if api.get(location).json()["links_status"] == "pending"
            }
            time.sleep(0.05)
    finally:
        done.set()
        watcher.join()
    assert not pending, "the lookups did not end"
    assert time.monotonic() - started < 10
    assert slowest < 0.5, f"/health took {slowest:.2f} s"
