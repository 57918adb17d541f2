"""`SharingStore` in the embedded index's SQLite file: tables of its own beside the tokens'."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from services.accounts.sharing import Device
from services.errors import IndexUnavailable
from services.index.sqlite_connections import ThreadConnections

SCHEMA = """
CREATE TABLE IF NOT EXISTS now_playing_sharing (
    user TEXT PRIMARY KEY,
    public INTEGER NOT NULL,
    updated_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS now_playing_devices (
    device_id TEXT PRIMARY KEY,
    user TEXT NOT NULL,
    name TEXT NOT NULL,
    secret_hash TEXT NOT NULL,
    created_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS now_playing_devices_by_user ON now_playing_devices (user, created_at);
"""
_DEVICE_COLUMNS = "device_id, user, name, secret_hash, created_at"


class EmbeddedSharingStore:
    """Sharing choices and devices in `DATA_DIR`'s SQLite file, shared by every process (WAL)."""

    def __init__(self, path: Path) -> None:
        self._connections = ThreadConnections(path, SCHEMA)

    @contextmanager
    def _errors(self) -> Iterator[sqlite3.Connection]:
        try:
            yield self._connections.get()
        except sqlite3.OperationalError as error:
            raise IndexUnavailable(f"embedded sharing store: {error}") from error

    def is_public(self, user: str) -> bool:
        with self._errors() as connection:
            row = connection.execute(
                "SELECT public FROM now_playing_sharing WHERE user = ?", (user,)
            ).fetchone()
        return bool(row and row[0])

    def set_public(self, user: str, public: bool, now: float) -> None:
        with self._errors() as connection:
            connection.execute(
                "INSERT OR REPLACE INTO now_playing_sharing (user, public, updated_at)"
                " VALUES (?, ?, ?)",
                (user, int(public), now),
            )

    def save_device(self, device: Device) -> None:
        with self._errors() as connection:
            connection.execute(
                f"INSERT INTO now_playing_devices ({_DEVICE_COLUMNS}) VALUES (?, ?, ?, ?, ?)",
                (device.device_id, device.user, device.name, device.secret_hash, device.created_at),
            )

    def get_device(self, device_id: str) -> Device | None:
        with self._errors() as connection:
            row = connection.execute(
                f"SELECT {_DEVICE_COLUMNS} FROM now_playing_devices WHERE device_id = ?",
                (device_id,),
            ).fetchone()
        return Device(*row) if row else None

    def list_devices(self, user: str) -> list[Device]:
        with self._errors() as connection:
            rows = connection.execute(
                f"SELECT {_DEVICE_COLUMNS} FROM now_playing_devices WHERE user = ?"
                " ORDER BY created_at, device_id",
                (user,),
            ).fetchall()
        return [Device(*row) for row in rows]

    def delete_device(self, user: str, device_id: str) -> bool:
        with self._errors() as connection:
            deleted = connection.execute(
                "DELETE FROM now_playing_devices WHERE device_id = ? AND user = ?",
                (device_id, user),
            ).rowcount
        return bool(deleted)

    def close(self) -> None:
        self._connections.close()
