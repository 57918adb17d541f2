"""Publishing with publisher confirms over a blocking connection (one per thread)."""

from __future__ import annotations

import contextlib
from typing import Any

import pika
from pika.adapters.blocking_connection import BlockingChannel
from pika.exceptions import AMQPError

from services.errors import BrokerUnavailable
from services.queue.topology import Topology


def connection_parameters(url: str, name: str) -> pika.URLParameters:
    parameters = pika.URLParameters(url)
    parameters.client_properties = {"connection_name": name}
    parameters.blocked_connection_timeout = 30
    # An unreachable or silent broker must not hold an HTTP request for long.
    parameters.socket_timeout = 5
    parameters.stack_timeout = 5
    return parameters


class Publisher:
    """Publishes persistent JSON messages and waits for the broker's confirm.

    Not thread-safe, like pika: one thread at a time (`PublisherPool` lends them).
    A dropped connection is reopened once per publish; `BrokerUnavailable` after that.
    With `declares`, each connection first declares the topology it publishes to, so
    that nothing published before any worker started is unroutable.
    """

    def __init__(
        self,
        url: str,
        topology: Topology,
        name: str = "recindex-publisher",
        declares: bool = False,
    ) -> None:
        self._parameters = connection_parameters(url, name)
        self._topology = topology
        self._declares = declares
        self._connection: pika.BlockingConnection | None = None
        self._channel: BlockingChannel | None = None

    @property
    def is_open(self) -> bool:
        return self._connection is not None and self._connection.is_open

    def publish(
        self,
        routing_key: str,
        body: bytes,
        message_id: str | None = None,
        reply_to: str | None = None,
        correlation_id: str | None = None,
        headers: dict[str, Any] | None = None,
        mandatory: bool = True,
    ) -> None:
        """Publish and wait for the broker's confirm. `mandatory`: a message no queue
        takes is an error, not a silent drop (off only for events whose subscribers come
        and go)."""
        properties = pika.BasicProperties(
            content_type="application/json",
            delivery_mode=pika.DeliveryMode.Persistent,
            message_id=message_id,
            reply_to=reply_to,
            correlation_id=correlation_id,
            headers=headers,
        )
        for attempt in (1, 2):
            try:
                self._open().basic_publish(
                    self._topology.exchange, routing_key, body, properties, mandatory=mandatory
                )
                return
            except AMQPError as error:
                self.close()
                # UnroutableError/NackError are AMQPErrors too: the broker refused it.
                if attempt == 2 or not _connection_lost(error):
                    raise BrokerUnavailable(f"not confirmed: {error!r}") from error

    def declare(self) -> None:
        self._topology.declare(self._open())

    def check(self) -> None:
        """Return when this publisher's connection works (opened, or reopened once)."""
        for attempt in (1, 2):
            try:
                self._open()
                assert self._connection is not None
                self._connection.process_data_events(time_limit=0)  # notices a dead socket
                return
            except AMQPError as error:
                self.close()
                if attempt == 2:
                    raise BrokerUnavailable(f"connection failed: {error!r}") from error

    def close(self) -> None:
        connection, self._connection, self._channel = self._connection, None, None
        if connection is not None and connection.is_open:
            with contextlib.suppress(AMQPError):
                connection.close()

    def _open(self) -> BlockingChannel:
        if self._channel is None or not self._channel.is_open:
            self.close()
            try:
                self._connection = pika.BlockingConnection(self._parameters)
            except AMQPError as error:
                raise BrokerUnavailable(f"cannot connect: {error!r}") from error
            self._channel = self._connection.channel()
            self._channel.confirm_delivery()
            if self._declares:
                self._topology.declare(self._channel)
        return self._channel


def _connection_lost(error: AMQPError) -> bool:
    return isinstance(
        error, pika.exceptions.AMQPConnectionError | pika.exceptions.AMQPChannelError
    ) and not isinstance(error, pika.exceptions.UnroutableError | pika.exceptions.NackError)


def declare_topology(url: str, topology: Topology, name: str = "recindex-declare") -> None:
    """Declare every exchange and queue of `topology` (a no-op when they exist) over a
    connection of its own; `BrokerUnavailable` when the broker does not answer."""
    publisher = Publisher(url, topology, name)
    try:
        publisher.declare()
    except AMQPError as error:
        raise BrokerUnavailable(f"cannot declare the topology: {error!r}") from error
    finally:
        publisher.close()
