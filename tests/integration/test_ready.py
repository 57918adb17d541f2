"""`/ready` of the real server: cached states (no broker connection per call), and no raw
errors for callers without a key."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.integration.test_serve import server
from tools.ports import free_port

pytestmark = pytest.mark.integration

KEY = {"X-API-Key": "k1"}


class SilentBroker:
    """Accepts connections and never says a word: a broker that hangs."""

    def __init__(self) -> None:
        self._socket = socket.create_server(("127.0.0.1", 0))
        self.port = self._socket.getsockname()[1]
        self.accepted: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self._socket.accept()
            except OSError:
                return
            self.accepted.append(connection)

    def close(self) -> None:
        self._socket.close()
        for connection in self.accepted:
            connection.close()


@pytest.fixture
def silent_broker() -> Iterator[SilentBroker]:
    broker = SilentBroker()
    yield broker
    broker.close()


def test_a_broker_that_is_down_is_named_but_not_explained_to_anonymous_callers(
    tmp_path: Path,
) -> None:
    url_with_password = f"amqp://ops:hunter2-secret@127.0.0.1:{free_port()}/%2F"
    with server(tmp_path, free_port(), wait_for="/health", RABBITMQ_URL=url_with_password) as url:
        anonymous = httpx.get(f"{url}/ready")
        assert anonymous.status_code == 503
        assert anonymous.json() == {
            "status": "unavailable",
            "checks": {"index": "ok", "broker": "unavailable"},
            "writes": "accepted",  # the embedded index never pauses them
        }
        operator = httpx.get(f"{url}/ready", headers=KEY).json()["checks"]
        assert operator["index"] == "ok"
        assert operator["broker"].startswith("unavailable: ")
        assert len(operator["broker"]) > len("unavailable: ")
        assert "hunter2-secret" not in operator["broker"]
        wrong_key = httpx.get(f"{url}/ready", headers={"X-API-Key": "nope"}).json()
        assert wrong_key == anonymous.json()


def test_readiness_answers_at_once_from_its_cache_while_the_broker_hangs(
    tmp_path: Path, silent_broker: SilentBroker
) -> None:
    broker_url = f"amqp://guest:guest@127.0.0.1:{silent_broker.port}/%2F"
    with server(tmp_path, free_port(), wait_for="/health", RABBITMQ_URL=broker_url) as url:
        first = httpx.get(f"{url}/ready", timeout=5)  # waits a second for a first check
        assert first.status_code == 503
        for _ in range(30):
            started = time.monotonic()
            ready = httpx.get(f"{url}/ready", timeout=5)
            assert time.monotonic() - started < 0.5
            assert ready.status_code == 503
        # One check at a time in the background, not a connection per call.
        assert 1 <= len(silent_broker.accepted) <= 2
