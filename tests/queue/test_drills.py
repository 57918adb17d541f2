"""Fault drills of issue 7: the index unavailable for 30 s, providers that hang, answer
garbage or 500. Each asserts nothing lost and nothing doubled.

Both run against the real RabbitMQ (a unique topology per test) with the music
providers pointed at their stand-ins, so that every lookup has an answer to find.
"""

from __future__ import annotations

import json
import re
import sqlite3
import time
import urllib.request
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from app import build_injector, create_app
from services.providers import module as providers_module
from services.providers.guard import Guard
from services.queue.topology import Topology
from services.settings import Settings
from standins.server import Reply
from tests.conftest import AUTH, make_settings
from tests.links.conftest import Music, music_standins  # noqa: F401 - a fixture
from tests.queue.conftest import BROKER_URL, Broker, RunningWorker, item
from tests.queue.test_worker import documents
from tests.queue.test_worker_process import final_statuses, start_process
from tools.es_node import Node, running_node
from tools.ports import free_port

pytestmark = [pytest.mark.broker, pytest.mark.integration]

OUTAGE_SECONDS = 30.0  # issue 7's figure
LOOKUP_TIMEOUT = 1.0


@pytest.fixture
def topology() -> Topology:
    """Retries that outlast a 30 s outage and a restart: attempts fail at once on a
    stopped node (after SQLite's 5 s busy timeout on a locked one), so at most 13 of one
    message's 20 fall inside 45 s: it is never dead-lettered."""
    return Topology(
        exchange=f"test-{uuid.uuid4().hex[:10]}",
        retry_delays=(0.5, 1.0, 2.0, 4.0),
        max_attempts=20,
    )


@pytest.fixture
def queue_settings(tmp_path: Path, topology: Topology, music_standins: Music) -> Settings:  # noqa: F811
    """The worker's settings with the music providers at their stand-ins, failing fast."""
    return make_settings(
        tmp_path,
        rabbitmq_url=BROKER_URL,
        rabbitmq_exchange=topology.exchange,
        worker_prefetch=8,
        worker_threads=4,
        message_retry_delays=topology.retry_delays,
        message_max_attempts=topology.max_attempts,
        **{
            **music_standins.settings,
            "max_retry_after_seconds": 0.3,
            "lookup_timeout_seconds": LOOKUP_TIMEOUT,
        },
    )


def catalogued(music: Music, count: int) -> list[dict[str, Any]]:
    """`count` crawler items, each an album the stand-ins know (so links can be found)."""
    for number in range(count):
        music.catalog.add(
            "album", f"Album {number}", f"Band {number}", upc=f"{700000000000 + number}"
        )
    return [item(number) for number in range(count)]


def wait_for(check: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.1)


def looked_up(settings: Settings) -> list[dict[str, Any]]:
    return [doc for doc in documents(settings) if doc.get("links_status") != "pending"]


# -- 1. the index unavailable for 30 s while messages flow ----------------------------


@contextmanager
def index_locked(path: Path) -> Iterator[sqlite3.Connection]:
    """Another process-like writer holds the embedded index's write lock: every write of
    the worker waits SQLite's busy timeout, then fails as `IndexUnavailable`."""
    connection = sqlite3.connect(path, timeout=30, isolation_level=None)
    try:
        connection.execute("BEGIN EXCLUSIVE")
        yield connection
    finally:
        connection.execute("ROLLBACK")
        connection.close()


def stored(connection: sqlite3.Connection) -> int:
    return int(connection.execute("SELECT count(*) FROM recommendations").fetchone()[0])


def provider_env(settings: Settings) -> dict[str, str]:
    """The music providers' settings for a worker subprocess (`worker_env` sets them offline)."""
    names = ["spotify_client_id", "spotify_accounts_url", "spotify_api_url", "deezer_api_url"]
    names += ["itunes_api_url", "spotify_rate_limit", "deezer_rate_limit", "itunes_rate_limit"]
    env = {name.upper(): str(getattr(settings, name)) for name in names}
    secret = settings.spotify_client_secret
    assert secret is not None
    return {**env, "SPOTIFY_CLIENT_SECRET": secret.get_secret_value()}


def scrape(port: int) -> Counter[str]:
    """The worker's `recindex_messages_total` by outcome, from its /metrics."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as answer:
        text = answer.read().decode()
    found = re.findall(r'recindex_messages_total\{outcome="(\w+)"\} ([0-9.e+]+)', text)
    return Counter({outcome: int(float(value)) for outcome, value in found})


@contextmanager
def embedded_index_locked(settings: Settings) -> Iterator[Callable[[], int]]:
    """The embedded index unavailable: its write lock held; yields a count of documents."""
    with index_locked(settings.embedded_db_path) as locked:
        yield partial(stored, locked)


@contextmanager
def node_stopped(node: Node) -> Iterator[Callable[[], int]]:
    """Elasticsearch unavailable: the node stopped, then started again on its data."""
    node.stop()
    try:
        yield lambda: 0  # nothing answers: nothing can have been written
    finally:
        node.start().wait_until_ready()


def test_index_unavailable_for_30_s_while_messages_flow_loses_and_doubles_nothing(
    broker: Broker,
    queue_settings: Settings,
    music_standins: Music,  # noqa: F811
) -> None:
    index_down_drill(broker, queue_settings, music_standins, embedded_index_locked)


# 30 s of outage, the node's restart and the backlog's drain: more than the default
# time-out on a busy machine.
@pytest.mark.timeout(300)
def test_elasticsearch_stopped_for_30_s_while_messages_flow_loses_and_doubles_nothing(
    broker: Broker,
    queue_settings: Settings,
    music_standins: Music,  # noqa: F811
    elasticsearch_url: str,  # the node's distribution is ready; this drill runs its own node
) -> None:
    with running_node(name="recindex-drill", cluster_name="recindex-drill") as node:
        settings = queue_settings.model_copy(
            update={"elasticsearch_url": node.url, "elasticsearch_index": "drill"}
        )
        index_down_drill(broker, settings, music_standins, lambda _: node_stopped(node))


def index_down_drill(
    broker: Broker,
    queue_settings: Settings,
    music_standins: Music,  # noqa: F811
    outage: Callable[[Settings], AbstractContextManager[Callable[[], int]]],
) -> None:
    """200 messages (10 duplicates, 2 invalid) through a worker process; the index is
    unavailable for 30 s while they flow. Nothing is lost or doubled."""
    total, duplicates, invalid = 200, 10, 2
    unique = catalogued(music_standins, total - duplicates - invalid)
    stream: list[bytes | dict[str, Any]] = []
    for number, body in enumerate(unique):
        stream.append(body)
        if number < duplicates:
            stream.append(body)
        if number < invalid:
            stream.append(b'{"title": "invalid", "kind": "nonsense"')
    metrics_port = free_port()
    worker = start_process(
        queue_settings, broker, METRICS_PORT=str(metrics_port), **provider_env(queue_settings)
    )
    replies: list[dict[str, Any]] = []
    try:
        head, tail = stream[:60], stream[60:]
        for body in head:
            broker.publish(body)
        wait_for(lambda: len(documents(queue_settings)) >= 20, 20, "the first items")

        with outage(queue_settings) as count_stored:
            began, stored_before = time.monotonic(), count_stored()
            before = scrape(metrics_port)
            for body in tail:  # messages keep flowing into the outage
                broker.publish(body)
            while time.monotonic() - began < OUTAGE_SECONDS:
                replies += broker.replies(1, timeout=0.2)
            during = scrape(metrics_port)
            # Nothing could be written: the outage is real.
            assert count_stored() == stored_before
        assert during["consumed"] > before["consumed"], "no message met the outage"
        assert during["retried"] > before["retried"], "the outage caused no retry"

        wait_for(
            lambda: len(looked_up(queue_settings)) == len(unique),
            90,
            "every item stored and looked up after the outage",
        )
        deadline = time.monotonic() + 30
        while len(final_statuses(replies)) < total and time.monotonic() < deadline:
            replies += broker.replies(1, timeout=0.2)
        after = scrape(metrics_port)
    finally:
        worker.terminate()
        assert worker.wait(20) == 0

    statuses = final_statuses(replies)
    assert len(statuses) == total
    assert all(len(answers) == 1 for answers in statuses.values()), statuses
    counts = Counter(next(iter(answers)) for answers in statuses.values())
    assert counts == {201: len(unique), 409: duplicates, 400: invalid}
    docs = documents(queue_settings)
    titles = Counter(doc["title"] for doc in docs)
    assert titles == Counter(body["title"] for body in unique)  # each exactly once
    assert {doc["links_status"] for doc in docs} == {"complete"}
    dead = broker.dead(invalid + 5, timeout=1)
    assert len(dead) == invalid, [message["headers"] for message in dead]
    assert after["dead_lettered"] == invalid
    assert broker.depth(broker.topology.discovered_queue) == 0
    assert broker.depth(broker.topology.lookup_queue) == 0


# -- 2. providers that hang, answer garbage or 500 for a while --------------------------


def music_links(doc: dict[str, Any]) -> dict[str, str]:
    return {
        platform: link["status"]
        for platform, link in doc["links"].items()
        if platform in ("spotify", "deezer", "apple_music")
    }


def complete(settings: Settings, ids: list[str]) -> bool:
    statuses = {doc["id"]: doc["links_status"] for doc in documents(settings)}
    return all(statuses.get(recommendation_id) == "complete" for recommendation_id in ids)


def test_providers_hanging_garbage_or_500_for_a_while_lose_and_double_nothing(
    broker: Broker,
    queue_settings: Settings,
    music_standins: Music,  # noqa: F811
    start_worker: Callable[..., RunningWorker],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The circuit breakers open during the fault; their 30 s pause is shortened so that the
    # drill lasts seconds (the breaker itself has its own tests).
    monkeypatch.setattr(providers_module, "Guard", partial(Guard, breaker_reset_seconds=1.0))
    unique = catalogued(music_standins, 25)
    music_standins.spotify.delay_seconds = LOOKUP_TIMEOUT + 1  # hangs past the timeout
    music_standins.deezer.fail_all(Reply(raw=b"<html>502 Bad Gateway</html>"))
    music_standins.itunes.fail_all(Reply({"errorMessage": "down"}, status=500))

    running = start_worker()
    with TestClient(create_app(build_injector(queue_settings))) as api:
        for body in unique[:20]:  # crawlers publish, the HTTP API takes the others
            broker.publish(body)
        broker.publish(unique[0])
        broker.publish(unique[1])
        posted = [api.post("/recommendations", json=body, headers=AUTH) for body in unique[20:]]
        assert [answer.status_code for answer in posted] == [201] * 5
        again = api.post("/recommendations", json=unique[20], headers=AUTH)
        assert again.status_code == 409
        replies = broker.replies(22, timeout=30)
        wait_for(lambda: len(looked_up(queue_settings)) == 25, 60, "every lookup during the fault")
        during = documents(queue_settings)
        assert {doc["links_status"] for doc in during} == {"partial"}
        for doc in during:
            assert music_links(doc) == dict.fromkeys(("spotify", "deezer", "apple_music"), "error")
        assert running.thread.is_alive() and not running.worker.failed

        # Recovery; a re-lookup of one lets each breaker's half-open trial call through,
        # then the rest. (The worker also asks partial lookups again by itself: whichever
        # comes first, each must end complete.)
        music_standins.spotify.delay_seconds = 0
        music_standins.deezer.fail_all(None)
        music_standins.itunes.fail_all(None)
        time.sleep(1.1)
        ids = [doc["id"] for doc in during]
        for batch in (ids[:1], ids[1:]):
            for recommendation_id in batch:
                answer = api.post(f"/recommendations/{recommendation_id}/lookup", headers=AUTH)
                assert answer.status_code == 202
            wait_for(partial(complete, queue_settings, batch), 30, "every re-lookup after recovery")

    statuses = Counter(json.loads(reply["body"])["status"] for reply in replies)
    assert statuses == {201: 20, 409: 2}
    docs = documents(queue_settings)
    assert Counter(doc["title"] for doc in docs) == Counter(body["title"] for body in unique)
    assert {doc["links_status"] for doc in docs} == {"complete"}
    for doc in docs:
        assert music_links(doc) == dict.fromkeys(("spotify", "deezer", "apple_music"), "found")
    assert running.thread.is_alive() and not running.worker.failed
    assert broker.dead(1, timeout=0.5) == []
