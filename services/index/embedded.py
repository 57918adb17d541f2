"""The embedded index: SQLite with FTS5 in WAL mode, safe across threads and processes."""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson

from services.dedup import ids_to_try, moved_on
from services.errors import (
    DuplicateRecommendation,
    IndexUnavailable,
    InvalidRecommendation,
    NotFound,
)
from services.index import Change, LoadReport, SearchPage, SearchQuery, Suggestion
from services.index.embedded_cache import SearchCache
from services.index.embedded_search import EmbeddedSearch
from services.index.embedded_terms import SCHEMA as TERMS_SCHEMA
from services.index.embedded_terms import Vocabulary, add_terms, fill_terms_if_missing
from services.index.sqlite_connections import BUSY_TIMEOUT_MS, Synchronous, ThreadConnections
from services.model import (
    Link,
    Recommendation,
    found_platforms,
    oldest_lookup,
    utc_now,
    with_links,
)

SCHEMA = """
CREATE TABLE IF NOT EXISTS recommendations (
    id TEXT PRIMARY KEY,
    dedup_key TEXT NOT NULL UNIQUE,
    user TEXT NOT NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    artist TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    links_status TEXT NOT NULL,
    links_checked_at TEXT,
    doc TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS recommendations_newest ON recommendations (created_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS recommendations_user ON recommendations (user, created_at DESC);
CREATE INDEX IF NOT EXISTS recommendations_status ON recommendations (links_status, updated_at);
CREATE INDEX IF NOT EXISTS recommendations_checked ON recommendations (links_checked_at);
CREATE INDEX IF NOT EXISTS recommendations_external_id
    ON recommendations (json_extract(doc, '$.external_id'));
CREATE TABLE IF NOT EXISTS recommendation_platforms (
    platform TEXT NOT NULL,
    id TEXT NOT NULL REFERENCES recommendations (id) ON DELETE CASCADE,
    PRIMARY KEY (platform, id)
) WITHOUT ROWID;
CREATE VIRTUAL TABLE IF NOT EXISTS recommendations_fts USING fts5 (
    title, artist, description,
    content = 'recommendations', content_rowid = 'rowid',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER IF NOT EXISTS recommendations_fts_insert AFTER INSERT ON recommendations BEGIN
    INSERT INTO recommendations_fts (rowid, title, artist, description)
    VALUES (new.rowid, new.title, new.artist, new.description);
END;
CREATE TRIGGER IF NOT EXISTS recommendations_fts_delete AFTER DELETE ON recommendations BEGIN
    INSERT INTO recommendations_fts (recommendations_fts, rowid, title, artist, description)
    VALUES ('delete', old.rowid, old.title, old.artist, old.description);
END;
CREATE TRIGGER IF NOT EXISTS recommendations_fts_update AFTER UPDATE OF title, artist, description
ON recommendations BEGIN
    INSERT INTO recommendations_fts (recommendations_fts, rowid, title, artist, description)
    VALUES ('delete', old.rowid, old.title, old.artist, old.description);
    INSERT INTO recommendations_fts (rowid, title, artist, description)
    VALUES (new.rowid, new.title, new.artist, new.description);
END;
"""

ROW_COLUMNS = (
    "id, dedup_key, user, kind, title, artist, description, created_at, updated_at,"
    " links_status, links_checked_at, doc"
)
PLACEHOLDERS = ", ".join("?" * len(ROW_COLUMNS.split(",")))


def _row(recommendation: Recommendation) -> tuple[Any, ...]:
    return (
        recommendation["id"],
        recommendation["dedup_key"],
        recommendation["user"],
        recommendation["kind"],
        recommendation["title"],
        recommendation.get("artist") or "",
        recommendation.get("description") or "",
        recommendation["created_at"],
        recommendation["updated_at"],
        recommendation["links_status"],
        oldest_lookup(recommendation),
        json.dumps(recommendation, ensure_ascii=False, separators=(",", ":")),
    )


# What SQLite refuses of a document: a constraint, a value it cannot bind (an integer
# beyond 64 bits), text it cannot encode (a lone surrogate). Never an outage: those are
# `OperationalError`s (`_errors`).
REFUSED = (
    sqlite3.IntegrityError,
    sqlite3.InterfaceError,
    sqlite3.ProgrammingError,
    UnicodeEncodeError,
    OverflowError,
)


class EmbeddedIndex:
    """`RecommendationIndex` in one SQLite file under `DATA_DIR`; no server needed."""

    def __init__(self, path: Path, synchronous: Synchronous = "FULL") -> None:
        self._connections = ThreadConnections(
            path, SCHEMA + TERMS_SCHEMA, pragmas=("foreign_keys = ON",), synchronous=synchronous
        )
        self._vocabulary = Vocabulary()
        self._terms_checked = False
        self._search = EmbeddedSearch(self._read, self._variants, _document)
        self._pages = SearchCache(path)
        # SQLite lets one writer in at a time and makes the others poll with growing
        # sleeps (its busy handler); this process's writers queue here instead, so
        # under contention the lock passes at once instead of after a sleep (the crawler
        # figures in docs/benchmarks.md). Other processes still meet SQLite's busy timeout.
        self._writer = threading.Lock()

    # -- connections ---------------------------------------------------------

    def _connection(self) -> sqlite3.Connection:
        return self._connections.get()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken before reading so that checks and writes are atomic.

        A document the file cannot hold (`REFUSED`) is `InvalidRecommendation`, as one the
        Elasticsearch mapping refuses is."""
        if not self._writer.acquire(timeout=BUSY_TIMEOUT_MS / 1000):
            raise IndexUnavailable("embedded index: another write holds it too long")
        try:
            with self._errors():
                connection = self._connection()
                connection.execute("BEGIN IMMEDIATE")
                try:
                    yield connection
                except REFUSED as error:
                    connection.execute("ROLLBACK")
                    raise InvalidRecommendation(f"the index refused it: {error}") from error
                except BaseException:
                    connection.execute("ROLLBACK")
                    raise
                connection.execute("COMMIT")
        finally:
            self._writer.release()

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.OperationalError as error:
            raise IndexUnavailable(f"embedded index: {error}") from error

    # -- RecommendationIndex -------------------------------------------------

    def create(self, recommendation: Recommendation) -> str:
        with self._write() as connection:
            return self._insert_new(connection, recommendation)

    def _insert_new(self, connection: sqlite3.Connection, recommendation: Recommendation) -> str:
        """Insert under the first free id of `ids_to_try`, inside the caller's write
        transaction (so nothing lands between the checks and the insert); its id.

        The ids are walked first, as on Elasticsearch: a message delivered again finds
        the document it stored, renamed since, before another holding the key now."""
        for doc_id in ids_to_try(recommendation):
            taken = connection.execute(
                "SELECT dedup_key, json_extract(doc, '$.source_message_id')"
                " FROM recommendations WHERE id = ?",
                (doc_id,),
            ).fetchone()
            if taken is None:
                break
            if not moved_on(taken[0], taken[1], recommendation):
                raise DuplicateRecommendation(doc_id)
        else:
            raise DuplicateRecommendation(recommendation["id"])  # an import's own id, taken
        holder = connection.execute(
            "SELECT id FROM recommendations WHERE dedup_key = ?", (recommendation["dedup_key"],)
        ).fetchone()
        if holder:
            raise DuplicateRecommendation(holder[0])
        self._insert(connection, {**recommendation, "id": doc_id})
        return doc_id

    def get(self, recommendation_id: str) -> Recommendation:
        with self._errors():
            row = (
                self._connection()
                .execute("SELECT doc FROM recommendations WHERE id = ?", (recommendation_id,))
                .fetchone()
            )
        if row is None:
            raise NotFound(recommendation_id)
        return _document(row[0])

    def update(self, recommendation_id: str, change: Change) -> Recommendation:
        # Read, change and write in one write transaction: no other write (of this
        # process or another) can land in between.
        with self._write() as connection:
            changed = change(self._locked_get(connection, recommendation_id))
            clash = connection.execute(
                "SELECT id FROM recommendations WHERE dedup_key = ? AND id != ?",
                (changed["dedup_key"], recommendation_id),
            ).fetchone()
            if clash:
                raise DuplicateRecommendation(clash[0])
            self._update(connection, changed)
        return changed

    def set_links(
        self,
        recommendation_id: str,
        links: dict[str, Link],
        cover_img: str | None = None,
        attribution: str | None = None,
    ) -> Recommendation:
        return self.update(
            recommendation_id, lambda doc: with_links(doc, links, cover_img, utc_now(), attribution)
        )

    def mark_pending(self, recommendation_id: str) -> Recommendation:
        return self.update(recommendation_id, lambda doc: {**doc, "links_status": "pending"})

    def delete(self, recommendation_id: str) -> None:
        with self._write() as connection:
            deleted = connection.execute(
                "DELETE FROM recommendations WHERE id = ?", (recommendation_id,)
            ).rowcount
        if not deleted:
            raise NotFound(recommendation_id)

    def search(self, query: SearchQuery) -> SearchPage:
        self._connection()  # the file and its schema exist before anything reads it
        with self._errors():
            version = self._pages.version()
        page = self._pages.get(query, version)
        if page is None:
            page = self._search.search(query)
            self._pages.put(query, version, page)
        return page

    def suggest(self, prefix: str, limit: int = 10) -> list[Suggestion]:
        return self._search.suggest(prefix, limit)

    def _variants(self, word: str, edits: int) -> list[str]:
        if not self._terms_checked:
            # Once per process: a file from before the word table has its words then.
            with self._write() as connection:
                fill_terms_if_missing(connection)
            self._terms_checked = True
        with self._errors():
            return self._vocabulary.variants(self._connection(), word, edits)

    def pending_ids(self, limit: int = 1000) -> list[str]:
        rows = self._read(
            "SELECT id FROM recommendations WHERE links_status IN ('pending', 'partial')"
            " ORDER BY updated_at LIMIT ?",
            [limit],
        )
        return [row[0] for row in rows]

    def links_checked_before(self, timestamp: str, limit: int = 1000) -> list[str]:
        rows = self._read(
            "SELECT id FROM recommendations WHERE links_checked_at < ?"
            " ORDER BY links_checked_at LIMIT ?",
            [timestamp, limit],
        )
        return [row[0] for row in rows]

    def bulk_load(self, recommendations: Iterable[Recommendation]) -> LoadReport:
        # One transaction; a document the file refuses is reported and skipped alone (it
        # once rolled back its whole batch). No savepoint is needed: each document is one
        # INSERT (SQLite undoes a failed statement, and a value that cannot be bound fails
        # before it runs), and its platforms' rows follow only an INSERT that succeeded.
        created, refused = 0, []
        with self._write() as connection:
            for position, document in enumerate(recommendations):
                try:
                    # Where its id and key are free, as they mostly are: one statement.
                    if not self._insert(connection, document, if_free=True):
                        self._insert_new(connection, document)
                    created += 1
                except DuplicateRecommendation:
                    pass
                except REFUSED as error:
                    refused.append((position, f"the index refused it: {error}"))
        return LoadReport(created, refused)

    def bulk_load_batches(self, batches: Iterable[list[Recommendation]]) -> Iterator[LoadReport]:
        # One process writes the file at a time: nothing to overlap.
        for batch in batches:
            yield self.bulk_load(batch)

    def scan(self) -> Iterator[Recommendation]:
        last_rowid = 0
        while True:
            rows = self._read(
                "SELECT rowid, doc FROM recommendations WHERE rowid > ? ORDER BY rowid LIMIT 500",
                [last_rowid],
            )
            if not rows:
                return
            for rowid, doc in rows:
                last_rowid = rowid
                yield _document(doc)

    def reindex(self, progress: Callable[[int], None] | None = None) -> int:
        """Rebuild the full-text index and derived tables; searches keep answering."""
        from services.index.embedded_rebuild import rebuild

        with self._write() as connection:
            return rebuild(connection, progress)

    def ping(self) -> None:
        self._read("SELECT 1", [])

    def close(self) -> None:
        self._connections.close()
        self._pages.close()

    # -- helpers -------------------------------------------------------------

    def _read(self, sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
        with self._errors():
            return self._connection().execute(sql, params).fetchall()

    def _locked_get(self, connection: sqlite3.Connection, recommendation_id: str) -> Recommendation:
        row = connection.execute(
            "SELECT doc FROM recommendations WHERE id = ?", (recommendation_id,)
        ).fetchone()
        if row is None:
            raise NotFound(recommendation_id)
        return _document(row[0])

    def _insert(
        self, connection: sqlite3.Connection, recommendation: Recommendation, if_free: bool = False
    ) -> bool:
        """Insert the document; with `if_free`, only when its id and key are both free
        (False when either is taken)."""
        verb = "INSERT OR IGNORE" if if_free else "INSERT"
        inserted = connection.execute(
            f"{verb} INTO recommendations ({ROW_COLUMNS}) VALUES ({PLACEHOLDERS})",
            _row(recommendation),
        ).rowcount
        if inserted:
            self._set_platforms(connection, recommendation)
            add_terms(connection, [recommendation])
        return bool(inserted)

    def _update(self, connection: sqlite3.Connection, recommendation: Recommendation) -> None:
        row = _row(recommendation)
        updated = connection.execute(
            "UPDATE recommendations SET dedup_key = ?, user = ?, kind = ?, title = ?, artist = ?,"
            " description = ?, created_at = ?, updated_at = ?, links_status = ?,"
            " links_checked_at = ?, doc = ? WHERE id = ?",
            (*row[1:], row[0]),
        ).rowcount
        if not updated:
            raise NotFound(recommendation["id"])
        connection.execute(
            "DELETE FROM recommendation_platforms WHERE id = ?", (recommendation["id"],)
        )
        self._set_platforms(connection, recommendation)
        add_terms(connection, [recommendation])

    @staticmethod
    def _set_platforms(connection: sqlite3.Connection, recommendation: Recommendation) -> None:
        platforms = found_platforms(recommendation)
        if platforms:
            connection.executemany(
                "INSERT INTO recommendation_platforms (platform, id) VALUES (?, ?)",
                [(platform, recommendation["id"]) for platform in platforms],
            )


def _document(stored: str) -> Recommendation:
    """A stored document: orjson reads it in a fraction of `json`'s time on the hottest
    read; `json` for what orjson refuses (integers beyond 64 bits), so none is unreadable."""
    try:
        document: Recommendation = orjson.loads(stored)
    except orjson.JSONDecodeError:
        document = json.loads(stored)
    return document
