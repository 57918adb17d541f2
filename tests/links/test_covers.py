"""Every kind that has a provider fills a missing `img` (the seed's `/update_image`):
music covers, film posters, book covers; an `img` the client sent is kept. And a book
gets its Open Library and Google Books links and a cover, through the API."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.testclient import TestClient

from app import build_injector, create_app
from standins.google_books import volume
from standins.openlibrary import work
from standins.tmdb import TmdbStandIn, movie
from tests.conftest import AUTH, make_settings
from tests.links.conftest import Music
from tests.links.test_api import post, settled

pytestmark = pytest.mark.unit

TOLKIEN = "J. R. R. Tolkien"


@pytest.fixture
def world(music_standins: Music) -> Iterator[dict[str, Any]]:
    tmdb = TmdbStandIn()
    tmdb.movies = [movie(949, "Heat", "1995-12-15", poster="/heat.jpg")]
    # The book catalogues are the music stand-ins' (every post may be looked up as a book).
    openlibrary, google = music_standins.openlibrary, music_standins.google_books
    openlibrary.works.append(work(262758, "The Hobbit", TOLKIEN, 1937, cover=6979861))
    google.volumes.append(volume("pD6arNyKyi8C", "The Hobbit", TOLKIEN, "2012"))
    with tmdb.standin.running():
        yield {"music": music_standins, "tmdb": tmdb, "openlibrary": openlibrary, "google": google}


@pytest.fixture
def api(tmp_path: Path, world: dict[str, Any]) -> Iterator[TestClient]:
    settings = make_settings(
        tmp_path,
        **world["music"].settings,
        tmdb_api_key="tmdb-key",
        tmdb_api_url=world["tmdb"].api_url,
    )
    with TestClient(create_app(build_injector(settings)), headers=AUTH) as client:
        yield client


def covers(world: dict[str, Any]) -> dict[str, tuple[dict[str, Any], str]]:
    """Per kind, a post and the cover its lookup finds."""
    return {
        "album": (
            {"kind": "album", "title": "Breaking Benjamin - Phobia"},
            "https://i.scdn.co/image/sp1",
        ),
        "movie": (
            {"kind": "movie", "title": "Heat", "year": 1995},
            "https://image.tmdb.org/t/p/w500/heat.jpg",
        ),
        "book": (
            {"kind": "book", "title": "J.R.R. Tolkien - The Hobbit"},
            f"{world['openlibrary'].covers_url}/b/id/6979861-L.jpg",
        ),
    }


@pytest.mark.parametrize("kind", ["album", "movie", "book"])
def test_a_missing_img_is_filled_with_the_cover_and_a_given_one_kept(
    api: TestClient, world: dict[str, Any], kind: str
) -> None:
    fields, cover = covers(world)[kind]

    filled = settled(api, post(api, **fields))
    kept = settled(api, post(api, **fields, user="bob", img="https://community.example/mine.jpg"))

    assert filled["img"] == cover
    assert kept["img"] == "https://community.example/mine.jpg"
    assert any(link["status"] == "found" for link in kept["links"].values())


def test_a_book_gets_open_library_and_google_books_links_and_a_cover(
    api: TestClient, world: dict[str, Any]
) -> None:
    document = settled(api, post(api, kind="book", title="J.R.R. Tolkien - The Hobbit"))

    assert document["artist"] == "J.R.R. Tolkien"
    links = document["links"]
    assert set(links) == {"open_library", "google_books"}
    assert links["open_library"]["url"] == "https://openlibrary.org/works/OL262758W"
    assert links["google_books"]["url"] == "https://books.google.com/books?id=pD6arNyKyi8C"
    assert document["links_status"] == "complete"
    cover = httpx.get(document["img"])  # the Covers API serves it
    assert cover.status_code == 200 and cover.content.startswith(b"\x89PNG")

    answer = api.get("/links", params={"kind": "book", "title": "The Hobbit", "artist": "Tolkien"})
    assert answer.status_code == 200, answer.text
    assert {name: link["status"] for name, link in answer.json()["links"].items()} == {
        "open_library": "found",
        "google_books": "found",
    }
    assert answer.json()["cover_img"] == document["img"]


def test_a_wrong_isbn_check_digit_is_400_naming_isbn(api: TestClient) -> None:
    answer = api.get("/links", params={"kind": "book", "title": "The Hobbit", "isbn": "0261103203"})
    assert answer.status_code == 400
    assert answer.headers["content-type"].startswith("application/problem+json")
    assert answer.json()["detail"].startswith("isbn: '0261103203'")


def test_a_book_s_link_is_corrected_on_its_own_platforms_only(api: TestClient) -> None:
    location = post(api, kind="book", title="J.R.R. Tolkien - The Hobbit", user="cy")
    settled(api, location)
    manual = {"url": "https://openlibrary.org/works/OL27482W"}

    corrected = api.put(f"{location}/links/open_library", json=manual)
    refused = api.put(f"{location}/links/spotify", json={"url": "https://open.spotify.com/x"})

    assert corrected.status_code == 200, corrected.text
    assert corrected.json()["links"]["open_library"]["method"] == "manual"
    assert refused.status_code == 400
    assert "open_library" in refused.json()["detail"]
