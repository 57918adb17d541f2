"""The worker's webhook queue: each message one delivery, tried by the `DeliveryRule`;
its retries wait in the queue's delay queues (`services.queue.retries`)."""

from __future__ import annotations

import time

from services.queue.handler import Message, Outcome
from services.webhooks.deliveries import DeliveryRule, QueuedDelivery


class WebhookMessages:
    """Maps a webhook queue message to an outcome: delivered (ack), retried, dead."""

    def __init__(self, rule: DeliveryRule) -> None:
        self._rule = rule

    def handle(self, message: Message) -> Outcome:
        try:
            queued = QueuedDelivery.from_message(message.body)
        except (UnicodeDecodeError, ValueError) as error:
            return Outcome.dead(f"not a webhook delivery: {error}")
        decision = self._rule.try_once(queued, message.attempts, time.time())
        if decision.verdict == "delivered":
            return Outcome("ack", "webhook_delivered")
        if decision.verdict == "dead":
            return Outcome.dead(decision.reason)
        # The rule has counted this try and knows it is not the last: the delivery policy
        # puts it in the delay queue of its attempt.
        return Outcome.retry(decision.reason, then=Outcome.dead)
