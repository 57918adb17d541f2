"""Beyond one machine: a three-node Elasticsearch cluster (one replica) loses the node
that holds the recommendations' primary shard while the worker writes. Every item the
worker acknowledged is still there, none twice, and the API keeps answering.

`make test-cluster` runs this alone; `make test` (and so CI) runs it with the rest.
"""

from __future__ import annotations

import json
import time
import urllib.request
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from app import build_injector, create_app
from services.queue.topology import Topology
from services.settings import Settings
from tests.conftest import drop_elasticsearch, make_settings
from tests.queue.conftest import BROKER_URL, QUICK_PROVIDERS, Broker, item
from tests.queue.test_worker import documents
from tests.queue.test_worker_process import final_statuses, start_process
from tools.es_node import Cluster, Node

pytestmark = [pytest.mark.broker, pytest.mark.integration, pytest.mark.cluster]

ITEMS = 300
ALIAS = "cluster"


@pytest.fixture
def topology() -> Topology:
    """Retries that outlast a fail-over (a replica promoted within seconds)."""
    return Topology(
        exchange=f"test-{uuid.uuid4().hex[:10]}",
        retry_delays=(0.5, 1.0, 2.0, 4.0),
        max_attempts=20,
    )


@pytest.fixture
def cluster_settings(tmp_path: Path, topology: Topology, cluster: Cluster) -> Iterator[Settings]:
    settings = make_settings(
        tmp_path,
        rabbitmq_url=BROKER_URL,
        rabbitmq_exchange=topology.exchange,
        message_retry_delays=topology.retry_delays,
        message_max_attempts=topology.max_attempts,
        worker_prefetch=16,
        worker_threads=8,
        # Every node's URL: the client turns to another when one does not answer.
        elasticsearch_url=",".join(cluster.urls),
        elasticsearch_index=ALIAS,
        **QUICK_PROVIDERS,
    )
    yield settings
    drop_elasticsearch(settings)  # the cluster serves the next drill


def primary_holder(cluster: Cluster) -> Node:
    """The node that holds the recommendations index's primary shard, once its replica
    is in place too (on a busy machine that takes a moment after the index is made)."""
    health = f"{cluster.urls[0]}/_cluster/health/{ALIAS}?wait_for_status=green&timeout=60s"
    with urllib.request.urlopen(health, timeout=70) as answer:
        assert json.loads(answer.read())["status"] == "green"
    url = f"{cluster.urls[0]}/_cat/shards/{ALIAS}?format=json&h=prirep,node,state"
    with urllib.request.urlopen(url, timeout=10) as answer:
        shards = json.loads(answer.read())
    (holder,) = [s["node"] for s in shards if s["prirep"] == "p" and s["state"] == "STARTED"]
    assert len([s for s in shards if s["state"] == "STARTED"]) == 2, "one replica"
    return next(node for node in cluster.nodes if node.name == holder)


@pytest.mark.timeout(600)  # with the cluster's start, or a node's restart after a drill
def test_a_node_killed_while_the_worker_writes_loses_no_acknowledged_item(
    broker: Broker, cluster: Cluster, cluster_settings: Settings
) -> None:
    worker = start_process(cluster_settings, broker)
    replies: list[dict[str, Any]] = []
    answers: list[int] = []
    try:
        with TestClient(create_app(build_injector(cluster_settings))) as api:
            for number in range(ITEMS // 3):
                broker.publish(item(number))
            replies += broker.replies(ITEMS // 6, timeout=60)
            victim = primary_holder(cluster)
            victim.kill()  # what a crash does: no goodbye to the cluster
            for number in range(ITEMS // 3, ITEMS):
                broker.publish(item(number))
                if number % 20 == 0:  # the API keeps answering meanwhile
                    answers.append(api.get("/recommendations", params={"q": "band"}).status_code)
            deadline = time.monotonic() + 120
            while len(final_statuses(replies)) < ITEMS and time.monotonic() < deadline:
                replies += broker.replies(1, timeout=0.5)
            answers.append(api.get("/recommendations", params={"limit": 1}).status_code)
            answers.append(api.get("/ready").status_code)
    finally:
        worker.terminate()
        assert worker.wait(30) == 0

    statuses = final_statuses(replies)
    assert len(statuses) == ITEMS, "every message answered"
    assert all(answer == {201} for answer in statuses.values()), statuses
    acknowledged = {json.loads(reply["body"])["id"] for reply in replies}
    stored = documents(cluster_settings)
    assert {doc["id"] for doc in stored} == acknowledged
    assert Counter(doc["title"] for doc in stored) == Counter(
        item(number)["title"] for number in range(ITEMS)
    )
    assert set(answers) == {200}, answers
    assert broker.dead(1, timeout=0.5) == []
