"""After a reindex swapped the alias: carry over what changed in the old index meanwhile.

While the copy runs, writes still go (through the alias) to the old index, after the
scroll's snapshot was taken. Once the alias points at the new index, documents the old
index changed or created since the copy started are written to the new one unless it
already holds a newer version, and documents deleted meanwhile are deleted unless they
were written again after the swap. `mark_pending` (which keeps `updated_at`) is the one
change not carried over; the next lookup or `relookup` sets the status again.
"""

from __future__ import annotations

from typing import Any

from elasticsearch import ConflictError, Elasticsearch, NotFoundError
from elasticsearch import helpers as es_helpers

from services.index.es_mapping import from_source, to_source


def catch_up(
    client: Elasticsearch, old: list[str], new: str, started: str, copied: set[str]
) -> int:
    """Apply the old indexes' changes since `started` to `new`; return how many."""
    if not old:
        return 0
    client.indices.refresh(index=old)
    present: set[str] = set()
    applied = 0
    for hit in es_helpers.scan(client, index=old, size=500):
        present.add(hit["_id"])
        # New since the snapshot (whatever its timestamps say, e.g. an import), or changed.
        if hit["_id"] not in copied or hit["_source"].get("updated_at", "") >= started:
            applied += _carry(client, new, hit["_id"], hit["_source"])
    for doc_id in copied - present:
        applied += _forget(client, new, doc_id, started)
    return applied


def _carry(client: Elasticsearch, new: str, doc_id: str, source: dict[str, Any]) -> int:
    document = to_source(from_source(source))
    try:
        current = client.get(index=new, id=doc_id)
    except NotFoundError:
        try:
            client.create(index=new, id=doc_id, document=document)
        except ConflictError:
            return 0  # created in the new index after the swap: that one is newer
        return 1
    if current["_source"].get("updated_at", "") >= source.get("updated_at", ""):
        return 0
    try:
        client.index(
            index=new,
            id=doc_id,
            document=document,
            if_seq_no=current["_seq_no"],
            if_primary_term=current["_primary_term"],
        )
    except ConflictError:
        return 0  # written in the new index meanwhile: that one is newer
    return 1


def _forget(client: Elasticsearch, new: str, doc_id: str, started: str) -> int:
    try:
        current = client.get(index=new, id=doc_id)
        if current["_source"].get("updated_at", "") >= started:
            return 0  # written again after the swap
        client.delete(
            index=new,
            id=doc_id,
            if_seq_no=current["_seq_no"],
            if_primary_term=current["_primary_term"],
        )
    except (NotFoundError, ConflictError):
        return 0
    return 1
