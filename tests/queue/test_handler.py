"""The message handler's decisions, and the attempts rule applied to them, without a broker."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from injector import InstanceProvider
from pika.spec import BasicProperties

from app import build_injector
from services.errors import IndexUnavailable, InvalidRecommendation
from services.queue.deliveries import Delivery, DeliveryPolicy
from services.queue.handler import Message, MessageHandler, Outcome
from services.queue.retries import RetryPolicy
from services.queue.topology import DISCOVERED, LOOKUP
from tests.conftest import make_settings
from tests.factories import RecordingScheduler

pytestmark = pytest.mark.unit


@pytest.fixture
def handler(tmp_path: Path) -> MessageHandler:
    from services.lookups.scheduling import LookupScheduler

    injector = build_injector(make_settings(tmp_path))
    injector.binder.bind(
        LookupScheduler,  # type: ignore[type-abstract]
        to=InstanceProvider(RecordingScheduler()),
    )
    return injector.get(MessageHandler)


class Failing:
    """A service (or lookup runner) whose every call fails with `error`."""

    def __init__(self, error: Exception) -> None:
        self.error = error

    def create(self, *_: Any, **__: Any) -> None:
        raise self.error

    def run(self, _: str) -> None:
        raise self.error


class Links:
    """A lookup runner that finds `links` for every recommendation."""

    def __init__(self, links: dict[str, Any]) -> None:
        self.links = links

    def run(self, _: str) -> dict[str, Any]:
        return {"links": self.links}


def with_service(service: Any) -> MessageHandler:
    return MessageHandler(service, Links({}))  # type: ignore[arg-type]


def with_runner(runner: Any) -> MessageHandler:
    return MessageHandler(Failing(AssertionError("not stored here")), runner)  # type: ignore[arg-type]


def decided(handler: MessageHandler, message: Message) -> Outcome:
    """The outcome as the worker settles it: the handler's, with three attempts at most."""
    retries = RetryPolicy(delays=(1.0,), max_attempts=3)
    policy = DeliveryPolicy(handler.handle, "work", message.routing_key, retries, "dlx")
    return policy.outcome(Delivery(message, BasicProperties()))


def message(body: Any, message_id: str | None = "m1", **fields: Any) -> Message:
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    return Message(routing_key=DISCOVERED, body=data, message_id=message_id, **fields)


ITEM = {"title": "Breaking Benjamin - Phobia", "user": "ana", "kind": "album"}


def test_stored_then_a_redelivery_is_201_again_and_another_message_409(
    handler: MessageHandler,
) -> None:
    first = handler.handle(message(ITEM))
    assert (first.action, first.reply and first.reply["status"]) == ("ack", 201)
    again = handler.handle(message(ITEM))  # the same message, redelivered after a crash
    assert again.reply == first.reply
    other = handler.handle(message(ITEM, message_id="m2"))
    assert other.action == "ack"
    assert other.reply == {
        "status": 409,
        "id": first.reply["id"],  # type: ignore[index]
        "detail": other.reply["detail"],  # type: ignore[index]
    }


def test_without_message_id_the_body_hash_identifies_the_message(
    handler: MessageHandler,
) -> None:
    assert message(ITEM, None).source_id == message(ITEM, None).source_id
    assert handler.handle(message(ITEM, None)).metric == "stored"
    assert handler.handle(message(ITEM, None)).metric == "stored"


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"\xff\xfe", "not JSON"),
        (b"[1, 2", "not JSON"),
        ({"title": "t", "user": "u", "kind": "vinyl"}, "kind: 'vinyl' is not one of"),
        ({**ITEM, "colour": "red"}, "Additional properties are not allowed"),
        ({**ITEM, "created_at": "yesterday"}, "created_at: 'yesterday' is not a 'date-time'"),
        ({**ITEM, "isbn": "12345"}, "isbn: '12345' does not match"),
        ({**ITEM, "isbn": "0-306-40615-3"}, "isbn: '0-306-40615-3' is not an ISBN: "),
    ],
)
def test_invalid_messages_are_dead_lettered_with_a_reason(
    handler: MessageHandler, body: Any, reason: str
) -> None:
    outcome = handler.handle(message(body))
    assert outcome.action == "dead"
    assert reason in (outcome.reason or "")
    assert outcome.reply is not None and outcome.reply["status"] == 400


def test_index_down_is_retried_then_dead_lettered() -> None:
    handler = with_service(Failing(IndexUnavailable("index down")))
    assert decided(handler, message(ITEM, attempts=0)).action == "retry"
    assert decided(handler, message(ITEM, attempts=1)).action == "retry"
    last = decided(handler, message(ITEM, attempts=2))
    assert last.action == "dead"
    assert last.reason == "gave up after 3 attempts: index down"
    assert last.reply == {"status": 503, "detail": last.reason}


def test_a_handler_that_crashes_is_retried_then_dead_lettered() -> None:
    handler = with_service(Failing(KeyError("a bug")))
    assert decided(handler, message(ITEM, attempts=1)).action == "retry"
    last = decided(handler, message(ITEM, attempts=2))
    assert last.action == "dead"
    assert last.reason == "gave up after 3 attempts: handler failed: KeyError('a bug')"


def test_an_item_the_index_refuses_is_dead_lettered_at_once_and_answered_400() -> None:
    refused = InvalidRecommendation("elasticsearch refused the document: field limit")
    handler = with_service(Failing(refused))
    outcome = handler.handle(message(ITEM, attempts=0))
    assert outcome.action == "dead"  # no retry: the same document is refused every time
    assert "field limit" in (outcome.reason or "")
    assert outcome.reply is not None and outcome.reply["status"] == 400


def test_a_lookup_whose_links_the_index_refuses_is_dead_lettered_at_once() -> None:
    refused = InvalidRecommendation("elasticsearch refused the document: a strict field")
    handler = with_runner(Failing(refused))
    lookup = Message(routing_key=LOOKUP, body=b'{"id": "x"}', message_id="l1", attempts=0)
    outcome = handler.handle(lookup)
    assert outcome.action == "dead"
    assert "strict field" in (outcome.reason or "")


def test_a_lookup_whose_every_provider_fails_is_retried() -> None:
    failing = {"deezer": {"status": "error"}, "itunes": {"status": "error"}}
    lookup = Message(LOOKUP, json.dumps({"id": "r1"}).encode())
    assert with_runner(Links(failing)).handle(lookup).action == "retry"
    found = with_runner(Links({"spotify": {"status": "found"}}))
    assert found.handle(lookup).action == "ack"
    assert found.handle(Message(LOOKUP, b'{"nope": 1}')).action == "dead"


def test_a_partial_lookup_is_retried_with_growing_delays_then_stays_partial() -> None:
    partial = {"itunes": {"status": "error"}, "spotify": {"status": "found"}}
    handler = with_runner(Links(partial))
    body = json.dumps({"id": "r1"}).encode()
    first = decided(handler, Message(LOOKUP, body, attempts=0))
    assert (first.action, first.reason) == ("retry", "partial: itunes failed")
    assert decided(handler, Message(LOOKUP, body, attempts=1)).action == "retry"
    # At the bound (3 attempts here): acknowledged, never dead-lettered; it stays partial.
    last = decided(handler, Message(LOOKUP, body, attempts=2))
    assert (last.action, last.reply) == ("ack", None)
