"""Loading many documents at once, with the same duplicate rules as one create (`es_keys`)."""

from __future__ import annotations

import logging
from typing import Any

from elasticsearch import Elasticsearch
from elasticsearch import helpers as es_helpers

from services.dedup import recommendation_id
from services.errors import IndexUnavailable, InvalidRecommendation
from services.index.es_keys import CLAIM_GRACE_SECONDS, now_ms
from services.index.es_mapping import to_source
from services.model import Recommendation

log = logging.getLogger(__name__)

BULK_CHUNK = 500
# Two requests in flight: the node indexes one chunk while we encode the next.
BULK_THREADS = 2
Results = dict[str, dict[str, Any]]


def bulk_create(
    client: Elasticsearch,
    alias: str,
    keys: str,
    documents: list[Recommendation],
    refresh: bool = False,
) -> int:
    """Create the documents whose key and id are free; return how many were created.

    Of documents sharing a key within the batch only the first is a candidate. A
    document whose id is its key's hash is created, then undone if a claim elsewhere
    holds its key; one with an id of its own claims its key first.
    """
    candidates = _first_of_each_key(documents)
    native = [doc for doc in candidates if doc["id"] == recommendation_id(doc["dedup_key"])]
    claimed = [doc for doc in candidates if doc["id"] != recommendation_id(doc["dedup_key"])]
    created = _create_native(client, alias, keys, native) + _create_claimed(
        client, alias, keys, claimed
    )
    if refresh:
        client.indices.refresh(index=alias)
    return created


def _create_native(
    client: Elasticsearch, alias: str, keys: str, documents: list[Recommendation]
) -> int:
    stored = _created(client, alias, documents)
    if not stored:
        return 0
    # Read the claims after writing, as one create does: a document that changed its key
    # to one of these may hold it (the claim's `_id` is the key's hash: our id).
    found = client.mget(index=keys, ids=list(stored))["docs"]
    claims = {c["_id"]: c["_source"] for c in found if c.get("found")}
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
    return len(stored) - len(undone)


def _create_claimed(
    client: Elasticsearch, alias: str, keys: str, documents: list[Recommendation]
) -> int:
    """Documents with ids of their own: claim each key, then create those whose claim
    holds and whose key no document holds by its id; give back the claims of the rest."""
    if not documents:
        return 0
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
    # Then read the documents named by the keys, as one claim does.
    native_keys = _keys_held(client, alias, list(claimed_now))
    allowed = [
        doc
        for doc in documents
        if (key_of[doc["id"]] in claimed_now or holders.get(key_of[doc["id"]]) == doc["id"])
        and native_keys.get(key_of[doc["id"]]) != doc["dedup_key"]
    ]
    stored = _created(client, alias, allowed)
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
    return len(stored)


def _created(client: Elasticsearch, alias: str, documents: list[Recommendation]) -> Results:
    """Create the documents; the results of those created (a taken id or a document the
    mapping refuses is skipped, as a duplicate is)."""
    results = _bulk(
        client,
        [
            {"_op_type": "create", "_index": alias, "_id": doc["id"], "_source": to_source(doc)}
            for doc in documents
        ],
        # Never let a lost alias turn into a new index with a dynamic mapping.
        require_alias=True,
    )
    for doc_id, result in results.items():
        if result["status"] >= 400 and result["status"] != 409:
            log.warning(
                "bulk load refused a document", extra={"id": doc_id, "status": result["status"]}
            )
    return {doc_id: result for doc_id, result in results.items() if result["status"] in (200, 201)}


def _keys_held(client: Elasticsearch, alias: str, ids: list[str]) -> dict[str, str]:
    """The duplicate key each of these stored documents holds (absent: no such document)."""
    if not ids:
        return {}
    found = client.mget(index=alias, ids=ids, source_includes=["dedup_key"])["docs"]
    return {d["_id"]: d["_source"]["dedup_key"] for d in found if d.get("found")}


def _young(claim: dict[str, Any]) -> bool:
    """A claim whose owner may be writing its document right now (`es_keys`)."""
    return bool(now_ms() - claim.get("claimed_at", 0) < CLAIM_GRACE_SECONDS * 1000)


def _first_of_each_key(documents: list[Recommendation]) -> list[Recommendation]:
    # Bulk actions run independently: two creates of one key in a batch would both claim
    # "successfully" (the second sees its own batch's claim as another's), so only the
    # first goes in; the others count as the duplicates they are.
    first: dict[str, Recommendation] = {}
    for document in documents:
        first.setdefault(document["dedup_key"], document)
    return list(first.values())


def _statuses(results: Results) -> dict[str, int]:
    return {doc_id: int(result["status"]) for doc_id, result in results.items()}


def _bulk(client: Elasticsearch, actions: list[dict[str, Any]], **options: Any) -> Results:
    """Each action's `_id` -> its result; a conflict (409) is an answer, not an error.
    The index down, blocked (403) or missing (404) makes the whole load unavailable."""
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
        results.setdefault(result["_id"], {**result, "status": status})
    return results
