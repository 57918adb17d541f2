"""One SQLite connection per thread to one file in `DATA_DIR`: WAL, a busy timeout,
and the file's schema created once per process.

`synchronous = FULL`: in WAL mode, `NORMAL` syncs the log only at checkpoints, so a
commit already answered (a 201, an acknowledged message, a stored token) could roll
back after an OS crash or a power loss; `FULL` syncs the log at every commit. What it
costs is in docs/benchmarks.md ("single writes").
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import Literal

from tenacity import retry, retry_if_exception, stop_after_delay, wait_random

BUSY_TIMEOUT_MS = 5000
Synchronous = Literal["FULL", "NORMAL"]
"""`FULL` in the service; `NORMAL` only as `make bench`'s bound of what `FULL` costs."""


def _locked(error: BaseException) -> bool:
    return isinstance(error, sqlite3.OperationalError) and "locked" in str(error)


# Setting the journal mode takes the file's lock without SQLite's busy handler: several
# threads opening their first connection to a new file at once met "database is locked"
# at once (a readiness check beside the first write said the index was down). They wait
# here instead, as long as the busy timeout lets any other statement wait.
@retry(
    retry=retry_if_exception(_locked),
    wait=wait_random(0.001, 0.02),
    stop=stop_after_delay(BUSY_TIMEOUT_MS / 1000),
    reraise=True,
)
def _configure(connection: sqlite3.Connection, pragmas: tuple[str, ...]) -> None:
    for pragma in ("journal_mode = WAL", *pragmas):
        connection.execute(f"PRAGMA {pragma}")


class ThreadConnections:
    """Each thread gets its own connection (sqlite3 objects must not be shared);
    several processes share the file safely through WAL and the busy timeout."""

    def __init__(
        self,
        path: Path,
        schema: str,
        pragmas: tuple[str, ...] = (),
        synchronous: Synchronous = "FULL",
    ) -> None:
        self._path = path
        self._schema = schema
        self._pragmas = (f"synchronous = {synchronous}", *pragmas)
        self._local = threading.local()
        self._schema_lock = threading.Lock()
        self._schema_ready = False

    def get(self) -> sqlite3.Connection:
        """This thread's connection, opened (and the schema created) on first use."""
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is None:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(
                self._path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None
            )
            _configure(connection, self._pragmas)
            connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self._local.connection = connection
            with self._schema_lock:
                if not self._schema_ready:
                    connection.executescript(f"BEGIN IMMEDIATE; {self._schema} COMMIT;")
                    self._schema_ready = True
        return connection

    def close(self) -> None:
        """Close this thread's connection; a later `get` opens a new one."""
        connection = getattr(self._local, "connection", None)
        if connection is not None:
            connection.close()
            self._local.connection = None
