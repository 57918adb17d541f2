"""The exchanges and queues of docs/contract.md, named from one prefix and declared idempotently."""

from __future__ import annotations

from dataclasses import dataclass

from pika.adapters.blocking_connection import BlockingChannel

DISCOVERED = "recommendation.discovered"
LOOKUP = "recommendation.lookup"

# Headers the worker sets; public (docs/contract.md, "RabbitMQ").
REASON = "x-recindex-reason"
ATTEMPTS = "x-recindex-attempts"
ROUTING_KEY = "x-recindex-routing-key"


@dataclass(frozen=True, slots=True)
class Topology:
    """Every name the worker and publishers use; tests pass a unique `exchange`."""

    exchange: str = "recindex"
    retry_delays: tuple[float, ...] = (1.0, 5.0, 30.0, 120.0, 600.0)
    max_attempts: int = 8

    @property
    def queue(self) -> str:
        """Discovered items (docs/contract.md's name)."""
        return f"{self.exchange}.lookups"

    @property
    def links_queue(self) -> str:
        """Link lookup requests: apart, so that a provider's rate limit holding lookups
        back never holds back storing crawler items."""
        return f"{self.exchange}.links"

    def work_queues(self) -> dict[str, str]:
        """Each work queue and the routing key bound to it."""
        return {self.queue: DISCOVERED, self.links_queue: LOOKUP}

    @property
    def dlx(self) -> str:
        return f"{self.exchange}.dlx"

    @property
    def dead(self) -> str:
        return f"{self.exchange}.dead"

    def retry_queue(self, attempt: int, queue: str) -> str:
        """Where the `attempt`-th retry (1-based) of a `queue` message waits; the delay is in
        the name so that changed delays declare new queues instead of clashing with old ones."""
        return f"{queue}.retry.{self._delay_ms(attempt)}ms"

    def _delay_ms(self, attempt: int) -> int:
        delays = self.retry_delays
        return int(delays[min(attempt, len(delays)) - 1] * 1000)

    def retry_queues(self) -> list[tuple[str, str, int]]:
        """(delay queue, the work queue it returns to, delay in ms)."""
        attempts = range(1, 1 + len(self.retry_delays))
        return sorted(
            {
                (self.retry_queue(n, queue), queue, self._delay_ms(n))
                for queue in self.work_queues()
                for n in attempts
            }
        )

    def all_queues(self) -> list[str]:
        return [*self.work_queues(), self.dead, *(name for name, _, _ in self.retry_queues())]

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
        # Delay queues: nothing consumes them; a message waits its TTL, then is
        # dead-lettered straight back into its work queue (no hot requeue loop).
        for name, work_queue, delay_ms in self.retry_queues():
            channel.queue_declare(
                name,
                durable=True,
                arguments={
                    "x-message-ttl": delay_ms,
                    "x-dead-letter-exchange": "",
                    "x-dead-letter-routing-key": work_queue,
                },
            )

    def delete(self, channel: BlockingChannel) -> None:
        """Remove everything (tests)."""
        for queue in self.all_queues():
            channel.queue_delete(queue)
        for exchange in self.all_exchanges():
            channel.exchange_delete(exchange)
