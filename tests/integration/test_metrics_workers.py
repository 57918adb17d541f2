"""`/metrics` of the real server with two worker processes: every scrape sums both."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from tests.factories import recommendation_input
from tests.integration.test_serve import server
from tools.ports import free_port

pytestmark = pytest.mark.integration


def created_count(url: str) -> float:
    text = httpx.get(f"{url}/metrics").text
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == "recindex_http_requests_total" and sample.labels == {
                "method": "POST",
                "route": "/recommendations",
                "status": "201",
            }:
                return sample.value
    return 0.0


def test_each_scrape_counts_the_requests_of_every_worker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WEB_CONCURRENCY", "2")
    monkeypatch.delenv("PROMETHEUS_MULTIPROC_DIR", raising=False)
    with server(tmp_path, free_port()) as url:
        for _ in range(8):
            # A new connection each time, so both workers take some.
            response = httpx.post(
                f"{url}/recommendations", json=recommendation_input(), headers={"X-API-Key": "k1"}
            )
            assert response.status_code == 201
        assert [created_count(url) for _ in range(6)] == [8.0] * 6
