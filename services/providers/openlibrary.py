"""Open Library (no key): its Search API (`/search.json`) and where its Covers API
serves a cover.

A search answers works, every edition of a book grouped under one (`/works/OL…W`),
with the id of a cover (`cover_i`) that the Covers API serves at
`/b/id/{cover_i}-L.jpg`: by id, the one way Open Library does not rate-limit per
client, so the URL can be handed to every browser that shows the recommendation.
Open Library asks applications to name themselves and a contact in their User-Agent,
and answers a client that does not with 403 (or one request a second).
"""

from __future__ import annotations

from typing import Any

import httpx

from services.providers.guard import Broken, Fault, Guard
from services.providers.http import JsonApi

FIELDS = "key,title,subtitle,author_name,first_publish_year,cover_i,edition_count"
"""What a search answers of each work (a whole document holds every ISBN of every edition)."""
LIMIT = 20


class OpenLibraryApi(JsonApi):
    """Searches works by title and author, or by ISBN; names cover URLs."""

    def __init__(
        self, base_url: str, guard: Guard, timeout: float, covers_url: str, user_agent: str
    ) -> None:
        super().__init__(base_url, guard, timeout, headers={"User-Agent": user_agent})
        self._covers_url = covers_url.rstrip("/")

    def search(self, **terms: str) -> list[dict[str, Any]]:
        """The works a search finds, best first: `title=`, `author=`, `isbn=`."""
        answer = self.get("search.json", {**terms, "fields": FIELDS, "limit": LIMIT})
        docs = answer.get("docs") if isinstance(answer, dict) else None
        if not isinstance(docs, list):
            raise Broken("malformed answer from open library")
        return [doc for doc in docs if isinstance(doc, dict)]

    def cover_url(self, cover_id: int) -> str:
        """The large cover of that id (`cover_i`), from the Covers API."""
        return f"{self._covers_url}/b/id/{cover_id}-L.jpg"

    def fault(self, response: httpx.Response) -> Fault:
        if response.status_code == 403:
            return Broken(
                "Open Library refused the request (HTTP 403): it blocks clients whose "
                "User-Agent names no contact (OPENLIBRARY_USER_AGENT)"
            )
        return super().fault(response)
