"""What a message means for recommendations: pure logic, no pika (CONTRIBUTING.md, habit 7).

Whether a failed message is tried again, and what becomes of it at the last try, is
`services.queue.retries`'s rule: the handler says why it failed and what its last try
means (`Outcome.then`)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from injector import inject

from services.errors import (
    BrokerUnavailable,
    DuplicateRecommendation,
    IndexUnavailable,
    InvalidIsbn,
    InvalidRecommendation,
    NotFound,
)
from services.json_input import InvalidJson, parse_json
from services.lookups.runner import LookupRunner
from services.queue.schema import schema_error
from services.queue.topology import LOOKUP
from services.recommendations import RecommendationService

Action = Literal["ack", "retry", "dead"]


@dataclass(frozen=True, slots=True)
class Message:
    """A delivery as the handler needs it; `attempts` counts earlier failed tries."""

    routing_key: str
    body: bytes
    message_id: str | None = None
    attempts: int = 0

    @property
    def source_id(self) -> str:
        """The message's identity across redeliveries: its `message_id`, else its body's hash."""
        return self.message_id or "sha256:" + hashlib.sha256(self.body).hexdigest()


@dataclass(frozen=True, slots=True)
class Outcome:
    """What becomes of a message: acknowledged, retried later, or dead-lettered; and
    the reply. A retry says what its last try becomes instead (`then`, given why)."""

    action: Action
    metric: str
    reply: dict[str, Any] | None = field(default=None)
    reason: str | None = None
    then: Callable[[str], Outcome] | None = field(default=None, compare=False, repr=False)

    @classmethod
    def retry(cls, reason: str, then: Callable[[str], Outcome]) -> Outcome:
        return cls("retry", "retried", reason=reason, then=then)

    @classmethod
    def dead(cls, reason: str, reply: dict[str, Any] | None = None) -> Outcome:
        return cls("dead", "dead_lettered", reply, reason)

    @classmethod
    def invalid(cls, reason: str) -> Outcome:
        """Refused for good: dead-lettered at once, answered 400 with the reason."""
        return cls.dead(reason, {"status": 400, "detail": reason})


class TransientFailure(Exception):
    """Worth trying again later: the index or every provider is down."""


class MessageHandler:
    """Maps a message to an outcome: stored 201, duplicate 409, invalid 400, or transient."""

    @inject
    def __init__(self, service: RecommendationService, runner: LookupRunner) -> None:
        self._service = service
        self._runner = runner

    def handle(self, message: Message) -> Outcome:
        try:
            if message.routing_key == LOOKUP:
                return self._lookup(message)
            return self._discovered(message)
        except (IndexUnavailable, BrokerUnavailable, TransientFailure) as error:
            # BrokerUnavailable: a lookup's links are stored, their event not handed over.
            return self._transient(message, str(error) or type(error).__name__)
        except InvalidRecommendation as refused:
            # A value no schema rules out, or one the index (its mapping) refuses: every
            # retry would be refused too.
            return Outcome.invalid(str(refused))

    def _discovered(self, message: Message) -> Outcome:
        try:
            item = parse_json(message.body)
        except InvalidJson as error:
            return Outcome.invalid(str(error))
        problem = schema_error(item)
        if problem is not None:
            return Outcome.invalid(f"does not match the RecommendationInput schema: {problem}")
        try:
            stored = self._service.create(item, source_message_id=message.source_id)
        except InvalidIsbn as refused:
            return Outcome.invalid(f"isbn: {refused}")
        except DuplicateRecommendation as duplicate:
            reply = {"status": 409, "id": duplicate.existing_id, "detail": str(duplicate)}
            return Outcome("ack", "duplicate", reply)
        reply = {"status": 201, "id": stored["id"], "detail": "stored; links are looked up"}
        return Outcome("ack", "stored", reply)

    def _lookup(self, message: Message) -> Outcome:
        try:
            recommendation_id = parse_json(message.body)["id"]
            if not isinstance(recommendation_id, str):
                raise TypeError("id is not a string")
        except (UnicodeDecodeError, ValueError, KeyError, TypeError) as error:
            return Outcome.invalid(f'a lookup request is {{"id": "..."}}: {error!r}')
        try:
            looked_up = self._runner.run(recommendation_id)
        except NotFound:
            looked_up = None
        if looked_up is None:  # deleted meanwhile: nothing to do
            return Outcome("ack", "lookup")
        links = looked_up.get("links") or {}
        failed = sorted(name for name, link in links.items() if link.get("status") == "error")
        if links and len(failed) == len(links):
            raise TransientFailure("every provider failed: " + ", ".join(failed))
        if failed:
            return self._partial(failed)
        return Outcome("ack", "lookup")

    def _partial(self, failed: list[str]) -> Outcome:
        """A lookup some platforms failed: asked again after each growing delay, as in-process
        lookups are; at the bound it is acknowledged and stays `partial` (nothing is lost: the
        found links are stored, and POST .../lookup or the next start asks again)."""
        reason = "partial: " + ", ".join(failed) + " failed"
        return Outcome.retry(reason, then=lambda _: Outcome("ack", "lookup"))

    def _transient(self, message: Message, reason: str) -> Outcome:
        def given_up(why: str) -> Outcome:
            if message.routing_key == LOOKUP:
                return Outcome.dead(why)
            # Not 201/409/400: the item is neither stored nor wrong; it waits in `dead`.
            return Outcome.dead(why, {"status": 503, "detail": why})

        return Outcome.retry(reason, then=given_up)
