"""The index under contract: the embedded one, and Elasticsearch on a real node."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from services.index import RecommendationIndex
from services.index.embedded import EmbeddedIndex
from tests.conftest import BOTH_INDEXES, elasticsearch_index, elasticsearch_settings


@pytest.fixture(params=BOTH_INDEXES)
def index(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[RecommendationIndex]:
    if request.param == "embedded":
        embedded = EmbeddedIndex(tmp_path / "index.sqlite3")
        yield embedded
        embedded.close()
        return
    url = request.getfixturevalue("elasticsearch_url")
    remote = elasticsearch_index(elasticsearch_settings(tmp_path, url))
    yield remote
    remote.drop()
    remote.close()
