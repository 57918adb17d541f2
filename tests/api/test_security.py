"""Security checks at the HTTP edge: bounded bodies and pages, no secret in the logs
operators read, no request to a URL a client supplied."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from app import build_injector, create_app
from standins.server import Reply, StandIn
from tests.api.test_recommendations_api import assert_problem
from tests.conftest import AUTH, make_settings
from tests.factories import recommendation_input
from tests.logcapture import CapturedLogs

pytestmark = pytest.mark.unit

LIMIT = 2048
SERVER_KEY = "srv-key-4f1b9c2e7d"


@pytest.fixture
def small_client(tmp_path: Path) -> Iterator[TestClient]:
    settings = make_settings(tmp_path, max_body_bytes=LIMIT)
    with TestClient(create_app(build_injector(settings))) as client:
        yield client


def test_a_body_over_the_limit_is_a_413_problem(small_client: TestClient) -> None:
    body = recommendation_input(description="x" * LIMIT)
    response = small_client.post("/recommendations", json=body, headers=AUTH)
    assert_problem(response, 413, f"{LIMIT} bytes")


def test_a_streamed_body_without_length_is_refused_unread(small_client: TestClient) -> None:
    chunk = json.dumps(recommendation_input(description="x" * 600)).encode()

    def chunks() -> Iterator[bytes]:
        for _ in range(5):
            yield chunk

    response = small_client.post(
        "/recommendations",
        content=chunks(),
        headers={**AUTH, "Content-Type": "application/json"},
    )
    # Connexion takes a body without Content-Length (chunked) for no body at all, so
    # nothing streams in; BodySizeLimit's count of streamed bytes is the second guard.
    assert_problem(response, 400, "RequestBody is required")
    assert small_client.get("/recommendations").json()["total"] == 0


def test_a_body_under_the_limit_is_served(small_client: TestClient) -> None:
    body = recommendation_input(description="x" * (LIMIT // 2))
    assert small_client.post("/recommendations", json=body, headers=AUTH).status_code == 201


@pytest.mark.parametrize("limit", ["101", "1000", "0", "-1"])
def test_page_size_is_bounded(client: TestClient, limit: str) -> None:
    response = client.get("/recommendations", params={"limit": limit})
    assert_problem(response, 400, "of 100" if int(limit) > 100 else "of 1")


def test_the_largest_page_is_100(client: TestClient) -> None:
    assert client.get("/recommendations", params={"limit": "100"}).status_code == 200


@pytest.mark.parametrize("json_logs", [True, False])
def test_keys_and_oauth_values_never_reach_the_log_output(tmp_path: Path, json_logs: bool) -> None:
    settings = make_settings(
        tmp_path,
        api_keys=f"{SERVER_KEY},second-key-77aa",
        spotify_client_id="client-id-1",
        spotify_client_secret="client-secret-0c9d8e",
        spotify_redirect_uri="http://testserver/spotify/callback",
        youtube_api_key="yt-key-AIzaSyD00",
        log_json=json_logs,
        log_level="DEBUG",
    )
    offered = {
        "wrong key": "wrong-key-5e6f7a8b",
        "code": "oauth-code-AQBx91",
        "state": "oauth-state-Zy72",
        "access_token": "BQ-access-token-81",
        "refresh_token": "AQ-refresh-token-82",
        "bearer": "bearer-token-83",
    }
    with TestClient(create_app(build_injector(settings))) as client:
        logs = CapturedLogs()
        created = client.post(
            "/recommendations", json=recommendation_input(), headers={"X-API-Key": SERVER_KEY}
        )
        assert created.status_code == 201
        refused = client.post(
            "/recommendations",
            json=recommendation_input(),
            headers={"X-API-Key": offered["wrong key"]},
        )
        assert refused.status_code == 401
        callback = client.get(
            "/spotify/callback", params={"code": offered["code"], "state": offered["state"]}
        )
        assert callback.status_code == 400
        # Unknown query parameters are refused by the spec; their values must not be echoed.
        tokens = client.get(
            "/recommendations",
            params={
                "access_token": offered["access_token"],
                "refresh_token": offered["refresh_token"],
            },
            headers={"Authorization": f"Bearer {offered['bearer']}"},
        )
        assert tokens.status_code == 400
        client.delete(
            f"/recommendations/{created.json()['id']}", headers={"x-api-key": "second-key-77aa"}
        )
    output = logs.text
    assert output.count("request") >= 5, output
    secrets = [SERVER_KEY, "second-key-77aa", "client-secret-0c9d8e", "yt-key-AIzaSyD00"]
    for secret in [*secrets, *offered.values()]:
        assert secret not in output


def test_the_service_never_fetches_a_url_a_client_sent(client: TestClient) -> None:
    bait = StandIn("bait")
    bait.route("GET", "/.*")(lambda request: Reply({"ok": True}))
    with bait.running():
        body = recommendation_input(
            reclink=f"{bait.url}/posts/1?utm_source=x",
            img=f"{bait.url}/cover.jpg",
            description=f"see {bait.url}/more",
        )
        created = client.post("/recommendations", json=body, headers=AUTH).json()
        deadline = time.monotonic() + 20
        while client.get(f"/recommendations/{created['id']}").json()["links_status"] == "pending":
            assert time.monotonic() < deadline, "the lookup did not finish"
            time.sleep(0.05)
        client.post(f"/recommendations/{created['id']}/lookup", headers=AUTH)
        client.patch(
            f"/recommendations/{created['id']}",
            json={"img": f"{bait.url}/other.png"},
            headers=AUTH,
        )
        time.sleep(0.3)
        assert bait.requests == []
