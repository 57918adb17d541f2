"""Rate limits that every process shares: pyrate-limiter buckets in one store.

Without `REDIS_URL` the store is a SQLite file under `DATA_DIR` behind a file lock
(pyrate-limiter's `SQLiteBucket`), so the HTTP workers and the crawler workers of
one host take their slots from one count. With `REDIS_URL` it is Redis
(pyrate-limiter's `RedisBucket`, its puts ordered: `OrderedRedisBucket`), shared by
every host. A bucket is made at its
first use (no I/O while wiring). When its store fails (Redis down, an unusable
`DATA_DIR`), a call counts in this process instead, says so in the log, and the
store is tried again after `RETRY_STORE_SECONDS`: a limit never stops lookups,
and a provider that is then asked too often answers 429, which the guard honours.
"""

from __future__ import annotations

import logging
import re
import sqlite3
import threading
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pyrate_limiter import AbstractBucket, InMemoryBucket, Rate, RateItem, RedisBucket, SQLiteBucket

if TYPE_CHECKING:
    from redis import Redis

log = logging.getLogger(__name__)

LIMITS_FILE = "limits.sqlite3"
REDIS_PREFIX = "recindex:limits:"
RETRY_STORE_SECONDS = 5.0
ORDER_LOCK_SECONDS = 2.0
"""How long a Redis put waits for the bucket's order lock, and how long a holder that
died keeps it."""
ORDER_LOCK_POLL_SECONDS = 0.002
LEAK_SECONDS = 10.0
"""How often a bucket forgets the slots that left every window (pyrate-limiter's leak)."""
_NAME = re.compile(r"^[a-z0-9_]{1,100}$")

MakeBucket = Callable[[str, list[Rate]], AbstractBucket]


class Bucket:
    """One named limit (`rates` over any window), shared through its store."""

    def __init__(
        self,
        name: str,
        rates: list[Rate],
        make: MakeBucket,
        lock: threading.Lock | None = None,
    ) -> None:
        if not _NAME.match(name):
            raise ValueError(f"bucket name {name!r} is not [a-z0-9_]")
        self.name = name
        self.rates = rates
        self._make = make
        self._shared: AbstractBucket | None = None
        self._local: AbstractBucket | None = None
        self._store_failed_at: float | None = None
        self._leaked_at = 0.0
        # pyrate-limiter keeps a put's verdict on the bucket: read it back under our lock.
        # Buckets in one file share theirs: its file lock makes threads that contend for
        # it sleep 50 ms; this process's threads queue on ours instead.
        self._lock = lock or threading.Lock()

    def take(self, weight: int = 1) -> float:
        """Take `weight` slots: 0.0 when taken, else the seconds until they may be free."""
        with self._lock:
            decision = self._use(lambda bucket: bucket.put_decision(self._item(bucket, weight)))
        if decision.allowed:
            return 0.0
        return max(0.001, (decision.retry_after_ms or 50) / 1000)

    def used(self) -> int:
        """Slots taken within the longest window (a daily budget: today's searches)."""
        with self._lock:
            return int(self._use(lambda bucket: bucket.count()))

    def close(self) -> None:
        with self._lock:
            for bucket in (self._shared, self._local):
                if bucket is not None:
                    bucket.close()
            self._shared = self._local = None

    def _item(self, bucket: AbstractBucket, weight: int) -> RateItem:
        now = bucket.now()
        if time.monotonic() - self._leaked_at > LEAK_SECONDS:
            self._leaked_at = time.monotonic()
            bucket.leak(now)
        return RateItem(self.name, now, weight=weight)

    def _use(self, action: Callable[[AbstractBucket], Any]) -> Any:
        failed_at = self._store_failed_at
        if failed_at is None or time.monotonic() - failed_at > RETRY_STORE_SECONDS:
            try:
                if self._shared is None:
                    self._shared = self._make(self.name, self.rates)
                result = action(self._shared)
                self._store_failed_at = None
                return result
            except Exception as error:  # redis, sqlite3, OSError: whatever the store raises
                if self._store_failed_at is None:
                    log.warning(
                        "limit store unusable; counting in this process",
                        extra={"bucket": self.name, "error": repr(error)},
                    )
                self._store_failed_at = time.monotonic()
                self._drop_shared()
        if self._local is None:
            self._local = InMemoryBucket(self.rates)
        return action(self._local)

    def _drop_shared(self) -> None:
        shared, self._shared = self._shared, None
        if shared is not None:
            try:
                shared.close()
            except Exception:  # it failed already; closing is best effort
                log.debug("closing a failed bucket failed", exc_info=True)


class OrderedRedisBucket(RedisBucket):
    """A `RedisBucket` whose puts are taken one at a time, each stamped no earlier than
    the newest slot in the bucket.

    The library's put script counts the window that ends at the new item's own
    timestamp, made by the caller's clock before the script runs. A slot another host
    took in between, stamped a millisecond later (or by a clock running ahead), falls
    outside that window, and two hosts both take the last slot: CI saw four YouTube
    searches spent from a budget of three. Under a Redis lock (one per bucket, so a
    dead holder frees it after `ORDER_LOCK_SECONDS`), a put reads the newest slot and
    stamps its item no earlier; every slot taken before then is counted. A skewed
    clock only makes the window end later, which counts more, never fewer.
    """

    redis: Redis  # a synchronous client: `SharedLimits` makes no other

    def put(self, item: RateItem) -> Any:
        lock = self.redis.lock(
            f"{self.bucket_key}:order",
            timeout=ORDER_LOCK_SECONDS,
            blocking_timeout=ORDER_LOCK_SECONDS,
            sleep=ORDER_LOCK_POLL_SECONDS,
        )
        with lock:  # redis-py raises LockError when not had in time: the store failed
            newest = self.peek(0)
            if isinstance(newest, RateItem) and newest.timestamp > item.timestamp:
                item.timestamp = newest.timestamp
            return super().put(item)


class SharedLimits:
    """Makes `Bucket`s in this host's file (`DATA_DIR`) or in Redis (`REDIS_URL`); one per
    process, closing every bucket it made and its Redis client."""

    def __init__(self, data_dir: Path, redis_url: str | None = None) -> None:
        self._path = data_dir / LIMITS_FILE
        self._redis_url = redis_url
        self._redis: Any = None
        self._buckets: list[Bucket] = []
        self._lock = threading.Lock()

    def bucket(self, name: str, rates: list[Rate]) -> Bucket:
        if self._redis_url:
            made = Bucket(name, rates, self._make_redis)
        else:
            made = Bucket(name, rates, self._make_sqlite, _process_lock(self._path))
        with self._lock:
            self._buckets.append(made)
        return made

    def rate(self, name: str, requests: int, seconds: float) -> Bucket:
        """A provider's `N/SECONDS` limit."""
        return self.bucket(f"rate_{name}", [Rate(requests, int(seconds * 1000))])

    def forget(self, prefix: str, keep: set[str]) -> None:
        """Drop the stored buckets named `prefix...`, except those in `keep` (the old days
        of a daily budget)."""
        if self._redis_url:
            client = self._client()
            for key in client.scan_iter(match=f"{REDIS_PREFIX}{prefix}*"):
                name = key.decode().removeprefix(REDIS_PREFIX)
                if name not in keep and _NAME.match(name):  # not a bucket's order lock
                    client.delete(key)
            return
        with closing(sqlite3.connect(self._path, timeout=5)) as db:
            tables = db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
            for (table,) in tables:
                if table.startswith(prefix) and table not in keep and _NAME.match(table):
                    db.execute(f'DROP TABLE IF EXISTS "{table}"')
            db.commit()

    def close(self) -> None:
        """Close every bucket's store connection and the Redis client; a bucket used
        afterwards opens its store again."""
        with self._lock:
            buckets = list(self._buckets)
            client, self._redis = self._redis, None
        for bucket in buckets:
            bucket.close()
        if client is not None:
            client.close()

    def _make_sqlite(self, name: str, rates: list[Rate]) -> AbstractBucket:
        self._path.parent.mkdir(parents=True, exist_ok=True)
        return SQLiteBucket.init_from_file(
            rates, table=name, db_path=str(self._path), use_file_lock=True
        )

    def _make_redis(self, name: str, rates: list[Rate]) -> AbstractBucket:
        bucket: AbstractBucket = OrderedRedisBucket.init(rates, self._client(), REDIS_PREFIX + name)
        return bucket

    def _client(self) -> Any:
        with self._lock:
            if self._redis is None:
                import redis

                # Short timeouts: a slow Redis must not hold a lookup; the bucket falls back.
                self._redis = redis.Redis.from_url(
                    self._redis_url or "", socket_timeout=2, socket_connect_timeout=2
                )
            return self._redis


_process_locks: dict[Path, threading.Lock] = {}
_process_locks_guard = threading.Lock()


def _process_lock(path: Path) -> threading.Lock:
    """This process's one lock for the limits file at `path`."""
    with _process_locks_guard:
        return _process_locks.setdefault(path.absolute(), threading.Lock())
