"""Limits in a shared store: one count for every `SharedLimits` on a DATA_DIR (or a Redis)."""

from __future__ import annotations

import logging
import time
from pathlib import Path

import pytest
from pyrate_limiter import Rate, RateItem

from services.providers.guard import Guard, Throttled
from services.providers.rate_limits import REDIS_PREFIX, OrderedRedisBucket, SharedLimits

pytestmark = pytest.mark.unit


def test_stores_on_one_data_dir_count_together(tmp_path: Path) -> None:
    api, worker = SharedLimits(tmp_path), SharedLimits(tmp_path)
    first, second = api.rate("deezer", 3, 60), worker.rate("deezer", 3, 60)
    taken = [first.take(), second.take(), first.take()]
    assert taken == [0.0, 0.0, 0.0]
    wait = second.take()
    assert 59 < wait <= 61  # the first slot frees up when its minute has passed
    assert first.used() == 3
    assert SharedLimits(tmp_path).rate("itunes", 3, 60).take() == 0.0  # each limit its own


def test_guards_wait_for_a_slot_of_the_shared_limit_then_give_up(tmp_path: Path) -> None:
    def guard() -> Guard:
        bucket = SharedLimits(tmp_path).rate("itunes", 2, 60)
        return Guard("itunes", 2, 60, max_wait=0.3, bucket=bucket, sleep=lambda _: None)

    api, worker = guard(), guard()
    assert api.call(lambda: 1) == 1
    assert worker.call(lambda: 2) == 2
    started = time.monotonic()
    with pytest.raises(Throttled, match="rate limit of itunes"):
        api.call(lambda: 3)
    assert 0.25 < time.monotonic() - started < 2


def test_a_slot_freed_by_time_is_taken_again(tmp_path: Path) -> None:
    bucket = SharedLimits(tmp_path).rate("tmdb", 2, 0.2)
    assert bucket.take() == bucket.take() == 0.0
    wait = bucket.take()
    assert 0 < wait <= 0.25
    time.sleep(wait + 0.01)
    assert bucket.take() == 0.0


def test_an_unusable_store_counts_in_the_process_and_says_so(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "file").write_text("")
    bucket = SharedLimits(tmp_path / "file").rate("deezer", 2, 60)
    with caplog.at_level(logging.WARNING):
        assert bucket.take() == bucket.take() == 0.0
        assert bucket.take() > 0
    assert [r.getMessage() for r in caplog.records] == [
        "limit store unusable; counting in this process"
    ]


def test_an_unreachable_redis_counts_in_the_process(tmp_path: Path) -> None:
    from tools.ports import free_port

    limits = SharedLimits(tmp_path, f"redis://127.0.0.1:{free_port()}/0")
    bucket = limits.rate("deezer", 1, 60)
    assert bucket.take() == 0.0
    assert bucket.take() > 0
    limits.close()


@pytest.mark.redis
def test_a_slot_another_host_stamped_later_is_counted_in_redis(
    tmp_path: Path, redis_url: str
) -> None:
    """The other host's clock runs ahead, or its put reached Redis a millisecond after
    this host read its clock: either way its slot is newer than this host's now."""
    import redis

    client = redis.Redis.from_url(redis_url)
    other_host = OrderedRedisBucket.init([Rate(1, 60_000)], client, f"{REDIS_PREFIX}rate_tidal")
    assert other_host.put(RateItem("rate_tidal", other_host.now() + 1_000))
    limits = SharedLimits(tmp_path, redis_url)
    assert limits.rate("tidal", 1, 60).take() > 0  # the last slot is gone
    limits.close()
    client.close()
