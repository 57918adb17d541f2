"""The embedded index's vocabulary: every word stored, for finding those within a typo.

SQLite's FTS5 has no fuzzy match (and Python's sqlite3 has no `spellfix1`), so the words
of every title, artist and description are kept in `search_terms` as written, and each
process holds them in memory, by length, reading only the rows added since it last
looked. rapidfuzz then measures a word against those of a length within reach.

Words are folded as FTS5's `unicode61 remove_diacritics 2` folds them (lower case, marks
removed, `æ` kept), so that a word found here is one FTS5 finds. Words are never removed
but by a reindex: a word no document holds any more finds nothing, which is harmless.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import unicodedata
from collections.abc import Iterable

from rapidfuzz import process
from rapidfuzz.distance import OSA

from services.index.text import MAX_EXPANSIONS, WORD_PART, expansion_order
from services.model import Recommendation

SCHEMA = """
CREATE TABLE IF NOT EXISTS search_terms (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    term TEXT NOT NULL UNIQUE
);
"""
TEXT_FIELDS = ("title", "artist", "description")


def fts_fold(text: str) -> str:
    """`text` as FTS5's tokenizer folds it: lower case, combining marks removed."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFD", text.lower())
    return unicodedata.normalize(
        "NFC", "".join(char for char in decomposed if not unicodedata.combining(char))
    )


def terms_of(documents: Iterable[Recommendation]) -> set[str]:
    """The distinct folded words of these documents' searched fields."""
    found: set[str] = set()
    for document in documents:
        for name in TEXT_FIELDS:
            value = document.get(name)
            if value:
                found.update(WORD_PART.findall(fts_fold(str(value))))
    return found


def add_terms(connection: sqlite3.Connection, documents: Iterable[Recommendation]) -> None:
    """Keep the words of these documents (inside the caller's write transaction)."""
    connection.executemany(
        "INSERT OR IGNORE INTO search_terms (term) VALUES (?)",
        [(term,) for term in sorted(terms_of(documents))],
    )


def rebuild_terms(connection: sqlite3.Connection) -> None:
    """Forget every word (a reindex then adds those the documents hold)."""
    connection.execute("DELETE FROM search_terms")


def fill_terms_if_missing(connection: sqlite3.Connection, batch: int = 500) -> None:
    """The words of every document, when a file written before `search_terms` existed
    has documents but no words (inside the caller's write transaction)."""
    if connection.execute("SELECT EXISTS (SELECT 1 FROM search_terms)").fetchone()[0]:
        return
    last_rowid = 0
    while True:
        rows = connection.execute(
            "SELECT rowid, doc FROM recommendations WHERE rowid > ? ORDER BY rowid LIMIT ?",
            (last_rowid, batch),
        ).fetchall()
        if not rows:
            return
        add_terms(connection, [json.loads(doc) for _, doc in rows])
        last_rowid = rows[-1][0]


class Vocabulary:
    """This process's copy of `search_terms`, grouped by length."""

    def __init__(self) -> None:
        self._by_length: dict[int, set[str]] = {}
        self._lists: dict[int, list[str]] = {}
        self._last_id = 0
        self._lock = threading.Lock()

    def variants(self, connection: sqlite3.Connection, word: str, edits: int) -> list[str]:
        """Stored words within `edits` of `word` (itself included when stored), the
        `MAX_EXPANSIONS` closest."""
        word = fts_fold(word)
        with self._lock:
            self._catch_up(connection)
            lengths = range(len(word) - edits, len(word) + edits + 1)
            pools = [self._list(length) for length in lengths]
        found: list[tuple[str, int]] = []
        for pool in pools:
            for variant, distance, _ in process.extract(
                word, pool, scorer=OSA.distance, score_cutoff=edits, limit=None
            ):
                found.append((variant, int(distance)))
        found.sort(key=lambda pair: expansion_order(word, pair[0], pair[1]))
        return [variant for variant, _ in found[:MAX_EXPANSIONS]]

    def _catch_up(self, connection: sqlite3.Connection) -> None:
        rows = connection.execute(
            "SELECT id, term FROM search_terms WHERE id > ? ORDER BY id", (self._last_id,)
        ).fetchall()
        for term_id, term in rows:
            self._by_length.setdefault(len(term), set()).add(term)
            self._lists.pop(len(term), None)
            self._last_id = term_id

    def _list(self, length: int) -> list[str]:
        pool = self._lists.get(length)
        if pool is None:
            pool = self._lists[length] = sorted(self._by_length.get(length, ()))
        return pool
