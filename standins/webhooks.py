"""A stand-in of the community API as a webhook receiver: it takes recindex's deliveries
(`PUT /recommendations/{external_id}/links`, the seed's first design, or `POST /hooks`),
checks each one's signature, and keeps what it received. `fail_next` makes it down for
its first attempts (503s, connections dropped without an answer)."""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from typing import Any

from standins.server import Reply, Request, StandIn

SECRET = "community-webhook-secret"


@dataclass(frozen=True)
class Received:
    """One request the receiver answered 2xx (or was made to fail)."""

    method: str
    path: str
    delivery: str
    event: str
    signature_ok: bool
    body: dict[str, Any]


class WebhookReceiver:
    """Routes of a receiver; `received` holds every request, `accepted` those answered 2xx."""

    def __init__(self, secret: str | None = SECRET, status: int = 204) -> None:
        self.standin = StandIn("community")
        self.secret = secret
        self.status = status
        self.accepted: list[Received] = []
        self.standin.route("PUT", r"/recommendations/(?P<external_id>[^/]+)/links")(self._take)
        self.standin.route("POST", "/hooks")(self._take)

    @property
    def url(self) -> str:
        return self.standin.url

    def received(self) -> list[Received]:
        """Every request that reached it, answered or failed."""
        return [self._read(request) for request in self.standin.requests]

    def _take(self, request: Request) -> Reply:
        self.accepted.append(self._read(request))
        return Reply(raw=b"", status=self.status)

    def _read(self, request: Request) -> Received:
        signed = request.headers.get("x-recindex-signature", "")
        expected = (
            "sha256=" + hmac.new(self.secret.encode(), request.body, hashlib.sha256).hexdigest()
            if self.secret
            else ""
        )
        return Received(
            request.method,
            request.path,
            request.headers.get("x-recindex-delivery", ""),
            request.headers.get("x-recindex-event", ""),
            bool(expected) and hmac.compare_digest(signed, expected),
            json.loads(request.body or b"null"),
        )
