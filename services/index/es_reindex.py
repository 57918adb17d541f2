"""Rebuilding the index behind the alias while the service keeps reading and writing.

1. Take the reindex lease (one reindex at a time, `ReindexLease`).
2. Note the old index's local checkpoint, refresh, and copy its snapshot into a new
   index. Every write made since has a higher sequence number (one shard, so one
   sequence), and the copy catches up by querying `_seq_no` above the last checkpoint,
   round after round, whatever the clocks say and whichever field the write changed.
3. Block writes on the old index (the block waits for writes in flight), copy the
   last changes, delete from the new index what the old one no longer has, and swap
   the alias in one request that fails as a whole if the old index lost it meanwhile.
4. Delete the old index. Writers that met the block wait and write again, through the
   alias, to the new index (`ElasticsearchIndex`).

Until the swap every read and write goes to the old index, so nothing created during
the copy is ever missing. A failure before the swap lifts the block and deletes the new
index; a swap whose answer was lost is judged by where the alias points afterwards.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from elasticsearch import ConflictError, Elasticsearch, NotFoundError, TransportError
from elasticsearch import helpers as es_helpers

from services.errors import IndexUnavailable, ReindexRunning
from services.index.es_admin import IndexAdmin, version_name
from services.index.es_keys import now_ms
from services.index.es_mapping import MAPPING, SETTINGS, from_source, to_source

Progress = Callable[[int], None]
log = logging.getLogger(__name__)

LEASE_ID = "reindex-lease"  # in the keys index, where no key hash is this short
LEASE_SECONDS = 120.0
RENEW_EVERY_SECONDS = 15.0
# Catch-up rounds before the write block; the block then only waits for the last few.
CATCH_UP_ROUNDS = 5
FEW_CHANGES = 200
PAGE = 1000


class ReindexLease:
    """A document in the keys index naming the reindex that runs, renewed while it runs;
    one whose holder stopped renewing it (a killed process) is taken over."""

    def __init__(self, client: Elasticsearch, keys: str) -> None:
        self._client = client
        self._keys = keys
        self.owner = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self._version: dict[str, Any] = {}
        self._renewed = 0.0

    def acquire(self) -> None:
        document = {"owner": self.owner, "claimed_at": now_ms()}
        try:
            written = self._client.create(index=self._keys, id=LEASE_ID, document=document)
        except ConflictError:
            held = self._client.get(index=self._keys, id=LEASE_ID)
            holder, claimed = held["_source"]["owner"], held["_source"].get("claimed_at", 0)
            if now_ms() - claimed < LEASE_SECONDS * 1000:
                since = time.strftime("%H:%M:%S UTC", time.gmtime(claimed / 1000))
                raise ReindexRunning(
                    f"another reindex is running ({holder}, lease renewed at {since}); "
                    "run this one when it has finished"
                ) from None
            log.warning("taking over an abandoned reindex lease", extra={"holder": holder})
            written = self._client.index(
                index=self._keys,
                id=LEASE_ID,
                document=document,
                if_seq_no=held["_seq_no"],
                if_primary_term=held["_primary_term"],
            )
        self._keep(written)

    def renew(self, force: bool = False) -> None:
        """Extend the lease (at most every `RENEW_EVERY_SECONDS` unless forced); losing it
        to another reindex stops this one."""
        if not force and time.monotonic() - self._renewed < RENEW_EVERY_SECONDS:
            return
        try:
            written = self._client.index(
                index=self._keys,
                id=LEASE_ID,
                document={"owner": self.owner, "claimed_at": now_ms()},
                **self._version,
            )
        except ConflictError:
            raise ReindexRunning("another reindex took the lease over") from None
        self._keep(written)

    def release(self) -> None:
        # Taken over, or gone: not ours to delete.
        with contextlib.suppress(ConflictError, NotFoundError):
            self._client.delete(index=self._keys, id=LEASE_ID, **self._version)

    def _keep(self, written: Any) -> None:
        self._version = {
            "if_seq_no": written["_seq_no"],
            "if_primary_term": written["_primary_term"],
        }
        self._renewed = time.monotonic()


class OnlineReindex:
    """One run of the steps in the module's docstring."""

    def __init__(
        self, client: Elasticsearch, admin: IndexAdmin, progress: Progress | None = None
    ) -> None:
        self._client = client
        self._admin = admin
        self._progress = progress or (lambda _: None)
        self._lease = ReindexLease(client, admin.keys)
        self._copied: set[str] = set()

    def run(self) -> str:
        self._lease.acquire()
        try:
            return self._run()
        finally:
            self._lease.release()

    def _run(self) -> str:
        indexes = self._admin.indexes()
        if len(indexes) != 1:
            raise IndexUnavailable(f"elasticsearch: the alias points at {indexes or 'nothing'}")
        (old,) = indexes
        # A reindex killed between its block and its swap left the old index read-only.
        self._lift_write_block(old)
        new = version_name(self._admin.alias)
        # No refreshes while loading; the copy is made searchable once, before the swap.
        self._client.indices.create(
            index=new, mappings=MAPPING, settings={**SETTINGS, "refresh_interval": "-1"}
        )
        try:
            checkpoint = self._copy_snapshot(old, new)
            for _ in range(CATCH_UP_ROUNDS):
                checkpoint, changed = self._copy_changes(old, new, checkpoint)
                if changed <= FEW_CHANGES:
                    break
            self._lease.renew(force=True)
            self._client.indices.add_block(index=old, block="write")
            try:
                self._copy_changes(old, new, checkpoint)
                self._forget_deleted(old, new)
                self._client.indices.put_settings(index=new, settings={"refresh_interval": None})
                self._client.indices.refresh(index=new)
                self._swap(old, new)
            except BaseException:
                self._lift_write_block(old)
                raise
        except BaseException:
            self._client.indices.delete(index=new, ignore_unavailable=True)
            raise
        self._client.indices.delete(index=old, ignore_unavailable=True)
        return new

    def _copy_snapshot(self, old: str, new: str) -> int:
        """Copy what the old index holds; return the checkpoint the copy is complete to."""
        checkpoint = self._local_checkpoint(old)
        self._client.indices.refresh(index=old)
        self._copy(new, self._hits(old, {"match_all": {}}))
        return checkpoint

    def _copy_changes(self, old: str, new: str, since: int) -> tuple[int, int]:
        """Copy every document written after checkpoint `since`; return the new checkpoint
        and how many were copied."""
        checkpoint = self._local_checkpoint(old)
        self._client.indices.refresh(index=old)
        changed = self._copy(new, self._hits(old, {"range": {"_seq_no": {"gt": since}}}))
        self._lease.renew()
        return checkpoint, changed

    def _copy(self, new: str, hits: Iterable[dict[str, Any]]) -> int:
        def actions() -> Iterator[dict[str, Any]]:
            for hit in hits:
                self._copied.add(hit["_id"])
                yield {
                    "_op_type": "index",
                    "_index": new,
                    "_id": hit["_id"],
                    # Derived fields are derived again, under the new mapping's rules.
                    "_source": to_source(from_source(hit["_source"])),
                }

        copied = 0
        for _ok, _item in es_helpers.streaming_bulk(
            self._client, actions(), chunk_size=PAGE, max_retries=3
        ):
            copied += 1
            self._progress(1)
            self._lease.renew()
        return copied

    def _forget_deleted(self, old: str, new: str) -> None:
        """Delete from the new index what was deleted from the (blocked) old one. Every
        document of the old index has been copied, so equal counts mean no deletes."""
        self._client.indices.refresh(index=old)
        if self._client.count(index=old)["count"] == len(self._copied):
            return
        present = {hit["_id"] for hit in self._hits(old, {"match_all": {}}, source=False)}
        gone = self._copied - present
        es_helpers.bulk(
            self._client,
            ({"_op_type": "delete", "_index": new, "_id": doc_id} for doc_id in gone),
            raise_on_error=False,  # a 404: never copied after all
        )
        self._copied -= gone

    def _swap(self, old: str, new: str) -> None:
        """Move the alias in one request that fails as a whole (`must_exist`) when the old
        index no longer has it; a lost answer is judged by where the alias points now."""
        alias = self._admin.alias
        actions: list[dict[str, Any]] = [
            {"remove": {"index": old, "alias": alias, "must_exist": True}},
            {"add": {"index": new, "alias": alias}},
        ]
        try:
            answer = self._client.indices.update_aliases(actions=actions)
        except TransportError:
            if self._admin.indexes() == [new]:
                return  # it applied; only the answer was lost
            raise
        # Since 8.14 an action can fail inside a 200.
        if answer.body.get("errors"):
            raise IndexUnavailable(f"elasticsearch: the alias swap failed: {answer.body}")

    def _hits(
        self, index: str, query: dict[str, Any], source: bool = True
    ) -> Iterable[dict[str, Any]]:
        return es_helpers.scan(
            self._client,
            index=index,
            query={"query": query, "_source": source},
            size=PAGE,
            scroll="5m",
        )

    def _local_checkpoint(self, index: str) -> int:
        """Every write up to this sequence number is done (the primary's view)."""
        stats = self._client.indices.stats(index=index, level="shards", metric="docs")
        (copies,) = stats["indices"][index]["shards"].values()
        primary = next(copy for copy in copies if copy["routing"]["primary"])
        return int(primary["seq_no"]["local_checkpoint"])

    def _lift_write_block(self, index: str) -> None:
        self._client.indices.put_settings(index=index, settings={"index.blocks.write": None})
