"""One delivery to one receiver, whichever queue holds it, and the rule of its tries.

The broker's webhook consumer and the embedded outbox's deliverer both ask
`DeliveryRule.try_once`, so the retries, the 4xx that are never retried, the maximum
age and what is counted in `/metrics` are written once.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any, Literal

from services.metrics import WEBHOOK_DELIVERIES
from services.queue.retries import RetryPolicy
from services.webhooks.events import LinksEvent, serialized
from services.webhooks.receivers import Receiver
from services.webhooks.sending import WebhookSender

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class QueuedDelivery:
    """An event waiting for one receiver (its URL template as configured)."""

    receiver: str
    delivery: str
    recommendation_id: str
    external_id: str | None
    body: bytes
    queued_at: float

    @classmethod
    def of(cls, receiver: Receiver, event: LinksEvent, now: float) -> QueuedDelivery:
        return cls(
            receiver.template,
            event.delivery,
            event.recommendation_id,
            event.external_id,
            event.body,
            now,
        )

    def message(self) -> bytes:
        """As a webhook queue message: the body as text, so that every try sends the
        bytes first signed."""
        return serialized(
            {
                "receiver": self.receiver,
                "delivery": self.delivery,
                "id": self.recommendation_id,
                "external_id": self.external_id,
                "body": self.body.decode(),
                "queued_at": self.queued_at,
            }
        )

    @classmethod
    def from_message(cls, body: bytes) -> QueuedDelivery:
        """A webhook queue message read back (input like any other); `ValueError` naming
        what is wrong."""
        message: Any = json.loads(body)
        if not isinstance(message, dict):
            raise ValueError("a webhook message is a JSON object")
        for name in ("receiver", "delivery", "id", "body"):
            if not isinstance(message.get(name), str):
                raise ValueError(f"{name} is missing or not text")
        external_id = message.get("external_id")
        if external_id is not None and not isinstance(external_id, str):
            raise ValueError("external_id is not text")
        queued_at = message.get("queued_at")
        if isinstance(queued_at, bool) or not isinstance(queued_at, int | float):
            raise ValueError("queued_at is missing or not a number")
        return cls(
            message["receiver"],
            message["delivery"],
            message["id"],
            external_id,
            message["body"].encode(),
            float(queued_at),
        )


Verdict = Literal["delivered", "retry", "dead"]


@dataclass(frozen=True, slots=True)
class Decision:
    """What becomes of a delivery after one try: done, tried again after `delay`
    seconds, or dead-lettered with the reason."""

    verdict: Verdict
    reason: str
    delay: float = 0.0


def attempts_within(max_age: float, delays: tuple[float, ...]) -> int:
    """How many tries the back-off `delays` fits in `max_age` seconds (at least one)."""
    tries, waited = 1, 0.0
    while True:
        delay = delays[min(tries, len(delays)) - 1]
        if waited + delay > max_age:
            return tries
        waited += delay
        tries += 1


class DeliveryRule:
    """Sends a delivery once, and says what becomes of it: a 2xx is done; a receiver
    down, slow, 5xx, 408 or 429 gets it again after the back-off of `retries`, until it
    is `max_age` seconds old (or out of tries, `attempts_within`); any other answer is
    dead at once. A receiver no longer configured gets nothing (dead-lettered)."""

    def __init__(
        self,
        sender: WebhookSender,
        receivers: tuple[Receiver, ...],
        retries: RetryPolicy,
        max_age_seconds: float,
    ) -> None:
        self._sender = sender
        self._receivers = {receiver.template: receiver for receiver in receivers}
        self.retries = retries
        self.max_age = max_age_seconds

    @property
    def sender_timeout(self) -> float:
        return self._sender.timeout

    def try_once(self, queued: QueuedDelivery, failed_before: int, now: float) -> Decision:
        """One try of `queued`, which failed `failed_before` times already."""
        receiver = self._receivers.get(queued.receiver)
        if receiver is None:
            return self._dead("the receiver is no longer in WEBHOOK_URL")
        url = receiver.url({"id": queued.recommendation_id, "external_id": queued.external_id})
        if url is None:
            return self._dead("the receiver's URL needs an external_id the recommendation lacks")
        age = now - queued.queued_at
        if age > self.max_age:
            return self._dead(f"older than WEBHOOK_MAX_AGE_SECONDS ({self.max_age:g} s)")
        attempt = self._sender.send(url, queued.body, queued.delivery)
        if attempt.verdict == "delivered":
            WEBHOOK_DELIVERIES.labels("delivered").inc()
            return Decision("delivered", attempt.detail)
        if attempt.verdict == "refused":
            return self._dead(f"not retried: {attempt.detail}")
        delay = self.retries.delay_ms(failed_before + 1) / 1000
        if self.retries.exhausted(failed_before) or age + delay > self.max_age:
            tries = failed_before + 1
            return self._dead(f"gave up after {tries} tries in {age:.0f} s: {attempt.detail}")
        WEBHOOK_DELIVERIES.labels("retried").inc()
        return Decision("retry", attempt.detail, delay)

    @staticmethod
    def _dead(reason: str) -> Decision:
        WEBHOOK_DELIVERIES.labels("dead_lettered").inc()
        log.warning("webhook dead-lettered", extra={"reason": reason})
        return Decision("dead", reason)
