"""`MeasuredIndex`: every operation timed, failures too, the rest passed through."""

from __future__ import annotations

from pathlib import Path

import pytest
from prometheus_client import REGISTRY

from services.errors import NotFound
from services.index import SearchQuery
from services.index.embedded import EmbeddedIndex
from services.index.measured import MeasuredIndex
from services.operations import jobs
from tests.factories import stored

pytestmark = pytest.mark.unit


def timed(operation: str) -> float:
    value = REGISTRY.get_sample_value("recindex_index_seconds_count", {"operation": operation})
    return value or 0.0


def test_operations_are_timed_and_answer_as_the_index_does(tmp_path: Path) -> None:
    index = MeasuredIndex(EmbeddedIndex(tmp_path / "db.sqlite3"))
    before = {name: timed(name) for name in ("create", "get", "search", "delete")}
    document = stored()
    index.create(document)
    assert index.get(document["id"])["title"] == document["title"]
    assert index.search(SearchQuery()).total == 1
    index.delete(document["id"])
    with pytest.raises(NotFound):
        index.get(document["id"])
    assert timed("create") == before["create"] + 1
    assert timed("get") == before["get"] + 2  # the failed read is latency too
    assert timed("search") == before["search"] + 1
    assert timed("delete") == before["delete"] + 1
    assert list(index.scan()) == []
    index.close()


def test_an_operation_beyond_the_protocol_reaches_the_index(tmp_path: Path) -> None:
    """`cli reindex` asks the index for its own rebuild, which the protocol does not name:
    through the measured index, the embedded one rebuilds and answers as before."""
    index = MeasuredIndex(EmbeddedIndex(tmp_path / "db.sqlite3"))
    document = stored(title="Portishead - Dummy")
    index.create(document)
    assert jobs.reindex(index) == 1
    assert [found["id"] for found in index.search(SearchQuery(q="dummy")).items] == [document["id"]]
    index.close()
