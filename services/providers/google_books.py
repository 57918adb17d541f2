"""Google Books API v1: the volumes search (`/volumes?q=…`), a key optional.

Each edition of a book is a volume of its own. Without `GOOGLE_BOOKS_API_KEY`, Google
counts the requests against a quota shared by every keyless caller of the host's
address, so a key is worth having; it travels in the `X-Goog-Api-Key` header, never
in a URL (URLs end up in logs). Errors come in Google's envelope
(`services.providers.google`): a quota spent for the day throttles until midnight
Pacific, when Google resets it.
"""

from __future__ import annotations

from typing import Any

import httpx

from services.providers.google import (
    QUOTA_REASONS,
    RATE_REASONS,
    error_message,
    error_reasons,
)
from services.providers.guard import Broken, Fault, Guard, Throttled, retry_after_seconds
from services.providers.http import JsonApi
from services.providers.quota import quota_now, seconds_to_reset

MAX_RESULTS = 20


class GoogleBooksApi(JsonApi):
    """Volumes that a query (`intitle:`, `inauthor:`, `isbn:`) finds in a country."""

    def __init__(self, base_url: str, guard: Guard, timeout: float, key: str) -> None:
        super().__init__(base_url, guard, timeout, headers={"X-Goog-Api-Key": key} if key else None)

    def volumes(self, q: str, country: str) -> list[dict[str, Any]]:
        """The volumes found, best first (none: Google leaves `items` out)."""
        # `country`: Google refuses a request whose place it cannot tell from the address.
        params = {"q": q, "maxResults": MAX_RESULTS, "printType": "books", "country": country}
        answer = self.get("volumes", params)
        items = answer.get("items", []) if isinstance(answer, dict) else None
        if not isinstance(items, list):
            raise Broken("malformed answer from google books")
        return [item for item in items if isinstance(item, dict) and item.get("id")]

    def fault(self, response: httpx.Response) -> Fault:
        reasons = error_reasons(response)
        named = ", ".join(sorted(reasons))
        # Google also answers a spent day as a rate limit, naming "Queries per day".
        if reasons & QUOTA_REASONS or "per day" in error_message(response):
            return Throttled(
                f"Google Books quota for the day is spent ({named})", seconds_to_reset(quota_now())
            )
        if reasons & RATE_REASONS:
            return Throttled(
                f"google books rate limited ({named})", retry_after_seconds(response.headers, 1.0)
            )
        if "keyInvalid" in reasons:
            return Broken("Google Books refused GOOGLE_BOOKS_API_KEY (keyInvalid)")
        return super().fault(response)
