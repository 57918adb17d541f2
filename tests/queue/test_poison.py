"""Poison on the real RabbitMQ: any header values, refused copies and replies, and errors on
the connection's thread. The worker survives each, loses nothing and never loops hot."""

from __future__ import annotations

import json
import logging
import struct
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pika
import pytest

from services.queue.consumer import Consumer
from services.queue.deliveries import Delivery, DeliveryPolicy
from services.queue.handler import Outcome
from services.queue.topology import ATTEMPTS, DISCOVERED, REASON, ROUTING_KEY
from services.settings import Settings
from tests.queue.conftest import BROKER_URL, Broker, RunningWorker, item, table_entry
from tests.queue.test_worker import counted, documents, flaky

pytestmark = [pytest.mark.broker, pytest.mark.integration]

StartWorker = Callable[..., RunningWorker]


def nested_arrays(depth: int) -> bytes:
    value = b"V"
    for _ in range(depth):
        value = b"A" + struct.pack(">I", len(value)) + value
    return value


# (headers, the reply's status, a part of the dead letter's reason)
CASES: list[tuple[dict[Any, Any] | bytes, int, str]] = [
    ({ATTEMPTS: -6}, 400, ATTEMPTS),
    ({ATTEMPTS: -(2**63)}, 400, ATTEMPTS),
    ({ATTEMPTS: "3"}, 400, ATTEMPTS),
    ({ATTEMPTS: b"\xff\xfe"}, 400, ATTEMPTS),
    ({ATTEMPTS: [1, 2]}, 400, ATTEMPTS),
    ({ATTEMPTS: 2**62}, 201, ""),  # many attempts: it is handled (and would not be retried)
    ({ROUTING_KEY: "r" * 300}, 201, ""),  # never read: a message's kind is its queue's
    ({ROUTING_KEY: "recommendation.lookup"}, 201, ""),
    ({ROUTING_KEY: b"\xff\xfe", REASON: "x" * 60_000}, 201, ""),
    ({b"\xff\xfe": 1, "x-crawler": "forum"}, 201, ""),
    ({"big": "x" * 100_000}, 400, "headers take"),
    # Written raw: values the broker takes and pika 1.4.4 cannot read.
    (table_entry(b"x-sent", b"T", struct.pack(">Q", 1772000000000)), 201, ""),  # in ms
    (table_entry(b"x-sent", b"T", struct.pack(">Q", 2**63)), 400, "headers cannot be copied"),
    (table_entry(ATTEMPTS.encode(), b"T", struct.pack(">Q", 1772000000000)), 201, ""),
    (table_entry(b"deep", b"", nested_arrays(2_000)), 201, ""),
    (table_entry(b"huge", b"d", struct.pack(">d", 1e300)), 400, "headers cannot be copied"),
]


@contextmanager
def connection_problems() -> Iterator[list[logging.LogRecord]]:
    """The consumer's warnings and errors while the block runs."""
    records: list[logging.LogRecord] = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = records.append  # type: ignore[method-assign]
    logger = logging.getLogger("services.queue.consumer")
    logger.addHandler(handler)
    try:
        yield records
    finally:
        logger.removeHandler(handler)


def test_the_worker_survives_any_header_values_and_dead_letters_what_it_refuses(
    broker: Broker, start_worker: StartWorker, queue_settings: Settings
) -> None:
    running = start_worker()
    with connection_problems() as problems:
        sent = {broker.publish(item(n), headers=h): (s, r) for n, (h, s, r) in enumerate(CASES)}
        answers = broker.replies(len(CASES))
        replies = {reply["correlation_id"]: json.loads(reply["body"]) for reply in answers}
        after = broker.publish(item(1000))
        [last] = broker.replies(1)
    assert last["correlation_id"] == after and json.loads(last["body"])["status"] == 201
    assert {cid: replies.get(cid, {}).get("status") for cid in sent} == {
        cid: status for cid, (status, _) in sent.items()
    }
    refused = [reason for status, reason in sent.values() if status == 400]
    dead = broker.dead(len(refused))
    reasons = sorted(str(message["headers"][REASON]) for message in dead)
    for part in refused:
        assert any(part in reason for reason in reasons), (part, reasons)
    assert len(documents(queue_settings)) == 1 + sum(s == 201 for s, _ in sent.values())
    assert running.thread.is_alive() and running.worker.ready and not running.worker.failed
    assert [record.getMessage() for record in problems] == []  # no connection was lost


def test_poison_headers_on_the_retry_path_travel_through_the_delay_queues(
    broker: Broker, start_worker: StartWorker, queue_settings: Settings
) -> None:
    """The index is down: every message meets a transient failure, so its headers are read
    and written again on each retry copy, then on its dead letter."""
    running = start_worker(flaky(failures=1_000))
    poisons: list[dict[Any, Any] | bytes] = [
        {ATTEMPTS: -6},
        {ROUTING_KEY: "r" * 300, "x-crawler": "forum"},
        table_entry(b"x-sent", b"T", struct.pack(">Q", 1772000000000)),  # in ms
    ]
    for number, headers in enumerate(poisons):
        broker.publish(item(number), headers=headers)
    statuses = sorted(json.loads(reply["body"])["status"] for reply in broker.replies(3))
    assert statuses == [400, 503, 503]
    dead = [message["headers"] for message in broker.dead(3)]
    assert sorted(str(headers[REASON])[:9] for headers in dead) == ["gave up a"] * 2 + ["refused: "]
    given_up = [headers for headers in dead if headers[ATTEMPTS] == 2]
    assert [headers[ROUTING_KEY] for headers in given_up] == [DISCOVERED] * 2
    assert {headers.get("x-crawler") or headers.get("x-sent") for headers in given_up} == {
        "forum",
        1772000000000,
    }
    assert running.thread.is_alive() and running.worker.ready
    assert documents(queue_settings) == []


def test_a_reply_the_broker_refuses_does_not_bring_its_message_back(
    broker: Broker, start_worker: StartWorker, queue_settings: Settings
) -> None:
    # A reply queue that refuses everything: the broker nacks each reply.
    broker.channel.queue_delete(broker.reply_queue)
    broker.channel.queue_declare(
        broker.reply_queue, arguments={"x-max-length": 0, "x-overflow": "reject-publish"}
    )
    start_worker()
    stored = counted("stored")
    broker.publish(item(1))
    deadline = time.monotonic() + 10
    while not documents(queue_settings) and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(2)  # a hot loop would handle it again hundreds of times meanwhile
    assert counted("stored") == stored + 1
    assert broker.depth(broker.topology.discovered_queue) == 0
    assert len(documents(queue_settings)) == 1


def _rabbitmqctl(*args: str) -> None:
    subprocess.run(["rabbitmqctl", "-q", *args], check=True, capture_output=True, timeout=60)


def test_a_copy_the_broker_refuses_keeps_its_message_with_a_growing_pause(
    broker: Broker, start_worker: StartWorker
) -> None:
    policy = f"{broker.topology.exchange}-full"
    pattern = f"^{broker.topology.dead}$"
    _rabbitmqctl(
        "set_policy", policy, pattern, '{"max-length": 0, "overflow": "reject-publish"}',
        "--apply-to", "queues",
    )  # fmt: skip
    try:
        start_worker()
        consumed = counted("consumed")
        broker.publish(b"{poison")
        time.sleep(3)
        tries = counted("consumed") - consumed
        assert 1 <= tries <= 5, tries  # pauses of 0.5 s, 1 s, 2 s... not a hot loop
    finally:
        _rabbitmqctl("clear_policy", policy)
    [dead] = broker.dead(1, timeout=20)  # once the queue takes it again
    assert dead["body"] == b"{poison"


def _connections(name: str) -> int:
    listed = subprocess.run(
        ["rabbitmqctl", "-q", "list_connections", "client_properties"],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    ).stdout
    return sum(1 for line in listed.splitlines() if name in line)


class BrokenOnce(DeliveryPolicy):
    """Raises on the connection's thread for the first delivery it receives (a bug)."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.raised = threading.Event()

    def receive(self, properties: pika.BasicProperties, body: bytes) -> Delivery:
        if not self.raised.is_set():
            self.raised.set()
            raise RuntimeError("a bug on the I/O thread")
        return super().receive(properties, body)


def test_an_error_on_the_connection_s_thread_closes_it_and_returns_its_messages_at_once(
    broker: Broker,
) -> None:
    topology = broker.topology
    stored: list[bytes] = []

    def handle(message: Any) -> Outcome:
        stored.append(message.body)
        return Outcome("ack", "stored", {"status": 201})

    queue = topology.discovered_queue
    policy = BrokenOnce(handle, queue, DISCOVERED, topology.retries, topology.dlx)
    name = f"{topology.exchange}-broken"
    consumer = Consumer(BROKER_URL, topology, policy, prefetch=4, threads=2, name=name)
    thread = threading.Thread(target=consumer.run, daemon=True)
    thread.start()
    try:
        assert consumer.ready.wait(10)
        started = time.monotonic()
        broker.publish(item(1))
        [reply] = broker.replies(1, timeout=20)
        # Back well before the broker's heartbeat time-out (60 s) would have returned it.
        assert time.monotonic() - started < 10
        assert json.loads(reply["body"])["status"] == 201
        assert policy.raised.is_set() and len(stored) == 1
        assert thread.is_alive()
        assert _connections(name) == 1  # the broken connection was closed, not left open
    finally:
        consumer.stop()
        thread.join(20)
    assert not thread.is_alive()
