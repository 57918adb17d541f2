"""The embedded index's page cache: a search asked again before any write is answered
from memory; any commit to the file, from this index, another process's or another
thread's, is seen by the next search."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from services.index import SearchQuery
from services.index.embedded import EmbeddedIndex
from services.index.embedded_cache import SearchCache
from tests.factories import stored

pytestmark = pytest.mark.unit

RIVER = SearchQuery(q="river")


def test_a_search_asked_again_before_any_write_is_not_run_again(tmp_path: Path) -> None:
    index = EmbeddedIndex(tmp_path / "recindex.sqlite3")
    index.create(stored(title="Ana - River Songs"))
    first = index.search(RIVER)
    assert index.search(RIVER) is first  # the same page object: nothing ran again
    assert index.search(SearchQuery(q="river", limit=5)) is not first  # another query


def test_a_write_through_the_same_index_is_seen_at_once(tmp_path: Path) -> None:
    index = EmbeddedIndex(tmp_path / "recindex.sqlite3")
    index.create(stored(title="Ana - River Songs"))
    assert index.search(RIVER).total == 1
    second = stored(title="Bo - River Deep")
    index.create(second)
    assert index.search(RIVER).total == 2
    index.delete(second["id"])
    assert index.search(RIVER).total == 1


def test_a_write_by_another_process_or_thread_is_seen(tmp_path: Path) -> None:
    path = tmp_path / "recindex.sqlite3"
    api, worker = EmbeddedIndex(path), EmbeddedIndex(path)  # two processes' views
    api.create(stored(title="Ana - River Songs"))
    assert api.search(RIVER).total == 1
    worker.create(stored(title="Bo - River Deep"))
    assert api.search(RIVER).total == 2
    thread = threading.Thread(target=lambda: api.create(stored(title="Cy - River Run")))
    thread.start()
    thread.join()
    assert api.search(RIVER).total == 3
    # A plain SQL write (an operator's, a migration's) counts as well.
    with sqlite3.connect(path) as connection:
        connection.execute("DELETE FROM recommendations WHERE title = 'Cy - River Run'")
    assert api.search(RIVER).total == 2


def test_a_page_answered_before_a_write_is_never_kept_as_current(tmp_path: Path) -> None:
    cache = SearchCache(tmp_path / "recindex.sqlite3", max_documents=10)
    index = EmbeddedIndex(tmp_path / "recindex.sqlite3")
    index.create(stored(title="Ana - River Songs"))
    before = cache.version()
    page = index.search(RIVER)
    index.create(stored(title="Bo - River Deep"))  # committed while that page was made
    cache.put(RIVER, before, page)
    assert cache.get(RIVER, cache.version()) is None


def test_the_cache_holds_a_bounded_number_of_documents(tmp_path: Path) -> None:
    index = EmbeddedIndex(tmp_path / "recindex.sqlite3")
    for n in range(6):
        index.create(stored(title=f"Artist {n} - River {n}"))
    cache = SearchCache(tmp_path / "recindex.sqlite3", max_documents=10)
    version = cache.version()
    pages = {limit: index.search(SearchQuery(q="river", limit=limit)) for limit in (4, 5, 6)}
    for limit, page in pages.items():
        cache.put(SearchQuery(q="river", limit=limit), version, page)
    # 4 + 5 + 6 documents > 10: the least recently kept page went first.
    assert cache.get(SearchQuery(q="river", limit=4), version) is None
    assert cache.get(SearchQuery(q="river", limit=6), version) is pages[6]
