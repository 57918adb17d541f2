"""The API when Elasticsearch is not there, or not well: 503 with Retry-After, not ready."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from app import build_injector, create_app
from tests.conftest import AUTH, CLOSED, drop_elasticsearch, elasticsearch_settings, make_settings
from tests.factories import recommendation_input


@pytest.fixture
def es_down(tmp_path: Path) -> Iterator[TestClient]:
    settings = make_settings(tmp_path, elasticsearch_url=CLOSED)
    with TestClient(create_app(build_injector(settings))) as test_client:
        yield test_client


@pytest.mark.unit
@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/recommendations/some-id"),
        ("GET", "/recommendations?q=phobia"),
        ("GET", "/recommendations"),
        ("POST", "/recommendations"),
    ],
)
def test_unreachable_elasticsearch_is_503_with_retry_after(
    es_down: TestClient, method: str, path: str
) -> None:
    body = recommendation_input() if method == "POST" else None
    response = es_down.request(method, path, json=body, headers=AUTH)
    assert response.status_code == 503, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert int(response.headers["retry-after"]) > 0
    assert response.json()["status"] == 503


@pytest.mark.unit
def test_ready_reports_the_index_down(es_down: TestClient) -> None:
    response = es_down.get("/ready")
    assert response.status_code == 503


@pytest.mark.integration
def test_ready_is_503_while_the_index_is_red(tmp_path: Path, elasticsearch_url: str) -> None:
    from elasticsearch import Elasticsearch

    from services.index.es_admin import first_name
    from services.index.es_mapping import MAPPING

    settings = elasticsearch_settings(tmp_path, elasticsearch_url)
    alias = settings.elasticsearch_index
    # Its primary may only live on a node that does not exist: red from birth.
    Elasticsearch(elasticsearch_url).indices.create(
        index=first_name(alias),
        mappings=MAPPING,
        settings={"number_of_shards": 1, "index.routing.allocation.require._name": "nowhere"},
        aliases={alias: {}},
        wait_for_active_shards="0",
    )
    try:
        with TestClient(create_app(build_injector(settings))) as test_client:
            ready = test_client.get("/ready")
            assert ready.status_code == 503
            assert ready.json()["checks"]["index"] != "ok"
    finally:
        drop_elasticsearch(settings)
