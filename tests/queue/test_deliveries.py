"""The retry and dead-letter policy of a work queue, without a broker: headers are input,
the attempts rule, and copies that can always be published."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest
from pika.spec import BasicProperties

from services.queue.deliveries import CARRIED_HEADER_BYTES, DeliveryPolicy, Publish
from services.queue.handler import Message, Outcome
from services.queue.retries import RetryPolicy
from services.queue.topology import ATTEMPTS, DISCOVERED, REASON, ROUTING_KEY

pytestmark = pytest.mark.unit

RETRIES = RetryPolicy(delays=(0.2, 0.4), max_attempts=3)
ITEM = json.dumps({"title": "Band - Album", "user": "crawler", "kind": "album"}).encode()


def policy(outcome: Outcome) -> DeliveryPolicy:
    return DeliveryPolicy(lambda _: outcome, "work", DISCOVERED, RETRIES, "work.dlx")


def transient(message: Message) -> Outcome:
    return Outcome.retry("index down", then=lambda why: Outcome.dead(why, {"status": 503}))


def delivered(headers: dict[Any, Any] | None, **properties: Any) -> BasicProperties:
    return BasicProperties(headers=headers, reply_to="replies", correlation_id="c1", **properties)


def assert_publishable(publishes: list[Publish]) -> None:
    """What the broker must take: names within a short string, headers pika can write."""
    for publish in publishes:
        assert len(publish.routing_key.encode()) <= 255
        publish.properties.encode()


@pytest.mark.parametrize(
    "value",
    [-6, -1, -(2**63), 1.5, True, "3", b"\xff\xfe", [1], {"n": 1}, Decimal("2.5"),
     datetime(2020, 1, 1, tzinfo=UTC)],
)  # fmt: skip
def test_an_attempts_header_the_worker_never_writes_dead_letters_the_message_at_once(
    value: Any,
) -> None:
    handled: list[Message] = []
    stored = DeliveryPolicy(
        lambda message: handled.append(message) or Outcome("ack", "stored"),  # type: ignore[func-returns-value]
        "work",
        DISCOVERED,
        RETRIES,
        "work.dlx",
    )
    delivery = stored.receive(delivered({ATTEMPTS: value}), ITEM)
    outcome = stored.outcome(delivery)
    assert handled == []
    assert outcome.action == "dead"
    assert ATTEMPTS in (outcome.reason or "")
    assert outcome.reply is not None and outcome.reply["status"] == 400
    [reply, dead] = stored.publishes(delivery, outcome)
    assert (dead.exchange, dead.routing_key, dead.body) == ("work.dlx", DISCOVERED, ITEM)
    assert dead.properties.headers is not None
    assert dead.properties.headers[ATTEMPTS] == 0
    assert ATTEMPTS in dead.properties.headers[REASON]
    assert json.loads(reply.body)["status"] == 400
    assert_publishable([reply, dead])


@pytest.mark.parametrize("attempts", [0, 1, 2, 3, 8, 2**62, 10**300])
def test_any_count_of_attempts_retries_or_gives_up_with_publishable_copies(
    attempts: int,
) -> None:
    failing = DeliveryPolicy(transient, "work", DISCOVERED, RETRIES, "work.dlx")
    delivery = failing.receive(delivered({ATTEMPTS: attempts}), ITEM)
    outcome = failing.outcome(delivery)
    publishes = failing.publishes(delivery, outcome)
    assert_publishable(publishes)
    if attempts < 2:
        [retry] = publishes  # a retry answers nobody yet
        assert retry.routing_key == RETRIES.delay_queue("work", attempts + 1)
        assert retry.properties.headers is not None
        assert retry.properties.headers[ATTEMPTS] == attempts + 1
    else:  # the third try was the last
        assert outcome.reason == f"gave up after {min(attempts, 3) + 1} attempts: index down"
        assert [publish.routing_key for publish in publishes] == ["replies", DISCOVERED]


def test_the_delay_of_any_attempt_is_one_of_the_delays() -> None:
    for attempt in range(-10, 20):
        assert RETRIES.delay_ms(attempt) in (200, 400)
    assert RETRIES.delay_queues("work") == [("work.retry.200ms", 200), ("work.retry.400ms", 400)]


@pytest.mark.parametrize("routing_key", ["r" * 300, b"\xff\xfe", 5, "recommendation.lookup"])
def test_a_message_is_of_its_queue_s_kind_whatever_its_routing_key_header_says(
    routing_key: Any,
) -> None:
    seen: list[Message] = []
    dead = DeliveryPolicy(
        lambda message: seen.append(message) or Outcome.invalid("no"),  # type: ignore[func-returns-value]
        "work",
        DISCOVERED,
        RETRIES,
        "work.dlx",
    )
    delivery = dead.receive(delivered({ROUTING_KEY: routing_key}), ITEM)
    publishes = dead.publishes(delivery, dead.outcome(delivery))
    assert [message.routing_key for message in seen] == [DISCOVERED]
    assert publishes[-1].routing_key == DISCOVERED
    assert publishes[-1].properties.headers is not None
    assert publishes[-1].properties.headers[ROUTING_KEY] == DISCOVERED
    assert_publishable(publishes)


def nested(depth: int) -> dict[str, Any]:
    table: dict[str, Any] = {}
    for _ in range(depth):
        table = {"a": table}
    return table


def test_other_headers_ride_along_on_copies_when_they_can() -> None:
    failing = DeliveryPolicy(transient, "work", DISCOVERED, RETRIES, "work.dlx")
    headers = {"x-crawler": "forum", b"\xff\xfe": 1, "deep": nested(32), REASON: "x" * 50_000}
    delivery = failing.receive(delivered(headers), ITEM)
    [retry] = failing.publishes(delivery, failing.outcome(delivery))
    assert retry.properties.headers is not None
    assert retry.properties.headers["x-crawler"] == "forum"
    assert retry.properties.headers[b"\xff\xfe"] == 1
    assert retry.properties.headers[REASON] == "index down"  # ours: written anew
    assert_publishable([retry])


@pytest.mark.parametrize(
    ("headers", "reason"),
    [
        ({"big": "x" * CARRIED_HEADER_BYTES}, "headers take"),
        ({"huge": 10**30}, "headers cannot be copied"),  # pika reads a double 1e30 so
    ],
)
def test_headers_that_cannot_ride_along_dead_letter_the_message_with_the_reason(
    headers: dict[str, Any], reason: str
) -> None:
    stored = policy(Outcome("ack", "stored"))
    delivery = stored.receive(delivered(headers), ITEM)
    outcome = stored.outcome(delivery)
    assert outcome.action == "dead"
    assert reason in (outcome.reason or "")
    publishes = stored.publishes(delivery, outcome)
    assert publishes[-1].properties.headers is not None
    assert set(publishes[-1].properties.headers) == {ATTEMPTS, REASON, ROUTING_KEY}
    assert_publishable(publishes)


def test_a_message_id_that_is_not_text_is_refused() -> None:
    stored = policy(Outcome("ack", "stored"))
    delivery = stored.receive(delivered(None, message_id=b"\xff"), ITEM)
    assert stored.outcome(delivery).reason == "refused: message_id is not UTF-8 text"
