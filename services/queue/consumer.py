"""The pika consumer: channels, acks, confirms and reconnects; no recommendation logic.

One `SelectConnection` whose I/O loop only moves frames, so heartbeats keep flowing
during slow lookups; handling runs in a thread pool, and each result is handed back
to the I/O thread with `add_callback_threadsafe` (pika is not thread-safe). A
message is acknowledged only after its outcome is in place: stored, or its retry
or dead-letter copy confirmed by the broker. Copies are published `mandatory`: one
that no queue takes (its queue was deleted) comes back, the original is returned
to its queue instead of acknowledged, and the topology is declared again.
"""

from __future__ import annotations

import contextlib
import functools
import json
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
from services.queue.handler import Message, Outcome
from services.queue.publisher import connection_parameters, declare_topology
from services.queue.topology import ATTEMPTS, REASON, ROUTING_KEY, Topology

log = logging.getLogger(__name__)

Handle = Callable[[Message], Outcome]
Publish = tuple[str, str, bytes, BasicProperties]

COPY_TAG = "x-recindex-copy-tag"
"""Internal header: which publish of its session a copy was, to match a `basic.return`."""
REDECLARE_EVERY_SECONDS = 1.0


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
    waiting: dict[int, _Settling] = field(default_factory=dict)
    declared_at: float = 0.0


class Consumer:
    """Consumes the work queue with `prefetch` messages in flight over `threads` threads."""

    def __init__(
        self,
        url: str,
        topology: Topology,
        handle: Handle,
        queue: str | None = None,
        prefetch: int = 32,
        threads: int = 16,
        name: str = "recindex-worker",
        max_reconnect_delay: float = 30.0,
        stop_grace: float = 30.0,
    ) -> None:
        self._parameters = connection_parameters(url, name)
        self._url = url
        self._topology = topology
        self._handle = handle
        self._queue = queue or topology.queue
        self._prefetch = max(prefetch, threads)
        self._pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix=name)
        self._max_reconnect_delay = max_reconnect_delay
        self._stop_grace = stop_grace
        self._session: _Session | None = None
        self._stopping = False
        self._wake = threading.Event()
        self.ready = threading.Event()
        """Set while consuming (tests wait for it)."""

    def run(self) -> None:
        """Consume until `stop()`; reconnect with capped back-off whenever the connection drops."""
        delay = 0.5
        while not self._stopping:
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
            self.ready.clear()
            if self._stopping:
                break
            if self._session is not None and self._session.consumer_tag is not None:
                delay = 0.5  # it was consuming: a fresh drop, reconnect quickly
            log.info("reconnecting", extra={"delay_seconds": delay})
            self._wake.wait(delay)
            delay = min(delay * 2, self._max_reconnect_delay)
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
        session.consumer_tag = session.channel.basic_consume(self._queue, self._on_message)
        self.ready.set()
        log.info("consuming", extra={"queue": self._queue, "prefetch": self._prefetch})

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
        headers = properties.headers or {}
        message = Message(
            routing_key=str(headers.get(ROUTING_KEY) or method.routing_key),
            body=body,
            message_id=properties.message_id,
            attempts=_int(headers.get(ATTEMPTS)),
        )
        MESSAGES.labels(outcome="consumed").inc()
        session.in_flight += 1
        future = self._pool.submit(self._handle_safely, message)
        settle = functools.partial(self._settle, session, method.delivery_tag, properties, message)
        future.add_done_callback(functools.partial(self._hand_back, session, settle))

    def _settle(
        self,
        session: _Session,
        delivery_tag: int,
        properties: BasicProperties,
        message: Message,
        outcome: Outcome,
    ) -> None:
        if session is not self._session or session.channel is None or not session.channel.is_open:
            return  # the broker redelivers it on the new connection
        MESSAGES.labels(outcome=outcome.metric).inc()
        publishes = self._publishes(properties, message, outcome)
        if not publishes:
            self._finish(session, delivery_tag, refused=False)
            return
        settling = _Settling(delivery_tag, remaining=len(publishes))
        for exchange, routing_key, body, props in publishes:
            session.published += 1
            # A reply's queue may be gone with its client: only copies must land.
            copy = props.headers is not None and COPY_TAG in props.headers
            if copy:
                props.headers[COPY_TAG] = session.published
            session.channel.basic_publish(exchange, routing_key, body, props, mandatory=copy)
            session.waiting[session.published] = settling

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
            settling = session.waiting.pop(tag, None)
            if settling is None:
                continue
            settling.remaining -= 1
            settling.refused |= refused
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
        tag = _int((properties.headers or {}).get(COPY_TAG))
        settling = session.waiting.get(tag)
        if settling is not None:
            settling.refused = True
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
        if refused:  # the broker did not take the copy: keep the original
            session.channel.basic_nack(delivery_tag, requeue=True)
        else:
            session.channel.basic_ack(delivery_tag)
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

    def _publishes(
        self, properties: BasicProperties, message: Message, outcome: Outcome
    ) -> list[Publish]:
        publishes: list[Publish] = []
        if outcome.reply is not None and properties.reply_to:
            reply = BasicProperties(
                content_type="application/json", correlation_id=properties.correlation_id
            )
            publishes.append(("", properties.reply_to, json.dumps(outcome.reply).encode(), reply))
        if outcome.action == "ack":
            return publishes
        headers = dict(properties.headers or {})
        headers[ROUTING_KEY] = message.routing_key
        headers[REASON] = (outcome.reason or "")[:1000]
        headers[COPY_TAG] = 0  # set to the publish's number when it is sent
        copy = BasicProperties(
            content_type=properties.content_type,
            delivery_mode=pika.DeliveryMode.Persistent,
            message_id=properties.message_id,
            correlation_id=properties.correlation_id,
            reply_to=properties.reply_to,
            headers=headers,
        )
        if outcome.action == "retry":
            headers[ATTEMPTS] = message.attempts + 1
            queue = self._topology.retry_queue(message.attempts + 1, self._queue)
            # A retry answers nobody yet: only its final outcome is replied.
            return [("", queue, message.body, copy)]
        return [*publishes, (self._topology.dlx, message.routing_key, message.body, copy)]

    # -- worker threads -----------------------------------------------------

    def _handle_safely(self, message: Message) -> Outcome:
        try:
            return self._handle(message)
        except Exception as error:  # a bug must not lose the message: retry, then dead-letter
            log.exception("handler failed")
            reason = f"handler failed: {error!r}"
            if message.attempts + 1 >= self._topology.max_attempts:
                return Outcome("dead", "dead_lettered", None, reason)
            return Outcome("retry", "retried", reason=reason)

    def _hand_back(
        self, session: _Session, settle: Callable[[Outcome], None], future: Future[Outcome]
    ) -> None:
        try:
            session.connection.ioloop.add_callback_threadsafe(
                functools.partial(settle, future.result())
            )
        except Exception:  # the connection is gone: the broker redelivers the message
            log.debug("result dropped with its connection")


def _int(value: Any) -> int:
    try:
        return int(value or 0)
    except (TypeError, ValueError):
        return 0
