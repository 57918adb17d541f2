"""The copy a reindex makes: a snapshot of the old index, then the changes since, round
after round, and the documents deleted meanwhile, each step bounded by what changed.

Rounds follow the global checkpoint, the sequence number up to which every copy of the
shard (primary and replicas) has every operation. A round reads it, refreshes, and copies
every document whose `_seq_no` is above the previous round's checkpoint. Whichever copy
serves the search, it holds every operation up to the checkpoint; after a fail-over, the
new primary numbers its writes above it. (The primary's local checkpoint is neither:
writes it counts may be missing from the replica that answers, and a promoted replica
numbers its writes again from below it.)

A document copied at a state above its round's checkpoint is "uncertain": that state may
be rolled back by a fail-over. Once writes are blocked, each one whose version changed
since is copied again.

Deletes leave nothing to query by sequence number: the ids copied are compared with the
old index by counts over ranges of ids, narrowed where the old index holds fewer, so
that finding them costs requests in proportion to how many there are.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from elasticsearch import Elasticsearch
from elasticsearch import helpers as es_helpers

from services.index.es_mapping import from_source, source_json

Progress = Callable[[int], None]
PAGE = 1000
# Narrowing the search for deletes: ranges split this many ways, listed once this small.
FANOUT = 16
LEAF = 500
FILTERS_PER_REQUEST = 256


class CatchUpCopy:
    """Copies `old` into the index behind alias `target` (written with `require_alias`:
    when a reindex that took over removed the alias, a late write fails instead of
    creating an index). `check` (the lease) runs after every page copied."""

    def __init__(
        self,
        client: Elasticsearch,
        old: str,
        target: str,
        progress: Progress,
        check: Callable[[], None],
    ) -> None:
        self._client = client
        self._old = old
        self._target = target
        self._progress = progress
        self._check = check
        self._since = -1  # the snapshot: every document
        self._copied: set[str] = set()
        self._sorted: list[str] = []  # `_copied`, sorted at the last search for deletes
        self._unsorted: list[str] = []  # copied since
        self._uncertain: dict[str, tuple[int, int]] = {}

    def round(self) -> int:
        """Copy what changed since the last round (the first: everything); how many."""
        checkpoint = self._global_checkpoint()
        self._client.indices.refresh(index=self._old)
        query = {"range": {"_seq_no": {"gt": self._since}}}
        copied = self._copy(self._hits(query), checkpoint)
        self._since = checkpoint
        return copied

    def recheck_uncertain(self) -> int:
        """With writes blocked: copy again each uncertain document whose version changed
        (one a fail-over rolled back); how many."""
        ids = list(self._uncertain)
        hits = self._hits({"ids": {"values": ids}}) if ids else []
        changed = [
            hit
            for hit in hits
            if (hit["_seq_no"], hit["_primary_term"]) != self._uncertain[hit["_id"]]
        ]
        self._uncertain.clear()
        return self._copy(changed, checkpoint=None)

    def forget_deleted(self) -> int:
        """Delete from the new index what the old one no longer holds; how many. Exact
        once writes are blocked (every document of the old index has been copied)."""
        self._sorted = sorted(self._sorted + self._unsorted)  # merges two sorted runs
        self._unsorted = []
        gone = self._gone(self._sorted)
        for doc_id in gone:
            self._copied.discard(doc_id)
        self._sorted = [doc_id for doc_id in self._sorted if doc_id in self._copied]
        es_helpers.bulk(
            self._client,
            ({"_op_type": "delete", "_index": self._target, "_id": doc_id} for doc_id in gone),
            raise_on_error=False,  # a 404: never copied after all
            require_alias=True,
        )
        return len(gone)

    def _copy(self, hits: Iterable[dict[str, Any]], checkpoint: int | None) -> int:
        def actions() -> Iterator[dict[str, Any]]:
            for hit in hits:
                doc_id = hit["_id"]
                if doc_id not in self._copied:
                    self._copied.add(doc_id)
                    self._unsorted.append(doc_id)
                if checkpoint is not None and hit["_seq_no"] > checkpoint:
                    self._uncertain[doc_id] = (hit["_seq_no"], hit["_primary_term"])
                else:
                    self._uncertain.pop(doc_id, None)
                yield {
                    "_op_type": "index",
                    "_index": self._target,
                    "_id": doc_id,
                    # Derived fields are derived again, under the new mapping's rules.
                    "_source": source_json(from_source(hit["_source"])),
                }

        copied = 0
        for _ok, _item in es_helpers.streaming_bulk(
            self._client, actions(), chunk_size=PAGE, max_retries=3, require_alias=True
        ):
            copied += 1
            self._progress(1)
            if copied % PAGE == 0:
                self._check()
        return copied

    def _gone(self, ids: list[str]) -> list[str]:
        """Of `ids` (sorted), those the old index no longer holds."""
        gone: list[str] = []
        ranges = [(0, len(ids))] if ids else []
        while ranges:
            narrower = []
            for (low, high), count in zip(ranges, self._counts(ids, ranges), strict=True):
                if count == high - low:
                    continue
                if high - low <= LEAF:
                    present = self._present(ids[low:high])
                    gone += [doc_id for doc_id in ids[low:high] if doc_id not in present]
                    continue
                step = -(-(high - low) // FANOUT)
                narrower += [(at, min(at + step, high)) for at in range(low, high, step)]
            ranges = narrower
        return gone

    def _counts(self, ids: list[str], ranges: list[tuple[int, int]]) -> list[int]:
        """How many documents the old index holds in each range of `ids` (a range
        reaching either end of `ids` is open on that side)."""
        counts: list[int] = []
        for start in range(0, len(ranges), FILTERS_PER_REQUEST):
            filters = [
                _between(ids, low, high)
                for low, high in ranges[start : start + FILTERS_PER_REQUEST]
            ]
            answer = self._client.search(
                index=self._old, size=0, aggs={"ranges": {"filters": {"filters": filters}}}
            )
            counts += [
                bucket["doc_count"] for bucket in answer["aggregations"]["ranges"]["buckets"]
            ]
        return counts

    def _present(self, ids: list[str]) -> set[str]:
        answer = self._client.search(
            index=self._old, query={"ids": {"values": ids}}, source=False, size=len(ids)
        )
        return {hit["_id"] for hit in answer["hits"]["hits"]}

    def _hits(self, query: dict[str, Any]) -> Iterable[dict[str, Any]]:
        return es_helpers.scan(
            self._client,
            index=self._old,
            query={"query": query, "seq_no_primary_term": True},
            size=PAGE,
            scroll="5m",
        )

    def _global_checkpoint(self) -> int:
        """Every operation up to this sequence number is on every copy of the shard. Each
        copy knows a value no higher than the true one: the highest known is taken."""
        stats = self._client.indices.stats(index=self._old, level="shards", metric="docs")
        (copies,) = stats["indices"][self._old]["shards"].values()
        return max(int(copy["seq_no"]["global_checkpoint"]) for copy in copies)


def _between(ids: list[str], low: int, high: int) -> dict[str, Any]:
    bounds: dict[str, str] = {}
    if low > 0:
        bounds["gte"] = ids[low]
    if high < len(ids):
        bounds["lt"] = ids[high]
    return {"range": {"id": bounds}} if bounds else {"match_all": {}}
