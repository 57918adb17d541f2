"""YouTube's daily search budget: per quota day, shared by the processes of one host."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from services.providers.guard import Throttled
from services.providers.quota import QUOTA_ZONE, DailyBudget
from services.providers.rate_limits import SharedLimits

pytestmark = pytest.mark.unit


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def test_processes_sharing_the_file_share_the_budget(tmp_path: Path) -> None:
    clock = Clock(datetime(2026, 11, 23, 10, 0, tzinfo=QUOTA_ZONE))
    api = DailyBudget(3, clock, SharedLimits(tmp_path))
    worker = DailyBudget(3, clock, SharedLimits(tmp_path))

    api.spend()
    worker.spend()
    api.spend()

    with pytest.raises(Throttled, match="daily search budget used"):
        worker.spend()
    with pytest.raises(Throttled):
        api.check()
    assert worker.used == 3

    clock.now += timedelta(days=1)
    worker.spend()
    assert api.used == 1


def test_quota_exceeded_uses_up_the_day_for_everyone(tmp_path: Path) -> None:
    clock = Clock(datetime(2026, 11, 23, 22, 0, tzinfo=QUOTA_ZONE))
    api = DailyBudget(100, clock, SharedLimits(tmp_path))
    worker = DailyBudget(100, clock, SharedLimits(tmp_path))

    assert api.exhaust() == pytest.approx(2 * 3600)  # midnight Pacific

    with pytest.raises(Throttled) as refused:
        worker.check()
    assert refused.value.retry_after == pytest.approx(2 * 3600)


def test_an_unusable_file_falls_back_to_counting_in_the_process(tmp_path: Path) -> None:
    (tmp_path / "not-a-dir").write_text("")
    budget = DailyBudget(1, limits=SharedLimits(tmp_path / "not-a-dir"))

    budget.spend()

    with pytest.raises(Throttled):
        budget.spend()


def test_the_quota_day_is_youtubes_pacific_day() -> None:
    clock = Clock(datetime(2026, 11, 23, 23, 30, tzinfo=QUOTA_ZONE))
    budget = DailyBudget(1, clock)
    budget.spend()

    clock.now += timedelta(minutes=45)  # 00:15 Pacific, 08:15 UTC: a new quota day

    budget.spend()
    assert budget.used == 1
