"""Where recommendations are stored and searched: the `RecommendationIndex` protocol."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Protocol

from services.model import Link, Recommendation

Change = Callable[[Recommendation], Recommendation]
"""What a write does to the document it reads: a pure function, applied again whenever
another write came in between."""


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def search_words(text: str) -> list[str]:
    """The words of a search's `q`, alike on both indexes: control characters break words
    as spaces do (FTS5 ends a quoted string at NUL; Elasticsearch's analyzer drops them,
    so a `q` of control characters alone matched nothing there, and everything here)."""
    return _CONTROL.sub(" ", text).split()


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """A search as clients ask it; `cursor` is the opaque token of the previous page."""

    q: str | None = None
    user: str | None = None
    kind: str | None = None
    platform: str | None = None
    limit: int = 20
    cursor: str | None = None


@dataclass(frozen=True, slots=True)
class SearchPage:
    """One page of results."""

    items: list[Recommendation]
    total: int
    next_cursor: str | None


@dataclass(frozen=True, slots=True)
class LoadReport:
    """What `bulk_load` did: how many documents it created, and those it refused (each
    one's position in the batch, and why); the rest were duplicates."""

    created: int
    refused: list[tuple[int, str]] = field(default_factory=list)


class RecommendationIndex(Protocol):
    """Stores recommendations; every implementation passes `tests/contract`.

    Documents carry `dedup_key`; creating one whose key exists raises
    `DuplicateRecommendation` atomically, whatever the concurrency.
    """

    def create(self, recommendation: Recommendation) -> str:
        """Store a new document (its `id` and `dedup_key` set) and return its id;
        `DuplicateRecommendation` when its key is held, or its id by the same work.

        A document whose id is its key's own (`dedup.recommendation_id`) may be stored
        under the key's next id (`dedup.ids_to_try`) when a document whose key changed
        since holds that one: after a rename the old key is free."""

    def get(self, recommendation_id: str) -> Recommendation:
        """The stored document; `NotFound` when there is none."""

    def update(self, recommendation_id: str, change: Change) -> Recommendation:
        """Store `change(stored document)` atomically: no other write lands between the
        read and the write (a concurrent one makes it read and change again). Return the
        result; `NotFound`, or `DuplicateRecommendation` when its new key is taken."""

    def set_links(
        self,
        recommendation_id: str,
        links: dict[str, Link],
        cover_img: str | None = None,
        attribution: str | None = None,
    ) -> Recommendation:
        """Merge links in (`update` with `merge_links`), set `links_status` from the result,
        fill `img` with `cover_img` when the document has none, and keep the credit
        (`attribution`) a source of these links requires."""

    def mark_pending(self, recommendation_id: str) -> Recommendation:
        """Set `links_status` to `pending` before a new lookup; `NotFound` when there is none."""

    def delete(self, recommendation_id: str) -> None:
        """Remove it; `NotFound` when there is none."""

    def search(self, query: SearchQuery) -> SearchPage:
        """Relevance order with `q`, newest first without; filters are exact."""

    def pending_ids(self, limit: int = 1000) -> list[str]:
        """Ids whose lookup is not finished: `pending`, or `partial` with errors."""

    def links_checked_before(self, timestamp: str, limit: int = 1000) -> list[str]:
        """Ids with a looked-up link last checked before `timestamp`."""

    def bulk_load(self, recommendations: Iterable[Recommendation]) -> LoadReport:
        """Create many documents as `create` does (import): duplicates are skipped, and a
        document the index refuses is reported, never counted as a duplicate."""

    def scan(self) -> Iterator[Recommendation]:
        """Every document, for export and reindexing."""

    def ping(self) -> None:
        """Return when the index answers; `IndexUnavailable` otherwise."""

    def close(self) -> None:
        """Release connections."""
