"""Test data: recommendations as the service would store them."""

from __future__ import annotations

import itertools
from typing import Any

from services.dedup import duplicate_key, recommendation_id
from services.model import Recommendation, utc_now

_counter = itertools.count(1)


def recommendation_input(**fields: Any) -> dict[str, Any]:
    """A POST body; each call a different work unless told otherwise."""
    number = next(_counter)
    body: dict[str, Any] = {
        "title": f"Artist {number} - Album {number}",
        "user": "ana",
        "kind": "album",
    }
    body.update(fields)
    return body


def stored(**fields: Any) -> Recommendation:
    """A document ready for `RecommendationIndex.create`."""
    document: Recommendation = recommendation_input(**fields)
    now = utc_now()
    document.setdefault("created_at", now)
    document.setdefault("updated_at", now)
    document.setdefault("links_status", "pending")
    document.setdefault("links", {})
    document["dedup_key"] = duplicate_key(document)
    document["id"] = recommendation_id(document["dedup_key"])
    return document


class RecordingScheduler:
    """A `LookupScheduler` that only records what it was asked to schedule."""

    def __init__(self) -> None:
        self.scheduled: list[str] = []

    def schedule(self, recommendation_id: str) -> bool:
        self.scheduled.append(recommendation_id)
        return True

    def resume_pending(self) -> int:
        return 0

    def close(self) -> None:
        pass
