"""Conditional GETs: ETag, If-None-Match and 304 on a recommendation and on search pages,
on the embedded index and on Elasticsearch (the real node)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from api.caching import CACHE_CONTROL, client_has, etag_of
from app import build_injector, create_app
from services.index import RecommendationIndex
from services.model import Recommendation
from tests.conftest import (
    AUTH,
    BOTH_INDEXES,
    elasticsearch_index,
    elasticsearch_settings,
    make_settings,
)
from tests.factories import stored

TAG = '"0f1e2d3c4b5a69788796a5b4c3d2e1f0"'


@pytest.mark.unit
@pytest.mark.parametrize(
    "if_none_match",
    [
        TAG,
        f"W/{TAG}",  # weak comparison (RFC 9110 13.1.2): a weak tag matches the strong one
        "*",
        f'"other", {TAG}',
        f'W/"other" , W/{TAG}',
        f'"a,b", {TAG}',  # a comma inside a tag does not split it
        TAG.strip('"'),  # unquoted, as some clients send it: werkzeug reads it as the tag
    ],
)
def test_if_none_match_names_the_tag(if_none_match: str) -> None:
    assert client_has(if_none_match, TAG)


@pytest.mark.unit
@pytest.mark.parametrize(
    "if_none_match",
    [None, "", '"other"', 'W/"other", "another"', f'"{TAG}"', "**", "garbage"],
)
def test_if_none_match_without_the_tag(if_none_match: str | None) -> None:
    assert not client_has(if_none_match, TAG)


@pytest.mark.unit
def test_the_tag_is_strong_and_follows_the_bytes() -> None:
    tag = etag_of(b'{"a":1}')
    assert tag.startswith('"') and tag.endswith('"') and not tag.startswith("W/")
    assert tag == etag_of(b'{"a":1}')
    assert tag != etag_of(b'{"a":2}')


@dataclass
class Service:
    client: TestClient
    index: RecommendationIndex


@pytest.fixture(params=BOTH_INDEXES)
def service(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Service]:
    if request.param == "embedded":
        settings = make_settings(tmp_path)
    else:
        url = request.getfixturevalue("elasticsearch_url")
        settings = elasticsearch_settings(tmp_path, url)
    injector = build_injector(settings)
    with TestClient(create_app(injector)) as client:
        yield Service(client, injector.get(RecommendationIndex))  # type: ignore[type-abstract]
    if request.param == "elasticsearch":
        elasticsearch_index(settings).drop()


def stored_in(service: Service, **fields: object) -> Recommendation:
    """A looked-up document, written to the index directly: no lookup will change it."""
    document = stored(links_status="complete", **fields)
    service.index.create(document)
    return document


def test_a_recommendation_has_an_etag_and_cache_control(service: Service) -> None:
    document = stored_in(service)
    response = service.client.get(f"/recommendations/{document['id']}")
    assert response.status_code == 200
    assert response.headers["cache-control"] == CACHE_CONTROL == "no-cache"
    assert response.headers["etag"] == etag_of(response.content)
    assert "vary" not in response.headers


def test_its_etag_answers_304_without_a_body(service: Service) -> None:
    path = f"/recommendations/{stored_in(service)['id']}"
    etag = service.client.get(path).headers["etag"]
    for if_none_match in (etag, f"W/{etag}", "*", f'"stale", {etag}'):
        again = service.client.get(path, headers={"If-None-Match": if_none_match})
        assert again.status_code == 304, if_none_match
        assert again.content == b""
        assert again.headers["etag"] == etag
        assert again.headers["cache-control"] == "no-cache"
        assert "content-type" not in again.headers


def test_another_tag_gets_the_whole_answer(service: Service) -> None:
    path = f"/recommendations/{stored_in(service)['id']}"
    response = service.client.get(path, headers={"If-None-Match": '"not-this-one"'})
    assert response.status_code == 200
    assert response.json()["id"] == path.rsplit("/", 1)[1]


def test_a_change_answers_200_with_a_new_etag(service: Service) -> None:
    document = stored_in(service)
    path = f"/recommendations/{document['id']}"
    before = service.client.get(path).headers["etag"]
    changed = service.client.patch(path, json={"description": "changed"}, headers=AUTH)
    assert changed.status_code == 200
    after = service.client.get(path, headers={"If-None-Match": before})
    assert after.status_code == 200
    assert after.json()["description"] == "changed"
    assert after.headers["etag"] != before


def test_links_stored_and_a_new_lookup_change_the_etag(service: Service) -> None:
    document = stored_in(service)
    path = f"/recommendations/{document['id']}"
    first = service.client.get(path)
    link = {"status": "found", "url": "https://open.spotify.com/album/x", "method": "search"}
    service.index.set_links(document["id"], {"spotify": link})
    linked = service.client.get(path, headers={"If-None-Match": first.headers["etag"]})
    assert linked.status_code == 200 and linked.json()["links"]["spotify"]["url"]
    # Marked pending for a new lookup: `updated_at` stays, the answer's bytes do not.
    service.index.mark_pending(document["id"])
    pending = service.client.get(path, headers={"If-None-Match": linked.headers["etag"]})
    assert pending.status_code == 200
    assert pending.json()["links_status"] == "pending"
    assert pending.json()["updated_at"] == linked.json()["updated_at"]


def test_a_missing_recommendation_is_404_whatever_the_tag(service: Service) -> None:
    response = service.client.get("/recommendations/no-such-id", headers={"If-None-Match": "*"})
    assert response.status_code == 404
    assert "etag" not in response.headers


def test_a_search_page_has_an_etag_and_answers_304(service: Service) -> None:
    stored_in(service, title="Massive Attack - Mezzanine")
    page = service.client.get("/recommendations", params={"q": "mezzanine"})
    assert page.status_code == 200 and page.json()["total"] == 1
    assert page.headers["etag"] == etag_of(page.content)
    assert page.headers["cache-control"] == "no-cache"
    again = service.client.get(
        "/recommendations",
        params={"q": "mezzanine"},
        headers={"If-None-Match": page.headers["etag"]},
    )
    assert again.status_code == 304 and again.content == b""


def test_a_new_document_on_the_page_answers_200(service: Service) -> None:
    stored_in(service, title="Portishead - Dummy")
    page = service.client.get("/recommendations", params={"q": "portishead"})
    stored_in(service, title="Portishead - Third")
    again = service.client.get(
        "/recommendations",
        params={"q": "portishead"},
        headers={"If-None-Match": page.headers["etag"]},
    )
    assert again.status_code == 200
    assert again.json()["total"] == 2
    assert again.headers["etag"] != page.headers["etag"]


def test_an_if_none_match_too_long_is_a_400(service: Service) -> None:
    response = service.client.get("/recommendations", headers={"If-None-Match": '"x"' * 3000})
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("application/problem+json")


@pytest.mark.unit
def test_flaskapp_answers_the_same_way(tmp_path: Path) -> None:
    """`make bench` measures the service on FlaskApp too: the answer must not depend on it."""
    from connexion import FlaskApp

    injector = build_injector(make_settings(tmp_path))
    with TestClient(create_app(injector, app_class=FlaskApp)) as client:
        document = stored(links_status="complete")
        injector.get(RecommendationIndex).create(document)  # type: ignore[type-abstract]
        path = f"/recommendations/{document['id']}"
        first = client.get(path)
        assert first.status_code == 200
        assert first.headers["content-type"] == "application/json"
        assert first.headers["etag"] == etag_of(first.content)
        again = client.get(path, headers={"If-None-Match": first.headers["etag"]})
        assert again.status_code == 304 and again.content == b""
