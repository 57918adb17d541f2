"""Searching as a search client does: facets, marked words, typos, orders, date ranges
and suggestions through the app, on the embedded index and on Elasticsearch."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from tests.api.test_recommendations_api import assert_problem, settings  # noqa: F401
from tests.conftest import AUTH
from tests.factories import recommendation_input


def _post(client: TestClient, **fields: object) -> dict:
    response = client.post("/recommendations", json=recommendation_input(**fields), headers=AUTH)
    assert response.status_code == 201, response.text
    return response.json()


def test_facets_and_marked_words_beside_the_page(client: TestClient) -> None:
    phobia = _post(client, title="Breaking Benjamin - Phobia <live>", user="ana", kind="album",
                   description="Phobia & fear")  # fmt: skip
    _post(client, title="Phobia", artist="The Kinks", user="bob", kind="album")
    _post(client, title="Phobia", artist="Someone", user="bob", kind="track")
    answer = client.get(
        "/recommendations",
        params={"q": "phob", "facets": "kind,user", "highlight": "true", "limit": 2},
    )
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["total"] == 3 and len(body["items"]) == 2 and body["next_cursor"]
    assert body["facets"] == {
        "kind": [{"value": "album", "count": 2}, {"value": "track", "count": 1}],
        "user": [{"value": "bob", "count": 2}, {"value": "ana", "count": 1}],
    }
    assert set(body["highlights"]) == {item["id"] for item in body["items"]}
    everything = client.get(
        "/recommendations", params={"q": "phob", "highlight": "true", "user": "ana"}
    ).json()
    # The text escaped as HTML, each matched word marked; fields without one left out.
    assert everything["highlights"] == {
        phobia["id"]: {
            "title": "Breaking Benjamin - <mark>Phobia</mark> &lt;live&gt;",
            "description": "<mark>Phobia</mark> &amp; fear",
        }
    }
    plain = client.get("/recommendations", params={"q": "phob"}).json()
    assert "facets" not in plain and "highlights" not in plain


def test_a_misspelt_search_finds_the_work_and_marks_it(client: TestClient) -> None:
    found = _post(client, title="Breaking Benjamin - Phobia")
    body = client.get("/recommendations", params={"q": "Breking", "highlight": "true"}).json()
    assert [item["id"] for item in body["items"]] == [found["id"]]
    assert body["highlights"][found["id"]]["title"].startswith("<mark>Breaking</mark> ")
    exact_only = client.get("/recommendations", params={"q": "Breking", "fuzzy": "false"})
    assert exact_only.json()["total"] == 0


def test_orders_dates_and_their_cursors(client: TestClient) -> None:
    made = [_post(client, title=f"Echo {day}", created_at=f"2026-03-0{day}T12:00:00+02:00")
            for day in range(1, 5)]  # fmt: skip
    oldest = client.get("/recommendations", params={"sort": "oldest", "limit": 3}).json()
    assert [item["id"] for item in oldest["items"]] == [item["id"] for item in made[:3]]
    rest = client.get(
        "/recommendations", params={"sort": "oldest", "limit": 3, "cursor": oldest["next_cursor"]}
    ).json()
    assert [item["id"] for item in rest["items"]] == [made[3]["id"]]
    # A cursor of one order is refused by another.
    assert_problem(
        client.get("/recommendations", params={"sort": "newest", "cursor": oldest["next_cursor"]}),
        400,
        "cursor",
    )
    # Exclusive bounds, offsets taken into account (10:00Z is 12:00+02:00).
    between = client.get(
        "/recommendations",
        params={"created_after": "2026-03-01T10:00:00Z", "created_before": "2026-03-04T10:00:00Z"},
    ).json()
    assert [item["id"] for item in between["items"]] == [made[2]["id"], made[1]["id"]]


def test_search_pages_with_facets_answer_304_to_their_tag(client: TestClient) -> None:
    _post(client, title="Muse - Absolution")
    params = {"q": "muse", "facets": "kind", "highlight": "true"}
    first = client.get("/recommendations", params=params)
    again = client.get(
        "/recommendations", params=params, headers={"If-None-Match": first.headers["etag"]}
    )
    assert again.status_code == 304
    _post(client, title="Muse - Showbiz")
    changed = client.get(
        "/recommendations", params=params, headers={"If-None-Match": first.headers["etag"]}
    )
    assert changed.status_code == 200 and changed.json()["facets"]["kind"][0]["count"] == 2


def test_suggestions_as_a_client_types(client: TestClient) -> None:
    _post(client, title="Breaking Benjamin - Phobia", user="ana")
    _post(client, title="Breaking Benjamin - Dear Agony", user="bob")
    _post(client, title="Breakfast Club", kind="movie")
    answer = client.get("/recommendations/suggestions", params={"q": "brea", "limit": 2})
    assert answer.status_code == 200, answer.text
    assert answer.json() == {
        "suggestions": [
            {"text": "Breaking Benjamin", "field": "artist", "count": 2},
            {"text": "Breakfast Club", "field": "title", "count": 1},
        ]
    }
    again = client.get(
        "/recommendations/suggestions",
        params={"q": "brea", "limit": 2},
        headers={"If-None-Match": answer.headers["etag"]},
    )
    assert again.status_code == 304


# Connexion's own messages name the value refused (and a missing parameter), ours the
# parameter too.
@pytest.mark.parametrize(
    ("path", "params", "mentions"),
    [
        ("/recommendations", {"sort": "random"}, "random"),
        ("/recommendations", {"facets": "kind,colour"}, "colour"),
        ("/recommendations", {"created_after": "yesterday"}, "yesterday"),
        # A moment no date holds once in UTC.
        ("/recommendations", {"created_before": "9999-12-31T23:59:59-01:00"}, "created_before"),
        ("/recommendations", {"fuzzy": "maybe"}, "maybe"),
        ("/recommendations", {"highlight": "yes please"}, "yes please"),
        ("/recommendations/suggestions", {}, "'q'"),
        ("/recommendations/suggestions", {"q": ""}, "minLength"),
        ("/recommendations/suggestions", {"q": "a", "limit": 21}, "21"),
    ],
)
def test_bad_search_parameters_are_400(
    client: TestClient, path: str, params: dict, mentions: str
) -> None:
    assert_problem(client.get(path, params=params), 400, mentions)
