"""Where recommendations are stored and searched: the `RecommendationIndex` protocol."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Literal, Protocol

from services.model import Link, Recommendation

Change = Callable[[Recommendation], Recommendation]
"""What a write does to the document it reads: a pure function, applied again whenever
another write came in between."""


Sort = Literal["relevance", "newest", "oldest"]
Facet = Literal["kind", "platform", "user"]
FACETS: tuple[Facet, ...] = ("kind", "platform", "user")


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """A search as clients ask it; `cursor` is the opaque token of the previous page.

    `created_after` and `created_before` are `…Z` timestamps (`model.to_utc`), both
    bounds exclusive. `sort` None is relevance with words to rank, newest without.
    """

    q: str | None = None
    user: str | None = None
    kind: str | None = None
    platform: str | None = None
    external_id: str | None = None
    created_after: str | None = None
    created_before: str | None = None
    sort: Sort | None = None
    fuzzy: bool = True
    facets: tuple[Facet, ...] = ()
    highlight: bool = False
    limit: int = 20
    cursor: str | None = None


@dataclass(frozen=True, slots=True)
class FacetCount:
    """How many results have this value (a kind, a platform with a link found, a user)."""

    value: str
    count: int


@dataclass(frozen=True, slots=True)
class SearchPage:
    """One page of results; `facets` holds the counts asked for, over every result.

    `typos` says that results within a typo of the words are among them (see
    `services.index.text`), so that what marks them can mark those words too;
    `highlights` holds the marks, when asked for (`services.highlights`)."""

    items: list[Recommendation]
    total: int
    next_cursor: str | None
    facets: dict[Facet, list[FacetCount]] = field(default_factory=dict)
    typos: bool = False
    highlights: dict[str, dict[str, str]] | None = None


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A title or an artist that recommendations have, and how many have it."""

    text: str
    field: Literal["title", "artist"]
    count: int


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
        """Results in `query.sort` order (typo matches after exact ones, `text`);
        filters are exact."""

    def suggest(self, prefix: str, limit: int = 10) -> list[Suggestion]:
        """Titles and artists in which every word of `prefix` matches a word (the last
        one as the start of a word), the most recommended first (`text`)."""

    def pending_ids(self, limit: int = 1000) -> list[str]:
        """Ids whose lookup is not finished: `pending`, or `partial` with errors."""

    def links_checked_before(self, timestamp: str, limit: int = 1000) -> list[str]:
        """Ids with a looked-up link last checked before `timestamp`."""

    def bulk_load(self, recommendations: Iterable[Recommendation]) -> LoadReport:
        """Create many documents as `create` does (import): duplicates are skipped, and a
        document the index refuses is reported, never counted as a duplicate."""

    def bulk_load_batches(self, batches: Iterable[list[Recommendation]]) -> Iterator[LoadReport]:
        """`bulk_load` each batch in turn (an import's stream); each one's report as soon
        as it is done, in order. The next batch may be written while one is settled, so
        an index keeps its writes flowing; the first of a work across batches is kept as
        one batch after another would keep it."""

    def scan(self) -> Iterator[Recommendation]:
        """Every document, for export and reindexing."""

    def ping(self) -> None:
        """Return when the index answers; `IndexUnavailable` otherwise."""

    def close(self) -> None:
        """Release connections."""
