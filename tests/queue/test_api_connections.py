"""The real server's broker connections: bounded, closed when unused, publishing to a
topology it declares itself; and a readiness that opens none per call."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pika
import pytest

from services.queue.topology import Topology
from tests.factories import recommendation_input
from tests.integration.test_serve import server
from tests.queue.conftest import BROKER_URL
from tools.ports import free_port

pytestmark = [pytest.mark.broker, pytest.mark.integration]

KEY = {"X-API-Key": "k1"}
AMQP_PORT = 5672


def _sockets(pid: int) -> set[str]:
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = str(fd.readlink())
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[len("socket:[") : -1])
    return inodes


def _tcp() -> list[tuple[int, int, str, str]]:
    """(local port, remote port, state, inode) of every TCP socket of this host."""
    rows = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            local = int(fields[1].rsplit(":", 1)[1], 16)
            remote = int(fields[2].rsplit(":", 1)[1], 16)
            rows.append((local, remote, fields[3], fields[9]))
    return rows


def server_pid(port: int) -> int:
    """The process listening on `port`."""
    listening = {inode for local, _, state, inode in _tcp() if local == port and state == "0A"}
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                if _sockets(int(proc.name)) & listening:
                    return int(proc.name)
            except OSError:
                continue
    raise AssertionError(f"nothing listens on {port}")


def broker_connections(pid: int) -> int:
    """Established TCP connections of process `pid` to the broker's port."""
    mine = _sockets(pid)
    return sum(
        1
        for _, remote, state, inode in _tcp()
        if remote == AMQP_PORT and state == "01" and inode in mine
    )


@pytest.fixture
def topology() -> Iterator[Topology]:
    """A topology nobody has declared: the server must do it."""
    name = f"test-{uuid.uuid4().hex[:10]}"
    topology = Topology(name)
    yield topology
    connection = pika.BlockingConnection(pika.URLParameters(BROKER_URL))
    topology.delete(connection.channel())
    connection.close()


def burst(url: str, count: int) -> None:
    def post(_: int) -> int:
        body = recommendation_input()
        return httpx.post(f"{url}/recommendations", json=body, headers=KEY, timeout=30).status_code

    with ThreadPoolExecutor(16) as pool:
        assert set(pool.map(post, range(count))) == {201}


def test_connections_stay_bounded_across_bursts_and_idle_ones_close(
    tmp_path: Path, topology: Topology
) -> None:
    settings = {
        "RABBITMQ_URL": BROKER_URL,
        "RABBITMQ_EXCHANGE": topology.exchange,
        "RABBITMQ_PUBLISH_CONNECTIONS": "3",
        "RABBITMQ_IDLE_SECONDS": "0.5",
    }
    port = free_port()
    with server(tmp_path, port, **settings) as url:
        process_pid = server_pid(port)
        seen = []
        for _ in range(3):
            burst(url, 40)
            seen.append(broker_connections(process_pid))
            time.sleep(1.2)  # idle: every connection is closed after half a second unused
            idle = broker_connections(process_pid)
            assert idle <= 1, idle  # at most the one a readiness check just opened
        assert max(seen) <= 3, seen
        assert min(seen) >= 1, seen
        connection = pika.BlockingConnection(pika.URLParameters(BROKER_URL))
        depth = connection.channel().queue_declare(topology.lookup_queue, passive=True)
        assert depth.method.message_count == 120  # every lookup queued, none lost
        connection.close()
