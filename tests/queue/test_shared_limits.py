"""The API server and the crawler worker, two processes on one host, spend one set of limits."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from services.settings import Settings
from tests.integration.test_serve import server
from tests.integration.test_shared_limits import KEY, Limited, limited_standins, lookups
from tests.queue.conftest import BROKER_URL, Broker
from tests.queue.test_worker_process import start_process
from tools.ports import free_port

pytestmark = [pytest.mark.broker, pytest.mark.integration]


@pytest.fixture
def limited() -> Iterator[Limited]:
    with limited_standins() as standins:
        yield standins


def test_the_worker_and_the_server_spend_one_deezer_limit_and_one_youtube_budget(
    tmp_path: Path,
    broker: Broker,
    queue_settings: Settings,
    limited: Limited,
) -> None:
    env = limited.settings
    worker = start_process(queue_settings, broker, **env)
    settings = {"RABBITMQ_URL": BROKER_URL, "RABBITMQ_EXCHANGE": broker.topology.exchange}
    try:
        with server(queue_settings.data_dir, free_port(), **settings, **env) as url:
            ids = []
            for number in range(4):  # looked up by the worker
                body = {
                    "title": f"Breaking Benjamin - Song {number}",
                    "user": "ana",
                    "kind": "track",
                }
                created = httpx.post(f"{url}/recommendations", json=body, headers=KEY)
                assert created.status_code == 201, created.text
                ids.append(created.json()["id"])
            lookups([url], 4, kind="track")  # looked up by the server
            deadline = time.monotonic() + 30
            while any(
                httpx.get(f"{url}/recommendations/{i}").json()["links_status"] == "pending"
                for i in ids
            ):
                assert time.monotonic() < deadline, "the worker did not look them up"
                time.sleep(0.1)
    finally:
        worker.terminate()
        worker.wait(20)
    assert 0 < len(limited.deezer.requests) <= 4  # alone, each process could have sent 4
    assert limited.youtube.searches() == 3
