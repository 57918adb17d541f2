"""The message handler's decisions, without a broker."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from injector import InstanceProvider

from app import build_injector
from services.errors import IndexUnavailable, InvalidRecommendation
from services.queue.handler import Message, MessageHandler
from services.queue.topology import DISCOVERED, LOOKUP
from tests.conftest import make_settings
from tests.factories import RecordingScheduler

pytestmark = pytest.mark.unit


@pytest.fixture
def handler(tmp_path: Path) -> MessageHandler:
    from services.lookups.scheduling import LookupScheduler

    injector = build_injector(make_settings(tmp_path, message_max_attempts=3))
    injector.binder.bind(
        LookupScheduler,  # type: ignore[type-abstract]
        to=InstanceProvider(RecordingScheduler()),
    )
    return injector.get(MessageHandler)


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
    ],
)
def test_invalid_messages_are_dead_lettered_with_a_reason(
    handler: MessageHandler, body: Any, reason: str
) -> None:
    outcome = handler.handle(message(body))
    assert outcome.action == "dead"
    assert reason in (outcome.reason or "")
    assert outcome.reply is not None and outcome.reply["status"] == 400


def test_index_down_is_retried_then_dead_lettered(
    handler: MessageHandler, monkeypatch: pytest.MonkeyPatch
) -> None:
    def down(*_: Any, **__: Any) -> None:
        raise IndexUnavailable("index down")

    monkeypatch.setattr(handler._service, "create", down)
    assert handler.handle(message(ITEM, attempts=0)).action == "retry"
    assert handler.handle(message(ITEM, attempts=1)).action == "retry"
    last = handler.handle(message(ITEM, attempts=2))
    assert last.action == "dead"
    assert last.reason == "gave up after 3 attempts: index down"


def test_an_item_the_index_refuses_is_dead_lettered_at_once_and_answered_400(
    handler: MessageHandler, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(*_: Any, **__: Any) -> None:
        raise InvalidRecommendation("elasticsearch refused the document: field limit")

    monkeypatch.setattr(handler._service, "create", refused)
    outcome = handler.handle(message(ITEM, attempts=0))
    assert outcome.action == "dead"  # no retry: the same document is refused every time
    assert "field limit" in (outcome.reason or "")
    assert outcome.reply is not None and outcome.reply["status"] == 400


def test_a_lookup_whose_links_the_index_refuses_is_dead_lettered_at_once(
    handler: MessageHandler, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(_: str) -> None:
        raise InvalidRecommendation("elasticsearch refused the document: a strict field")

    monkeypatch.setattr(handler._runner, "run", refused)
    lookup = Message(routing_key=LOOKUP, body=b'{"id": "x"}', message_id="l1", attempts=0)
    outcome = handler.handle(lookup)
    assert outcome.action == "dead"
    assert "strict field" in (outcome.reason or "")


def test_a_lookup_whose_every_provider_fails_is_retried(
    handler: MessageHandler, monkeypatch: pytest.MonkeyPatch
) -> None:
    stored = handler.handle(message(ITEM)).reply["id"]  # type: ignore[index]
    failing = {"deezer": {"status": "error"}, "itunes": {"status": "error"}}
    monkeypatch.setattr(handler._runner, "run", lambda _: {"links": failing})
    lookup = Message(LOOKUP, json.dumps({"id": stored}).encode())
    assert handler.handle(lookup).action == "retry"
    monkeypatch.setattr(
        handler._runner, "run", lambda _: {"links": {"spotify": {"status": "found"}}}
    )
    assert handler.handle(lookup).action == "ack"
    assert handler.handle(Message(LOOKUP, b'{"nope": 1}')).action == "dead"


def test_a_partial_lookup_is_retried_with_growing_delays_then_stays_partial(
    handler: MessageHandler, monkeypatch: pytest.MonkeyPatch
) -> None:
    stored = handler.handle(message(ITEM)).reply["id"]  # type: ignore[index]
    partial = {"itunes": {"status": "error"}, "spotify": {"status": "found"}}
    monkeypatch.setattr(handler._runner, "run", lambda _: {"links": partial})
    body = json.dumps({"id": stored}).encode()
    first = handler.handle(Message(LOOKUP, body, attempts=0))
    assert (first.action, first.reason) == ("retry", "partial: itunes failed")
    assert handler.handle(Message(LOOKUP, body, attempts=1)).action == "retry"
    # At the bound (3 attempts here): acknowledged, never dead-lettered; it stays partial.
    last = handler.handle(Message(LOOKUP, body, attempts=2))
    assert (last.action, last.reply) == ("ack", None)
