"""What becomes of each delivery: the retry and dead-letter policy of one work queue.

Between the transport (`consumer.Consumer`: channels, acks, confirms) and the handler
(what a message means). It reads a delivery's properties as input (a header the worker
never writes dead-letters the message with the reason, before any handling), runs the
handler (a crash is a failed try like any other), applies the attempts rule, and says
what to publish: the reply, and a retry or dead-letter copy. None of its methods raises:
they run on the connection's I/O thread or for it, where an exception would drop the
connection and bring the same message back.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pika
from pika.spec import BasicProperties

from services.queue.handler import Message, Outcome
from services.queue.retries import ATTEMPTS, InvalidHeader, RetryPolicy
from services.queue.topology import REASON, ROUTING_KEY

log = logging.getLogger(__name__)

Handle = Callable[[Message], Outcome]

OURS = "x-recindex-"
"""Headers with this prefix are the worker's: read as input, written anew on each copy."""
CARRIED_HEADER_BYTES = 16_384
"""A copy carries the delivery's other headers up to this size (a frame holds 128 KiB)."""
REASON_CHARACTERS = 1_000


@dataclass(frozen=True, slots=True)
class Publish:
    """One message to publish for a delivery. A `copy` (retry or dead letter) must land
    before the delivery is acknowledged; a reply is sent for its client, best effort."""

    exchange: str
    routing_key: str
    body: bytes
    properties: BasicProperties
    copy: bool


@dataclass(frozen=True, slots=True)
class Delivery:
    """A message as it came in, read and checked: `problem` says why it is refused."""

    message: Message
    properties: BasicProperties
    carried: dict[Any, Any] = field(default_factory=dict)
    problem: str | None = None


class DeliveryPolicy:
    """Retries and dead letters for the messages of `queue`, all bound with `routing_key`."""

    def __init__(
        self,
        handle: Handle,
        queue: str,
        routing_key: str,
        retries: RetryPolicy,
        dead_letter_exchange: str,
    ) -> None:
        self._handle = handle
        self.queue = queue
        self._routing_key = routing_key
        self._retries = retries
        self._dlx = dead_letter_exchange

    def receive(self, properties: BasicProperties, body: bytes) -> Delivery:
        """The delivery, read from its properties; a message's kind is its queue's, never a
        header's (the queue is bound to one routing key)."""
        problems: list[str] = []
        headers = properties.headers if isinstance(properties.headers, dict) else {}
        try:
            attempts = self._retries.attempts(headers)
        except InvalidHeader as invalid:
            attempts = 0
            problems.append(str(invalid))
        carried, problem = _carried(headers)
        if problem:
            problems.append(problem)
        message_id = properties.message_id
        if message_id is not None and not isinstance(message_id, str):
            problems.append("message_id is not UTF-8 text")
            message_id = None
        message = Message(self._routing_key, body, message_id, attempts)
        return Delivery(message, properties, carried, "; ".join(problems) or None)

    def outcome(self, delivery: Delivery) -> Outcome:
        """The handler's outcome, with the attempts rule applied (on a worker thread)."""
        if delivery.problem is not None:
            return Outcome.invalid(f"refused: {delivery.problem}")
        message = delivery.message
        try:
            outcome = self._handle(message)
        except Exception as error:  # a bug must not lose the message: retry, then dead-letter
            log.exception("handler failed")
            outcome = Outcome.retry(f"handler failed: {error!r}", then=Outcome.dead)
        if outcome.action != "retry":
            return outcome
        extra = {"attempts": message.attempts + 1, "reason": outcome.reason}
        if not self._retries.exhausted(message.attempts):
            log.info("retrying message", extra=extra)
            return outcome
        why = f"gave up after {message.attempts + 1} attempts: {outcome.reason}"
        log.info("no tries left", extra=extra)
        return (outcome.then or Outcome.dead)(why)

    def publishes(self, delivery: Delivery, outcome: Outcome) -> list[Publish]:
        """The reply (when asked for) and the copy the outcome needs, in order."""
        original = delivery.properties
        publishes: list[Publish] = []
        if outcome.reply is not None and original.reply_to:
            reply = BasicProperties(
                content_type="application/json", correlation_id=original.correlation_id
            )
            body = json.dumps(outcome.reply).encode()
            publishes.append(Publish("", original.reply_to, body, reply, copy=False))
        if outcome.action == "ack":
            return publishes
        attempts = delivery.message.attempts
        headers = {
            **delivery.carried,
            ROUTING_KEY: self._routing_key,
            REASON: (outcome.reason or "")[:REASON_CHARACTERS],
            ATTEMPTS: attempts + 1 if outcome.action == "retry" else attempts,
        }
        copy = BasicProperties(
            content_type=original.content_type,
            delivery_mode=pika.DeliveryMode.Persistent,
            message_id=original.message_id,
            correlation_id=original.correlation_id,
            reply_to=original.reply_to,
            headers=headers,
        )
        body = delivery.message.body
        if outcome.action == "retry":
            # A retry answers nobody yet: only its final outcome is replied.
            queue = self._retries.delay_queue(self.queue, attempts + 1)
            return [Publish("", queue, body, copy, copy=True)]
        return [*publishes, Publish(self._dlx, self._routing_key, body, copy, copy=True)]


def _carried(headers: Mapping[Any, Any]) -> tuple[dict[Any, Any], str | None]:
    """The headers a copy carries (all but ours), or none and why, when they cannot be
    written again within `CARRIED_HEADER_BYTES` (pika reads values it cannot write back:
    a double beyond 64-bit integers, tables nested deeper than its encoder recurses)."""
    carried = {
        name: value
        for name, value in headers.items()
        if not (isinstance(name, str) and name.startswith(OURS))
    }
    if not carried:
        return carried, None
    try:
        size = sum(len(piece) for piece in BasicProperties(headers=carried).encode())
    except Exception as error:
        return {}, f"headers cannot be copied: {type(error).__name__}"
    if size > CARRIED_HEADER_BYTES:
        return {}, f"headers take {size} bytes, more than {CARRIED_HEADER_BYTES}"
    return carried, None
