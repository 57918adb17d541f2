"""The broker's wiring: the topology's names (from settings) and, with `RABBITMQ_URL`,
the API's pool of publishing connections."""

from __future__ import annotations

from injector import Module, provider, singleton

from services.closing import Closing
from services.queue.pool import PublisherPool
from services.queue.topology import Topology
from services.settings import Settings
from services.webhooks.deliveries import attempts_within


class QueueModule(Module):
    """Binds the `Topology` and the `PublisherPool`."""

    @singleton
    @provider
    def topology(self, settings: Settings) -> Topology:
        return Topology(
            exchange=settings.rabbitmq_exchange,
            retry_delays=tuple(settings.message_retry_delays) or (1.0,),
            max_attempts=settings.message_max_attempts,
            webhook_retry_delays=settings.webhook_retry_delays,
            webhook_max_attempts=attempts_within(
                settings.webhook_max_age_seconds, settings.webhook_retry_delays
            ),
        )

    @singleton
    @provider
    def publishers(self, settings: Settings, topology: Topology, closing: Closing) -> PublisherPool:
        """This process's broker connections: one pool for lookups and readiness."""
        if not settings.rabbitmq_url:
            raise ValueError("RABBITMQ_URL is not set: there is no broker to publish to")
        pool = PublisherPool(
            settings.rabbitmq_url,
            topology,
            size=settings.rabbitmq_publish_connections,
            idle_seconds=settings.rabbitmq_idle_seconds,
        )
        return closing.register(pool)
