"""`/recommendations` through the app, as a client sees it: on the embedded index and on
Elasticsearch (the real node)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from app import build_injector, create_app
from services.index.cursor import encode_cursor
from services.settings import Settings
from tests.conftest import (
    AUTH,
    BOTH_INDEXES,
    drop_elasticsearch,
    elasticsearch_settings,
    make_settings,
)
from tests.factories import recommendation_input


@pytest.fixture(params=BOTH_INDEXES)
def settings(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Settings]:
    if request.param == "embedded":
        yield make_settings(tmp_path)
        return

    chosen = elasticsearch_settings(tmp_path, request.getfixturevalue("elasticsearch_url"))
    yield chosen
    drop_elasticsearch(chosen)


PROBLEM = "application/problem+json"


def assert_problem(response, status: int, mentions: str = "") -> dict:  # type: ignore[no-untyped-def]
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    body = response.json()
    assert body["status"] == status
    assert {"type", "title", "detail"} <= body.keys()
    assert mentions in body["detail"]
    return body


def test_post_stores_and_answers_201_with_location(client: TestClient) -> None:
    body = recommendation_input(title="Breaking Benjamin - Phobia", reclink="https://c.example/p/1")
    response = client.post("/recommendations", json=body, headers=AUTH)
    assert response.status_code == 201
    assert response.headers["content-type"] == "application/json"
    created = response.json()
    assert response.headers["location"] == f"/recommendations/{created['id']}"
    assert created["artist"] == "Breaking Benjamin"
    assert created["links_status"] == "pending"
    assert created["created_at"].endswith("Z") and created["updated_at"].endswith("Z")
    assert "dedup_key" not in created
    fetched = client.get(response.headers["location"])
    assert fetched.status_code == 200
    assert fetched.json()["title"] == "Breaking Benjamin - Phobia"


def test_same_post_again_is_409_with_existing_id(client: TestClient) -> None:
    body = recommendation_input()
    first = client.post("/recommendations", json=body, headers=AUTH).json()
    again = client.post("/recommendations", json=body, headers=AUTH)
    problem = assert_problem(again, 409)
    assert problem["existing_id"] == first["id"]
    assert again.headers["location"] == f"/recommendations/{first['id']}"


def test_a_title_left_by_a_patch_can_be_recommended_again(client: TestClient) -> None:
    body = recommendation_input(title="Slowdive - Souvlaki")
    first = client.post("/recommendations", json=body, headers=AUTH).json()
    client.patch(f"/recommendations/{first['id']}", json={"title": "Slowdive - Pygmalion"},
                 headers=AUTH)  # fmt: skip
    again = client.post("/recommendations", json=body, headers=AUTH)
    assert again.status_code == 201, again.text  # was a 409 naming the renamed one
    second = again.json()
    assert second["id"] != first["id"]
    assert again.headers["location"] == f"/recommendations/{second['id']}"
    assert client.get(f"/recommendations/{second['id']}").json()["title"] == "Slowdive - Souvlaki"
    assert client.get(f"/recommendations/{first['id']}").json()["title"] == "Slowdive - Pygmalion"
    problem = assert_problem(client.post("/recommendations", json=body, headers=AUTH), 409)
    assert problem["existing_id"] == second["id"]


def test_reclinks_differing_only_by_tracking_are_duplicates(client: TestClient) -> None:
    first = recommendation_input(
        reclink="https://Community.example:443/p/7?utm_source=x&si=abc#top"
    )
    second = recommendation_input(reclink="https://community.example/p/7")
    created = client.post("/recommendations", json=first, headers=AUTH).json()
    problem = assert_problem(client.post("/recommendations", json=second, headers=AUTH), 409)
    assert problem["existing_id"] == created["id"]


def test_same_work_told_two_ways_is_a_duplicate(client: TestClient) -> None:
    spaced = {"title": "Sigur  Rós - Ágætis byrjun", "user": "ana", "kind": "album"}
    plain = {"title": "sigur ros - agaetis byrjun", "user": "ana", "kind": "album"}
    split = {"title": "Ágætis byrjun", "artist": "Sigur Rós", "user": "ana", "kind": "album"}
    assert client.post("/recommendations", json=spaced, headers=AUTH).status_code == 201
    assert_problem(client.post("/recommendations", json=plain, headers=AUTH), 409)
    assert_problem(client.post("/recommendations", json=split, headers=AUTH), 409)
    other_user = {**plain, "user": "bob"}
    assert client.post("/recommendations", json=other_user, headers=AUTH).status_code == 201


@pytest.mark.parametrize(
    ("body", "mentions"),
    [
        ({"user": "ana", "kind": "album"}, "title"),
        ({"title": "x", "user": "ana", "kind": "podcast"}, "kind"),
        ({"title": "x", "user": "ana", "kind": "album", "id": {"n": 1}}, "id"),
        ({"title": "x", "user": "ana", "id": 1.5}, "id"),
        ({"title": "x", "user": "ana", "recommendation_id": ""}, "recommendation_id"),
        ({"title": "x", "user": "ana", "id": 1, "recommendation_id": 1}, "recommendation_id"),
        ({"title": "x", "user": "ana", "external_id": "7"}, "external_id"),
        ({"title": "x", "user": "ana", "indexed_at": "2020-01-01T00:00:00Z"}, "indexed_at"),
        # The community's JSON with one field more than it has ever sent: still refused.
        ({"title": "x", "user": "ana", "id": 1, "likes": 3}, "likes"),
        ({"title": "x", "user": "ana", "kind": "album", "links": {}}, "links"),
        (
            {"title": "x", "user": "ana", "kind": "album", "links_status": "complete"},
            "links_status",
        ),
        ({"title": "x", "user": "ana", "updated_at": "last week"}, "updated_at"),
        ({"title": "x", "user": "ana", "kind": "album", "img": "javascript:alert(1)"}, "img"),
        ({"title": "x", "user": "ana", "kind": "album", "reclink": "ftp://x"}, "reclink"),
        ({"title": "x" * 301, "user": "ana", "kind": "album"}, "title"),
        ({"title": "x", "user": "ana", "kind": "album", "created_at": "yesterday"}, "created_at"),
    ],
)
def test_bad_input_is_400_naming_the_field(client: TestClient, body: dict, mentions: str) -> None:
    assert_problem(client.post("/recommendations", json=body, headers=AUTH), 400, mentions)


def test_a_book_keeps_its_isbn_as_isbn_13_and_a_wrong_check_digit_is_400(
    client: TestClient,
) -> None:
    book = {"title": "Tolkien - The Hobbit", "user": "ana", "kind": "book", "isbn": "0-261-10320-2"}
    created = client.post("/recommendations", json=book, headers=AUTH)
    assert created.status_code == 201, created.text
    assert created.json()["isbn"] == "9780261103207"
    assert created.json()["artist"] == "Tolkien"  # "Author - Title", as for music
    path = created.headers["location"]
    assert client.get(path).json()["isbn"] == "9780261103207"

    wrong = {**book, "title": "Another", "isbn": "0-261-10320-3"}
    problem = assert_problem(client.post("/recommendations", json=wrong, headers=AUTH), 400)
    assert problem["detail"].startswith("isbn: '0-261-10320-3'")
    assert_problem(client.patch(path, json={"isbn": "9780261103208"}, headers=AUTH), 400, "isbn")
    assert_problem(
        client.post("/recommendations", json={**wrong, "isbn": "12-3"}, headers=AUTH), 400, "isbn"
    )

    changed = client.patch(path, json={"isbn": "978-0-00-744783-1"}, headers=AUTH).json()
    assert changed["isbn"] == "9780007447831"
    assert changed["links_status"] == "pending"  # another edition: looked up again


def test_not_json_is_400(client: TestClient) -> None:
    response = client.post(
        "/recommendations",
        content=b"{not json",
        headers={**AUTH, "Content-Type": "application/json"},
    )
    assert_problem(response, 400)


@pytest.mark.parametrize("headers", [{}, {"X-API-Key": "wrong"}, {"X-API-Key": ""}])
def test_writes_without_a_valid_key_are_401(client: TestClient, headers: dict) -> None:
    body = recommendation_input()
    assert_problem(client.post("/recommendations", json=body, headers=headers), 401)
    assert_problem(
        client.patch("/recommendations/abc", json={"description": "x"}, headers=headers), 401
    )
    assert_problem(client.delete("/recommendations/abc", headers=headers), 401)


def test_patch_changes_fields_and_moves_updated_at(client: TestClient) -> None:
    created = client.post("/recommendations", json=recommendation_input(), headers=AUTH).json()
    response = client.patch(
        f"/recommendations/{created['id']}", json={"description": "a classic"}, headers=AUTH
    )
    assert response.status_code == 200
    changed = response.json()
    assert changed["description"] == "a classic"
    assert changed["updated_at"] > created["updated_at"]
    assert changed["created_at"] == created["created_at"]
    assert client.get(f"/recommendations/{created['id']}").json()["description"] == "a classic"


def test_patch_refuses_server_fields_and_empty_bodies(client: TestClient) -> None:
    created = client.post("/recommendations", json=recommendation_input(), headers=AUTH).json()
    path = f"/recommendations/{created['id']}"
    assert_problem(client.patch(path, json={"links_status": "complete"}, headers=AUTH), 400)
    assert_problem(client.patch(path, json={}, headers=AUTH), 400)
    assert_problem(
        client.patch("/recommendations/unknown", json={"description": "x"}, headers=AUTH), 404
    )


def test_delete_then_404(client: TestClient) -> None:
    created = client.post("/recommendations", json=recommendation_input(), headers=AUTH).json()
    path = f"/recommendations/{created['id']}"
    deleted = client.delete(path, headers=AUTH)
    assert deleted.status_code == 204
    assert deleted.content == b""
    assert_problem(client.get(path), 404)
    assert_problem(client.delete(path, headers=AUTH), 404)


def test_search_by_word_filters_and_pages(client: TestClient) -> None:
    for number in range(5):
        body = recommendation_input(title=f"Band {number} - Phobia {number}", user="ana")
        client.post("/recommendations", json=body, headers=AUTH)
    client.post(
        "/recommendations",
        json=recommendation_input(title="Kino - Gruppa krovi", user="bob"),
        headers=AUTH,
    )
    page = client.get("/recommendations", params={"q": "phobia", "limit": 2})
    assert page.status_code == 200
    assert page.headers["content-type"] == "application/json"
    body = page.json()
    assert body["total"] == 5 and len(body["items"]) == 2 and body["next_cursor"]
    rest = client.get(
        "/recommendations", params={"q": "phobia", "limit": 10, "cursor": body["next_cursor"]}
    ).json()
    assert len(rest["items"]) == 3 and rest["next_cursor"] is None
    assert client.get("/recommendations", params={"user": "bob"}).json()["total"] == 1
    assert client.get("/recommendations").json()["total"] == 6


@pytest.mark.parametrize(
    "params",
    [
        {"limit": 0},
        {"limit": 101},
        {"kind": "podcast"},
        {"q": "x" * 201},
        {"cursor": "garbage"},
        {"q": "x", "cursor": encode_cursor("relevance", [0, float("nan"), 1])},
        {"cursor": encode_cursor("newest", [0, 10**30, "x"])},
        {"cursor": encode_cursor("oldest", [0, "2026-01-01T00:00:00.000Z", 5])},
        {"unknown": "1"},
    ],
)
def test_bad_search_parameters_are_400(client: TestClient, params: dict) -> None:
    assert_problem(client.get("/recommendations", params=params), 400)


def test_twenty_concurrent_identical_posts_give_one_201(client: TestClient) -> None:
    body = recommendation_input(title="Breaking Benjamin - Dear Agony")
    statuses: list[int] = []
    barrier = threading.Barrier(20)

    def post() -> None:
        barrier.wait()
        statuses.append(client.post("/recommendations", json=body, headers=AUTH).status_code)

    threads = [threading.Thread(target=post) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [201] + [409] * 19


def test_data_survives_a_restart(settings: Settings) -> None:
    with TestClient(create_app(build_injector(settings))) as first:
        created = first.post("/recommendations", json=recommendation_input(), headers=AUTH).json()
    with TestClient(create_app(build_injector(settings))) as second:
        assert second.get(f"/recommendations/{created['id']}").json()["title"] == created["title"]


def test_oversized_body_is_413(client: TestClient) -> None:
    body = recommendation_input(description="x" * 70_000)
    assert_problem(client.post("/recommendations", json=body, headers=AUTH), 413)


def test_health_ready_ui_and_spec(client: TestClient) -> None:
    assert client.get("/health").json() == {"status": "ok"}
    # Unready until its first check answers (within a second, but on a busy machine the
    # first round may take longer): ready within 30 s.
    deadline = time.monotonic() + 30
    ready = client.get("/ready")
    while ready.status_code == 503 and time.monotonic() < deadline:
        time.sleep(0.2)
        ready = client.get("/ready")
    assert ready.status_code == 200 and ready.json()["checks"]["index"] == "ok"
    assert "swagger" in client.get("/ui/").text.lower()
    spec = client.get("/openapi.json").json()
    assert "/recommendations" in spec["paths"]
