"""The exchanges and queues of docs/contract.md, named from one prefix and declared idempotently."""

from __future__ import annotations

from dataclasses import dataclass

from pika.adapters.blocking_connection import BlockingChannel

from services.queue.retries import ATTEMPTS, RetryPolicy

DISCOVERED = "recommendation.discovered"
LOOKUP = "recommendation.lookup"
WEBHOOK = "recommendation.webhook"
"""One delivery of a `recommendation.links` event to one receiver (services/webhooks)."""

# Headers the worker sets on the copies it publishes; public (docs/contract.md, "RabbitMQ").
REASON = "x-recindex-reason"
ROUTING_KEY = "x-recindex-routing-key"
__all__ = ["ATTEMPTS", "DISCOVERED", "LOOKUP", "REASON", "ROUTING_KEY", "WEBHOOK", "Topology"]


@dataclass(frozen=True, slots=True)
class Topology:
    """Every name the worker and publishers use; tests pass a unique `exchange`."""

    exchange: str = "recindex"
    retry_delays: tuple[float, ...] = (1.0, 5.0, 30.0, 120.0, 600.0)
    max_attempts: int = 8
    webhook_retry_delays: tuple[float, ...] = (10.0, 60.0, 300.0, 1800.0, 3600.0)
    webhook_max_attempts: int = 28

    @property
    def retries(self) -> RetryPolicy:
        """The back-off of crawler items and lookups."""
        return RetryPolicy(self.retry_delays, self.max_attempts)

    @property
    def webhook_retries(self) -> RetryPolicy:
        """The back-off of webhook deliveries: a receiver down for a while is tried on."""
        return RetryPolicy(self.webhook_retry_delays, self.webhook_max_attempts)

    def retries_of(self, queue: str) -> RetryPolicy:
        return self.webhook_retries if queue == self.webhook_queue else self.retries

    @property
    def discovered_queue(self) -> str:
        """Crawler items (routing key `recommendation.discovered`). Its public name,
        `recindex.lookups`, is older than the lookup queue, and stays (docs/contract.md)."""
        return f"{self.exchange}.lookups"

    @property
    def lookup_queue(self) -> str:
        """Link lookup requests: apart, so that a provider's rate limit holding lookups
        back never holds back storing crawler items."""
        return f"{self.exchange}.links"

    @property
    def webhook_queue(self) -> str:
        """Webhook deliveries, one receiver each: apart, so that a receiver that is down
        holds back nothing else."""
        return f"{self.exchange}.webhooks"

    def work_queues(self) -> dict[str, str]:
        """Each work queue and the one routing key bound to it: a message's kind is
        the queue it is consumed from."""
        return {
            self.discovered_queue: DISCOVERED,
            self.lookup_queue: LOOKUP,
            self.webhook_queue: WEBHOOK,
        }

    @property
    def dlx(self) -> str:
        return f"{self.exchange}.dlx"

    @property
    def dead(self) -> str:
        return f"{self.exchange}.dead"

    def retry_queue(self, attempt: int, queue: str) -> str:
        """Where the `attempt`-th retry (from 1) of a `queue` message waits."""
        return self.retries_of(queue).delay_queue(queue, attempt)

    def all_queues(self) -> list[str]:
        delay_queues = [
            name
            for queue in self.work_queues()
            for name, _ in self.retries_of(queue).delay_queues(queue)
        ]
        return [*self.work_queues(), self.dead, *delay_queues]

    def all_exchanges(self) -> list[str]:
        return [self.exchange, self.dlx]

    def declare(self, channel: BlockingChannel) -> None:
        """Declare everything; a no-op when it exists with the same arguments."""
        channel.exchange_declare(self.exchange, exchange_type="topic", durable=True)
        channel.exchange_declare(self.dlx, exchange_type="topic", durable=True)
        for queue, routing_key in self.work_queues().items():
            # A message rejected without a reason of its own still lands in `dead`.
            arguments = {"x-dead-letter-exchange": self.dlx}
            channel.queue_declare(queue, durable=True, arguments=arguments)
            channel.queue_bind(queue, self.exchange, routing_key=routing_key)
        channel.queue_declare(self.dead, durable=True)
        channel.queue_bind(self.dead, self.dlx, routing_key="#")
        for queue in self.work_queues():
            self.retries_of(queue).declare(channel, queue)

    def delete(self, channel: BlockingChannel) -> None:
        """Remove everything (tests)."""
        for queue in self.all_queues():
            channel.queue_delete(queue)
        for exchange in self.all_exchanges():
            channel.exchange_delete(exchange)
