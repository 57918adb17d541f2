"""Loading many documents at once, with the same duplicate rules as one create."""

from __future__ import annotations

import logging
from typing import Any

from elasticsearch import Elasticsearch
from elasticsearch import helpers as es_helpers

from services.dedup import recommendation_id
from services.errors import IndexUnavailable, InvalidRecommendation
from services.index.es_keys import now_ms
from services.index.es_mapping import to_source
from services.model import Recommendation

log = logging.getLogger(__name__)

BULK_CHUNK = 500
BULK_THREADS = 2


def bulk_create(
    client: Elasticsearch,
    alias: str,
    keys: str,
    documents: list[Recommendation],
    refresh: bool | str = False,
) -> int:
    """Create the documents whose key and id are free; return how many were created.

    Of documents sharing a key within the batch only the first is a candidate. Then
    every candidate's duplicate key is claimed (`create` in the keys index), and the
    documents whose claim holds are created; claims of documents that turned out to
    exist already, or that the mapping refused, are given back.
    """
    documents = _first_of_each_key(documents)
    if not documents:
        return 0
    key_of = {doc["id"]: recommendation_id(doc["dedup_key"]) for doc in documents}
    claims = _statuses(
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
    if any(status >= 400 and status != 409 for status in claims.values()):
        raise InvalidRecommendation("elasticsearch refused a duplicate-key claim")
    contested = [key_id for key_id, status in claims.items() if status == 409]
    holders: dict[str, str] = {}
    if contested:
        found = client.mget(index=keys, ids=contested)
        holders = {d["_id"]: d["_source"]["owner"] for d in found["docs"] if d.get("found")}
    claimed_now = {key_id for key_id, status in claims.items() if status in (200, 201)}
    allowed = [
        doc
        for doc in documents
        if key_of[doc["id"]] in claimed_now or holders.get(key_of[doc["id"]]) == doc["id"]
    ]
    created = _statuses(
        client,
        [
            {"_op_type": "create", "_index": alias, "_id": doc["id"], "_source": to_source(doc)}
            for doc in allowed
        ],
        # Never let a lost alias turn into a new index with a dynamic mapping.
        require_alias=True,
    )
    for doc_id, status in created.items():
        if status >= 400 and status != 409:
            # The mapping refused it (a field it does not know): skip it, as a duplicate is.
            log.warning("bulk load refused a document", extra={"id": doc_id, "status": status})
    refused = [doc for doc in allowed if created.get(doc["id"], 0) >= 400]
    given_back = [key_of[doc["id"]] for doc in refused if key_of[doc["id"]] in claimed_now]
    if given_back:
        es_helpers.bulk(
            client,
            [{"_op_type": "delete", "_index": keys, "_id": key_id} for key_id in given_back],
            raise_on_error=False,
        )
    if refresh:
        client.indices.refresh(index=alias)
    return sum(1 for status in created.values() if status in (200, 201))


def _first_of_each_key(documents: list[Recommendation]) -> list[Recommendation]:
    # Bulk actions run independently: two creates of one key in a batch would both claim
    # "successfully" (the second sees its own batch's claim as another's), so only the
    # first goes in; the others count as the duplicates they are.
    first: dict[str, Recommendation] = {}
    for document in documents:
        first.setdefault(document["dedup_key"], document)
    return list(first.values())


def _statuses(
    client: Elasticsearch, actions: list[dict[str, Any]], **options: Any
) -> dict[str, int]:
    """Each action's `_id` -> its HTTP status; a conflict (409) is an answer, not an error.
    The index down, blocked (403) or missing (404) makes the whole load unavailable."""
    statuses: dict[str, int] = {}
    # Two requests in flight: the node indexes one chunk while we encode the next
    # (bulk ingest in docs/benchmarks.md).
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
        statuses.setdefault(result["_id"], status)
    return statuses
