"""The API on Elasticsearch: the stand-in behind it, or nothing (503 with Retry-After)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from app import build_injector, create_app
from tests.conftest import AUTH, CLOSED, make_settings
from tests.factories import recommendation_input
from tests.standins.elasticsearch import FakeElasticsearch

pytestmark = pytest.mark.unit


@pytest.fixture
def es_down(tmp_path: Path) -> Iterator[TestClient]:
    settings = make_settings(tmp_path, elasticsearch_url=CLOSED)
    with TestClient(create_app(build_injector(settings))) as test_client:
        yield test_client


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


def test_ready_reports_the_index_down(es_down: TestClient) -> None:
    response = es_down.get("/ready")
    assert response.status_code == 503


@pytest.fixture
def es_client(tmp_path: Path) -> Iterator[TestClient]:
    fake = FakeElasticsearch()
    with fake.standin.running():
        settings = make_settings(tmp_path, elasticsearch_url=fake.standin.url)
        with TestClient(create_app(build_injector(settings))) as test_client:
            yield test_client


def test_the_api_on_elasticsearch_stores_finds_and_refuses_duplicates(
    es_client: TestClient,
) -> None:
    body = recommendation_input(title="Breaking Benjamin - Phobia")
    created = es_client.post("/recommendations", json=body, headers=AUTH)
    assert created.status_code == 201, created.text
    again = es_client.post("/recommendations", json=body, headers=AUTH)
    assert again.status_code == 409
    assert again.json()["existing_id"] == created.json()["id"]
    one = es_client.get(f"/recommendations/{created.json()['id']}")
    assert one.status_code == 200 and one.json()["title"] == body["title"]
    assert "dedup_key" not in one.json() and "found_platforms" not in one.json()
    page = es_client.get("/recommendations", params={"q": "phob"}).json()
    assert page["total"] == 1 and page["items"][0]["id"] == created.json()["id"]
