"""A lookup left `partial` runs again later, until it is complete or out of retries."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest

from services.errors import IndexUnavailable
from services.lookups.scheduling import BackgroundLookups, resume_when_index_answers
from services.shutdown import Shutdown

pytestmark = pytest.mark.unit


class Runner:
    """Answers `partial` the first `partial_times` runs, then `complete`."""

    def __init__(self, partial_times: int) -> None:
        self.runs = 0
        self.partial_times = partial_times
        self.done = threading.Event()

    def run(self, recommendation_id: str) -> dict[str, Any]:
        self.runs += 1
        status = "partial" if self.runs <= self.partial_times else "complete"
        if status == "complete":
            self.done.set()
        return {"id": recommendation_id, "links_status": status}


def test_partial_is_retried_until_complete() -> None:
    runner = Runner(partial_times=2)
    lookups = BackgroundLookups(runner, index=None, retry_delays=(0.05, 0.05, 0.05))  # type: ignore[arg-type]
    lookups.schedule("a")
    assert runner.done.wait(2)
    time.sleep(0.2)
    assert runner.runs == 3
    lookups.close()


def test_retries_stop_after_the_last_delay_and_at_close() -> None:
    runner = Runner(partial_times=100)
    lookups = BackgroundLookups(runner, index=None, retry_delays=(0.05,))  # type: ignore[arg-type]
    lookups.schedule("a")
    time.sleep(0.4)
    assert runner.runs == 2
    slow = BackgroundLookups(Runner(partial_times=100), index=None, retry_delays=(30,))  # type: ignore[arg-type]
    slow.schedule("b")
    time.sleep(0.1)
    started = time.monotonic()
    slow.close()
    assert time.monotonic() - started < 1
    lookups.close()


class FailingOnce(Runner):
    """Raises (the index did not answer) on its first run, then completes."""

    def run(self, recommendation_id: str) -> dict[str, Any]:
        if self.runs == 0:
            self.runs += 1
            raise IndexUnavailable("connection refused")
        return super().run(recommendation_id)


def test_a_lookup_that_failed_is_tried_again() -> None:
    runner = FailingOnce(partial_times=0)
    lookups = BackgroundLookups(runner, index=None, retry_delays=(0.05,))  # type: ignore[arg-type]
    lookups.schedule("a")
    assert runner.done.wait(2)
    lookups.close()


class Scheduler:
    """Its index answers only from the third try."""

    def __init__(self) -> None:
        self.tries = 0

    def resume_pending(self) -> int:
        self.tries += 1
        if self.tries < 3:
            raise IndexUnavailable("connection refused")
        return 7


def test_resuming_at_start_waits_for_the_index() -> None:
    scheduler = Scheduler()
    resumed = resume_when_index_answers(scheduler, Shutdown(), every_seconds=0.01)  # type: ignore[arg-type]
    assert (resumed, scheduler.tries) == (7, 3)


def test_resuming_stops_with_the_app() -> None:
    shutdown = Shutdown()
    shutdown.begin()
    assert resume_when_index_answers(Scheduler(), shutdown) == 0  # type: ignore[arg-type]
