"""`TokenStore` in the embedded index's SQLite file: own tables, same connection settings."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from services.accounts.tokens import LinkedAccount, PendingAuthorization
from services.errors import IndexUnavailable
from services.index.sqlite_connections import ThreadConnections

SCHEMA = """
CREATE TABLE IF NOT EXISTS spotify_accounts (
    user TEXT PRIMARY KEY,
    status TEXT NOT NULL,
    sealed_tokens TEXT NOT NULL,
    expires_at REAL NOT NULL,
    updated_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS spotify_pending (
    state_hash TEXT PRIMARY KEY,
    user TEXT NOT NULL,
    sealed_verifier TEXT NOT NULL,
    expires_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS spotify_pending_expiry ON spotify_pending (expires_at);
"""


class EmbeddedTokenStore:
    """Account links in `DATA_DIR`'s SQLite file, shared by every worker process (WAL)."""

    def __init__(self, path: Path) -> None:
        self._connections = ThreadConnections(path, SCHEMA)

    def _connection(self) -> sqlite3.Connection:
        return self._connections.get()

    @contextmanager
    def _errors(self) -> Iterator[sqlite3.Connection]:
        try:
            yield self._connection()
        except sqlite3.OperationalError as error:
            raise IndexUnavailable(f"embedded token store: {error}") from error

    def save_pending(self, pending: PendingAuthorization, now: float) -> None:
        with self._errors() as connection:
            connection.execute("DELETE FROM spotify_pending WHERE expires_at < ?", (now,))
            connection.execute(
                "INSERT INTO spotify_pending (state_hash, user, sealed_verifier, expires_at)"
                " VALUES (?, ?, ?, ?)",
                (pending.state_hash, pending.user, pending.sealed_verifier, pending.expires_at),
            )

    def take_pending(self, state_hash: str) -> PendingAuthorization | None:
        # One statement deletes and reads: a second taker finds nothing (no replay).
        with self._errors() as connection:
            row = connection.execute(
                "DELETE FROM spotify_pending WHERE state_hash = ?"
                " RETURNING state_hash, user, sealed_verifier, expires_at",
                (state_hash,),
            ).fetchone()
        return PendingAuthorization(*row) if row else None

    def save_account(self, account: LinkedAccount) -> None:
        with self._errors() as connection:
            connection.execute(
                "INSERT OR REPLACE INTO spotify_accounts"
                " (user, status, sealed_tokens, expires_at, updated_at) VALUES (?, ?, ?, ?, ?)",
                (
                    account.user,
                    account.status,
                    account.sealed_tokens,
                    account.expires_at,
                    account.updated_at,
                ),
            )

    def replace_account(self, account: LinkedAccount, current: LinkedAccount) -> bool:
        # One statement reads the condition and writes: no delete lands in between.
        with self._errors() as connection:
            replaced = connection.execute(
                "UPDATE spotify_accounts SET status = ?, sealed_tokens = ?, expires_at = ?,"
                " updated_at = ? WHERE user = ? AND sealed_tokens = ?",
                (
                    account.status,
                    account.sealed_tokens,
                    account.expires_at,
                    account.updated_at,
                    account.user,
                    current.sealed_tokens,
                ),
            ).rowcount
        return bool(replaced)

    def get_account(self, user: str) -> LinkedAccount | None:
        with self._errors() as connection:
            row = connection.execute(
                "SELECT user, status, sealed_tokens, expires_at, updated_at"
                " FROM spotify_accounts WHERE user = ?",
                (user,),
            ).fetchone()
        return LinkedAccount(*row) if row else None

    def delete_account(self, user: str) -> bool:
        with self._errors() as connection:
            deleted = connection.execute(
                "DELETE FROM spotify_accounts WHERE user = ?", (user,)
            ).rowcount
        return bool(deleted)

    def close(self) -> None:
        self._connections.close()
