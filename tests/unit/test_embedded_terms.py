"""The embedded index's word table, which its typo search reads."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from services.index import SearchQuery
from services.index.embedded import EmbeddedIndex
from services.index.embedded_terms import Vocabulary, fts_fold, terms_of
from tests.factories import stored

pytestmark = pytest.mark.unit


def _ids(index: EmbeddedIndex, q: str) -> list[str]:
    return [item["id"] for item in index.search(SearchQuery(q=q)).items]


def test_words_are_folded_as_fts5_folds_them() -> None:
    assert fts_fold("Ágætis BYRJUN") == "agætis byrjun"
    document = stored(title="Sigur Rós - Ágætis byrjun", artist="Sigur Rós", description="a_b")
    assert terms_of([document]) == {"sigur", "ros", "agætis", "byrjun", "a", "b"}


def test_a_file_from_before_the_word_table_gets_its_words(tmp_path: Path) -> None:
    path = tmp_path / "index.sqlite3"
    index = EmbeddedIndex(path)
    document = stored(title="Breaking Benjamin - Phobia")
    index.create(document)
    index.close()
    with sqlite3.connect(path) as connection:  # as a file written by an older recindex
        connection.execute("DELETE FROM search_terms")
    reopened = EmbeddedIndex(path)
    assert _ids(reopened, "Breking") == [document["id"]]
    reopened.close()


def test_words_another_process_writes_are_found_within_typos(tmp_path: Path) -> None:
    reader, writer = EmbeddedIndex(tmp_path / "i.sqlite3"), EmbeddedIndex(tmp_path / "i.sqlite3")
    writer.create(stored(title="Muse - Absolution"))
    assert _ids(reader, "Absolutoin") != []
    later = stored(title="Portishead - Dummy")
    writer.create(later)  # after the reader holds the words it has seen
    assert _ids(reader, "Portishaed") == [later["id"]]
    reader.close()
    writer.close()


def test_a_reindex_forgets_the_words_no_document_holds(tmp_path: Path) -> None:
    index = EmbeddedIndex(tmp_path / "index.sqlite3")
    gone = stored(title="Kino - Gruppa krovi")
    index.create(gone)
    index.create(stored(title="Muse - Absolution"))
    index.delete(gone["id"])
    index.reindex()
    connection = sqlite3.connect(tmp_path / "index.sqlite3")
    words = {row[0] for row in connection.execute("SELECT term FROM search_terms")}
    connection.close()
    assert words == {"muse", "absolution"}
    index.close()


def test_the_closest_variants_count_first() -> None:
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE TABLE search_terms (id INTEGER PRIMARY KEY, term TEXT)")
    words = ["breaking", "braking", "breaming", "bre", "creaking", "breakings", "unrelated"]
    connection.executemany("INSERT INTO search_terms (term) VALUES (?)", [(w,) for w in words])
    # Lucene's order: fewer edits per letter of the shorter word first (one edit in
    # `braking`'s seven letters counts more than in eight), then by the word.
    assert Vocabulary().variants(connection, "breaking", 2) == [
        "breaking",
        "breakings",
        "breaming",
        "creaking",
        "braking",
    ]
