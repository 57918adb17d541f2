"""What the real server writes: JSON lines, one per request, no uvicorn access log."""

from __future__ import annotations

import io
import json
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from services.logs import redirect
from tests.factories import recommendation_input
from tests.integration.test_serve import server
from tools.ports import free_port

pytestmark = pytest.mark.integration


@pytest.fixture(autouse=True)
def quiet_test_process() -> Iterator[None]:
    """This process's own log lines (httpx's, here) must not mix with the server's."""
    redirect(io.StringIO())
    yield
    redirect(None)


def test_each_request_is_one_json_line(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    with server(tmp_path, free_port()) as url:
        capfd.readouterr()
        created = httpx.post(
            f"{url}/recommendations",
            json=recommendation_input(),
            headers={"X-API-Key": "k1", "X-Request-ID": "req-7a1"},
        )
        assert created.headers["x-request-id"] == "req-7a1"
        httpx.get(f"{url}/recommendations/{created.json()['id']}")
        # A request's line is written once its answer is sent: give the last one a moment.
        written = ""
        deadline = time.monotonic() + 5
        while "/recommendations/{id}" not in written and time.monotonic() < deadline:
            time.sleep(0.02)
            written += capfd.readouterr().err
    lines = [json.loads(line) for line in written.splitlines() if line.startswith("{")]
    assert len(lines) == len(written.splitlines()), written  # nothing but JSON
    # The fixture's readiness poll may be logged just after it was answered: not ours.
    access = [
        line
        for line in lines
        if line.get("logger") == "recindex.access" and line.get("route") != "/ready"
    ]
    assert [(line["route"], line["status"]) for line in access] == [
        ("/recommendations", 201),
        ("/recommendations/{id}", 200),
    ]
    assert access[0]["request_id"] == "req-7a1"
    assert "HTTP/1.1" not in written  # uvicorn's access log stays off
