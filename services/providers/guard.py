"""How every call to a platform is made safely: rate limit, retries, Retry-After, breaker.

One `Guard` per provider, held by its client. A call first waits for a slot of the
provider's rate limit (at most `max_wait` seconds; every process shares the limit
when the guard is given a `services.providers.rate_limits` bucket), is retried with
jittered exponential back-off on 5xx and timeouts, honours a `429`'s `Retry-After`
when it is within `max_wait`, and otherwise fails at once: the platform becomes
`error` (retried by a later lookup) and the guard refuses further calls until the
`Retry-After` has passed, so no worker blocks for an hour. A circuit breaker stops
calling a provider that keeps failing.

A call someone waits on (`someone_waits`: playlist videos, now playing, linking)
is tried once, and neither asks nor feeds the breaker: a failure is answered at once,
with the platform's `Retry-After` when it gave one, and the next request tries again.
The rate limit and a long `Retry-After` hold for it as for every call.
"""

from __future__ import annotations

import email.utils
import threading
import time
from collections.abc import Callable, Mapping
from typing import TypeVar

from pyrate_limiter import InMemoryBucket, Rate
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception,
    stop_after_attempt,
    stop_before_delay,
    wait_random_exponential,
)

from services.errors import ProviderUnavailable
from services.providers.rate_limits import Bucket
from services.shutdown import Shutdown

T = TypeVar("T")

ATTEMPTS = 3
BREAKER_FAILURES = 5


class Fault(Exception):
    """A call to a platform did not give a usable answer; the platform becomes `error`."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class Throttled(Fault):
    """The platform (or our own limiter) says: not now; maybe after `retry_after` seconds."""

    def __init__(self, detail: str, retry_after: float | None = None) -> None:
        super().__init__(detail)
        self.retry_after = retry_after


class Transient(Fault):
    """A 5xx, a timeout or a dropped connection: worth another try soon."""


class Stopping(Fault):
    """Not asked because the process is stopping; the lookup runs again later."""


class Broken(Fault):
    """An answer that will not get better by asking again: 4xx, malformed JSON."""


def unavailable(
    platform: str, fault: Fault, longest_wait: float | None = None
) -> ProviderUnavailable:
    """`fault` as the error a request someone waits on answers with: a problem naming
    `platform`, with the wait of a throttled one (at least a second, at most
    `longest_wait`) as its `Retry-After`."""
    wait = fault.retry_after if isinstance(fault, Throttled) else None
    if wait is None:
        return ProviderUnavailable(platform, fault.detail)
    wait = max(1.0, wait)
    return ProviderUnavailable(platform, fault.detail, min(wait, longest_wait or wait))


def retry_after_seconds(headers: Mapping[str, str], default: float | None = None) -> float | None:
    """`Retry-After` in seconds, from either of its two forms (delta-seconds or HTTP date)."""
    value = next((v for k, v in headers.items() if k.lower() == "retry-after"), None)
    if value is None:
        return default
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return default
    return max(0.0, when.timestamp() - time.time())


def fault_for_status(
    status: int, headers: Mapping[str, str], detail: str, throttle_default: float = 1.0
) -> Fault:
    """The fault an HTTP error status stands for."""
    if status == 429:
        return Throttled(f"HTTP 429: {detail}", retry_after_seconds(headers, throttle_default))
    if status >= 500:
        return Transient(f"HTTP {status}: {detail}")
    return Broken(f"HTTP {status}: {detail}")


class Breaker:
    """A circuit breaker: open after `failures` failed calls in a row; after `reset_seconds`
    one trial call goes through, and its outcome closes or reopens it. With `failures`
    None it never opens.

    Not pybreaker's: that one holds its lock for the whole call, which would let a
    provider have only one request in flight at a time.
    """

    def __init__(
        self,
        failures: int | None,
        reset_seconds: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._max_failures = failures
        self._reset_seconds = reset_seconds
        self._clock = clock
        self._failures = 0
        self._opened_at: float | None = None
        self._trial = False
        self._lock = threading.Lock()

    def allow(self) -> bool:
        with self._lock:
            if self._opened_at is None:
                return True
            if self._trial or self._clock() - self._opened_at < self._reset_seconds:
                return False
            self._trial = True
            return True

    def success(self) -> None:
        with self._lock:
            self._failures, self._opened_at, self._trial = 0, None, False

    def failure(self) -> None:
        with self._lock:
            self._failures += 1
            if self._trial or (
                self._max_failures is not None and self._failures >= self._max_failures
            ):
                self._opened_at = self._clock()
            self._trial = False

    def neutral(self) -> None:
        with self._lock:
            self._trial = False


class Guard:
    """Rate limit, retries, Retry-After and circuit breaker of one provider."""

    def __init__(
        self,
        name: str,
        requests: int,
        seconds: float,
        max_wait: float,
        attempts: int = ATTEMPTS,
        breaker_failures: int | None = BREAKER_FAILURES,
        breaker_reset_seconds: float = 30.0,
        sleep: Callable[[float], None] | None = None,
        shutdown: Shutdown | None = None,
        bucket: Bucket | None = None,
    ) -> None:
        """`requests` per `seconds` are counted in `bucket` when given (a limit shared by
        every process), else in this guard alone."""
        self.name = name
        self._max_wait = max_wait
        self._attempts = attempts
        self._shutdown = shutdown or Shutdown()
        # Back-off sleeps end early when the process stops.
        self._sleep = sleep or self._pause
        self._bucket = bucket or Bucket(
            name, [Rate(requests, int(seconds * 1000))], lambda _, rates: InMemoryBucket(rates)
        )
        self._breaker = Breaker(breaker_failures, breaker_reset_seconds)
        self._blocked_until = 0.0
        self._blocked_by = ""  # what the platform said when it asked for the wait
        self._lock = threading.Lock()

    def blocked_for(self) -> float:
        """Seconds until the platform's last long `Retry-After` has passed (0 when not)."""
        with self._lock:
            return max(0.0, self._blocked_until - time.monotonic())

    def call(self, fn: Callable[[], T], someone_waits: bool = False) -> T:
        """`fn()` under the guard; raises `Fault` when it cannot give an answer."""
        self._refuse_when_stopping()
        remaining = self.blocked_for()
        if remaining > 0:
            raise Throttled(
                f"throttled by {self.name} for {remaining:.0f} s more ({self._blocked_by})",
                remaining,
            )
        if someone_waits:
            return self._with_retries(fn, attempts=1)
        if not self._breaker.allow():
            raise Transient(f"{self.name} keeps failing; circuit open")
        try:
            result = self._with_retries(fn, self._attempts)
        except (Throttled, Stopping):
            # Not a failure of the platform: `_blocked_until` handles throttling, and
            # counting it would open the breaker on a busy but healthy platform.
            self._breaker.neutral()
            raise
        except BaseException:
            self._breaker.failure()
            raise
        self._breaker.success()
        return result

    def _with_retries(self, fn: Callable[[], T], attempts: int) -> T:
        retrying = Retrying(
            stop=stop_after_attempt(attempts) | stop_before_delay(self._max_wait),
            wait=self._wait,
            retry=retry_if_exception(self._retryable),
            sleep=self._sleep,
            reraise=True,
        )
        for attempt in retrying:
            with attempt:
                self._acquire()
                return fn()
        raise AssertionError("tenacity returns or raises")  # pragma: no cover

    def _acquire(self) -> None:
        """A slot of the rate limit, waiting at most `max_wait` (less if the process stops)."""
        deadline = time.monotonic() + self._max_wait
        while True:
            self._refuse_when_stopping()
            wait = self._bucket.take()
            if wait == 0:
                return
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise Throttled(f"local rate limit of {self.name} exhausted", None)
            # Until a slot may be free (another process may take it first: then again).
            self._shutdown.wait(min(wait, remaining))

    def _pause(self, seconds: float) -> None:
        self._shutdown.wait(seconds)

    def _refuse_when_stopping(self) -> None:
        if self._shutdown.begun:
            raise Stopping(f"{self.name} not asked: the service is stopping")

    def _retryable(self, error: BaseException) -> bool:
        if isinstance(error, Stopping):
            return False
        if isinstance(error, Throttled):
            wait = error.retry_after
            if wait is not None and wait > self._max_wait:
                # Beyond what a worker may block: refuse calls until then, fail now.
                with self._lock:
                    until = time.monotonic() + wait
                    if until > self._blocked_until:
                        self._blocked_until, self._blocked_by = until, error.detail
                return False
            return wait is not None
        return isinstance(error, Transient)

    def _wait(self, state: RetryCallState) -> float:
        error = state.outcome.exception() if state.outcome else None
        if isinstance(error, Throttled) and error.retry_after is not None:
            return min(error.retry_after, self._max_wait)
        return float(wait_random_exponential(multiplier=0.25, max=4)(state))
