"""YouTube's daily quota: a search budget per quota day, spent before a request is sent.

A `search.list` costs 100 of the 10,000 units a project gets a day, a `videos.list` or
`playlists.list` (a link read by its id) 1, so the service counts the day's units
against `YOUTUBE_DAILY_SEARCHES` searches' worth and refuses the next request that
would pass it without calling, instead of learning about it from a 403
`quotaExceeded`. The quota day
is YouTube's: it starts at midnight Pacific time, not UTC, so a UTC day would let
two budgets fall into one quota day. The count is shared like every limit
(`services.providers.rate_limits`): by the processes of one host, or with `REDIS_URL` by
every host.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from pyrate_limiter import InMemoryBucket, Rate

from services.providers.guard import Throttled
from services.providers.rate_limits import Bucket, SharedLimits

QUOTA_ZONE = ZoneInfo("America/Los_Angeles")
BUDGET_PREFIX = "youtube_searches_"
DAY_MS = 24 * 3600 * 1000
SEARCH_UNITS = 100
"""What a `search.list` costs of the daily quota."""
READ_UNITS = 1
"""What a `videos.list` or `playlists.list` by id costs."""

log = logging.getLogger(__name__)


def quota_now() -> datetime:
    return datetime.now(QUOTA_ZONE)


def seconds_to_reset(now: datetime) -> float:
    """Seconds until the quota day after `now` (an aware datetime) starts."""
    local = now.astimezone(QUOTA_ZONE)
    midnight = datetime.combine(local.date() + timedelta(days=1), datetime.min.time())
    return max(1.0, (midnight.replace(tzinfo=QUOTA_ZONE) - local).total_seconds())


class DailyBudget:
    """Counts quota units per quota day, `limit` searches' worth; thread-safe; `clock`
    exists for tests.

    Each quota day is a pyrate-limiter bucket of its own in `limits`, so every
    process that shares the store (a host's API workers and crawler workers; with
    `REDIS_URL`, every host) spends one budget, and links and Spotify accounts
    alike. Without `limits`, this object counts alone.
    """

    def __init__(
        self,
        limit: int,
        clock: Callable[[], datetime] = quota_now,
        limits: SharedLimits | None = None,
    ) -> None:
        self.limit = limit
        self._clock = clock
        self._limits = limits
        self._day: date | None = None
        self._bucket: Bucket | None = None
        self._lock = threading.Lock()

    @property
    def used(self) -> int:
        """Today's spending in searches' worth, rounded up."""
        return -(-self._today(self._clock()).used() // SEARCH_UNITS)

    def check(self, units: int = SEARCH_UNITS) -> None:
        """Raises `Throttled` (the platform becomes `error`) when what is left of the day's
        budget does not cover a request of `units`."""
        now = self._clock()
        if self._today(now).used() + units > self._units:
            raise self._exhausted(now)

    def spend(self, units: int = SEARCH_UNITS) -> None:
        """Counts a request of `units` that is about to be sent (a search unless said
        otherwise); raises instead when they are not left."""
        now = self._clock()
        if self._today(now).take(units) > 0:
            raise self._exhausted(now)

    def exhaust(self) -> float:
        """YouTube said the quota is gone: no more requests today. Seconds until reset."""
        now = self._clock()
        bucket = self._today(now)
        left = self._units - bucket.used()
        if left > 0:
            bucket.take(left)
        return seconds_to_reset(now)

    @property
    def _units(self) -> int:
        return self.limit * SEARCH_UNITS

    def _today(self, now: datetime) -> Bucket:
        day = now.astimezone(QUOTA_ZONE).date()
        with self._lock:
            if day != self._day or self._bucket is None:
                if self._bucket is not None:
                    self._bucket.close()
                self._bucket = self._bucket_of(day)
                self._day = day
            return self._bucket

    def _bucket_of(self, day: date) -> Bucket:
        name = f"{BUDGET_PREFIX}{day:%Y%m%d}"
        # Any window longer than a day: the bucket holds one quota day's searches.
        rates = [Rate(self._units, 2 * DAY_MS)]
        if self._limits is None:
            return Bucket(name, rates, lambda _, rates: InMemoryBucket(rates))
        yesterday = f"{BUDGET_PREFIX}{day - timedelta(days=1):%Y%m%d}"
        try:  # older days are of no use; yesterday's may still be in use elsewhere
            self._limits.forget(BUDGET_PREFIX, keep={name, yesterday})
        except Exception as error:
            log.warning("old youtube budgets not removed", extra={"error": repr(error)})
        return self._limits.bucket(name, rates)

    def _exhausted(self, now: datetime) -> Throttled:
        wait = seconds_to_reset(now)
        return Throttled(
            f"YouTube daily search budget used ({self.limit} searches, YOUTUBE_DAILY_SEARCHES, "
            f"or YouTube's quota exceeded); searches resume at midnight Pacific time, "
            f"in {wait / 3600:.1f} h",
            wait,
        )
