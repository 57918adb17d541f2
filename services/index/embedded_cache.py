"""Pages the embedded index answered, kept until anything is written to its file.

As Solr's query result cache, which each commit empties: a search asked again before
any write is answered from memory. "Any write" is any commit to the file, by this
process or another (the crawler worker writes to the API's file): SQLite's
`PRAGMA data_version`, read on a connection of its own that never writes, changes at
every commit any other connection makes. A word in a third of all documents costs bm25
over every match (docs/profiles.md); asked again between writes, a dictionary read.

The pages handed out are shared: callers read them (`public_view` copies a document
before changing it) and never change them.
"""

from __future__ import annotations

import sqlite3
import threading
from collections import OrderedDict
from pathlib import Path

from services.index import SearchPage, SearchQuery
from services.index.sqlite_connections import BUSY_TIMEOUT_MS

MAX_DOCUMENTS = 2_000
"""Documents held over all kept pages (a few MB); the least recently asked go first."""


class SearchCache:
    def __init__(self, path: Path, max_documents: int = MAX_DOCUMENTS) -> None:
        self._path = path
        self._max_documents = max_documents
        self._watch: sqlite3.Connection | None = None
        self._lock = threading.Lock()
        self._version = -1
        self._pages: OrderedDict[SearchQuery, SearchPage] = OrderedDict()
        self._documents = 0

    def version(self) -> int:
        """The file's version now: it changes at every commit anyone makes."""
        with self._lock:
            if self._watch is None:
                self._watch = sqlite3.connect(
                    self._path,
                    timeout=BUSY_TIMEOUT_MS / 1000,
                    isolation_level=None,
                    check_same_thread=False,  # used under the lock only
                )
            row = self._watch.execute("PRAGMA data_version").fetchone()
            return int(row[0])

    def get(self, query: SearchQuery, version: int) -> SearchPage | None:
        with self._lock:
            if version != self._version:
                return None
            page = self._pages.get(query)
            if page is not None:
                self._pages.move_to_end(query)
            return page

    def put(self, query: SearchQuery, version: int, page: SearchPage) -> None:
        """Keep `page`, answered at `version` (read before the search began: a write
        during it makes the page stale at once)."""
        with self._lock:
            if version != self._version:
                if version < self._version:
                    return  # an older search finishing late
                self._pages.clear()
                self._documents = 0
                self._version = version
            if query in self._pages or len(page.items) > self._max_documents:
                return
            self._pages[query] = page
            self._documents += len(page.items)
            while self._documents > self._max_documents:
                _, oldest = self._pages.popitem(last=False)
                self._documents -= len(oldest.items)

    def close(self) -> None:
        with self._lock:
            watch, self._watch = self._watch, None
            self._pages.clear()
            self._documents = 0
            self._version = -1
        if watch is not None:
            watch.close()
