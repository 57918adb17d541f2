"""The worker process serves its own `/metrics` on METRICS_PORT: messages and lookups."""

from __future__ import annotations

import time

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from services.settings import Settings
from tests.queue.conftest import Broker, item
from tests.queue.test_worker_process import start_process
from tools.ports import free_port

pytestmark = [pytest.mark.broker, pytest.mark.integration]


def totals(url: str) -> dict[str, float]:
    """Each sample name's sum over its labels, and `messages:<outcome>` per outcome."""
    sums: dict[str, float] = {}
    for family in text_string_to_metric_families(httpx.get(url, timeout=2).text):
        for sample in family.samples:
            sums[sample.name] = sums.get(sample.name, 0.0) + sample.value
            if sample.name == "recindex_messages_total":
                key = f"messages:{sample.labels['outcome']}"
                sums[key] = sums.get(key, 0.0) + sample.value
    return sums


def test_the_worker_counts_messages_and_lookups(broker: Broker, queue_settings: Settings) -> None:
    port = free_port()
    process = start_process(queue_settings, broker, METRICS_PORT=str(port))
    url = f"http://127.0.0.1:{port}/metrics"
    try:
        for number in range(3):
            broker.publish(item(number))
        broker.publish({"title": "invalid", "kind": "nonsense", "user": "x"})
        deadline = time.monotonic() + 30
        seen: dict[str, float] = {}
        while time.monotonic() < deadline:
            seen = totals(url)
            if seen.get("recindex_lookups_total", 0) >= 3 and seen.get("messages:dead_lettered"):
                break
            time.sleep(0.2)
        assert seen.get("messages:consumed", 0) >= 4, seen
        assert seen.get("recindex_lookups_total", 0) >= 3, seen
        assert seen.get("recindex_index_seconds_count", 0) >= 3, seen
        assert seen.get("messages:dead_lettered", 0) >= 1, seen
    finally:
        process.terminate()
        process.wait(timeout=20)
