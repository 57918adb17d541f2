"""Loading many documents at once, with the same duplicate rules as one create (`es_keys`)."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
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
# Claims read by one search: half its default window (`index.max_result_window`).
CLAIMS_PER_READ = 5000
# Well under Elasticsearch's 100 MB request limit (`http.max_content_length`) whatever
# the documents hold.
BULK_BYTES = 10 * 1024 * 1024
# Two requests in flight: a single-shard index writes one request on one thread.
BULK_THREADS = 2
Results = dict[str, dict[str, Any]]


@dataclass
class BulkOutcome:
    """What loading one batch did: how many it created, which documents (by id) could
    not be stored and why, and those left to the one-at-a-time rules of `create` (an id
    held by a document whose key changed, a claim whose holder may have let go, the next
    of a work whose first was refused)."""

    documents: list[Recommendation]
    created: int = 0
    refused: dict[str, str] = field(default_factory=dict)
    one_by_one: list[Recommendation] = field(default_factory=list)


def bulk_create(
    client: Elasticsearch,
    alias: str,
    keys: str,
    batches: Iterable[list[Recommendation]],
    refresh: bool = False,
) -> Iterator[BulkOutcome]:
    """Create the documents of each batch whose key and id are free; each batch's
    outcome in turn, as soon as the batch is settled.

    Of documents sharing a key within a batch only the first is a candidate; when it
    cannot be stored, the others go to `create`, which keeps the next it can. A document
    whose id is its key's hash is created, then undone if a claim elsewhere holds its
    key; one with an id of its own claims its key first.

    The first kind, nearly every document of an import, streams from batch to batch
    through one pipeline of bulk requests (`_answers`): the node writes the next batch
    while this one's claims are read and settled, so a batch no longer ends in an empty
    pipeline. A batch whose settling may claim keys (`_Batch.settles_alone`) ends the
    stream, so that no claim of it races the next batch's writes of the same key.
    """
    stream = _Stream(batches)
    while not stream.exhausted:
        yield from _load_run(client, alias, keys, stream.run(), refresh)


class _Batch:
    """One batch's candidates, split by the way their keys are held, and what its load
    found so far."""

    def __init__(self, documents: list[Recommendation]) -> None:
        candidates, self.runners_up = _first_of_each_key(documents)
        self.key_of = {doc["id"]: doc["dedup_key"] for doc in candidates}
        self.native: list[Recommendation] = []
        self.claimed: list[Recommendation] = []
        for doc in candidates:
            is_native = doc["id"] == recommendation_id(doc["dedup_key"])
            (self.native if is_native else self.claimed).append(doc)
        self.outcome = BulkOutcome(documents)
        self.results: Results = {}

    @property
    def settles_alone(self) -> bool:
        # Settling it claims keys: for documents with ids of their own, and through
        # `create` for the others of a key whose first is refused.
        return bool(self.claimed or self.runners_up)

    def answered(self, doc_id: str, result: dict[str, Any]) -> None:
        """The node's answer to writing one of its native documents."""
        self.results[doc_id] = result
        if (why := _refusal(result)) is not None:
            self.outcome.refused[doc_id] = why


class _Stream:
    """The batches in turn, a run at a time: a run ends after a batch that settles alone."""

    def __init__(self, batches: Iterable[list[Recommendation]]) -> None:
        self._batches = iter(batches)
        self.exhausted = False

    def run(self) -> Iterator[_Batch]:
        for documents in self._batches:
            batch = _Batch(documents)
            yield batch
            if batch.settles_alone:
                return
        self.exhausted = True


def _load_run(
    client: Elasticsearch,
    alias: str,
    keys: str,
    batches: Iterator[_Batch],
    refresh: bool,
) -> Iterator[BulkOutcome]:
    # What the node's answers will be, in order (it answers chunk by chunk, each in the
    # order written): each native document's batch and id, then its batch and None once
    # the batch's last document is written.
    expected: deque[tuple[_Batch, str | None]] = deque()

    def actions() -> Iterator[dict[str, Any]]:
        # Read ahead of the answers: up to the chunks in flight and the one being made.
        for batch in batches:
            for action in _create_actions(alias, batch.native, batch.outcome):
                expected.append((batch, action["_id"]))
                yield action
            expected.append((batch, None))

    # A written batch is settled in a thread of its own, one after the other, while the
    # next batches stream on: a settle waits on the node (its claims read begins with a
    # refresh), and the stream would run dry meanwhile.
    settling: deque[Future[BulkOutcome]] = deque()
    with ThreadPoolExecutor(1, thread_name_prefix="bulk-settle") as settler:

        def written() -> None:
            while expected and expected[0][1] is None:
                batch, _ = expected.popleft()
                settling.append(settler.submit(_settled, client, alias, keys, batch, refresh))

        def settled() -> Iterator[BulkOutcome]:
            while settling and settling[0].done():
                yield settling.popleft().result()

        try:
            for doc_id, result in _answers(client, actions(), require_alias=True):
                written()
                batch, written_id = expected.popleft()
                if written_id != doc_id:  # the node answers in order; never go on unsure
                    raise IndexUnavailable(f"bulk answered {doc_id}, not {written_id}")
                batch.answered(doc_id, result)
                written()
                yield from settled()
            written()
            while settling:
                yield settling.popleft().result()
        finally:
            for waiting in settling:  # a load given up: no batch is settled unreported
                waiting.cancel()


def _settled(
    client: Elasticsearch, alias: str, keys: str, batch: _Batch, refresh: bool
) -> BulkOutcome:
    """The batch's outcome, once its native documents are all written."""
    outcome = batch.outcome
    _settle_native(client, alias, keys, batch)
    _create_claimed(client, alias, keys, batch.claimed, outcome)
    for doc_id in outcome.refused:
        outcome.one_by_one += batch.runners_up.get(batch.key_of[doc_id], [])
    if refresh:
        client.indices.refresh(index=alias)
    return outcome


def _settle_native(client: Elasticsearch, alias: str, keys: str, batch: _Batch) -> None:
    """Undo each of the batch's written native documents whose key a claim elsewhere
    holds: a document that changed its key to one of these may hold it (the claim's
    `_id` is the key's hash: our id)."""
    documents, results, outcome = batch.native, batch.results, batch.outcome
    stored = {doc_id: result for doc_id, result in results.items() if result["status"] < 300}
    taken = [doc for doc in documents if results.get(doc["id"], {}).get("status") == 409]
    outcome.one_by_one += _moved_on(client, alias, taken)
    if not stored:
        return
    claims = _claims(client, keys, list(stored))
    contested = {doc_id: claim for doc_id, claim in claims.items() if claim["owner"] != doc_id}
    holders = _keys_held(client, alias, [claim["owner"] for claim in contested.values()])
    undone = [
        doc_id
        for doc_id, claim in contested.items()
        if holders.get(claim["owner"]) == batch.key_of[doc_id] or _young(claim)
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
    client: Elasticsearch, alias: str, documents: list[Recommendation], outcome: BulkOutcome
) -> Results:
    """Create the documents; each one's result (a taken id is a 409). A document that
    cannot be written, or that the mapping refuses, goes into `outcome.refused` with the
    reason."""
    results = _bulk(client, _create_actions(alias, documents, outcome), require_alias=True)
    for doc_id, result in results.items():
        if (why := _refusal(result)) is not None:
            outcome.refused[doc_id] = why
    return results


def _create_actions(
    alias: str, documents: list[Recommendation], outcome: BulkOutcome
) -> Iterator[dict[str, Any]]:
    """The bulk actions creating these documents, made as they are sent: a chunk is made
    while the node writes those before it, so making them costs the load no wait. One
    that cannot be written goes into `outcome.refused`."""
    for doc in documents:
        try:
            source = source_json(doc)
        except InvalidRecommendation as why:
            outcome.refused[doc["id"]] = str(why)
            continue
        # `require_alias` (the caller's): never let a lost alias become a new index with
        # a dynamic mapping.
        yield {"_index": alias, "_id": doc["id"], "_source": source}


def _refusal(result: dict[str, Any]) -> str | None:
    """Why the node refused to create a document; None when it created it, or when its
    id was taken (409: an answer, not a refusal)."""
    if result["status"] < 400 or result["status"] == 409:
        return None
    error = result.get("error") or {}
    reason = error.get("reason", error) if isinstance(error, dict) else error
    return f"elasticsearch refused the document: {reason}"


def _claims(client: Elasticsearch, keys: str, ids: list[str]) -> dict[str, dict[str, Any]]:
    """The duplicate-key claims (by `_id`: the key's hash) among `ids`, read after the
    documents were written, as one create reads its key's claim after writing (`es_keys`).

    A refresh, then one search per `CLAIMS_PER_READ` ids: it sees every claim made
    before the refresh began, as a realtime get does, so a claim racing these writes is
    seen here or sees them. A realtime get for each id cost the node a sixth of its
    indexing (docs/profiles.md); a refresh with nothing new is free, and the keys index
    changes only when a key moves away from its document's id."""
    if not ids:
        return {}
    client.indices.refresh(index=keys)
    found: dict[str, dict[str, Any]] = {}
    for start in range(0, len(ids), CLAIMS_PER_READ):
        part = ids[start : start + CLAIMS_PER_READ]
        hits = client.search(index=keys, query={"ids": {"values": part}}, size=len(part))
        found.update({hit["_id"]: hit["_source"] for hit in hits["hits"]["hits"]})
    return found


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
    return {doc_id: result["status"] for doc_id, result in results.items()}  # ints already


def _bulk(client: Elasticsearch, actions: Iterable[dict[str, Any]], **options: Any) -> Results:
    """Each create's `_id` -> its result; the first answer for an id counts (a batch may
    hold the same work twice)."""
    results: Results = {}
    for doc_id, result in _answers(client, actions, **options):
        results.setdefault(doc_id, result)
    return results


def _answers(
    client: Elasticsearch, actions: Iterable[dict[str, Any]], **options: Any
) -> Iterator[tuple[str, dict[str, Any]]]:
    """Each create's `_id` and result (its `status` an int), in the order written; a
    conflict (409) is an answer, not an error. The index down, blocked (403) or missing
    (404) makes the whole load unavailable.

    `BULK_THREADS` chunks are in flight and one more waits, ready, for the first of
    them to be answered: the node writes a chunk per thread all along, while the next
    is made. Not the client's `parallel_bulk`: once one of its chunks fails, it still
    sends every action it can take before it raises (a whole import's stream); here the
    stream stops at the chunks in flight."""
    with ThreadPoolExecutor(BULK_THREADS, thread_name_prefix="bulk") as pool:
        in_flight: deque[Future[Any]] = deque()
        try:
            for chunk in _chunks(actions):
                in_flight.append(pool.submit(client.bulk, operations=chunk, **options))
                if len(in_flight) > BULK_THREADS:
                    yield from _results(in_flight.popleft().result())
            while in_flight:
                yield from _results(in_flight.popleft().result())
        finally:
            for waiting in in_flight:
                waiting.cancel()


def _chunks(actions: Iterable[dict[str, Any]]) -> Iterator[list[Any]]:
    """The creates (`_index`, `_id`, `_source`) as bulk request lines, `BULK_CHUNK`
    documents or `BULK_BYTES` a request."""
    lines: list[Any] = []
    size = 0
    for action in actions:
        source = action["_source"]
        lines += [{"create": {"_index": action["_index"], "_id": action["_id"]}}, source]
        size += len(source) if isinstance(source, bytes) else 0
        if len(lines) == 2 * BULK_CHUNK or size >= BULK_BYTES:
            yield lines
            lines, size = [], 0
    if lines:
        yield lines


def _results(answer: Any) -> Iterator[tuple[str, dict[str, Any]]]:
    for item in answer["items"]:
        result = next(iter(item.values()))
        # The answer is parsed for us alone: its status made an int in place, not copied.
        result["status"] = status = int(result["status"])
        if status >= 500 or status in (403, 404, 429):
            raise IndexUnavailable(f"elasticsearch bulk: {result.get('error')}")
        yield result["_id"], result
