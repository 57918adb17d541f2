"""The iTunes Search and Lookup API (no key; about 20 calls a minute)."""

from __future__ import annotations

from typing import Any

from services.providers.guard import Broken
from services.providers.http import JsonApi


class ITunesApi(JsonApi):
    """`/search` and `/lookup` (by UPC, or an album's songs with `entity=song`)."""

    def read(
        self, item_id: str, country: str, someone_waits: bool = False
    ) -> dict[str, Any] | None:
        """The song or album with this id (`lookup?id=`); None when the store has none."""
        params = {"id": item_id, "country": country.lower()}
        answer = self.get("lookup", params, someone_waits=someone_waits)
        results = answer.get("results") if isinstance(answer, dict) else None
        if not isinstance(results, list):
            raise Broken("malformed answer from itunes")
        return next((item for item in results if isinstance(item, dict)), None)
