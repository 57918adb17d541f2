"""Connections to one SQLite file, opened by many threads at once."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from services.index.embedded import SCHEMA
from services.index.sqlite_connections import ThreadConnections

pytestmark = pytest.mark.unit


def test_threads_opening_their_first_connections_to_a_new_file_at_once_all_succeed(
    tmp_path: Path,
) -> None:
    failures: list[Exception] = []
    for trial in range(150):
        connections = ThreadConnections(tmp_path / f"{trial}.sqlite3", SCHEMA)
        start = threading.Barrier(8)

        def first_read(connections: ThreadConnections = connections,
                       start: threading.Barrier = start) -> None:  # fmt: skip
            start.wait()
            try:
                connections.get().execute("SELECT 1").fetchall()
            except Exception as error:
                failures.append(error)
            finally:
                connections.close()

        threads = [threading.Thread(target=first_read) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert failures == []


def test_every_commit_is_synced_to_disk_before_it_is_answered(tmp_path: Path) -> None:
    # In WAL mode `synchronous = NORMAL` lets a commit already answered (a 201, an acked
    # message, a stored token) roll back after an OS crash; only FULL (2) syncs each one.
    from services.accounts.embedded import EmbeddedTokenStore
    from services.index.embedded import EmbeddedIndex

    path = tmp_path / "recindex.sqlite3"
    index, tokens = EmbeddedIndex(path), EmbeddedTokenStore(path)
    for store in (index, tokens):
        connection = store._connections.get()  # the pragma is the point
        assert connection.execute("PRAGMA synchronous").fetchone()[0] == 2
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    index.close()
    tokens.close()
