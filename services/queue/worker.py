"""`make worker`: the consumers wired from the same composition root as the HTTP API."""

from __future__ import annotations

import logging
import signal
import threading
from types import FrameType

from injector import Injector

from services.closing import Closing
from services.queue import schema
from services.queue.consumer import Consumer
from services.queue.deliveries import DeliveryPolicy, Handle
from services.queue.handler import MessageHandler
from services.queue.topology import Topology
from services.settings import Settings
from services.shutdown import Shutdown
from services.webhooks.queue_handler import WebhookMessages

log = logging.getLogger(__name__)


class Worker:
    """Three consumers in one process: crawler items, link lookups, webhook deliveries.

    Apart, each with its own channel, prefetch and threads: lookups wait on
    providers' rate limits (iTunes allows 20 a minute) and must never hold back
    storing what crawlers send, and a webhook receiver that is down must hold back
    neither.
    """

    def __init__(self, items: Consumer, links: Consumer, *others: Consumer) -> None:
        self.items = items
        self.links = links
        self._others = [links, *others]
        self._threads = [
            threading.Thread(target=self._run_other, args=(consumer,), name=f"consumer-{n}")
            for n, consumer in enumerate(self._others, start=2)
        ]
        for thread in self._threads:
            thread.daemon = True
        self.failed = False

    @property
    def consumers(self) -> list[Consumer]:
        return [self.items, *self._others]

    @property
    def ready(self) -> bool:
        return all(consumer.ready.is_set() for consumer in self.consumers)

    def wait_ready(self, timeout: float) -> bool:
        return all(consumer.ready.wait(timeout) for consumer in self.consumers)

    def run(self) -> None:
        for thread in self._threads:
            thread.start()
        try:
            self.items.run()
        finally:
            for consumer in self._others:
                consumer.stop()
            for thread in self._threads:
                thread.join()

    def stop(self) -> None:
        """Safe from any thread and from a signal handler."""
        for consumer in self.consumers:
            consumer.stop()

    def _run_other(self, consumer: Consumer) -> None:
        try:
            consumer.run()
        except Exception:
            # Half a worker would store items whose lookups (or notifications) never run:
            # stop it all, exit non-zero, and let the supervisor start a whole one.
            log.exception("a consumer failed; stopping the worker")
            self.failed = True
            self.items.stop()


def build_worker(injector: Injector, name: str = "recindex-worker") -> Worker:
    settings = injector.get(Settings)
    if not settings.rabbitmq_url:
        raise ValueError("RABBITMQ_URL is not set")
    topology = injector.get(Topology)
    handle = injector.get(MessageHandler).handle
    schema.prepare()

    def consumer(queue: str, suffix: str, threads: int, handler: Handle = handle) -> Consumer:
        assert settings.rabbitmq_url
        routing_key = topology.work_queues()[queue]
        policy = DeliveryPolicy(
            handler, queue, routing_key, topology.retries_of(queue), topology.dlx
        )
        return Consumer(
            settings.rabbitmq_url,
            topology,
            policy,
            prefetch=max(settings.worker_prefetch, threads),
            threads=threads,
            name=f"{name}-{suffix}",
        )

    webhooks = injector.get(WebhookMessages).handle
    return Worker(
        consumer(topology.discovered_queue, "items", settings.worker_threads),
        consumer(topology.lookup_queue, "links", settings.worker_lookup_threads),
        consumer(topology.webhook_queue, "webhooks", settings.webhook_deliveries_at_once, webhooks),
    )


def run_worker(injector: Injector) -> bool:
    """Consume in the foreground until SIGTERM or SIGINT, then close what was opened;
    False when it stopped because of a failure."""
    worker = build_worker(injector)

    def stop(signum: int, _: FrameType | None) -> None:
        log.info("signal received", extra={"signal": signal.Signals(signum).name})
        # Lookups waiting for a rate limit end now, as `error`: retried later.
        injector.get(Shutdown).begin()
        worker.stop()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    return consume_until_stopped(injector, worker)


def consume_until_stopped(injector: Injector, worker: Worker) -> bool:
    """`worker.run()`, then every resource the process opened closed (`Closing`);
    False when a failure stopped it."""
    try:
        worker.run()
        return not worker.failed
    finally:
        injector.get(Closing).close_all()
