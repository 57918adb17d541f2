"""Lookups through RabbitMQ, so that they outlive the process that asked for them."""

from __future__ import annotations

import json
import logging

from services.errors import BrokerUnavailable
from services.index import RecommendationIndex
from services.queue.pool import PublisherPool
from services.queue.topology import LOOKUP

log = logging.getLogger(__name__)


class BrokerLookups:
    """A `LookupScheduler` that publishes `{"id": ...}` with routing key
    `recommendation.lookup`; the worker runs the lookup and retries it with back-off.

    The document stays `pending` until its links are stored, so a request the
    broker did not take is sent again by `resume_pending` at the next start.
    """

    def __init__(self, publisher: PublisherPool, index: RecommendationIndex) -> None:
        self._publisher = publisher
        self._index = index

    def schedule(self, recommendation_id: str) -> bool:
        body = json.dumps({"id": recommendation_id}).encode()
        try:
            self._publisher.publish(LOOKUP, body, message_id=f"lookup:{recommendation_id}")
        except BrokerUnavailable:
            log.warning("lookup not queued; stays pending", extra={"id": recommendation_id})
            return False
        return True

    def resume_pending(self) -> int:
        pending = self._index.pending_ids()
        for recommendation_id in pending:
            self.schedule(recommendation_id)
        return len(pending)

    def close(self) -> None:
        self._publisher.close()
