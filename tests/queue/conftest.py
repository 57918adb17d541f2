"""Broker fixtures: a uniquely named topology per test on the real RabbitMQ, deleted afterwards."""

from __future__ import annotations

import json
import os
import struct
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pika
import pytest

from app import build_injector
from services.queue.topology import DISCOVERED, Topology
from services.queue.worker import Worker, build_worker
from services.settings import Settings
from tests.conftest import make_settings, require_broker

BROKER_URL = os.environ.get("RABBITMQ_TEST_URL", "amqp://guest:guest@127.0.0.1:5672/%2F")
# Fast back-off so that retry tests take seconds.
# Lookups of the worker meet closed ports (no provider is reachable in tests): fail fast.
FAST = {"message_retry_delays": (0.2, 0.4), "message_max_attempts": 3}
QUICK_PROVIDERS = {"max_retry_after_seconds": 0.1, "lookup_timeout_seconds": 1.0}


def broker_available() -> bool:
    try:
        pika.BlockingConnection(pika.URLParameters(BROKER_URL)).close()
        return True
    except pika.exceptions.AMQPError:
        return False


@pytest.fixture(autouse=True)
def _broker() -> None:
    if not broker_available():
        if require_broker():
            pytest.fail(f"RabbitMQ does not answer on {BROKER_URL}")
        pytest.skip("RabbitMQ is not running")


def item(number: int, **fields: Any) -> dict[str, Any]:
    title = f"Band {number} - Album {number}"
    return {"title": title, "user": "crawler", "kind": "album", **fields}


class RawHeaders(pika.BasicProperties):
    """Properties whose header table (`headers`, bytes) goes out byte for byte: values
    other clients write and pika never would (a timestamp past 9999, deep nesting)."""

    def encode(self) -> list[bytes]:
        table = self.headers
        assert isinstance(table, bytes)
        self.headers = {}
        try:
            encoded = b"".join(super().encode())
        finally:
            self.headers = table
        # Flags, the content type (a short string), then the (empty) table: 4 bytes.
        start = 2 + 1 + len(self.content_type or "")
        empty = encoded[start : start + 4]
        assert empty == b"\x00\x00\x00\x00"
        return [encoded[:start], struct.pack(">I", len(table)), table, encoded[start + 4 :]]


def table_entry(name: bytes, kind: bytes, payload: bytes) -> bytes:
    """One `name: value` of a raw header table (AMQP 0-9-1 field table)."""
    return bytes([len(name)]) + name + kind + payload


@dataclass
class Broker:
    """A test's own topology, a publishing channel and a reply queue."""

    topology: Topology
    channel: Any
    reply_queue: str

    def publish(
        self,
        body: bytes | dict[str, Any],
        message_id: str | None = None,
        routing_key: str = DISCOVERED,
        correlation_id: str | None = None,
        headers: dict[Any, Any] | bytes | None = None,
    ) -> str:
        """Publish with confirms; `headers` as bytes is a header table written as it is."""
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        correlation_id = correlation_id or uuid.uuid4().hex
        kind = RawHeaders if isinstance(headers, bytes) else pika.BasicProperties
        properties = kind(
            content_type="application/json",
            delivery_mode=2,
            message_id=message_id or uuid.uuid4().hex,
            reply_to=self.reply_queue,
            correlation_id=correlation_id,
            headers=headers,
        )
        self.channel.basic_publish(
            self.topology.exchange, routing_key, data, properties, mandatory=True
        )
        return correlation_id

    def replies(self, count: int, timeout: float = 15) -> list[dict[str, Any]]:
        """Wait for `count` replies; each carries its `correlation_id`."""
        return self._drain(self.reply_queue, count, timeout)

    def dead(self, count: int, timeout: float = 15) -> list[dict[str, Any]]:
        return self._drain(self.topology.dead, count, timeout)

    def depth(self, queue: str) -> int:
        return int(self.channel.queue_declare(queue, passive=True).method.message_count)

    def _drain(self, queue: str, count: int, timeout: float) -> list[dict[str, Any]]:
        got: list[dict[str, Any]] = []
        deadline = time.monotonic() + timeout
        while len(got) < count and time.monotonic() < deadline:
            method, properties, body = self.channel.basic_get(queue, auto_ack=True)
            if method is None:
                time.sleep(0.05)
                continue
            got.append(
                {
                    "body": body,
                    "correlation_id": properties.correlation_id,
                    "headers": properties.headers or {},
                    "message_id": properties.message_id,
                }
            )
        return got


@pytest.fixture
def topology() -> Topology:
    return Topology(
        exchange=f"test-{uuid.uuid4().hex[:10]}",
        retry_delays=FAST["message_retry_delays"],  # type: ignore[arg-type]
        max_attempts=FAST["message_max_attempts"],  # type: ignore[arg-type]
    )


@pytest.fixture
def broker(topology: Topology) -> Iterator[Broker]:
    connection = pika.BlockingConnection(pika.URLParameters(BROKER_URL))
    channel = connection.channel()
    channel.confirm_delivery()
    topology.declare(channel)
    reply_queue = f"{topology.exchange}.replies"
    channel.queue_declare(reply_queue, durable=False)
    try:
        yield Broker(topology, channel, reply_queue)
    finally:
        if not channel.is_open:
            connection = pika.BlockingConnection(pika.URLParameters(BROKER_URL))
            channel = connection.channel()
        channel.queue_delete(reply_queue)
        topology.delete(channel)
        connection.close()


@pytest.fixture
def queue_settings(tmp_path: Path, topology: Topology) -> Settings:
    return make_settings(
        tmp_path,
        rabbitmq_url=BROKER_URL,
        rabbitmq_exchange=topology.exchange,
        worker_prefetch=8,
        worker_threads=4,
        **FAST,
        **QUICK_PROVIDERS,
    )


def worker_env(settings: Settings) -> dict[str, str]:
    """The environment of a `python -m cli worker` subprocess with these settings."""
    return {
        **os.environ,
        "DATA_DIR": str(settings.data_dir),
        "RABBITMQ_URL": BROKER_URL,
        "RABBITMQ_EXCHANGE": settings.rabbitmq_exchange,
        "MESSAGE_RETRY_DELAYS": json.dumps(list(settings.message_retry_delays)),
        "MESSAGE_MAX_ATTEMPTS": str(settings.message_max_attempts),
        "WORKER_PREFETCH": str(settings.worker_prefetch),
        "WORKER_THREADS": str(settings.worker_threads),
        "ELASTICSEARCH_URL": settings.elasticsearch_url or "",
        "ELASTICSEARCH_INDEX": settings.elasticsearch_index,
        "LOG_JSON": "false",
        "MAX_RETRY_AFTER_SECONDS": str(settings.max_retry_after_seconds),
        "LOOKUP_TIMEOUT_SECONDS": str(settings.lookup_timeout_seconds),
        **_offline(),
    }


def _offline() -> dict[str, str]:
    from tests.conftest import offline_environment

    return offline_environment()


@dataclass
class RunningWorker:
    worker: Worker
    thread: threading.Thread
    injector: Any

    def stop(self) -> None:
        self.worker.stop()
        self.thread.join(timeout=20)
        assert not self.thread.is_alive(), "the worker did not stop"


@pytest.fixture
def start_worker(
    queue_settings: Settings, broker: Broker
) -> Iterator[Callable[..., RunningWorker]]:
    """Start an in-process worker (consumer thread) on the test's topology."""
    started: list[RunningWorker] = []

    def start(
        configure: Callable[[Any], None] | None = None, name: str | None = None
    ) -> RunningWorker:
        injector = build_injector(queue_settings)
        if configure is not None:
            configure(injector)
        worker = build_worker(injector, name=name or f"{broker.topology.exchange}-worker")
        thread = threading.Thread(target=worker.run, daemon=True)
        thread.start()
        assert worker.wait_ready(10), "the worker did not start consuming"
        running = RunningWorker(worker, thread, injector)
        started.append(running)
        return running

    yield start
    for running in started:
        if running.thread.is_alive():
            running.stop()
