"""Loading many documents at once, with the same duplicate rules as one create (`es_keys`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from elasticsearch import Elasticsearch
from elasticsearch import helpers as es_helpers

from services.dedup import moved_on, recommendation_id
from services.errors import IndexUnavailable, InvalidRecommendation
from services.index.es_keys import CLAIM_GRACE_SECONDS, now_ms
from services.index.es_mapping import source_json
from services.model import Recommendation

# What deciding whether an id's holder moved on reads of it.
HOLDER_FIELDS = ["dedup_key", "source_message_id"]
BULK_CHUNK = 500
# Two requests in flight: the node indexes one chunk while we encode the next.
BULK_THREADS = 2
Results = dict[str, dict[str, Any]]


@dataclass
class BulkOutcome:
    """What one bulk load did: how many it created, which documents (by id) could not be
    stored and why, and those left to the one-at-a-time rules of `create` (an id held by
    a document whose key changed, a claim whose holder may have let go, the next of a
    work whose first was refused)."""

    created: int = 0
    refused: dict[str, str] = field(default_factory=dict)
    one_by_one: list[Recommendation] = field(default_factory=list)


def bulk_create(
    client: Elasticsearch,
    alias: str,
    keys: str,
    documents: list[Recommendation],
    refresh: bool = False,
) -> BulkOutcome:
    """Create the documents whose key and id are free.

    Of documents sharing a key within the batch only the first is a candidate; when it
    cannot be stored, the others go to `create`, which keeps the next it can. A document
    whose id is its key's hash is created, then undone if a claim elsewhere holds its
    key; one with an id of its own claims its key first.
    """
    candidates, runners_up = _first_of_each_key(documents)
    native = [doc for doc in candidates if doc["id"] == recommendation_id(doc["dedup_key"])]
    claimed = [doc for doc in candidates if doc["id"] != recommendation_id(doc["dedup_key"])]
    outcome = BulkOutcome()
    _create_native(client, alias, keys, native, outcome)
    _create_claimed(client, alias, keys, claimed, outcome)
    key_of = {doc["id"]: doc["dedup_key"] for doc in candidates}
    for doc_id in outcome.refused:
        outcome.one_by_one += runners_up.get(key_of[doc_id], [])
    if refresh:
        client.indices.refresh(index=alias)
    return outcome


def _create_native(
    client: Elasticsearch,
    alias: str,
    keys: str,
    documents: list[Recommendation],
    outcome: BulkOutcome,
) -> None:
    # Read the claims after writing, as one create does: a document that changed its key
    # to one of these may hold it (the claim's `_id` is the key's hash: our id). Each
    # chunk's claims are read as soon as that chunk is written, while the next is.
    with _ClaimsReader(client, keys) as reader:
        results = _created(client, alias, documents, outcome, reader.stored)
        claims = reader.claims()
    stored = {doc_id: result for doc_id, result in results.items() if result["status"] < 300}
    taken = [doc for doc in documents if results.get(doc["id"], {}).get("status") == 409]
    outcome.one_by_one += _moved_on(client, alias, taken)
    if not stored:
        return
    contested = {doc_id: claim for doc_id, claim in claims.items() if claim["owner"] != doc_id}
    key_by_id = {doc["id"]: doc["dedup_key"] for doc in documents}
    holders = _keys_held(client, alias, [claim["owner"] for claim in contested.values()])
    undone = [
        doc_id
        for doc_id, claim in contested.items()
        if holders.get(claim["owner"]) == key_by_id[doc_id] or _young(claim)
    ]
    if undone:
        es_helpers.bulk(
            client,
            [
                {
                    "_op_type": "delete",
                    "_index": stored[doc_id]["_index"],
                    "_id": doc_id,
                    "if_seq_no": stored[doc_id]["_seq_no"],
                    "if_primary_term": stored[doc_id]["_primary_term"],
                }
                for doc_id in undone
            ],
            raise_on_error=False,
        )
    outcome.created += len(stored) - len(undone)


def _moved_on(
    client: Elasticsearch, alias: str, documents: list[Recommendation]
) -> list[Recommendation]:
    """Of documents whose id was taken, those whose id's holder changed its key since:
    their key is free, at its next id (`ids_to_try`), which `create` finds."""
    if not documents:
        return []
    found = client.mget(
        index=alias, ids=[doc["id"] for doc in documents], source_includes=HOLDER_FIELDS
    )["docs"]
    holders = {d["_id"]: d["_source"] for d in found if d.get("found")}
    return [
        doc
        for doc in documents
        if doc["id"] in holders
        and moved_on(
            holders[doc["id"]]["dedup_key"], holders[doc["id"]].get("source_message_id"), doc
        )
    ]


def _create_claimed(
    client: Elasticsearch,
    alias: str,
    keys: str,
    documents: list[Recommendation],
    outcome: BulkOutcome,
) -> None:
    """Documents with ids of their own: claim each key, then create those whose claim
    holds and whose key no document holds by its id; give back the claims of the rest.
    A claim held by another document that does not hold the key (any more) is left to
    `create`, which takes it over once it is old enough."""
    if not documents:
        return
    key_of = {doc["id"]: recommendation_id(doc["dedup_key"]) for doc in documents}
    claims = _statuses(
        _bulk(
            client,
            [
                {
                    "_op_type": "create",
                    "_index": keys,
                    "_id": key_of[doc["id"]],
                    "_source": {"owner": doc["id"], "claimed_at": now_ms()},
                }
                for doc in documents
            ],
        )
    )
    if any(status >= 400 and status != 409 for status in claims.values()):
        raise InvalidRecommendation("elasticsearch refused a duplicate-key claim")
    contested = [key_id for key_id, status in claims.items() if status == 409]
    holders: dict[str, str] = {}
    if contested:
        found = client.mget(index=keys, ids=contested)
        holders = {d["_id"]: d["_source"]["owner"] for d in found["docs"] if d.get("found")}
    claimed_now = {key_id for key_id, status in claims.items() if status in (200, 201)}
    # A claim another document holds: a duplicate while that one holds the key; else (it
    # let go, or never stored it) `create`'s, which takes the claim over once it is old.
    foreign = [doc for doc in documents if holders.get(key_of[doc["id"]], doc["id"]) != doc["id"]]
    held_by = _keys_held(client, alias, [holders[key_of[doc["id"]]] for doc in foreign])
    outcome.one_by_one += [
        doc for doc in foreign if held_by.get(holders[key_of[doc["id"]]]) != doc["dedup_key"]
    ]
    # Then read the documents named by the keys, as one claim does.
    native_keys = _keys_held(client, alias, list(claimed_now))
    allowed = [
        doc
        for doc in documents
        if (key_of[doc["id"]] in claimed_now or holders.get(key_of[doc["id"]]) == doc["id"])
        and native_keys.get(key_of[doc["id"]]) != doc["dedup_key"]
    ]
    results = _created(client, alias, allowed, outcome)
    stored = {doc_id for doc_id, result in results.items() if result["status"] < 300}
    given_back = [
        key_of[doc["id"]]
        for doc in documents
        if doc["id"] not in stored and key_of[doc["id"]] in claimed_now
    ]
    if given_back:
        es_helpers.bulk(
            client,
            [{"_op_type": "delete", "_index": keys, "_id": key_id} for key_id in given_back],
            raise_on_error=False,
        )
    outcome.created += len(stored)


def _created(
    client: Elasticsearch,
    alias: str,
    documents: list[Recommendation],
    outcome: BulkOutcome,
    on_stored: Callable[[str], None] | None = None,
) -> Results:
    """Create the documents; each one's result (a taken id is a 409). A document that
    cannot be written, or that the mapping refuses, goes into `outcome.refused` with the
    reason. `on_stored` hears of each document created, as its chunk is answered."""

    def actions() -> Iterator[dict[str, Any]]:
        # Made as the client asks for them: the client chunks them in a thread of its own
        # while the node writes the chunks before, so making them costs the load no wait.
        for doc in documents:
            try:
                source = source_json(doc)
            except InvalidRecommendation as why:
                outcome.refused[doc["id"]] = str(why)
                continue
            yield {"_op_type": "create", "_index": alias, "_id": doc["id"], "_source": source}

    results = _bulk(
        client,
        actions(),
        # Never let a lost alias turn into a new index with a dynamic mapping.
        require_alias=True,
        on_result=on_stored and (lambda doc_id, status: status < 300 and on_stored(doc_id)),
    )
    for doc_id, result in results.items():
        if result["status"] >= 400 and result["status"] != 409:
            error = result.get("error") or {}
            reason = error.get("reason", error) if isinstance(error, dict) else error
            outcome.refused[doc_id] = f"elasticsearch refused the document: {reason}"
    return results


def _keys_held(client: Elasticsearch, alias: str, ids: list[str]) -> dict[str, str]:
    """The duplicate key each of these stored documents holds (absent: no such document)."""
    if not ids:
        return {}
    found = client.mget(index=alias, ids=ids, source_includes=["dedup_key"])["docs"]
    return {d["_id"]: d["_source"]["dedup_key"] for d in found if d.get("found")}


def _young(claim: dict[str, Any]) -> bool:
    """A claim whose owner may be writing its document right now (`es_keys`)."""
    return bool(now_ms() - claim.get("claimed_at", 0) < CLAIM_GRACE_SECONDS * 1000)


def _first_of_each_key(
    documents: list[Recommendation],
) -> tuple[list[Recommendation], dict[str, list[Recommendation]]]:
    """The first document of each key, and the others of each key in order."""
    # Bulk actions run independently: two creates of one key in a batch would both claim
    # "successfully" (the second sees its own batch's claim as another's), so only the
    # first goes in; the others count as the duplicates they are, unless it is refused.
    first: dict[str, Recommendation] = {}
    others: dict[str, list[Recommendation]] = {}
    for document in documents:
        if first.setdefault(document["dedup_key"], document) is not document:
            others.setdefault(document["dedup_key"], []).append(document)
    return list(first.values()), others


def _statuses(results: Results) -> dict[str, int]:
    return {doc_id: int(result["status"]) for doc_id, result in results.items()}


def _bulk(
    client: Elasticsearch,
    actions: Iterable[dict[str, Any]],
    on_result: Callable[[str, int], object] | None = None,
    **options: Any,
) -> Results:
    """Each action's `_id` -> its result; a conflict (409) is an answer, not an error.
    The index down, blocked (403) or missing (404) makes the whole load unavailable.
    `on_result(id, status)` hears of each first result as it comes."""
    results: Results = {}
    for _ok, item in es_helpers.parallel_bulk(
        client,
        actions,
        thread_count=BULK_THREADS,
        chunk_size=BULK_CHUNK,
        raise_on_error=False,
        raise_on_exception=True,
        **options,
    ):
        result = next(iter(item.values()))
        status = int(result["status"])
        if status >= 500 or status in (403, 404, 429):
            raise IndexUnavailable(f"elasticsearch bulk: {result.get('error')}")
        # The first answer for an id counts (a batch may hold the same work twice).
        if result["_id"] not in results:
            results[result["_id"]] = {**result, "status": status}
            if on_result is not None:
                on_result(result["_id"], status)
    return results


class _ClaimsReader:
    """Reads the duplicate-key claims of stored documents (`_id`: the key's hash, their
    id) a chunk at a time in a thread of its own: the node answers the read of one
    chunk while it indexes the next, so an ingest waits for the last read only."""

    def __init__(self, client: Elasticsearch, keys: str) -> None:
        self._client = client
        self._keys = keys
        self._waiting: list[str] = []
        self._reads: list[Future[dict[str, dict[str, Any]]]] = []
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="bulk-claims")

    def __enter__(self) -> _ClaimsReader:
        return self

    def __exit__(self, *_: object) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def stored(self, doc_id: str) -> None:
        self._waiting.append(doc_id)
        if len(self._waiting) >= BULK_CHUNK:
            self._read_waiting()

    def claims(self) -> dict[str, dict[str, Any]]:
        """Every claim found of the stored documents, by `_id`; raises what a read raised."""
        self._read_waiting()
        found: dict[str, dict[str, Any]] = {}
        for read in self._reads:
            found.update(read.result())
        return found

    def _read_waiting(self) -> None:
        if self._waiting:
            ids, self._waiting = self._waiting, []
            self._reads.append(self._pool.submit(self._read, ids))

    def _read(self, ids: list[str]) -> dict[str, dict[str, Any]]:
        found = self._client.mget(index=self._keys, ids=ids)["docs"]
        return {c["_id"]: c["_source"] for c in found if c.get("found")}
