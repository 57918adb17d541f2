"""Rebuilding the embedded index's derived data from the stored documents."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable

from services.index.embedded_terms import add_terms, rebuild_terms
from services.model import found_platforms, oldest_lookup

Progress = Callable[[int], None]
BATCH = 500


def rebuild(connection: sqlite3.Connection, progress: Progress | None = None) -> int:
    """Derive the columns, the platform and word tables and the full-text index again
    from `doc`.

    Runs inside the caller's write transaction: in WAL mode readers keep seeing the
    previous state until it commits, so searches answer throughout; writers wait for
    it within SQLite's busy timeout (one pass over the rows).
    """
    connection.execute("DELETE FROM recommendation_platforms")
    rebuild_terms(connection)
    rebuilt = 0
    last_rowid = 0
    while True:
        rows = connection.execute(
            "SELECT rowid, doc FROM recommendations WHERE rowid > ? ORDER BY rowid LIMIT ?",
            (last_rowid, BATCH),
        ).fetchall()
        if not rows:
            break
        documents = [(rowid, json.loads(doc)) for rowid, doc in rows]
        # Columns the full-text triggers watch (title, artist, description) are left to
        # the FTS `rebuild` below, which reads them from the table once.
        connection.executemany(
            "UPDATE recommendations SET dedup_key = ?, user = ?, kind = ?, created_at = ?,"
            " updated_at = ?, links_status = ?, links_checked_at = ? WHERE rowid = ?",
            [
                (
                    doc["dedup_key"],
                    doc["user"],
                    doc["kind"],
                    doc["created_at"],
                    doc["updated_at"],
                    doc["links_status"],
                    oldest_lookup(doc),
                    rowid,
                )
                for rowid, doc in documents
            ],
        )
        connection.executemany(
            "INSERT OR IGNORE INTO recommendation_platforms (platform, id) VALUES (?, ?)",
            [(platform, doc["id"]) for _, doc in documents for platform in found_platforms(doc)],
        )
        add_terms(connection, [doc for _, doc in documents])
        last_rowid = rows[-1][0]
        rebuilt += len(rows)
        if progress is not None:
            progress(len(rows))
    connection.execute("INSERT INTO recommendations_fts (recommendations_fts) VALUES ('rebuild')")
    return rebuilt
