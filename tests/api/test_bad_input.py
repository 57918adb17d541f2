"""Input the spec's schemas let through, or that JSON parsing chokes on, answered 400
naming where it is, never a 500: timestamps at the edge of the date range, bodies nested
without end, lone surrogates in any string, URLs Python cannot read."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.testclient import TestClient

from app import load_spec
from services.dedup import normalize_reclink
from services.queue.schema import schema_error
from tests.conftest import (
    AUTH,
)
from tests.factories import recommendation_input

SPEC = load_spec()
SCHEMAS = SPEC["components"]["schemas"]
# RFC 3339 allows any offset up to 23:59, so these are valid date-times whose UTC time
# falls in the year 10000 or 0: `astimezone` overflowed (a 500).
EDGE_TIMESTAMPS = ["9999-12-31T23:59:59-23:59", "0001-01-01T00:00:00+00:01"]
LONE = "\ud800"


def send(client: TestClient, method: str, path: str, body: Any) -> Any:
    """`body` as JSON with `\\u` escapes (httpx encodes it as UTF-8, which has no surrogates)."""
    headers = {**AUTH, "content-type": "application/json"}
    return client.request(method, path, content=json.dumps(body), headers=headers)


def assert_400_naming(response: Any, where: str) -> None:
    assert response.status_code == 400, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert where in response.json()["detail"], response.json()


@pytest.mark.parametrize("field", ["created_at", "updated_at"])
@pytest.mark.parametrize("timestamp", EDGE_TIMESTAMPS)
def test_a_source_time_beyond_the_years_1_to_9999_in_utc_is_a_400(
    any_index_client: TestClient, timestamp: str, field: str
) -> None:
    body = recommendation_input(**{field: timestamp})
    response = any_index_client.post("/recommendations", json=body, headers=AUTH)
    assert_400_naming(response, field)
    assert response.json()["type"].endswith("/invalid-recommendation")
    assert any_index_client.get("/recommendations").json()["total"] == 0


@pytest.mark.unit
@pytest.mark.parametrize("timestamp", EDGE_TIMESTAMPS)
def test_a_patched_updated_at_beyond_the_years_is_a_400_and_changes_nothing(
    client: TestClient, timestamp: str
) -> None:
    created = client.post("/recommendations", json=recommendation_input(), headers=AUTH).json()
    path = f"/recommendations/{created['id']}"
    response = client.patch(
        path, json={"description": "edited", "updated_at": timestamp}, headers=AUTH
    )
    assert_400_naming(response, "updated_at")
    assert client.get(path).json() == created


@pytest.mark.unit
def test_a_created_at_at_the_edge_but_inside_the_range_is_kept(client: TestClient) -> None:
    body = recommendation_input(created_at="9999-12-31T23:59:59+00:00")
    response = client.post("/recommendations", json=body, headers=AUTH)
    assert response.status_code == 201, response.text
    assert response.json()["created_at"] == "9999-12-31T23:59:59.000Z"


@pytest.mark.unit
@pytest.mark.parametrize(
    "raw",
    [
        '{"title": ' + "[" * 60_000,  # never closed: json recursed into Python's limit
        '{"title": ' + "[" * 3_000 + "]" * 3_000 + ', "user": "ana", "kind": "album"}',
        '{"title": "t", "user": "ana", "kind": "album", "description": '
        + '{"a": ' * 20
        + "1"
        + "}" * 20
        + "}",
    ],
)
def test_a_body_nested_without_end_is_a_400(client: TestClient, raw: str) -> None:
    headers = {**AUTH, "content-type": "application/json"}
    response = client.post("/recommendations", content=raw, headers=headers)
    assert_400_naming(response, "nested deeper than")


def _string_fields(schema_name: str) -> list[str]:
    """The body's properties that take a string, from the spec: every one is checked."""
    schema = SCHEMAS[schema_name]
    properties = dict(schema.get("properties", {}))
    for part in schema.get("allOf", []):
        properties.update(SCHEMAS[part["$ref"].rsplit("/", 1)[1]]["properties"])
    strings = []
    for name, field in properties.items():
        ref = field.get("$ref") or (field.get("allOf") or [{}])[0].get("$ref")
        resolved = SCHEMAS[ref.rsplit("/", 1)[1]] if ref else field
        if resolved.get("type") == "string" and name in schema.get("properties", {}):
            strings.append(name)
    return strings


INPUT_STRINGS = _string_fields("RecommendationInput")


@pytest.mark.unit
def test_the_spec_s_string_fields_are_all_covered() -> None:
    assert {"title", "user", "artist", "description", "reclink", "img", "created_at"} <= set(
        INPUT_STRINGS
    )


@pytest.mark.parametrize("field", INPUT_STRINGS)
def test_a_lone_surrogate_in_any_string_of_a_post_is_a_400_naming_it(
    any_index_client: TestClient, field: str
) -> None:
    body = recommendation_input(**{field: f"x{LONE}y"})
    response = send(any_index_client, "POST", "/recommendations", body)
    assert_400_naming(response, field)


@pytest.mark.unit
@pytest.mark.parametrize("field", _string_fields("RecommendationChanges"))
def test_a_lone_surrogate_in_any_string_of_a_patch_is_a_400_naming_it(
    client: TestClient, field: str
) -> None:
    created = client.post("/recommendations", json=recommendation_input(), headers=AUTH).json()
    response = send(client, "PATCH", f"/recommendations/{created['id']}", {field: f"{LONE}x"})
    assert_400_naming(response, field)
    assert client.get(f"/recommendations/{created['id']}").json() == created


@pytest.mark.unit
@pytest.mark.parametrize("field", _string_fields("LinkCorrection"))
def test_a_lone_surrogate_in_any_string_of_a_correction_is_a_400_naming_it(
    client: TestClient, field: str
) -> None:
    created = client.post("/recommendations", json=recommendation_input(), headers=AUTH).json()
    body = {"url": "https://open.spotify.com/album/1", field: f"a{LONE}"}
    response = send(client, "PUT", f"/recommendations/{created['id']}/links/spotify", body)
    assert_400_naming(response, field)


@pytest.mark.unit
def test_a_lone_surrogate_in_a_member_name_is_a_400(client: TestClient) -> None:
    body = {**recommendation_input(), f"x{LONE}": "y"}
    response = send(client, "POST", "/recommendations", body)
    assert_400_naming(response, "member name")


HTTP_URL = re.compile(SCHEMAS["HttpUrl"]["pattern"])
HOSTS = st.sampled_from(["example.com", "127.0.0.1", "[::1]", "[2001:db8::1]", "[v1.x]", ""])
# URLs built from parts, the ports and hosts where parsers disagree most likely, and
# whatever the spec's own pattern generates.
URLS = st.one_of(
    st.builds(
        "{}://{}{}{}{}".format,
        st.sampled_from(["http", "https", "HTTP"]),
        st.sampled_from(["", "user@", "a:b@", "@"]),
        HOSTS | st.from_regex(r"[A-Za-z0-9.\[\]:%-]{1,12}", fullmatch=True),
        st.none().map(lambda _: "")
        | st.integers(0, 200_000).map(":{}".format)
        | st.from_regex(r":[0-9]{0,7}", fullmatch=True),
        st.sampled_from(["", "/", "/a?b=1#c", "?x"]),
    ),
    st.from_regex(HTTP_URL).filter(lambda url: len(url) <= 2048),
)


@pytest.mark.unit
@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(URLS)
def test_every_reclink_the_spec_accepts_python_reads(url: str) -> None:
    # The spec checks each URL field alike (`HttpUrl`); the reclink is also read by
    # `normalize_reclink`, where a port above 65535 was a ValueError, a 500.
    if schema_error(recommendation_input(reclink=url)) is None:
        assert normalize_reclink(url).startswith(url[: url.index(":")].lower())


@pytest.mark.unit
def test_an_ipv6_reclink_keeps_its_brackets_in_the_duplicate_key() -> None:
    assert normalize_reclink("http://[2001:DB8::1]:8080/a") == "http://[2001:db8::1]:8080/a"
    assert normalize_reclink("https://[::1]:443/") == "https://[::1]/"
