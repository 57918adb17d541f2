"""The index under contract: the embedded one always; Elasticsearch with ELASTICSEARCH_URL."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from services.index import RecommendationIndex
from services.index.embedded import EmbeddedIndex


@pytest.fixture(
    params=[
        "embedded",
        "elasticsearch-standin",
        pytest.param("elasticsearch", marks=pytest.mark.elasticsearch),
    ]
)
def index(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[RecommendationIndex]:
    if request.param == "embedded":
        embedded = EmbeddedIndex(tmp_path / "index.sqlite3")
        yield embedded
        embedded.close()
        return
    if request.param == "elasticsearch-standin":
        # Our Elasticsearch code against the in-memory stand-in: requests, error mapping,
        # keys and cursors; relevance only roughly (the stand-in scores naively).
        from services.index.elasticsearch import ElasticsearchIndex
        from tests.standins.elasticsearch import FakeElasticsearch

        fake = FakeElasticsearch()
        with fake.standin.running():
            standin = ElasticsearchIndex(url=fake.standin.url, alias="recommendations")
            yield standin
            standin.close()
        return
    url = os.environ.get("ELASTICSEARCH_URL")
    if not url:
        pytest.skip("ELASTICSEARCH_URL is not set: `docker compose up elasticsearch` to run these")
    from services.index.elasticsearch import ElasticsearchIndex

    remote = ElasticsearchIndex(url=url, alias=f"test-{uuid.uuid4().hex[:12]}", refresh=True)
    yield remote
    remote.drop()
    remote.close()
