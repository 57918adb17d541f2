"""`make worker`: the consumers wired from the same composition root as the HTTP API."""

from __future__ import annotations

import logging
import signal
import threading
from types import FrameType

from injector import Injector

from services.closing import Closing
from services.queue.consumer import Consumer
from services.queue.deliveries import DeliveryPolicy
from services.queue.handler import MessageHandler
from services.queue.topology import Topology
from services.settings import Settings
from services.shutdown import Shutdown

log = logging.getLogger(__name__)


class Worker:
    """Two consumers in one process: crawler items, and link lookups.

    Apart, each with its own channel, prefetch and threads: lookups wait on
    providers' rate limits (iTunes allows 20 a minute) and must never hold back
    storing what crawlers send.
    """

    def __init__(self, items: Consumer, links: Consumer) -> None:
        self.items = items
        self.links = links
        self._links_thread = threading.Thread(target=self._run_links, name="links", daemon=True)
        self.failed = False

    @property
    def ready(self) -> bool:
        return self.items.ready.is_set() and self.links.ready.is_set()

    def wait_ready(self, timeout: float) -> bool:
        return self.items.ready.wait(timeout) and self.links.ready.wait(timeout)

    def run(self) -> None:
        self._links_thread.start()
        try:
            self.items.run()
        finally:
            self.links.stop()
            self._links_thread.join()

    def stop(self) -> None:
        """Safe from any thread and from a signal handler."""
        self.items.stop()
        self.links.stop()

    def _run_links(self) -> None:
        try:
            self.links.run()
        except Exception:
            # Half a worker would store items whose lookups never run: stop it all,
            # exit non-zero, and let the supervisor start a whole one.
            log.exception("lookup consumer failed; stopping the worker")
            self.failed = True
            self.items.stop()


def build_worker(injector: Injector, name: str = "recindex-worker") -> Worker:
    settings = injector.get(Settings)
    if not settings.rabbitmq_url:
        raise ValueError("RABBITMQ_URL is not set")
    topology = injector.get(Topology)
    handle = injector.get(MessageHandler).handle

    def consumer(queue: str, suffix: str, threads: int) -> Consumer:
        assert settings.rabbitmq_url
        routing_key = topology.work_queues()[queue]
        policy = DeliveryPolicy(handle, queue, routing_key, topology.retries, topology.dlx)
        return Consumer(
            settings.rabbitmq_url,
            topology,
            policy,
            prefetch=max(settings.worker_prefetch, threads),
            threads=threads,
            name=f"{name}-{suffix}",
        )

    return Worker(
        consumer(topology.discovered_queue, "items", settings.worker_threads),
        consumer(topology.lookup_queue, "links", settings.worker_lookup_threads),
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
