"""Write blocks on the index behind the alias: what `/ready` says of them, and lifting
one that a reindex left when it stopped (killed between its block and its swap).

A block is a reindex's while an index carries the alias `building` (the reindex's new
index, from its creation to its swap); any other block was set by someone else, and is
left alone. A reindex's block is lifted only by a process holding the reindex lease: so
never while the reindex that set it is alive (it renews the lease), and soon after its
lease has gone unrenewed for `LEASE_SECONDS` (`es_lease`). Every process at its first use
of the index, any process whose write meets a block, and each `/ready` round that sees
one, starts such a repair in the background.
"""

from __future__ import annotations

import logging
import threading
import time

from elasticsearch import Elasticsearch, NotFoundError

from services.errors import ReindexRunning
from services.index import es_lease
from services.index.es_admin import IndexAdmin
from services.index.es_lease import ReindexLease

log = logging.getLogger(__name__)

REPAIR_AT_MOST_EVERY_SECONDS = 1.0


def clear_abandoned(client: Elasticsearch, admin: IndexAdmin, lease: ReindexLease) -> None:
    """With `lease` held: undo what a reindex that stopped left behind. Its write block is
    lifted; the index it was building loses the alias its swap needs (so that the swap
    cannot happen any more, should that reindex be only frozen), and is deleted."""
    building = admin.indexes(admin.building)
    if not building:
        return
    for index in admin.write_blocked():
        lease.check()
        log.warning("lifting the write block a stopped reindex left", extra={"index": index})
        admin.lift_write_block(index)
    for index in building:
        lease.check()
        try:
            client.indices.update_aliases(
                actions=[{"remove": {"index": index, "alias": admin.building, "must_exist": True}}]
            )
        except NotFoundError:
            continue  # that reindex swapped meanwhile: the index is the live one now
        log.warning("deleting the index a stopped reindex was building", extra={"index": index})
        client.indices.delete(index=index, ignore_unavailable=True)


class WriteBlocks:
    def __init__(self, client: Elasticsearch, admin: IndexAdmin) -> None:
        self._client = client
        self._admin = admin
        self._repairing = threading.Lock()
        self._last_repair = -REPAIR_AT_MOST_EVERY_SECONDS

    def paused(self) -> str | None:
        """Why writes are refused now; None when they are not. Starts a repair."""
        blocked = self._admin.write_blocked()
        if not blocked:
            return None
        names = ", ".join(blocked)
        if not self._admin.indexes(self._admin.building):
            return (
                f"{names} refuses writes, and no reindex is running: a block set by hand? "
                f'PUT {names}/_settings {{"index.blocks.write": null}} lifts it'
            )
        self.repair_soon()
        return (
            f"{names} refuses writes: a reindex is moving the alias (if it stopped, its block"
            f" is lifted once its lease is {es_lease.LEASE_SECONDS:.0f} s unrenewed)"
        )

    def repair_soon(self) -> None:
        """Run `repair` in the background, unless this process runs one, or ran one a
        moment ago."""
        if time.monotonic() - self._last_repair < REPAIR_AT_MOST_EVERY_SECONDS:
            return
        if self._repairing.acquire(blocking=False):
            threading.Thread(target=self._repair, name="write-block-repair", daemon=True).start()

    def wait_for_repair(self) -> None:
        """Return once this process's repair, if one runs, has finished."""
        with self._repairing:
            pass

    def repair(self) -> bool:
        """Lift the block of a reindex that is no longer alive; True when one was lifted."""
        if not self._admin.write_blocked() or not self._admin.indexes(self._admin.building):
            return False
        lease = ReindexLease(self._client, self._admin.keys)
        try:
            lease.acquire()
        except ReindexRunning:
            return False  # alive: its block is its own to lift
        try:
            clear_abandoned(self._client, self._admin, lease)
        finally:
            lease.release()
        return True

    def _repair(self) -> None:
        try:
            self.repair()
        except Exception:  # the next write that meets the block tries again
            log.exception("could not lift a stale write block")
        finally:
            self._last_repair = time.monotonic()
            self._repairing.release()
