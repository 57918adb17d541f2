"""When a message that failed is tried again, and when it is given up: the one attempts rule.

A retry is a copy of the message published to a delay queue that nothing consumes: it
waits there for its delay (the queue's `x-message-ttl`), then the broker dead-letters it
back into its work queue. The delay is in the delay queue's name, so that changed delays
declare new queues instead of clashing with old ones. Any queue that retries this way
(crawler items, link lookups, and whatever comes later) takes a `RetryPolicy`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pika.adapters.blocking_connection import BlockingChannel

ATTEMPTS = "x-recindex-attempts"
"""Header: how many earlier tries of the message failed (public, docs/contract.md)."""


class InvalidHeader(ValueError):
    """A header the worker sets was set to something it never writes."""


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """`delays[n - 1]` seconds before the n-th retry (the last repeats); at most
    `max_attempts` tries in all."""

    delays: tuple[float, ...] = (1.0, 5.0, 30.0, 120.0, 600.0)
    max_attempts: int = 8

    def __post_init__(self) -> None:
        if not self.delays or any(delay <= 0 for delay in self.delays):
            raise ValueError(f"retry delays must be positive seconds: {self.delays}")
        if self.max_attempts < 1:
            raise ValueError(f"max attempts must be at least 1: {self.max_attempts}")

    def exhausted(self, attempts: int) -> bool:
        """Whether a message that failed `attempts` times before, and failed again now,
        has had all its tries."""
        return attempts + 1 >= self.max_attempts

    def attempts(self, headers: Mapping[Any, Any]) -> int:
        """The earlier failed tries a delivery's headers count (0 without the header).

        The header is input like any other: only a whole number from 0 is one the worker
        wrote; a count above `max_attempts` (the setting was lowered while copies waited)
        counts as `max_attempts`."""
        value = headers.get(ATTEMPTS)
        if value is None:
            return 0
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise InvalidHeader(f"{ATTEMPTS} must be a whole number from 0, not {_shown(value)}")
        return min(int(value), self.max_attempts)

    def delay_queue(self, queue: str, attempt: int) -> str:
        """Where the `attempt`-th retry (from 1) of a `queue` message waits."""
        return f"{queue}.retry.{self.delay_ms(attempt)}ms"

    def delay_ms(self, attempt: int) -> int:
        index = min(max(attempt, 1), len(self.delays)) - 1
        return int(self.delays[index] * 1000)

    def delay_queues(self, queue: str) -> list[tuple[str, int]]:
        """Each delay queue of `queue`, with its delay in ms."""
        delays = {self.delay_ms(attempt) for attempt in range(1, 1 + len(self.delays))}
        return [(f"{queue}.retry.{delay}ms", delay) for delay in sorted(delays)]

    def declare(self, channel: BlockingChannel, queue: str) -> None:
        """Declare the delay queues of `queue` (a no-op when they exist as they are)."""
        for name, delay_ms in self.delay_queues(queue):
            channel.queue_declare(
                name,
                durable=True,
                arguments={
                    "x-message-ttl": delay_ms,
                    "x-dead-letter-exchange": "",
                    "x-dead-letter-routing-key": queue,
                },
            )


def _shown(value: Any) -> str:
    """A header value as a reason may quote it: typed, and short."""
    text = repr(value)
    return f"{type(value).__name__} {text[:60]}{'...' if len(text) > 60 else ''}"
