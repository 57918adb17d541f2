"""Rebuilding the index behind the alias while the service keeps reading and writing.

1. Take the reindex lease (`es_lease`): one reindex at a time. A thread renews it all
   along, and every step below that others see checks it first. Clear what a reindex
   that stopped left behind (`es_blocks.clear_abandoned`).
2. Create the new index with the alias `building` on it, and copy into it through that
   alias (`es_copy`): a snapshot, then the changes since, round after round, until a
   round finds few; then the deletes so far; then make the copy searchable.
3. Block writes on the old index (the block waits for the writes in flight; writes that
   meet it answer 503 at once), copy the last changes, copy again the uncertain copies
   that changed, delete what the old index no longer holds, refresh: each bounded by what
   changed since step 2, not by the size of the index.
4. Swap in one request that fails as a whole unless the old index still has the alias
   and the new one still has `building`: a reindex whose lease was taken over (and its
   index cleared) cannot swap.
5. Delete the old index.

Whatever fails, what happened is decided from the alias's state, never from the
exception. The block is lifted (while the lease is ours; harmless if the swap applied),
then `building` is removed from the new index: of that and the swap, exactly one can
succeed. If it was gone already, the swap applied, whatever its answer said: done. If
not, no swap onto the new index can apply any more, and the new index is deleted. What
could not be done (the cluster does not answer, the lease was taken over) is left with
`building` on the new index, for the next holder of the lease to settle: the next
reindex, or any process's start.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable, Iterator
from typing import Any

from elasticsearch import ApiError, Elasticsearch, NotFoundError, TransportError

from services.errors import IndexUnavailable
from services.index.es_admin import IndexAdmin, version_name
from services.index.es_blocks import clear_abandoned
from services.index.es_copy import CatchUpCopy
from services.index.es_lease import LeaseLost, ReindexLease
from services.index.es_mapping import MAPPING, SETTINGS

Progress = Callable[[int], None]
log = logging.getLogger(__name__)

# Catch-up rounds before the write block; the block then only waits for the last few.
CATCH_UP_ROUNDS = 5
FEW_CHANGES = 200


class OnlineReindex:
    """One run of the steps in the module's docstring."""

    def __init__(
        self, client: Elasticsearch, admin: IndexAdmin, progress: Progress | None = None
    ) -> None:
        self._client = client
        self._admin = admin
        self._progress = progress or (lambda _: None)
        self._lease = ReindexLease(client, admin.keys)

    def run(self) -> str:
        self._lease.acquire()
        try:
            return self._run()
        finally:
            self._lease.release()

    def _run(self) -> str:
        clear_abandoned(self._client, self._admin, self._lease)
        indexes = self._admin.indexes()
        if len(indexes) != 1:
            raise IndexUnavailable(f"elasticsearch: the alias points at {indexes or 'nothing'}")
        (old,) = indexes
        new = version_name(self._admin.alias)
        self._lease.check()
        # No refreshes while loading; the copy is made searchable once, before the block.
        self._client.indices.create(
            index=new,
            mappings=MAPPING,
            settings={**SETTINGS, "refresh_interval": "-1"},
            aliases={self._admin.building: {}},
            wait_for_active_shards="all",  # a copy that loses a node keeps what it copied
        )
        try:
            self._build(old, new)
        except BaseException:
            if not self._swapped_anyway(old, new):
                raise
            log.warning("the alias swap applied, though its answer said otherwise")
        self._client.indices.delete(index=old, ignore_unavailable=True)
        return new

    def _build(self, old: str, new: str) -> None:
        copy = CatchUpCopy(
            self._client, old, self._admin.building, self._progress, self._lease.check
        )
        copy.round()  # the snapshot
        for _ in range(CATCH_UP_ROUNDS):
            if copy.round() <= FEW_CHANGES:
                break
        copy.forget_deleted()
        self._client.indices.put_settings(index=new, settings={"refresh_interval": None})
        self._client.indices.refresh(index=new)
        copy.round()
        self._lease.check()
        self._client.indices.add_block(index=old, block="write")
        blocked_at = time.monotonic()
        copy.round()
        copy.recheck_uncertain()
        copy.forget_deleted()
        self._client.indices.refresh(index=new)
        self._lease.check()
        self._swap(old, new)
        log.info(
            "alias swapped",
            extra={
                "old": old,
                "new": new,
                "writes_paused_seconds": round(time.monotonic() - blocked_at, 3),
            },
        )

    def _swap(self, old: str, new: str) -> None:
        actions: list[dict[str, Any]] = [
            {"remove": {"index": old, "alias": self._admin.alias, "must_exist": True}},
            {"remove": {"index": new, "alias": self._admin.building, "must_exist": True}},
            {"add": {"index": new, "alias": self._admin.alias}},
        ]
        answer = self._client.indices.update_aliases(actions=actions)
        # Since 8.14 an action can fail inside a 200.
        if answer.body.get("errors"):
            raise IndexUnavailable(f"elasticsearch: the alias swap failed: {answer.body}")

    def _swapped_anyway(self, old: str, new: str) -> bool:
        """After a failure: whether the swap applied (its answer lost, or not). If not,
        undo this reindex: lift its block (harmless if the swap did apply: the old index
        is then out of use), then make sure the swap never applies, and delete the new
        index."""
        lifted = False
        with _logged("lifting the write block after a failed reindex"):
            self._lease.check()  # taken over: the new holder lifts the block
            self._admin.lift_write_block(old)
            lifted = True
        if not lifted:
            # `building` stays on the new index: the block is a reindex's, and the next
            # holder of the lease (a process's start, the next reindex) lifts it.
            return self._admin.indexes() == [new]
        fence = {"remove": {"index": new, "alias": self._admin.building, "must_exist": True}}
        try:
            self._client.indices.update_aliases(actions=[fence])
        except NotFoundError:
            # Removed by the swap, or by a process that took the lease over.
            return self._admin.indexes() == [new]
        except (ApiError, TransportError) as error:
            raise IndexUnavailable(
                f"elasticsearch: cannot tell whether the alias moved to {new}; the next "
                f"reindex settles it (docs/indexes.md): {error}"
            ) from error
        # No swap onto `new` can apply any more.
        with _logged("deleting the new index after a failed reindex"):
            self._client.indices.delete(index=new, ignore_unavailable=True)
        return False


@contextlib.contextmanager
def _logged(doing: str) -> Iterator[None]:
    """Clean-up after a failure: its own failure is logged, the first one is raised."""
    try:
        yield
    except (ApiError, TransportError, LeaseLost) as error:
        log.warning(f"failed {doing}", extra={"error": str(error)})
