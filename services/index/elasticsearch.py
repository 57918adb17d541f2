"""The Elasticsearch index: a versioned index behind an alias, created on first use.

Duplicate keys are made unique by a companion index `<alias>-keys` whose `_id` is
the key's hash: creating that document with `op_type=create` is the atomic claim
(Elasticsearch has no unique constraint on a field). A recommendation's own `_id`
is its id, itself derived from its key, so a plain create claims both at once.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from elasticsearch import ApiError, ConflictError, Elasticsearch, NotFoundError, TransportError
from elasticsearch import helpers as es_helpers

from services.errors import (
    DuplicateRecommendation,
    IndexUnavailable,
    InvalidRecommendation,
    NotFound,
)
from services.index import SearchPage, SearchQuery
from services.index.cursor import encode_cursor
from services.index.es_admin import IndexAdmin
from services.index.es_keys import DuplicateKeys
from services.index.es_mapping import from_source, to_source
from services.index.es_query import search_body
from services.model import Link, Recommendation, utc_now
from services.model import with_links as merged_links
from services.settings import Settings

Progress = Callable[[int], None]
OPTIMISTIC_RETRIES = 10
MAX_RESULT_WINDOW = 10_000  # Elasticsearch's default `index.max_result_window`
# The strict mapping refusing a field: the document is wrong, not the index down.
REFUSED_DOCUMENT = frozenset(
    {"document_parsing_exception", "strict_dynamic_mapping_exception", "mapper_parsing_exception"}
)


@contextlib.contextmanager
def outages() -> Iterator[None]:
    """Connection errors, timeouts, 5xx and 429 become `IndexUnavailable` (503 + Retry-After);
    a document the mapping refuses `InvalidRecommendation`; other answers (404, 409, a 400
    that is our bug) pass through as the client raised them."""
    try:
        yield
    except ApiError as error:
        if int(error.meta.status) >= 500 or int(error.meta.status) == 429:
            raise IndexUnavailable(f"elasticsearch: {error}") from error
        if error.error in REFUSED_DOCUMENT:
            raise InvalidRecommendation(f"elasticsearch refused the document: {error}") from error
        raise
    except TransportError as error:
        raise IndexUnavailable(f"elasticsearch: {error}") from error


class ElasticsearchIndex:
    """`RecommendationIndex` on Elasticsearch 8 (official client; blocking, thread-safe)."""

    def __init__(self, url: str, alias: str = "recommendations", refresh: bool = False) -> None:
        # The client connects on its first request: building one does no I/O.
        self._client = Elasticsearch(url, request_timeout=10, max_retries=1)
        self._alias = alias
        self._keys = f"{alias}-keys"
        # Tests read their own writes at once; production lets Elasticsearch refresh.
        self._refresh: bool | str = "wait_for" if refresh else False
        self.admin = IndexAdmin(self._client, alias, self._keys)
        self._claims = DuplicateKeys(self._client, self._keys, self._call, self._exists)
        self._ready = False
        self._ready_lock = threading.Lock()

    @classmethod
    def from_settings(cls, settings: Settings) -> ElasticsearchIndex:
        assert settings.elasticsearch_url, "ELASTICSEARCH_URL is not set"
        return cls(url=settings.elasticsearch_url, alias=settings.elasticsearch_index)

    def _call(self, method: Callable[..., Any], **kwargs: Any) -> Any:
        """One client call, after the indexes exist; outages become `IndexUnavailable`."""
        with outages():
            self._ensure()
            return method(**kwargs)

    def _ensure(self) -> None:
        if not self._ready:
            with self._ready_lock:
                if not self._ready:
                    self.admin.ensure()
                    self._ready = True

    # -- RecommendationIndex -------------------------------------------------

    def create(self, recommendation: Recommendation) -> None:
        doc_id, key = recommendation["id"], recommendation["dedup_key"]
        claimed = self._claims.claim(key, doc_id)
        try:
            self._call(
                self._client.create,
                index=self._alias,
                id=doc_id,
                document=to_source(recommendation),
                refresh=self._refresh,
            )
        except ConflictError:
            # The id is taken (by a concurrent twin, or by a document whose key changed).
            if claimed:
                self._give_back(key, doc_id)
            raise DuplicateRecommendation(doc_id) from None
        except BaseException:
            if claimed:
                with contextlib.suppress(IndexUnavailable):  # the first error is the one to tell
                    self._give_back(key, doc_id)
            raise

    def _give_back(self, key: str, doc_id: str) -> None:
        """Release a claim this create made, unless the document stored under the same id
        (a concurrent twin's, which skipped claiming because the owner matched) needs it."""
        try:
            stored_key = self._get(doc_id)[0]["dedup_key"]
        except NotFound:
            stored_key = None
        if stored_key != key:
            self._claims.release(key, doc_id)

    def get(self, recommendation_id: str) -> Recommendation:
        return self._get(recommendation_id)[0]

    def replace(self, recommendation: Recommendation) -> None:
        # The last writer wins, as in the embedded index: a write in between is a retry.
        for _ in range(OPTIMISTIC_RETRIES):
            if self._replace_once(recommendation):
                return
        raise IndexUnavailable(f"elasticsearch: {recommendation['id']} keeps changing")

    def _replace_once(self, recommendation: Recommendation) -> bool:
        doc_id = recommendation["id"]
        current, seq_no, term = self._get(doc_id)
        new_key, old_key = recommendation["dedup_key"], current["dedup_key"]
        claimed = new_key != old_key and self._claims.claim(new_key, doc_id)
        try:
            self._write(recommendation, seq_no, term)
        except BaseException as error:
            if claimed:
                with contextlib.suppress(IndexUnavailable):
                    self._claims.release(new_key, doc_id)
            if isinstance(error, ConflictError):
                return False
            raise
        if new_key != old_key:
            self._claims.release(old_key, doc_id)
        return True

    def set_links(
        self,
        recommendation_id: str,
        links: dict[str, Link],
        cover_img: str | None = None,
        attribution: str | None = None,
    ) -> Recommendation:
        return self._update(
            recommendation_id,
            lambda doc: merged_links(doc, links, cover_img, utc_now(), attribution),
        )

    def mark_pending(self, recommendation_id: str) -> Recommendation:
        return self._update(recommendation_id, lambda doc: {**doc, "links_status": "pending"})

    def delete(self, recommendation_id: str) -> None:
        current = self.get(recommendation_id)
        try:
            self._call(
                self._client.delete, index=self._alias, id=recommendation_id, refresh=self._refresh
            )
        except NotFoundError:
            raise NotFound(recommendation_id) from None
        self._claims.release(current["dedup_key"], recommendation_id)

    def search(self, query: SearchQuery) -> SearchPage:
        kind, body = search_body(query)
        answer = self._call(self._client.search, index=self._alias, **body)
        hits = answer["hits"]["hits"]
        items = [from_source(hit["_source"]) for hit in hits[: query.limit]]
        more = len(hits) > query.limit
        next_cursor = encode_cursor(kind, hits[query.limit - 1]["sort"]) if more else None
        return SearchPage(
            items=items, total=int(answer["hits"]["total"]["value"]), next_cursor=next_cursor
        )

    def pending_ids(self, limit: int = 1000) -> list[str]:
        query = {"terms": {"links_status": ["pending", "partial"]}}
        return self._ids(query, [{"updated_at": "asc"}, {"id": "asc"}], limit)

    def links_checked_before(self, timestamp: str, limit: int = 1000) -> list[str]:
        query = {"range": {"links_checked_at": {"lt": timestamp}}}
        return self._ids(query, [{"links_checked_at": "asc"}, {"id": "asc"}], limit)

    def bulk_load(self, recommendations: Iterable[Recommendation]) -> int:
        from services.index.es_bulk import bulk_create

        with outages():
            self._ensure()
            return bulk_create(
                self._client, self._alias, self._keys, list(recommendations), refresh=self._refresh
            )

    def scan(self) -> Iterator[Recommendation]:
        with outages():
            self._ensure()
            for hit in es_helpers.scan(
                self._client, index=self._alias, size=500, query={"query": {"match_all": {}}}
            ):
                yield from_source(hit["_source"])

    def ping(self) -> None:
        self._call(self._client.cluster.health)

    def close(self) -> None:
        self._client.close()

    # -- operations ----------------------------------------------------------

    def reindex(self, progress: Progress | None = None) -> str:
        """Copy every document into a new versioned index and swap the alias to it."""
        with outages():
            self._ensure()
            return self.admin.reindex(progress)

    def drop(self) -> None:
        """Delete the alias's indexes and the keys index (tests)."""
        self.admin.drop()
        self._ready = False

    # -- helpers -------------------------------------------------------------

    def _get(self, recommendation_id: str) -> tuple[Recommendation, int, int]:
        try:
            found = self._call(self._client.get, index=self._alias, id=recommendation_id)
        except NotFoundError:
            raise NotFound(recommendation_id) from None
        return from_source(found["_source"]), found["_seq_no"], found["_primary_term"]

    def _write(self, recommendation: Recommendation, seq_no: int, term: int) -> None:
        """Overwrite the version read: a concurrent writer makes this a `ConflictError`."""
        self._call(
            self._client.index,
            index=self._alias,
            id=recommendation["id"],
            document=to_source(recommendation),
            if_seq_no=seq_no,
            if_primary_term=term,
            refresh=self._refresh,
        )

    def _update(
        self, recommendation_id: str, change: Callable[[Recommendation], Recommendation]
    ) -> Recommendation:
        # Read, change, write at the version read; retry when someone wrote in between.
        for _ in range(OPTIMISTIC_RETRIES):
            current, seq_no, term = self._get(recommendation_id)
            changed = change(current)
            try:
                self._write(changed, seq_no, term)
            except ConflictError:
                continue
            return changed
        raise IndexUnavailable(f"elasticsearch: {recommendation_id} keeps changing")

    def _exists(self, recommendation_id: str) -> bool:
        try:
            self._get(recommendation_id)
        except NotFound:
            return False
        return True

    def _ids(self, query: dict[str, Any], sort: list[Any], limit: int) -> list[str]:
        # One request answers at most `index.max_result_window` (10,000) hits: page on.
        ids: list[str] = []
        after: list[Any] | None = None
        while len(ids) < limit:
            page: dict[str, Any] = {"size": min(limit - len(ids), MAX_RESULT_WINDOW)}
            if after is not None:
                page["search_after"] = after
            answer = self._call(
                self._client.search,
                index=self._alias,
                query=query,
                sort=sort,
                source=False,
                **page,
            )
            hits = answer["hits"]["hits"]
            ids += [hit["_id"] for hit in hits]
            if len(hits) < page["size"]:
                break
            after = hits[-1]["sort"]
        return ids
