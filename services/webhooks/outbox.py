"""Where an event waits for its deliveries: the `Outbox` protocol and its implementations.

`put` hands an event over durably and returns at once: the deliveries themselves (HTTP
to the receivers) run elsewhere, in the worker's webhook consumer or the API's outbox
deliverer, so that they never slow a lookup or a request.
"""

from __future__ import annotations

import logging
import time
from typing import Protocol

from services.errors import BrokerUnavailable
from services.logs import redact_url
from services.metrics import WEBHOOK_DELIVERIES
from services.queue.pool import PublisherPool
from services.queue.topology import WEBHOOK
from services.webhooks.deliveries import QueuedDelivery
from services.webhooks.events import LINKED, LinksEvent
from services.webhooks.outbox_store import OutboxStore
from services.webhooks.receivers import Receiver

log = logging.getLogger(__name__)


class NotificationsUnavailable(BrokerUnavailable):
    """An event could not be handed over: the lookup that made it is tried again."""


class Outbox(Protocol):
    """Takes events for their receivers (and, with the broker, its subscribers)."""

    @property
    def active(self) -> bool:
        """Whether anyone is told anything: False with no receiver and no broker."""

    def put(self, event: LinksEvent) -> None:
        """Hand the event over for good (each receiver's delivery, the broker's event);
        `NotificationsUnavailable` when it could not be."""


def addressed(receivers: tuple[Receiver, ...], event: LinksEvent) -> list[Receiver]:
    """The receivers this event can be sent to. One whose URL needs `{external_id}` skips a
    recommendation without one: there is no URL to send it to (counted `skipped`)."""
    sent_to = []
    for receiver in receivers:
        if receiver.url(event.addressed) is None:
            WEBHOOK_DELIVERIES.labels("skipped").inc()
            log.info(
                "webhook skipped: no external_id",
                extra={
                    "receiver": redact_url(receiver.template),
                    "recommendation_id": event.recommendation_id,
                },
            )
            continue
        sent_to.append(receiver)
    return sent_to


class NoOutbox:
    """Nobody to tell: no `WEBHOOK_URL` and no broker."""

    active = False

    def put(self, event: LinksEvent) -> None:
        return None


class BrokerOutbox:
    """With RabbitMQ: the event on the exchange (routing key `recommendation.linked`) for
    subscribers, and one message per receiver on the webhook queue, each confirmed."""

    active = True

    def __init__(self, publishers: PublisherPool, receivers: tuple[Receiver, ...]) -> None:
        self._publishers = publishers
        self._receivers = receivers

    def put(self, event: LinksEvent) -> None:
        try:
            # No queue need be bound: subscribers come and go (`mandatory` off).
            self._publishers.publish(LINKED, event.body, message_id=event.delivery, mandatory=False)
            now = time.time()
            for receiver in addressed(self._receivers, event):
                queued = QueuedDelivery.of(receiver, event, now)
                self._publishers.publish(WEBHOOK, queued.message(), message_id=event.delivery)
        except BrokerUnavailable as error:
            raise NotificationsUnavailable(f"event not handed to the broker: {error}") from error


class EmbeddedOutbox:
    """Without a broker: one row per receiver in the outbox under `DATA_DIR`, which the
    API's `OutboxDeliverer` sends (it wakes at once in this process)."""

    def __init__(self, store: OutboxStore, receivers: tuple[Receiver, ...]) -> None:
        self._store = store
        self._receivers = receivers

    @property
    def active(self) -> bool:
        return bool(self._receivers)

    def put(self, event: LinksEvent) -> None:
        now = time.time()
        queued = [QueuedDelivery.of(r, event, now) for r in addressed(self._receivers, event)]
        if queued:
            self._store.add(queued)
