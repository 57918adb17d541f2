"""The `recommendation.links` event: its body, and which links changes it tells of."""

from __future__ import annotations

import hashlib
import hmac
import json
import uuid
from dataclasses import dataclass
from typing import Any

from services.model import Recommendation, public_view

EVENT = "recommendation.links"
"""The event's name, in its body and in `X-Recindex-Event` (docs/contract.md)."""
LINKED = "recommendation.linked"
"""The routing key the same event is published with on the exchange (docs/contract.md)."""

EVENT_HEADER = "X-Recindex-Event"
DELIVERY_HEADER = "X-Recindex-Delivery"
SIGNATURE_HEADER = "X-Recindex-Signature"

NOTHING_FOUND = ""
"""The fingerprint of a recommendation with no link found (and of one never notified)."""


@dataclass(frozen=True, slots=True)
class LinksEvent:
    """One event: its delivery id (the same on every retry) and its exact JSON body."""

    delivery: str
    body: bytes
    recommendation_id: str
    external_id: str | None

    @classmethod
    def of(cls, recommendation: Recommendation) -> LinksEvent:
        delivery = str(uuid.uuid4())
        document = {
            "event": EVENT,
            "delivery": delivery,
            "recommendation": public_view(recommendation),
        }
        return cls(
            delivery,
            serialized(document),
            recommendation["id"],
            recommendation.get("external_id"),
        )

    @property
    def addressed(self) -> dict[str, Any]:
        """What a receiver's URL template is filled from."""
        return {"id": self.recommendation_id, "external_id": self.external_id}


def serialized(document: dict[str, Any]) -> bytes:
    """The one way an event's body is written: the same bytes from the same document, so
    a body read back from a queue and written again is the one first signed."""
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()


def signature(secret: str, body: bytes) -> str:
    """`X-Recindex-Signature`: `sha256=` and the hex HMAC-SHA256 of the raw body."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def links_fingerprint(recommendation: Recommendation) -> str:
    """What the community is told about: where the work was found (platform and URL).
    A lookup that only checks the same links again changes nothing here."""
    found = sorted(
        (platform, link.get("url", ""))
        for platform, link in (recommendation.get("links") or {}).items()
        if link.get("status") == "found"
    )
    if not found:
        return NOTHING_FOUND
    return hashlib.sha256(json.dumps(found).encode()).hexdigest()[:32]


def links_changed(recommendation: Recommendation) -> bool:
    """Whether its found links differ from those last handed over for notifying."""
    told = recommendation.get("links_notified", NOTHING_FOUND)
    return links_fingerprint(recommendation) != told
