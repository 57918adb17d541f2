"""Links only ever name a platform of the closed list (`services.platforms`)."""

from __future__ import annotations

from starlette.testclient import TestClient

from services.platforms import PLATFORMS
from tests.conftest import AUTH
from tests.factories import recommendation_input


def test_a_film_takes_a_link_on_a_platform_of_the_closed_list_only(
    any_index_client: TestClient,
) -> None:
    # Any `[a-z0-9_]{1,40}` name was taken for a film, and each one mapped ten more fields
    # on Elasticsearch, until the 5,000-field limit refused every write.
    client = any_index_client
    body = recommendation_input(kind="movie", title="Heat")
    film = client.post("/recommendations", json=body, headers=AUTH).json()
    link = {"url": "https://www.themoviedb.org/movie/949/watch"}
    path = f"/recommendations/{film['id']}/links"
    assert client.put(f"{path}/netflix", json=link, headers=AUTH).status_code == 200
    for name in ("kinopoisk", "provider_1", "netflix_basic_with_ads"):
        refused = client.put(f"{path}/{name}", json=link, headers=AUTH)
        assert refused.status_code == 400, refused.text
        assert refused.headers["content-type"].startswith("application/problem+json")
        assert "platform" in refused.json()["detail"]
    links = client.get(f"/recommendations/{film['id']}").json()["links"]
    assert "netflix" in links and set(links) <= set(PLATFORMS)
    assert client.get("/recommendations", params={"platform": "kinopoisk"}).status_code == 400
    assert client.get("/recommendations", params={"platform": "netflix"}).json()["total"] == 1


def test_an_album_takes_a_music_platform_only(any_index_client: TestClient) -> None:
    album = any_index_client.post(
        "/recommendations", json=recommendation_input(), headers=AUTH
    ).json()
    link = {"url": "https://www.netflix.com/title/1"}
    refused = any_index_client.put(
        f"/recommendations/{album['id']}/links/netflix", json=link, headers=AUTH
    )
    assert refused.status_code == 400
    assert "spotify" in refused.json()["known"]
