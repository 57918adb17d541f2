"""YouTube's daily quota: a search budget per quota day, spent before a search is sent.

A `search.list` costs 100 of the 10,000 units a project gets a day, so the service
counts its searches (`YOUTUBE_DAILY_SEARCHES`) and refuses the next one without
calling, instead of learning about it from a 403 `quotaExceeded`. The quota day
is YouTube's: it starts at midnight Pacific time, not UTC, so a UTC day would let
two budgets fall into one quota day. The count is kept in `DATA_DIR`, shared by
the processes of one host (API workers and the lookup worker).
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from services.links.guard import Throttled

QUOTA_ZONE = ZoneInfo("America/Los_Angeles")
BUDGET_FILE = "youtube-budget.sqlite3"

log = logging.getLogger(__name__)


def quota_now() -> datetime:
    return datetime.now(QUOTA_ZONE)


def seconds_to_reset(now: datetime) -> float:
    """Seconds until the quota day after `now` (an aware datetime) starts."""
    local = now.astimezone(QUOTA_ZONE)
    midnight = datetime.combine(local.date() + timedelta(days=1), datetime.min.time())
    return max(1.0, (midnight.replace(tzinfo=QUOTA_ZONE) - local).total_seconds())


class DailyBudget:
    """Counts searches per quota day; thread-safe; `clock` exists for tests.

    With `path`, the count lives in a small SQLite file, so that the API's worker
    processes and the lookup worker on one host share one budget; if the file
    cannot be used, this process counts on its own (and says so in the log).
    """

    def __init__(
        self, limit: int, clock: Callable[[], datetime] = quota_now, path: Path | None = None
    ) -> None:
        self.limit = limit
        self._clock = clock
        self._path = path
        self._day = ""
        self._used = 0
        self._lock = threading.Lock()

    @property
    def used(self) -> int:
        return self._change(self._clock(), lambda used: used)

    def check(self) -> None:
        """Raises `Throttled` (the platform becomes `error`) when the day's budget is used."""
        now = self._clock()
        self._change(now, lambda used: self._within(used, now))

    def spend(self) -> None:
        """Counts one search that is about to be sent; raises instead when none is left."""
        now = self._clock()
        self._change(now, lambda used: self._within(used, now) + 1)

    def exhaust(self) -> float:
        """YouTube said the quota is gone: no more searches today. Seconds until reset."""
        now = self._clock()
        self._change(now, lambda used: max(used, self.limit))
        return seconds_to_reset(now)

    def _within(self, used: int, now: datetime) -> int:
        if used >= self.limit:
            raise self._exhausted(now)
        return used

    def _change(self, now: datetime, change: Callable[[int], int]) -> int:
        day = now.astimezone(QUOTA_ZONE).date().isoformat()
        with self._lock:
            if self._path is not None:
                try:
                    return self._change_file(self._path, day, change)
                except (OSError, sqlite3.Error) as error:
                    log.warning("youtube budget file unusable", extra={"error": repr(error)})
                    self._path = None
            if day != self._day:
                self._day, self._used = day, 0
            self._used = change(self._used)
            return self._used

    @staticmethod
    def _change_file(path: Path, day: str, change: Callable[[int], int]) -> int:
        path.parent.mkdir(parents=True, exist_ok=True)
        with closing(sqlite3.connect(path, timeout=5, isolation_level=None)) as db:
            db.execute(
                "CREATE TABLE IF NOT EXISTS youtube_searches"
                " (day TEXT PRIMARY KEY, used INTEGER NOT NULL)"
            )
            db.execute("BEGIN IMMEDIATE")  # read-modify-write across processes
            try:
                row = db.execute(
                    "SELECT used FROM youtube_searches WHERE day = ?", (day,)
                ).fetchone()
                before = int(row[0]) if row else 0
                after = change(before)
                if after != before:
                    db.execute(
                        "INSERT OR REPLACE INTO youtube_searches VALUES (?, ?)", (day, after)
                    )
                    db.execute("DELETE FROM youtube_searches WHERE day < ?", (day,))
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
            return after

    def _exhausted(self, now: datetime) -> Throttled:
        wait = seconds_to_reset(now)
        return Throttled(
            f"YouTube daily search budget used ({self.limit} searches, YOUTUBE_DAILY_SEARCHES); "
            f"searches resume at midnight Pacific time, in {wait / 3600:.1f} h",
            wait,
        )
