"""The pika consumer: channels, acks, confirms and reconnects; no decision about a message.

One `SelectConnection` whose I/O loop only moves frames, so heartbeats keep flowing
during slow lookups; handling runs in a thread pool, and each result is handed back
to the I/O thread with `add_callback_threadsafe` (pika is not thread-safe). What a
delivery becomes (acknowledged, retried, dead-lettered, and what is published for it)
is its `DeliveryPolicy`'s to say; this class carries it out. A message is
acknowledged only after its outcome is in place: stored, or its retry or dead-letter
copy confirmed by the broker. Copies are published `mandatory`: one the broker refuses
or no queue takes (its queue was deleted) keeps its original, returned to its queue
after a growing pause (never at once, which would loop hot), and the topology is
declared again. A reply the broker refuses changes nothing: the outcome is in place.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import pika
from pika.channel import Channel
from pika.exceptions import AMQPError
from pika.spec import Basic, BasicProperties

from services.errors import BrokerUnavailable
from services.metrics import MESSAGES
from services.queue.deliveries import Delivery, DeliveryPolicy, Publish
from services.queue.handler import Outcome
from services.queue.pika_headers import tolerate_any_header
from services.queue.publisher import connection_parameters, declare_topology
from services.queue.topology import Topology

log = logging.getLogger(__name__)

COPY_TAG = "x-recindex-copy-tag"
"""Internal header: which publish of its session a copy was, to match a `basic.return`."""
REDECLARE_EVERY_SECONDS = 1.0
CLOSE_TIMEOUT_SECONDS = 5.0


@dataclass
class _Settling:
    """A delivery waiting for the confirms of the copies and replies it published."""

    delivery_tag: int
    remaining: int
    refused: bool = False


@dataclass
class _Session:
    """State of one connection; results for an older session are dropped (redelivered)."""

    connection: pika.SelectConnection
    channel: Channel | None = None
    consumer_tag: str | None = None
    in_flight: int = 0
    published: int = 0
    waiting: dict[int, tuple[_Settling, bool]] = field(default_factory=dict)
    declared_at: float = 0.0


class Consumer:
    """Consumes `policy.queue` with `prefetch` messages in flight over `threads` threads."""

    def __init__(
        self,
        url: str,
        topology: Topology,
        policy: DeliveryPolicy,
        prefetch: int = 32,
        threads: int = 16,
        name: str = "recindex-worker",
        max_reconnect_delay: float = 30.0,
        stop_grace: float = 30.0,
    ) -> None:
        tolerate_any_header()
        self._parameters = connection_parameters(url, name)
        self._url = url
        self._topology = topology
        self._policy = policy
        self._prefetch = max(prefetch, threads)
        self._pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix=name)
        self._max_delay = max_reconnect_delay
        self._stop_grace = stop_grace
        self._session: _Session | None = None
        self._stopping = False
        self._refused_in_a_row = 0
        self._wake = threading.Event()
        self.ready = threading.Event()
        """Set while consuming (tests wait for it)."""

    def run(self) -> None:
        """Consume until `stop()`; reconnect with capped back-off whenever the connection
        drops. Nothing a message holds ends it: an error on the I/O loop closes the
        connection (what was in flight goes back to the queue) and reconnects."""
        delay = 0.5
        while not self._stopping:
            session = None
            try:
                self._declare()
                session = _Session(
                    pika.SelectConnection(
                        self._parameters,
                        on_open_callback=self._on_open,
                        on_open_error_callback=self._on_open_error,
                        on_close_callback=self._on_closed,
                    )
                )
                self._session = session
                session.connection.ioloop.start()
            except (AMQPError, BrokerUnavailable) as error:
                log.warning("broker unavailable", extra={"error": repr(error)})
            except Exception:
                log.exception("consumer failed; reconnecting")
            finally:
                if session is not None:
                    self._close_for_good(session)
            self.ready.clear()
            if self._stopping:
                break
            if session is not None and session.consumer_tag is not None:
                delay = 0.5  # it was consuming: a fresh drop, reconnect quickly
            log.info("reconnecting", extra={"delay_seconds": delay})
            self._wake.wait(delay)
            delay = min(delay * 2, self._max_delay)
        self._pool.shutdown(wait=True, cancel_futures=True)
        log.info("worker stopped")

    def stop(self) -> None:
        """Stop consuming, settle or return what is in flight, then let `run` return.

        Safe from any thread and from a signal handler."""
        self._stopping = True
        self._wake.set()
        session = self._session
        if session is not None:
            # When the loop is gone already, `run` sees `_stopping` by itself.
            with contextlib.suppress(Exception):
                session.connection.ioloop.add_callback_threadsafe(self._begin_stop)

    # -- I/O thread ---------------------------------------------------------

    def _declare(self) -> None:
        declare_topology(self._url, self._topology, "recindex-worker-declare")

    def _on_open(self, connection: pika.SelectConnection) -> None:
        connection.channel(on_open_callback=self._on_channel)

    def _on_open_error(self, connection: pika.SelectConnection, error: BaseException) -> None:
        log.warning("cannot connect", extra={"error": repr(error)})
        connection.ioloop.stop()

    def _on_closed(self, connection: pika.SelectConnection, reason: BaseException) -> None:
        if not self._stopping:
            log.warning("connection lost", extra={"error": repr(reason)})
        connection.ioloop.stop()

    def _on_channel(self, channel: Channel) -> None:
        session = self._session
        assert session is not None
        session.channel = channel
        channel.add_on_close_callback(self._on_channel_closed)
        channel.add_on_return_callback(self._on_return)
        channel.confirm_delivery(self._on_confirm)
        channel.basic_qos(prefetch_count=self._prefetch, callback=lambda _: self._consume(session))

    def _consume(self, session: _Session) -> None:
        assert session.channel is not None
        if self._stopping:
            self._close(session)
            return
        queue = self._policy.queue
        session.consumer_tag = session.channel.basic_consume(queue, self._on_message)
        self.ready.set()
        log.info("consuming", extra={"queue": queue, "prefetch": self._prefetch})

    def _on_channel_closed(self, channel: Channel, reason: BaseException) -> None:
        session = self._session
        if session is not None and session.channel is channel:
            if not self._stopping:
                log.warning("channel closed", extra={"error": repr(reason)})
            self._close(session)

    def _on_message(
        self, channel: Channel, method: Basic.Deliver, properties: BasicProperties, body: bytes
    ) -> None:
        session = self._session
        assert session is not None
        delivery = self._policy.receive(properties, body)
        MESSAGES.labels(outcome="consumed").inc()
        session.in_flight += 1
        future = self._pool.submit(self._policy.outcome, delivery)
        settle = functools.partial(self._settle, session, method.delivery_tag, delivery)
        future.add_done_callback(functools.partial(self._hand_back, session, settle))

    def _settle(
        self, session: _Session, delivery_tag: int, delivery: Delivery, outcome: Outcome
    ) -> None:
        if session is not self._session or session.channel is None or not session.channel.is_open:
            return  # the broker redelivers it on the new connection
        MESSAGES.labels(outcome=outcome.metric).inc()
        try:
            publishes = self._policy.publishes(delivery, outcome)
            if not publishes:
                self._finish(session, delivery_tag, refused=False)
                return
            settling = _Settling(delivery_tag, remaining=len(publishes))
            for publish in publishes:
                self._publish(session, publish, settling)
        except Exception:
            # Whatever it holds, the broker can still dead-letter it (the work queue's
            # `x-dead-letter-exchange`): with its headers as they came, without our reason.
            log.exception("cannot publish for a message; the broker dead-letters it")
            session.channel.basic_reject(delivery_tag, requeue=False)
            self._settled(session)

    def _publish(self, session: _Session, publish: Publish, settling: _Settling) -> None:
        assert session.channel is not None
        session.published += 1
        if publish.copy:
            assert publish.properties.headers is not None  # a copy always has ours
            publish.properties.headers[COPY_TAG] = session.published
        session.channel.basic_publish(
            publish.exchange,
            publish.routing_key,
            publish.body,
            publish.properties,
            mandatory=publish.copy,  # a reply's queue may be gone with its client
        )
        session.waiting[session.published] = (settling, publish.copy)

    def _on_confirm(self, frame: Any) -> None:
        session = self._session
        if session is None:
            return
        method = frame.method
        refused = isinstance(method, Basic.Nack)
        tags = (
            [tag for tag in session.waiting if tag <= method.delivery_tag]
            if method.multiple
            else [method.delivery_tag]
        )
        for tag in tags:
            settling, copy = session.waiting.pop(tag, (None, False))
            if settling is None:
                continue
            if refused and not copy:
                log.warning("reply refused by the broker; the message's outcome stands")
            settling.remaining -= 1
            settling.refused |= refused and copy
            if settling.remaining == 0:
                self._finish(session, settling.delivery_tag, settling.refused)

    def _on_return(
        self, channel: Channel, method: Basic.Return, properties: BasicProperties, body: bytes
    ) -> None:
        """A copy no queue took: keep its original (the confirm that follows then nacks it)
        and declare the topology again, so that its next copy lands."""
        session = self._session
        if session is None or session.channel is not channel:
            return
        tag = (properties.headers or {}).get(COPY_TAG)
        waiting = session.waiting.get(tag) if isinstance(tag, int) else None
        if waiting is not None:
            waiting[0].refused = True
        log.warning(
            "copy returned unroutable; its message stays queued",
            extra={"exchange": method.exchange, "routing_key": method.routing_key},
        )
        now = time.monotonic()
        if now - session.declared_at > REDECLARE_EVERY_SECONDS:
            session.declared_at = now
            # The same calls as on a blocking channel, sent without waiting for replies.
            self._topology.declare(channel)  # type: ignore[arg-type]

    def _finish(self, session: _Session, delivery_tag: int, refused: bool) -> None:
        assert session.channel is not None
        if not refused:
            self._refused_in_a_row = 0
            session.channel.basic_ack(delivery_tag)
            self._settled(session)
            return
        # The broker did not take its copy: the original goes back to its queue, after a
        # pause that grows while the broker keeps refusing (a full queue, a lost one).
        self._refused_in_a_row += 1
        pause = min(0.25 * 2**self._refused_in_a_row, self._max_delay)
        log.warning("copy refused; its message returns to its queue", extra={"pause": pause})
        session.connection.ioloop.call_later(
            pause, functools.partial(self._return_to_queue, session, delivery_tag)
        )

    def _return_to_queue(self, session: _Session, delivery_tag: int) -> None:
        if session is self._session and session.channel is not None and session.channel.is_open:
            session.channel.basic_nack(delivery_tag, requeue=True)
            self._settled(session)

    def _settled(self, session: _Session) -> None:
        session.in_flight -= 1
        if self._stopping and session.in_flight == 0:
            self._close(session)

    def _begin_stop(self) -> None:
        session = self._session
        if session is None:
            return
        log.info("stopping", extra={"in_flight": session.in_flight})
        if session.channel is not None and session.channel.is_open and session.consumer_tag:
            session.channel.basic_cancel(session.consumer_tag)
        if session.in_flight == 0:
            self._close(session)
        else:
            # Whatever is still running then goes back to the queue with the channel.
            session.connection.ioloop.call_later(self._stop_grace, lambda: self._close(session))

    def _close(self, session: _Session) -> None:
        if session.connection.is_open:
            session.connection.close()
        elif session.connection.is_closed:
            session.connection.ioloop.stop()

    def _close_for_good(self, session: _Session) -> None:
        """Close a connection whose loop ended, if it is still open (its loop ended with an
        error): its unacknowledged messages go back to the queue now, not after the
        broker's heartbeat time-out, and no connection is left behind."""
        connection = session.connection
        if connection.is_closed:
            return
        with contextlib.suppress(Exception):
            if connection.is_open:
                connection.close()
            connection.ioloop.call_later(CLOSE_TIMEOUT_SECONDS, connection.ioloop.stop)
            connection.ioloop.start()  # until `_on_closed` stops it

    # -- worker threads -----------------------------------------------------

    def _hand_back(
        self, session: _Session, settle: Callable[[Outcome], None], future: Future[Outcome]
    ) -> None:
        try:
            session.connection.ioloop.add_callback_threadsafe(
                functools.partial(settle, future.result())
            )
        except Exception:  # the connection is gone: the broker redelivers the message
            log.debug("result dropped with its connection")
