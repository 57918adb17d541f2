"""The Elasticsearch index: a versioned index behind an alias, created on first use.

Duplicate keys are made unique (Elasticsearch has no unique constraint on a field) by
the document itself, whose `_id` is its key's hash, created with `op_type=create`; a
document holding a key that is not its id's claims it in `<alias>-keys` (`es_keys`).

Every change is a read, a change and a write conditional on the version read
(`if_seq_no`, `if_primary_term`), to the concrete index it was read from: a concurrent
writer, or a reindex that moved the alias meanwhile, makes it read and change again, so
no writer's change is lost. Writes through the alias require the alias (`require_alias`).
"""

from __future__ import annotations

import contextlib
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

from elasticsearch import ApiError, ConflictError, Elasticsearch, NotFoundError, TransportError
from elasticsearch import helpers as es_helpers

from services.dedup import ids_to_try, moved_on, recommendation_id
from services.errors import (
    DuplicateRecommendation,
    IndexUnavailable,
    InvalidRecommendation,
    NotFound,
    WritesPaused,
)
from services.index import Change, LoadReport, SearchPage, SearchQuery, Suggestion
from services.index.es_admin import IndexAdmin
from services.index.es_blocks import WriteBlocks
from services.index.es_bulk import BulkOutcome, bulk_create
from services.index.es_errors import IndexMissing, outages
from services.index.es_keys import DuplicateKeys
from services.index.es_mapping import CREATE_TOKEN, from_source, to_source
from services.index.es_search import ElasticsearchSearch
from services.model import Link, Recommendation, utc_now
from services.model import with_links as merged_links

Progress = Callable[[int], None]
T = TypeVar("T")
OPTIMISTIC_RETRIES = 10
MAX_RESULT_WINDOW = 10_000  # Elasticsearch's default `index.max_result_window`


class IdMovedOn(Exception):
    """The id a create tried is held by a document whose key changed since."""


@dataclass(frozen=True, slots=True)
class Version:
    """Where and at which version a document was read: what a conditional write needs."""

    index: str
    seq_no: int
    primary_term: int

    def condition(self) -> dict[str, Any]:
        return {"index": self.index, "if_seq_no": self.seq_no, "if_primary_term": self.primary_term}


class ElasticsearchIndex:
    """`RecommendationIndex` on Elasticsearch 8 (official client; blocking, thread-safe)."""

    def __init__(
        self, client: Elasticsearch, alias: str = "recommendations", refresh: str = "false"
    ) -> None:
        self._client = client
        self._alias = alias
        # When a write becomes visible to searches (`ELASTICSEARCH_REFRESH`).
        self._refresh = refresh
        self.admin = IndexAdmin(client, alias)
        self.blocks = WriteBlocks(client, self.admin)
        self._claims = DuplicateKeys(client, self.admin.keys, self._call, self._key_of)
        self._ready = False
        self._ready_lock = threading.Lock()
        self._searches = ElasticsearchSearch(self._search)

    def _call(self, method: Callable[..., Any], writing: bool = False, **kwargs: Any) -> Any:
        """One client call, after the indexes exist, with the error mapping of `es_errors`.

        A write that meets a reindex's write block raises `WritesPaused` at once (a 503
        with `Retry-After`, or a worker's retry): request threads never wait for a block.
        It also makes sure that a block whose reindex died is lifted (`es_blocks`).
        """
        try:
            with outages(writing):
                self._ensure()
                return method(**kwargs)
        except WritesPaused:
            self.blocks.repair_soon()
            raise

    def _ensure(self) -> None:
        if not self._ready:
            with self._ready_lock:
                if not self._ready:
                    self.admin.ensure()
                    self._ready = True
                    # A process's start lifts a block that a killed reindex left.
                    with contextlib.suppress(ApiError, TransportError):
                        self.blocks.paused()

    # -- RecommendationIndex -------------------------------------------------

    def create(self, recommendation: Recommendation) -> str:
        key = recommendation["dedup_key"]
        for doc_id in ids_to_try(recommendation):
            document: Recommendation = {**recommendation, "id": doc_id}
            try:
                if doc_id == recommendation_id(key):
                    self._create_native(document)
                else:
                    self._create_claimed(document)
            except IdMovedOn:
                continue  # a document whose key changed holds it: the key's next id
            return doc_id
        raise DuplicateRecommendation(recommendation["id"])  # an import's own id, taken

    def _create_native(self, recommendation: Recommendation) -> None:
        """The id is the key's hash: the document is its own claim (`es_keys`)."""
        doc_id, key = recommendation["id"], recommendation["dedup_key"]
        version = self._create_document(recommendation)
        try:
            self._claims.check_unclaimed(key, doc_id)
        except (DuplicateRecommendation, IndexUnavailable):
            with contextlib.suppress(ConflictError, NotFoundError, IndexUnavailable):
                self._call(self._client.delete, id=doc_id, **version.condition())
            raise

    def _create_claimed(self, recommendation: Recommendation) -> None:
        """A document with an id that is not its key's hash (an import's own, or a key's
        next id after a rename): its key is claimed first."""
        doc_id, key = recommendation["id"], recommendation["dedup_key"]
        claimed = self._claims.claim(key, doc_id)
        try:
            self._create_document(recommendation)
        except BaseException:
            if claimed:
                with contextlib.suppress(IndexUnavailable):  # the first error is the one to tell
                    self._give_back(key, doc_id)
            raise

    def _create_document(self, recommendation: Recommendation) -> Version:
        doc_id = recommendation["id"]
        # Tells our own create, sent again by the client after its answer was lost,
        # from a twin's: both find the id taken.
        token = uuid.uuid4().hex
        try:
            written = self._call(
                self._client.create,
                writing=True,
                index=self._alias,
                id=doc_id,
                document={**to_source(recommendation), CREATE_TOKEN: token},
                refresh=self._refresh,
                require_alias=True,
            )
        except ConflictError:
            return self._taken(recommendation, token)
        return Version(written["_index"], written["_seq_no"], written["_primary_term"])

    def _taken(self, recommendation: Recommendation, token: str) -> Version:
        """The id is taken: by our own create, sent again after its answer was lost (its
        version); by a document whose key changed since (`IdMovedOn`); else by the same
        work, a concurrent twin (`DuplicateRecommendation`)."""
        doc_id = recommendation["id"]
        try:
            found = self._call(self._client.get, index=self._alias, id=doc_id)
        except NotFoundError:
            raise DuplicateRecommendation(doc_id) from None  # deleted since: a twin's
        source = found["_source"]
        if source.get(CREATE_TOKEN) == token:
            return Version(found["_index"], found["_seq_no"], found["_primary_term"])
        if moved_on(source["dedup_key"], source.get("source_message_id"), recommendation):
            raise IdMovedOn(doc_id)
        raise DuplicateRecommendation(doc_id)

    def _give_back(self, key: str, doc_id: str) -> None:
        """Release a claim this create made, unless the document stored under the same id
        (a concurrent twin's, which skipped claiming because the owner matched) needs it."""
        if self._key_of(doc_id) != key:
            self._claims.release(key, doc_id)

    def get(self, recommendation_id: str) -> Recommendation:
        return self._get(recommendation_id)[0]

    def update(self, recommendation_id: str, change: Change) -> Recommendation:
        def write(current: Recommendation, version: Version) -> Recommendation:
            changed = change(current)
            self._store_change(current, changed, version)
            return changed

        return self._at_latest_version(recommendation_id, write)

    def _at_latest_version(
        self, recommendation_id: str, write: Callable[[Recommendation, Version], T]
    ) -> T:
        """Read the document and `write` at the version read, again while another write
        came in between (a conflict) or a reindex deleted the index read from (the alias
        has moved on: the next read goes to the new index)."""
        for _ in range(OPTIMISTIC_RETRIES):
            current, version = self._get(recommendation_id)
            try:
                return write(current, version)
            except (ConflictError, IndexMissing):
                continue
        raise IndexUnavailable(f"elasticsearch: {recommendation_id} keeps changing")

    def _store_change(self, current: Recommendation, changed: Recommendation, at: Version) -> None:
        doc_id = changed["id"]
        new_key, old_key = changed["dedup_key"], current["dedup_key"]
        claimed = new_key != old_key and self._claims.claim(new_key, doc_id)
        try:
            self._call(
                self._client.index,
                writing=True,
                id=doc_id,
                document=to_source(changed),
                refresh=self._refresh,
                **at.condition(),
            )
        except BaseException:
            if claimed:
                with contextlib.suppress(IndexUnavailable):
                    self._claims.release(new_key, doc_id)
            raise
        if new_key != old_key:
            self._claims.release(old_key, doc_id)

    def set_links(
        self,
        recommendation_id: str,
        links: dict[str, Link],
        cover_img: str | None = None,
        attribution: str | None = None,
    ) -> Recommendation:
        return self.update(
            recommendation_id,
            lambda doc: merged_links(doc, links, cover_img, utc_now(), attribution),
        )

    def mark_pending(self, recommendation_id: str) -> Recommendation:
        return self.update(recommendation_id, lambda doc: {**doc, "links_status": "pending"})

    def delete(self, recommendation_id: str) -> None:
        def remove(current: Recommendation, version: Version) -> None:
            try:
                self._call(
                    self._client.delete,
                    id=recommendation_id,
                    refresh=self._refresh,
                    **version.condition(),
                )
            except NotFoundError:
                raise NotFound(recommendation_id) from None
            self._claims.release(current["dedup_key"], recommendation_id)

        self._at_latest_version(recommendation_id, remove)

    def search(self, query: SearchQuery) -> SearchPage:
        return self._searches.search(query)

    def suggest(self, prefix: str, limit: int = 10) -> list[Suggestion]:
        return self._searches.suggest(prefix, limit)

    def _search(self, **body: Any) -> Any:
        return self._call(self._client.search, index=self._alias, **body)

    def pending_ids(self, limit: int = 1000) -> list[str]:
        query = {"terms": {"links_status": ["pending", "partial"]}}
        return self._ids(query, [{"updated_at": "asc"}, {"id": "asc"}], limit)

    def links_checked_before(self, timestamp: str, limit: int = 1000) -> list[str]:
        query = {"range": {"links_checked_at": {"lt": timestamp}}}
        return self._ids(query, [{"links_checked_at": "asc"}, {"id": "asc"}], limit)

    def bulk_load(self, recommendations: Iterable[Recommendation]) -> LoadReport:
        [report] = self.bulk_load_batches([list(recommendations)])
        return report

    def bulk_load_batches(self, batches: Iterable[list[Recommendation]]) -> Iterator[LoadReport]:
        for outcome in self._bulk_outcomes(batches):
            yield self._finished(outcome)

    def _bulk_outcomes(self, batches: Iterable[list[Recommendation]]) -> Iterator[BulkOutcome]:
        with outages(writing=True):
            self._ensure()
            refresh = self._refresh != "false"
            yield from bulk_create(self._client, self._alias, self.admin.keys, batches, refresh)

    def _finished(self, outcome: BulkOutcome) -> LoadReport:
        """A batch's report, once what the bulk rules left to the one-at-a-time rules is
        created one by one."""
        if not (outcome.refused or outcome.one_by_one):  # nearly every batch
            return LoadReport(outcome.created)
        documents = outcome.documents
        # A refusal names its document by id: the candidate of its key, the first of its id.
        position = {doc["id"]: n for n, doc in reversed(list(enumerate(documents)))}
        refused = [(position[doc_id], why) for doc_id, why in outcome.refused.items()]
        # Those left to `create` may share an id with a refused one (the same work), so
        # they are placed by object.
        place = {id(doc): n for n, doc in enumerate(documents)}
        created = outcome.created
        for document in outcome.one_by_one:
            try:
                self.create(document)
                created += 1
            except DuplicateRecommendation:
                pass
            except InvalidRecommendation as error:
                refused.append((place[id(document)], str(error)))
        return LoadReport(created, sorted(refused))

    def scan(self) -> Iterator[Recommendation]:
        with outages():
            self._ensure()
            for hit in es_helpers.scan(
                self._client, index=self._alias, size=500, query={"query": {"match_all": {}}}
            ):
                yield from_source(hit["_source"])

    def writes_paused(self) -> str | None:
        """Why the index refuses writes now (a write block); None when it takes them."""
        with outages():
            self._ensure()
            return self.blocks.paused()

    def ping(self) -> None:
        """Ready when the alias's index and the keys index have every primary (not red)."""
        health = self._call(
            self._client.cluster.health, index=f"{self._alias},{self.admin.keys}", timeout="2s"
        )
        if health["status"] == "red" or health.get("timed_out"):
            raise IndexUnavailable(f"elasticsearch: the index is {health['status']}")

    def close(self) -> None:
        self._client.close()

    # -- operations ----------------------------------------------------------

    def reindex(self, progress: Progress | None = None) -> str:
        """Copy every document into a new versioned index and swap the alias to it
        (`es_reindex`); `ReindexRunning` when another reindex runs."""
        from services.index.es_reindex import OnlineReindex

        with outages():
            self._ensure()
            self.blocks.wait_for_repair()  # started by `_ensure`: the lease is free after it
            return OnlineReindex(self._client, self.admin, progress).run()

    def drop(self) -> None:
        """Delete the alias's indexes and the keys index (tests)."""
        self.admin.drop()
        self._ready = False

    # -- helpers -------------------------------------------------------------

    def _get(self, recommendation_id: str) -> tuple[Recommendation, Version]:
        try:
            found = self._call(self._client.get, index=self._alias, id=recommendation_id)
        except NotFoundError:
            raise NotFound(recommendation_id) from None
        version = Version(found["_index"], found["_seq_no"], found["_primary_term"])
        return from_source(found["_source"]), version

    def _key_of(self, recommendation_id: str) -> str | None:
        """The duplicate key a stored document holds; None when there is no such document."""
        try:
            return str(self._get(recommendation_id)[0]["dedup_key"])
        except NotFound:
            return None

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
