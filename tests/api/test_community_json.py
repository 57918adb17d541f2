"""The community's JSON, as it is (issue 19): no kind, its own id and times, through the app
on the embedded index and on Elasticsearch."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from app import build_injector, create_app
from services.index import RecommendationIndex
from services.settings import Settings
from tests.conftest import AUTH, BOTH_INDEXES, drop_elasticsearch, elasticsearch_settings
from tests.conftest import make_settings as embedded_settings

SEED: dict[str, Any] = {
    "title": "Breaking - Phobia",
    "user": "username",
    "description": "...",
    "img": "https://community.example/img/1.jpg",
    "created_at": "2024-02-12T12:00:00Z",
    "updated_at": "2024-02-12T12:00:00Z",
    "reclink": "https://community.example/posts/1",
}
"""The seed's body, word for word (its `img` and `reclink` elided there as `https://...`)."""


@pytest.fixture(params=BOTH_INDEXES)
def settings(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Settings]:
    if request.param == "embedded":
        yield embedded_settings(tmp_path)
        return
    chosen = elasticsearch_settings(tmp_path, request.getfixturevalue("elasticsearch_url"))
    yield chosen
    drop_elasticsearch(chosen)


@pytest.fixture
def app_and_index(settings: Settings) -> Iterator[tuple[TestClient, RecommendationIndex]]:
    injector = build_injector(settings)
    with TestClient(create_app(injector)) as client:
        yield client, injector.get(RecommendationIndex)  # type: ignore[type-abstract]


def post(client: TestClient, body: dict[str, Any]) -> Any:
    return client.post("/recommendations", json=body, headers=AUTH)


def test_the_seeds_json_is_201_and_kept_as_sent(client: TestClient) -> None:
    response = post(client, {**SEED, "id": 1234})
    assert response.status_code == 201, response.text
    created = response.json()
    assert created["kind"] == "unknown"
    assert created["external_id"] == "1234"  # the community's id, as text
    assert created["id"] != "1234"  # recindex's id stays its own
    assert created["created_at"] == "2024-02-12T12:00:00.000Z"
    assert created["updated_at"] == "2024-02-12T12:00:00.000Z"
    assert created["indexed_at"] > created["updated_at"]
    for name in ("title", "user", "description", "img", "reclink"):
        assert created[name] == SEED[name]
    assert "recommendation_id" not in created and "links_notified" not in created
    read = client.get(f"/recommendations/{created['id']}").json()
    assert read["external_id"] == "1234" and read["updated_at"] == created["updated_at"]


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        ({"id": "c-42"}, "c-42"),
        ({"recommendation_id": 42}, "42"),
        ({"recommendation_id": "x"}, "x"),
    ],
)
def test_either_name_of_the_community_id_is_kept(
    client: TestClient, sent: dict[str, Any], kept: str
) -> None:
    created = post(client, {**SEED, **sent})
    assert created.status_code == 201, created.text
    assert created.json()["external_id"] == kept


def test_a_work_recindex_cannot_place_stays_findable(client: TestClient) -> None:
    unknown = post(client, {**SEED, "recommendation_id": "77"}).json()
    other = post(client, {**SEED, "reclink": "https://community.example/posts/2", "id": 78})
    assert other.status_code == 201
    by_id = client.get("/recommendations", params={"external_id": "77"}).json()
    assert [item["id"] for item in by_id["items"]] == [unknown["id"]]
    assert by_id["total"] == 1
    assert client.get("/recommendations", params={"external_id": "7"}).json()["total"] == 0
    with_words = client.get("/recommendations", params={"q": "phobia", "external_id": "77"})
    assert [item["id"] for item in with_words.json()["items"]] == [unknown["id"]]
    by_words = client.get("/recommendations", params={"q": "phobia"}).json()
    assert unknown["id"] in [item["id"] for item in by_words["items"]]
    by_kind = client.get("/recommendations", params={"kind": "unknown"}).json()
    assert by_kind["total"] == 2


def test_the_same_post_sent_again_is_a_duplicate(client: TestClient) -> None:
    first = post(client, SEED)
    again = post(client, {**SEED, "description": "said again"})
    assert again.status_code == 409
    assert again.json()["existing_id"] == first.json()["id"]


def test_a_kind_recindex_learns_leaves_the_duplicate_key_as_posted(
    app_and_index: tuple[TestClient, RecommendationIndex],
) -> None:
    client, index = app_and_index
    body = {"title": "Breaking Benjamin - Phobia", "user": "ana"}  # no reclink: the key has a kind
    created = post(client, body).json()
    learned = {"kind": "album", "kind_inferred_from": "lookup", "artist": "Breaking Benjamin"}
    index.update(created["id"], lambda doc: {**doc, **learned})  # type: ignore[typeddict-item]
    placed = client.get(f"/recommendations/{created['id']}").json()
    assert (placed["kind"], placed["kind_inferred_from"]) == ("album", "lookup")
    assert placed["artist"] == "Breaking Benjamin"
    # The same kindless post again: a duplicate, also after a change that keeps the key.
    assert post(client, body).status_code == 409
    patched = client.patch(
        f"/recommendations/{created['id']}", json={"description": "x"}, headers=AUTH
    )
    assert patched.status_code == 200
    assert post(client, body).status_code == 409
    # A post naming a kind is another post: recindex never guessed that the first meant it.
    assert post(client, {**body, "kind": "album"}).status_code == 201


def test_patch_keeps_the_sources_update_time_or_takes_its_own(client: TestClient) -> None:
    created = post(client, SEED).json()
    path = f"/recommendations/{created['id']}"
    time.sleep(0.002)  # timestamps have milliseconds
    sent = client.patch(
        path,
        json={"description": "edited", "updated_at": "2024-03-01T08:00:00+01:00"},
        headers=AUTH,
    ).json()
    assert sent["updated_at"] == "2024-03-01T07:00:00.000Z"
    assert sent["indexed_at"] > created["indexed_at"]
    unsent = client.patch(path, json={"description": "again"}, headers=AUTH).json()
    assert unsent["updated_at"] > "2024-03-01T07:00:00.000Z"
    assert unsent["updated_at"] == unsent["indexed_at"]


def test_links_stored_leave_the_sources_update_time(
    app_and_index: tuple[TestClient, RecommendationIndex],
) -> None:
    client, index = app_and_index
    created = post(client, SEED).json()
    time.sleep(0.002)
    link = {"status": "found", "url": "https://open.spotify.com/album/x", "method": "search"}
    index.set_links(created["id"], {"spotify": link})  # type: ignore[dict-item]
    linked = client.get(f"/recommendations/{created['id']}").json()
    assert linked["updated_at"] == SEED["updated_at"].replace("Z", ".000Z")
    assert linked["indexed_at"] > created["indexed_at"]


@pytest.mark.unit
def test_the_embedded_index_finds_an_external_id_through_its_index(tmp_path: Path) -> None:
    """The filter reads the document's JSON: without the expression index it would read
    every row."""
    import sqlite3

    from services.index.embedded import EmbeddedIndex
    from services.index.embedded_search import EXTERNAL_ID

    path = tmp_path / "index.sqlite3"
    EmbeddedIndex(path).ping()  # makes the file and its schema
    with sqlite3.connect(path) as connection:
        plan = connection.execute(
            f"EXPLAIN QUERY PLAN SELECT r.doc FROM recommendations r WHERE {EXTERNAL_ID} = ?",
            ["77"],
        ).fetchall()
    assert "USING INDEX recommendations_external_id" in " ".join(row[-1] for row in plan)
