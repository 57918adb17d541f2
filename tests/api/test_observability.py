"""Request logs, request ids and `/metrics`, through the app."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import structlog
from prometheus_client.parser import text_string_to_metric_families
from starlette.testclient import TestClient

from api.observability import ACCESS_LOGGER
from app import build_injector, create_app
from tests.conftest import AUTH, make_settings
from tests.factories import recommendation_input
from tests.logcapture import CapturedLogs

pytestmark = pytest.mark.unit


@pytest.fixture
def json_client(tmp_path: Path) -> Iterator[TestClient]:
    settings = make_settings(tmp_path, log_json=True)
    with TestClient(create_app(build_injector(settings))) as test_client:
        yield test_client


def metric(client: TestClient, name: str, **labels: str) -> float:
    """One sample of `GET /metrics`, 0 when it has not been seen yet."""
    response = client.get("/metrics")
    assert response.status_code == 200
    for family in text_string_to_metric_families(response.text):
        for sample in family.samples:
            if sample.name == name and labels.items() <= sample.labels.items():
                return sample.value
    return 0.0


def test_each_request_is_logged_once_with_its_route_template(json_client: TestClient) -> None:
    logs = CapturedLogs()
    created = json_client.post("/recommendations", json=recommendation_input(), headers=AUTH)
    json_client.get(f"/recommendations/{created.json()['id']}")
    json_client.get("/recommendations/no-such-id")
    json_client.get("/no/such/path")
    access = logs.records("recindex.access")
    assert [(r["method"], r["route"], r["status"]) for r in access] == [
        ("POST", "/recommendations", 201),
        ("GET", "/recommendations/{id}", 200),
        ("GET", "/recommendations/{id}", 404),
        ("GET", "unmatched", 404),
    ]
    for record in access:
        assert record["event"] == "request"
        assert record["level"] == "info"
        assert isinstance(record["duration_ms"], float) and record["duration_ms"] >= 0
        assert len(record["request_id"]) == 32
        assert record["timestamp"].endswith("Z")
    assert created.headers["x-request-id"] == access[0]["request_id"]


def test_a_sane_incoming_request_id_is_kept_and_echoed(json_client: TestClient) -> None:
    logs = CapturedLogs()
    response = json_client.get("/health", headers={"X-Request-ID": "trace-0af7651916cd43dd"})
    assert response.headers["x-request-id"] == "trace-0af7651916cd43dd"
    assert logs.records("recindex.access")[0]["request_id"] == "trace-0af7651916cd43dd"


@pytest.mark.parametrize("offered", ["a b", "x" * 200, "id\nforged log line", ""])
def test_other_request_ids_are_replaced(json_client: TestClient, offered: str) -> None:
    response = json_client.get("/health", headers={"X-Request-ID": offered})
    assert response.headers["x-request-id"] != offered
    assert len(response.headers["x-request-id"]) == 32


def test_a_413_is_logged_and_counted_too(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, log_json=True, max_body_bytes=100)
    with TestClient(create_app(build_injector(settings))) as client:
        logs = CapturedLogs()
        body = recommendation_input(description="x" * 500)
        assert client.post("/recommendations", json=body, headers=AUTH).status_code == 413
    (record,) = logs.records("recindex.access")
    assert (record["method"], record["status"]) == ("POST", 413)


def test_metrics_is_prometheus_text(client: TestClient) -> None:
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/plain; version=0.0.4; charset=utf-8"
    names = {family.name for family in text_string_to_metric_families(response.text)}
    assert {"recindex_http_requests", "recindex_http_request_seconds"} <= names
    assert {"recindex_index_seconds", "recindex_lookups", "recindex_messages"} <= names


def test_request_and_index_metrics_move_after_a_post(client: TestClient) -> None:
    labels = {"method": "POST", "route": "/recommendations", "status": "201"}
    requests = metric(client, "recindex_http_requests_total", **labels)
    latency = metric(client, "recindex_http_request_seconds_count", **labels)
    creates = metric(client, "recindex_index_seconds_count", operation="create")
    assert client.post("/recommendations", json=recommendation_input(), headers=AUTH).status_code
    assert metric(client, "recindex_http_requests_total", **labels) == requests + 1
    assert metric(client, "recindex_http_request_seconds_count", **labels) == latency + 1
    assert metric(client, "recindex_index_seconds_count", operation="create") == creates + 1
    missing = {"method": "GET", "route": "/recommendations/{id}", "status": "404"}
    before = metric(client, "recindex_http_requests_total", **missing)
    client.get("/recommendations/whatever")
    assert metric(client, "recindex_http_requests_total", **missing) == before + 1


def total(client: TestClient, name: str) -> float:
    """The sum of every sample of `name` in `GET /metrics`."""
    text = client.get("/metrics").text
    return sum(
        sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
        if sample.name == name
    )


def test_lookup_metrics_move_after_a_post(client: TestClient) -> None:
    lookups = total(client, "recindex_lookups_total")
    timed = total(client, "recindex_lookup_seconds_count")
    cache = total(client, "recindex_lookup_cache_total")
    created = client.post("/recommendations", json=recommendation_input(), headers=AUTH).json()
    deadline = time.monotonic() + 20
    # Providers point at closed ports (tests/conftest.py): the lookup ends in errors and skips.
    while client.get(f"/recommendations/{created['id']}").json()["links_status"] == "pending":
        assert time.monotonic() < deadline, "the lookup did not finish"
        time.sleep(0.05)
    assert total(client, "recindex_lookups_total") > lookups
    assert total(client, "recindex_lookup_seconds_count") > timed
    assert total(client, "recindex_lookup_cache_total") > cache
    text = client.get("/metrics").text
    assert 'recindex_lookups_total{outcome="skipped",provider="spotify"}' in text
    assert "_created" not in text


def test_every_line_logged_while_serving_carries_the_request_id(json_client: TestClient) -> None:
    logs = CapturedLogs()
    response = json_client.get("/recommendations", params={"limit": "0"})
    assert response.status_code == 400
    request_id = response.headers["x-request-id"]
    # Connexion's warning about the bad request (a `logging` record) and our access line;
    # the test client's own line (httpx) is not the server's.
    serving = {"connexion.middleware.exceptions", ACCESS_LOGGER}
    lines = [line for line in logs.records() if line["logger"] in serving]
    assert {line["logger"] for line in lines} == serving
    assert all(line["request_id"] == request_id for line in lines)
    after = CapturedLogs()
    structlog.get_logger().info("between requests")
    assert "request_id" not in after.records()[0]
