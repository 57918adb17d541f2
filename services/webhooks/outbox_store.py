"""The embedded outbox: deliveries waiting for their receivers, in SQLite under `DATA_DIR`.

Shared by every process on the host (WAL, as the embedded index): whoever stores links
adds rows, and each API process's deliverer claims the due ones for a lease, so that
two never send the same row at once and one that dies mid-send leaves it due again
when the lease ends. A delivered row is deleted; a dead one stays, with its reason.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from services.errors import IndexUnavailable
from services.index.sqlite_connections import ThreadConnections
from services.webhooks.deliveries import QueuedDelivery

SCHEMA = """
CREATE TABLE IF NOT EXISTS webhook_deliveries (
    delivery TEXT NOT NULL,
    receiver TEXT NOT NULL,
    recommendation_id TEXT NOT NULL,
    external_id TEXT,
    body BLOB NOT NULL,
    queued_at REAL NOT NULL,
    failed INTEGER NOT NULL DEFAULT 0,
    due_at REAL NOT NULL,
    dead_reason TEXT,
    PRIMARY KEY (delivery, receiver)
);
CREATE INDEX IF NOT EXISTS webhook_deliveries_due
    ON webhook_deliveries (due_at) WHERE dead_reason IS NULL;
"""
COLUMNS = "receiver, delivery, recommendation_id, external_id, body, queued_at"


class OutboxUnavailable(IndexUnavailable):
    """The outbox file cannot be written now (locked too long, disk full)."""


class OutboxStore:
    """The `webhook_deliveries` table; every method is one short transaction."""

    def __init__(self, path: Path) -> None:
        self._connections = ThreadConnections(path, SCHEMA)
        self.added = threading.Event()
        """Set when this process adds rows: its deliverer wakes at once."""

    def add(self, deliveries: list[QueuedDelivery]) -> None:
        with self._write() as connection:
            connection.executemany(
                f"INSERT OR IGNORE INTO webhook_deliveries ({COLUMNS}, due_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        d.receiver,
                        d.delivery,
                        d.recommendation_id,
                        d.external_id,
                        d.body,
                        d.queued_at,
                        d.queued_at,
                    )
                    for d in deliveries
                ],
            )
        self.added.set()

    def claim(self, now: float, lease: float, limit: int) -> list[tuple[QueuedDelivery, int]]:
        """Up to `limit` due deliveries with their failed tries, each kept from every other
        claimant for `lease` seconds."""
        with self._write() as connection:
            rows = connection.execute(
                f"SELECT rowid, {COLUMNS}, failed FROM webhook_deliveries"
                " WHERE dead_reason IS NULL AND due_at <= ? ORDER BY due_at LIMIT ?",
                (now, limit),
            ).fetchall()
            connection.executemany(
                "UPDATE webhook_deliveries SET due_at = ? WHERE rowid = ?",
                [(now + lease, row[0]) for row in rows],
            )
        return [(QueuedDelivery(*row[1:7]), int(row[7])) for row in rows]

    def next_due(self) -> float | None:
        """When the next waiting delivery is due; None when none waits."""
        row = self._read("SELECT min(due_at) FROM webhook_deliveries WHERE dead_reason IS NULL", ())
        return None if row is None or row[0] is None else float(row[0])

    def delivered(self, queued: QueuedDelivery) -> None:
        with self._write() as connection:
            connection.execute(
                "DELETE FROM webhook_deliveries WHERE delivery = ? AND receiver = ?",
                (queued.delivery, queued.receiver),
            )

    def retry(self, queued: QueuedDelivery, due_at: float) -> None:
        with self._write() as connection:
            connection.execute(
                "UPDATE webhook_deliveries SET failed = failed + 1, due_at = ?"
                " WHERE delivery = ? AND receiver = ?",
                (due_at, queued.delivery, queued.receiver),
            )

    def dead(self, queued: QueuedDelivery, reason: str) -> None:
        with self._write() as connection:
            connection.execute(
                "UPDATE webhook_deliveries SET dead_reason = ? WHERE delivery = ? AND receiver = ?",
                (reason, queued.delivery, queued.receiver),
            )

    def counts(self) -> tuple[int, int]:
        """How many deliveries wait, and how many are dead."""
        row = self._read(
            "SELECT count(*) - count(dead_reason), count(dead_reason) FROM webhook_deliveries",
            (),
        )
        assert row is not None
        return int(row[0]), int(row[1])

    def dead_letters(self) -> list[tuple[str, str, str]]:
        """Each dead delivery: its id, its receiver and why."""
        with self._errors():
            rows = (
                self._connections.get()
                .execute(
                    "SELECT delivery, receiver, dead_reason FROM webhook_deliveries"
                    " WHERE dead_reason IS NOT NULL ORDER BY queued_at"
                )
                .fetchall()
            )
        return [(str(a), str(b), str(c)) for a, b, c in rows]

    def close(self) -> None:
        self._connections.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        with self._errors():
            connection = self._connections.get()
            connection.execute("BEGIN IMMEDIATE")
            try:
                yield connection
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")

    def _read(self, sql: str, params: tuple[object, ...]) -> tuple[Any, ...] | None:
        with self._errors():
            row: tuple[Any, ...] | None = self._connections.get().execute(sql, params).fetchone()
        return row

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.OperationalError as error:
            raise OutboxUnavailable(f"webhook outbox: {error}") from error
