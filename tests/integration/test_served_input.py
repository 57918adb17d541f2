"""What the real server process (`cli serve`) refuses, and how: a 4xx problem naming why."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.factories import recommendation_input
from tests.integration.test_serve import server
from tools.ports import free_port

pytestmark = pytest.mark.integration

KEY = {"X-API-Key": "k1"}


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    data_dir: Path = tmp_path_factory.mktemp("served-input")
    with server(data_dir, free_port()) as served:
        yield served


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("reclink", "https://forum.example/thread\x01\x02/1"),
        ("img", "https://cdn.example/cover\x00.jpg"),
        ("reclink", "javascript:alert(document.cookie)"),
        ("img", "https://cdn.example/a cover.jpg"),
    ],
)
def test_urls_with_control_characters_spaces_or_other_schemes_are_refused(
    url: str, field: str, value: str
) -> None:
    body = recommendation_input(**{field: value})
    response = httpx.post(f"{url}/recommendations", json=body, headers=KEY)
    assert response.status_code == 400, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert f"'{field}'" in response.json()["detail"]
    assert httpx.get(f"{url}/recommendations", params={"q": body["title"]}).json()["total"] == 0


def test_a_json_body_in_another_encoding_is_a_400(url: str) -> None:
    body = '{"title": "Motörhead - Overkill", "user": "ana", "kind": "album"}'.encode("latin-1")
    response = httpx.post(
        f"{url}/recommendations",
        content=body,
        headers={**KEY, "Content-Type": "application/json"},
    )
    assert response.status_code == 400
    assert "not utf-8 encoded JSON" in response.json()["detail"]
