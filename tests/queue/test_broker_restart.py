"""Broker restart drill on a PRIVATE RabbitMQ node (own port, name and data directory).

The machine's broker on 5672 is shared with other tests and is never touched:
this starts a second node, restarts its RabbitMQ application mid-stream
(`rabbitmqctl stop_app` / `start_app`: every connection drops, durable queues and
persistent messages stay), and checks that the worker comes back and nothing is
lost or doubled.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pika
import pytest

from services.queue.topology import DISCOVERED, Topology
from tests.conftest import require_program
from tests.queue.conftest import item
from tests.queue.test_worker import documents
from tests.queue.test_worker_process import start_process

pytestmark = [pytest.mark.broker, pytest.mark.integration]


@dataclass
class PrivateNode:
    name: str
    url: str

    def ctl(self, *args: str) -> None:
        subprocess.run(
            ["rabbitmqctl", "-q", "-n", self.name, *args],
            check=True,
            capture_output=True,
            timeout=60,
        )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _listening(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture
def private_node() -> Iterator[PrivateNode]:
    for program in ("rabbitmq-server", "rabbitmqctl"):
        require_program(program, "apt-get install rabbitmq-server (make test does)")
    port, dist_port = _free_port(), _free_port()
    base = Path(tempfile.mkdtemp(prefix="recindex-drill-"))
    base.chmod(0o777)  # the server script may drop to the rabbitmq user
    config = base / "drill.conf"
    config.write_text(f"listeners.tcp.1 = 127.0.0.1:{port}\n")
    config.chmod(0o644)
    name = f"drill-{uuid.uuid4().hex[:8]}@localhost"
    env = {
        **os.environ,
        "RABBITMQ_CONFIG_FILE": str(config),
        "RABBITMQ_NODENAME": name,
        "RABBITMQ_NODE_PORT": str(port),
        "RABBITMQ_DIST_PORT": str(dist_port),
        "RABBITMQ_MNESIA_BASE": str(base / "mnesia"),
        "RABBITMQ_LOG_BASE": str(base / "log"),
        "RABBITMQ_ENABLED_PLUGINS_FILE": str(base / "plugins"),
        "RABBITMQ_PID_FILE": str(base / "pid"),
    }
    server = subprocess.Popen(
        ["rabbitmq-server"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    node = PrivateNode(name, f"amqp://guest:guest@127.0.0.1:{port}/%2F")
    try:
        deadline = time.monotonic() + 60
        while not _listening(port):
            assert time.monotonic() < deadline and server.poll() is None, "node did not start"
            time.sleep(0.2)
        yield node
    finally:
        try:
            node.ctl("stop")
        finally:
            server.wait(30)
            shutil.rmtree(base, ignore_errors=True)


def test_broker_restart_mid_stream_loses_and_doubles_nothing(
    private_node: PrivateNode, tmp_path: Path
) -> None:
    from tests.conftest import make_settings

    topology = Topology(f"drill-{uuid.uuid4().hex[:8]}", retry_delays=(0.2,), max_attempts=3)
    settings = make_settings(
        tmp_path,
        rabbitmq_url=private_node.url,
        rabbitmq_exchange=topology.exchange,
        max_retry_after_seconds=0.1,
    )
    replies_queue = f"{topology.exchange}.replies"
    connection = pika.BlockingConnection(pika.URLParameters(private_node.url))
    channel = connection.channel()
    topology.declare(channel)
    channel.queue_declare(replies_queue, durable=True)
    total = 1000
    for number in range(total):
        channel.basic_publish(
            topology.exchange,
            DISCOVERED,
            json.dumps(item(number)).encode(),
            pika.BasicProperties(
                delivery_mode=2,
                message_id=uuid.uuid4().hex,
                reply_to=replies_queue,
                correlation_id=str(number),
            ),
        )
    while (
        channel.queue_declare(topology.discovered_queue, passive=True).method.message_count < total
    ):
        time.sleep(0.02)

    class Watch:  # `start_process` waits for a consumer through `broker.channel`
        def __init__(self) -> None:
            self.channel = channel
            self.topology = topology

    env = {"RABBITMQ_URL": private_node.url, "WORKER_THREADS": "2", "WORKER_PREFETCH": "4"}
    worker = start_process(settings, Watch(), **env)  # type: ignore[arg-type]
    try:
        while channel.queue_declare(replies_queue, passive=True).method.message_count < 50:
            time.sleep(0.01)
        private_node.ctl("stop_app")  # every connection drops here, mid-stream
        stored_before = len(documents(settings))
        time.sleep(1)
        private_node.ctl("start_app")
        connection = pika.BlockingConnection(pika.URLParameters(private_node.url))
        channel = connection.channel()
        deadline = time.monotonic() + 60
        while len(documents(settings)) < total or (
            channel.queue_declare(topology.discovered_queue, passive=True).method.message_count
        ):
            assert time.monotonic() < deadline, "the worker did not resume"
            time.sleep(0.1)
    finally:
        worker.terminate()
        worker.wait(30)
    assert stored_before < total, "the restart came too late to prove anything"
    answered: dict[str, set[int]] = {}
    while True:
        method, properties, body = channel.basic_get(replies_queue, auto_ack=True)
        if method is None:
            break
        answered.setdefault(properties.correlation_id, set()).add(json.loads(body)["status"])
    docs = documents(settings)
    assert len(docs) == total
    assert len({doc["id"] for doc in docs}) == total
    # Replies are transient (they die with the restart); those after it are all 201:
    # a redelivered message is recognised, never answered 409 against itself.
    assert len(answered) >= total - stored_before - 10
    assert all(statuses == {201} for statuses in answered.values())
    connection.close()
