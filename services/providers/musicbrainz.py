"""MusicBrainz's web service (ws/2) through its JSON answers (`fmt=json`)."""

from __future__ import annotations

from typing import Any

from services.providers.guard import Broken
from services.providers.http import JsonApi


class MusicBrainzApi(JsonApi):
    """MusicBrainz's searches. No key, one request a second, and a User-Agent that names
    the application: MusicBrainz refuses anonymous clients."""

    def search(self, entity: str, lucene: str, limit: int = 10) -> list[dict[str, Any]]:
        """The `artist`, `recording` or `release` entities a Lucene query finds."""
        answer = self.get(entity, {"query": lucene, "limit": limit, "fmt": "json"})
        listing = answer.get(f"{entity}s") if isinstance(answer, dict) else None
        if not isinstance(listing, list):
            raise Broken("malformed answer from musicbrainz")
        return [item for item in listing if isinstance(item, dict)]
