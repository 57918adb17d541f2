"""With RABBITMQ_URL, the HTTP API's lookups go through the broker and /ready checks it."""

from __future__ import annotations

import json

import pytest
from starlette.testclient import TestClient

from app import build_injector, create_app
from services.settings import Settings
from tests.conftest import AUTH
from tests.queue.conftest import Broker

pytestmark = [pytest.mark.broker, pytest.mark.integration]


def test_a_posted_recommendation_queues_its_lookup(
    broker: Broker, queue_settings: Settings
) -> None:
    with TestClient(create_app(build_injector(queue_settings))) as client:
        created = client.post(
            "/recommendations",
            json={"title": "Breaking Benjamin - Phobia", "user": "ana", "kind": "album"},
            headers=AUTH,
        )
        assert created.status_code == 201
        ready = client.get("/ready")
        assert ready.status_code == 200
        assert ready.json()["checks"]["broker"] == "ok"
    [lookup] = broker._drain(broker.topology.lookup_queue, 1, timeout=5)
    assert json.loads(lookup["body"]) == {"id": created.json()["id"]}


def test_ready_reports_the_broker_apart(queue_settings: Settings) -> None:
    closed = queue_settings.model_copy(update={"rabbitmq_url": "amqp://guest:guest@127.0.0.1:9/"})
    with TestClient(create_app(build_injector(closed))) as client:
        ready = client.get("/ready")
    assert ready.status_code == 503
    assert ready.json()["checks"]["index"] == "ok"
    assert ready.json()["checks"]["broker"].startswith("unavailable")
