"""The community hears back through RabbitMQ: the seed's JSON as a crawler message, its
links delivered from the webhook queue (with its delay queues) to a receiver that is down
for its first attempts, and the same event on the exchange (issue 19)."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pika
import pytest

from services.queue.topology import Topology
from services.settings import Settings
from services.webhooks.events import LINKED
from standins.server import Reply
from standins.webhooks import SECRET, WebhookReceiver
from tests.conftest import make_settings
from tests.links.conftest import Music
from tests.links.conftest import music_standins as music_standins
from tests.queue.conftest import BROKER_URL, FAST, QUICK_PROVIDERS, Broker, RunningWorker

pytestmark = [pytest.mark.broker, pytest.mark.integration]

SEED: dict[str, Any] = {
    "title": "Breaking - Phobia",
    "user": "username",
    "description": "...",
    "img": "https://community.example/img/1.jpg",
    "created_at": "2024-02-12T12:00:00Z",
    "updated_at": "2024-02-12T12:00:00Z",
    "reclink": "https://community.example/posts/1",
    "recommendation_id": "1234",
}
WEBHOOK_DELAYS = (0.2, 0.4)


def eventually(check: Callable[[], Any], timeout: float = 20.0) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result or time.monotonic() > deadline:
            return result
        time.sleep(0.05)


@pytest.fixture
def topology() -> Topology:
    return Topology(
        exchange=f"test-{uuid.uuid4().hex[:10]}",
        retry_delays=FAST["message_retry_delays"],  # type: ignore[arg-type]
        max_attempts=FAST["message_max_attempts"],  # type: ignore[arg-type]
        webhook_retry_delays=WEBHOOK_DELAYS,
    )


@pytest.fixture
def receiver() -> Iterator[WebhookReceiver]:
    built = WebhookReceiver()
    with built.standin.running():
        yield built


@pytest.fixture
def queue_settings(
    tmp_path: Path, topology: Topology, music_standins: Music, receiver: WebhookReceiver
) -> Settings:
    music_standins.catalog.add("album", "Phobia", "Breaking", year=2001, upc="0000000000017")
    return make_settings(
        tmp_path,
        **{**music_standins.settings, **QUICK_PROVIDERS, "lookup_timeout_seconds": 3.0},
        **FAST,
        rabbitmq_url=BROKER_URL,
        rabbitmq_exchange=topology.exchange,
        worker_prefetch=8,
        worker_threads=4,
        webhook_url=receiver.url + "/recommendations/{external_id}/links",
        webhook_method="PUT",
        webhook_secret=SECRET,
        webhook_retry_delays=WEBHOOK_DELAYS,
        webhook_timeout_seconds=2.0,
    )


@pytest.fixture
def subscriber(broker: Broker) -> Iterator[str]:
    """A queue of a subscriber that prefers the broker: bound to `recommendation.linked`."""
    name = f"{broker.topology.exchange}.subscriber"
    broker.channel.queue_declare(name)
    broker.channel.queue_bind(name, broker.topology.exchange, routing_key=LINKED)
    yield name
    connection = pika.BlockingConnection(pika.URLParameters(BROKER_URL))
    connection.channel().queue_delete(name)
    connection.close()


def test_the_seeds_json_through_the_broker_reaches_a_receiver_down_at_first(
    broker: Broker,
    start_worker: Callable[..., RunningWorker],
    receiver: WebhookReceiver,
    subscriber: str,
) -> None:
    receiver.standin.fail_next(Reply(status=503), Reply(drop=True), Reply(status=500))
    start_worker()
    correlation = broker.publish(SEED)
    [reply] = broker.replies(1)
    assert reply["correlation_id"] == correlation
    answer = json.loads(reply["body"])
    assert answer["status"] == 201, answer
    assert eventually(lambda: receiver.accepted), "nothing delivered"
    time.sleep(1.0)  # a second delivery would come within the back-off
    attempts = receiver.received()
    assert len(attempts) == 4
    assert len({attempt.delivery for attempt in attempts}) == 1
    assert all(attempt.signature_ok for attempt in attempts)
    [taken] = receiver.accepted
    assert (taken.method, taken.path) == ("PUT", "/recommendations/1234/links")
    document = taken.body["recommendation"]
    assert document["id"] == answer["id"] and document["external_id"] == "1234"
    assert document["kind"] == "album" and document["links"]["deezer"]["status"] == "found"
    # Subscribers of the broker got the same event, byte for byte.
    [event] = broker._drain(subscriber, 1, timeout=5)
    assert event["message_id"] == taken.delivery
    assert json.loads(event["body"]) == taken.body


def test_deliveries_waiting_in_the_delay_queues_outlive_the_worker(
    broker: Broker, start_worker: Callable[..., RunningWorker], receiver: WebhookReceiver
) -> None:
    receiver.standin.fail_all(Reply(status=503))
    first = start_worker()
    broker.publish(SEED)
    assert eventually(lambda: len(receiver.received()) >= 2)
    first.stop()
    receiver.standin.fail_all(None)
    start_worker()
    assert eventually(lambda: receiver.accepted), "nothing delivered after the restart"
    assert len({attempt.delivery for attempt in receiver.received()}) == 1


def test_a_client_error_is_dead_lettered_with_its_reason(
    broker: Broker, start_worker: Callable[..., RunningWorker], receiver: WebhookReceiver
) -> None:
    receiver.status = 410
    start_worker()
    broker.publish(SEED)
    [dead] = broker.dead(1)
    assert "not retried: answered 410" in dead["headers"]["x-recindex-reason"]
    assert dead["headers"]["x-recindex-routing-key"] == "recommendation.webhook"
    assert len(receiver.received()) == 1


def test_a_forged_message_on_the_webhook_queue_is_dead_lettered_unsent(
    broker: Broker, start_worker: Callable[..., RunningWorker], receiver: WebhookReceiver
) -> None:
    start_worker()
    forged = {
        "receiver": "http://127.0.0.1:9/elsewhere",
        "delivery": "d",
        "id": "x",
        "external_id": None,
        "body": "{}",
        "queued_at": time.time(),
    }
    broker.publish(forged, routing_key="recommendation.webhook")
    [dead] = broker.dead(1)
    assert "no longer in WEBHOOK_URL" in dead["headers"]["x-recindex-reason"]
    assert receiver.received() == []
