"""Every URL a client sends is an http(s) URL without spaces or control characters."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from tests.conftest import AUTH
from tests.factories import recommendation_input

pytestmark = pytest.mark.unit

BAD_URLS = [
    "https://community.example/post\x01s/1",  # a control character
    "https://community.example/posts/1\n",  # a final newline (`$` would let it through)
    "https://community.example/pos ts/1",  # a space
    "https://cdn.example/cover\x00.jpg",  # a NUL byte
    "javascript:alert(1)",
    "ftp://files.example/cover.jpg",
    "https:///no-host",
    "//community.example/posts/1",  # relative
    "https://community.example/caf\u00e9",  # non-ASCII must be percent-encoded
    # Python's URL parser refuses these (a 500 once, and a crawler message retried):
    "https://community.example:99999/posts/1",  # a port above 65535
    "https://community.example:65536/",
    "http://[::1]:70000/",
    "http://[::1/",  # a malformed IPv6 host
    "http://[::1]x/",
    "http://:80/",  # no host at all
    "http://user@/",
]
GOOD_URLS = [
    "https://community.example/posts/1?utm_source=x&page=2#comment-3",
    "http://127.0.0.1:8080/a/b",
    "https://de.wikipedia.org/wiki/Motorhead_%28Band%29",
    "http://[2001:db8::1]:65535/a",
    "https://user@community.example:443/posts/1",
]


@pytest.mark.parametrize("field", ["reclink", "img"])
@pytest.mark.parametrize("url", BAD_URLS)
def test_a_bad_url_is_a_400_naming_the_field(client: TestClient, field: str, url: str) -> None:
    response = client.post(
        "/recommendations", json=recommendation_input(**{field: url}), headers=AUTH
    )
    assert response.status_code == 400, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert f"'{field}'" in response.json()["detail"]


@pytest.mark.parametrize("url", GOOD_URLS)
def test_http_and_https_urls_are_stored_as_sent(client: TestClient, url: str) -> None:
    response = client.post(
        "/recommendations", json=recommendation_input(reclink=url, img=url), headers=AUTH
    )
    assert response.status_code == 201, response.text
    assert (response.json()["reclink"], response.json()["img"]) == (url, url)


def test_changes_are_checked_alike(client: TestClient) -> None:
    created = client.post("/recommendations", json=recommendation_input(), headers=AUTH).json()
    response = client.patch(
        f"/recommendations/{created['id']}", json={"img": "https://x.example/\x7f"}, headers=AUTH
    )
    assert response.status_code == 400
    assert "'img'" in response.json()["detail"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"url": "https://open.spotify.com/album/1 2"}, "url"),
        ({"url": "data:text/html,hi"}, "url"),
        ({"url": "https://open.spotify.com/album/1", "app_uri": "javascript:alert(1)"}, "app_uri"),
        ({"url": "https://open.spotify.com/album/1", "app_uri": "spotify:album:1\x00"}, "app_uri"),
    ],
)
def test_a_correction_s_urls_are_checked(client: TestClient, body: dict, field: str) -> None:
    created = client.post("/recommendations", json=recommendation_input(), headers=AUTH).json()
    response = client.put(
        f"/recommendations/{created['id']}/links/spotify", json=body, headers=AUTH
    )
    assert response.status_code == 400, response.text
    assert f"'{field}'" in response.json()["detail"]


def test_a_correction_with_an_app_link_is_accepted(client: TestClient) -> None:
    created = client.post("/recommendations", json=recommendation_input(), headers=AUTH).json()
    body = {"url": "https://open.spotify.com/album/1", "app_uri": "spotify:album:1"}
    response = client.put(
        f"/recommendations/{created['id']}/links/spotify", json=body, headers=AUTH
    )
    assert response.status_code == 200, response.text
    assert response.json()["links"]["spotify"]["app_uri"] == "spotify:album:1"
