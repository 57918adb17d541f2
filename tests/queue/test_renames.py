"""A crawler item whose title a person renamed: its old title is free for the next item,
through RabbitMQ, on both indexes."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from services.queue.topology import Topology
from services.recommendations import RecommendationService
from services.settings import Settings
from tests.conftest import drop_elasticsearch, elasticsearch_settings
from tests.queue.conftest import BROKER_URL, FAST, QUICK_PROVIDERS, Broker, RunningWorker, item
from tests.queue.test_worker import documents

pytestmark = [pytest.mark.broker, pytest.mark.integration]


@pytest.fixture(params=["embedded", pytest.param("elasticsearch", marks=pytest.mark.elasticsearch)])
def queue_settings(request: pytest.FixtureRequest, tmp_path: Path, topology: Topology) -> Any:
    queue = {
        "rabbitmq_url": BROKER_URL,
        "rabbitmq_exchange": topology.exchange,
        "worker_prefetch": 8,
        "worker_threads": 4,
        **FAST,
        **QUICK_PROVIDERS,
    }
    if request.param == "embedded":
        from tests.conftest import make_settings

        yield make_settings(tmp_path, **queue)
        return
    settings = elasticsearch_settings(
        tmp_path, request.getfixturevalue("elasticsearch_url"), **queue
    )
    yield settings
    drop_elasticsearch(settings)


def answer(broker: Broker, body: dict[str, Any], message_id: str) -> dict[str, Any]:
    broker.publish(body, message_id=message_id)
    [reply] = broker.replies(1)
    return dict(json.loads(reply["body"]))


def test_an_item_whose_title_was_renamed_frees_it_for_the_next_item(
    broker: Broker, start_worker: Callable[..., RunningWorker], queue_settings: Settings
) -> None:
    worker = start_worker()
    body = item(1)
    first = answer(broker, body, "m1")
    assert first["status"] == 201
    service = worker.injector.get(RecommendationService)
    service.update(first["id"], {"title": "Band 1 - Another Album"})
    # Was a 409 naming the renamed one, and the message acknowledged: the item vanished.
    second = answer(broker, body, "m2")
    assert second["status"] == 201 and second["id"] != first["id"]
    # A message delivered again is the item it stored, renamed or not: 201, nothing new.
    assert answer(broker, body, "m1") == {**first, "status": 201}
    assert answer(broker, body, "m2")["id"] == second["id"]
    third = answer(broker, body, "m3")
    assert (third["status"], third["id"]) == (409, second["id"])
    titles = sorted(document["title"] for document in documents(queue_settings))
    assert titles == ["Band 1 - Album 1", "Band 1 - Another Album"]
