"""Books against local Open Library and Google Books stand-ins: what each platform is
asked, the link and cover it answers, ISBNs, and faults as `error` links."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from services.links.finder import LinkFinder
from services.links.platforms.google_books import GoogleBooksProvider
from services.links.platforms.open_library import OpenLibraryProvider
from services.links.query import Query
from services.settings import Settings
from standins.google_books import GoogleBooksStandIn, volume
from standins.openlibrary import OpenLibraryStandIn, throttled, work
from standins.server import Reply
from standins.world import service_finder
from tests.conftest import make_settings
from tests.links.conftest import platform

pytestmark = pytest.mark.unit

TOLKIEN = "J. R. R. Tolkien"
HOBBIT_ISBN = "9780261103207"
SILMARILLION_ISBN = "9780261102736"
HOBBIT = Query(kind="book", title="The Hobbit", artist="Tolkien, J.R.R.", country="GB")


@pytest.fixture
def openlibrary() -> Iterator[OpenLibraryStandIn]:
    standin = OpenLibraryStandIn(
        [
            work(1, "The Hobbit", "Christopher Tolkien", 1990, subtitle="A Reader's Companion"),
            work(262758, "The Hobbit", TOLKIEN, 1937, cover=6979861, isbns=(HOBBIT_ISBN,)),
            work(27448, "The Silmarillion", TOLKIEN, 1977, isbns=(SILMARILLION_ISBN,)),
        ]
    )
    standin.start()
    yield standin
    standin.stop()


@pytest.fixture
def google() -> Iterator[GoogleBooksStandIn]:
    standin = GoogleBooksStandIn(
        [
            volume("summary1", "Summary of The Hobbit", TOLKIEN, "2019"),
            volume("pD6arNyKyi8C", "The Hobbit", TOLKIEN, "2012-02-15", isbns=(HOBBIT_ISBN,)),
            volume("silm1", "The Silmarillion", TOLKIEN, "1999"),
            volume(
                "silm2", "The Silmarillion", TOLKIEN, "2001", subtitle="Illustrated", cover=False
            ),
        ]
    )
    with standin.standin.running():
        yield standin


@pytest.fixture
def settings(
    tmp_path: Path, openlibrary: OpenLibraryStandIn, google: GoogleBooksStandIn
) -> Settings:
    return make_settings(
        tmp_path,
        openlibrary_api_url=openlibrary.api_url,
        openlibrary_covers_url=openlibrary.covers_url,
        google_books_api_url=google.api_url,
        max_retry_after_seconds=2.0,
    )


@pytest.fixture
def finder(settings: Settings) -> Iterator[LinkFinder]:
    with service_finder(settings) as built:
        yield built


def test_open_library_links_the_work_and_its_cover_by_id(
    settings: Settings, openlibrary: OpenLibraryStandIn
) -> None:
    result = platform(settings, OpenLibraryProvider).find(HOBBIT)

    link = result.links["open_library"]
    assert link["status"] == "found"
    assert link["url"] == "https://openlibrary.org/works/OL262758W"
    assert link["external_id"] == "OL262758W"
    assert (link["title"], link["artist"], link["method"]) == ("The Hobbit", TOLKIEN, "search")
    assert link["confidence"] == 0.93  # a search's, names exact: never 1 (docs/links.md)
    assert result.cover_img == f"{openlibrary.covers_url}/b/id/6979861-L.jpg"
    [search] = openlibrary.searches()
    assert (search.query["title"], search.query["author"]) == ("The Hobbit", "tolkien")


def test_google_books_links_a_volume_and_its_front_cover(
    settings: Settings, google: GoogleBooksStandIn
) -> None:
    result = platform(settings, GoogleBooksProvider).find(HOBBIT)

    link = result.links["google_books"]
    assert link["url"] == "https://books.google.com/books?id=pD6arNyKyi8C"
    assert link["external_id"] == "pD6arNyKyi8C"
    assert result.cover_img == (
        "https://books.google.com/books/content?id=pD6arNyKyi8C"
        "&printsec=frontcover&img=1&zoom=1&source=gbs_api"
    )
    [search] = google.searches()
    assert search.query["q"] == 'intitle:"The Hobbit" inauthor:tolkien'
    assert search.query["country"] == "GB"
    illustrated = Query(kind="book", title="The Silmarillion: Illustrated", artist=TOLKIEN)
    without_cover = platform(settings, GoogleBooksProvider).find(illustrated)
    assert without_cover.links["google_books"]["external_id"] == "silm2"
    assert without_cover.cover_img is None  # no image is better than Google's blank one


def test_an_isbn_finds_the_book_in_one_call_each(
    finder: LinkFinder, openlibrary: OpenLibraryStandIn, google: GoogleBooksStandIn
) -> None:
    found = finder.find_query(Query(kind="book", title="The Hobbit", isbn=HOBBIT_ISBN))

    assert found.links["open_library"]["external_id"] == "OL262758W"
    assert found.links["google_books"]["external_id"] == "pD6arNyKyi8C"
    assert {link["method"] for link in found.links.values()} == {"isbn"}
    assert {link["confidence"] for link in found.links.values()} == {1.0}  # the post's own
    assert [r.query["isbn"] for r in openlibrary.searches()] == [HOBBIT_ISBN]
    assert [r.query["q"] for r in google.searches()] == [f"isbn:{HOBBIT_ISBN}"]


def test_the_isbn_of_another_book_gives_way_to_the_title_and_author(finder: LinkFinder) -> None:
    wrong_isbn = Query(kind="book", title="The Hobbit", artist=TOLKIEN, isbn=SILMARILLION_ISBN)
    found = finder.find_query(wrong_isbn)

    assert found.links["open_library"]["external_id"] == "OL262758W"
    assert found.links["open_library"]["method"] == "search"
    assert found.links["google_books"]["external_id"] == "pD6arNyKyi8C"


def test_a_search_is_as_sure_as_what_agrees_never_proven(finder: LinkFinder) -> None:
    in_its_year = finder.find_query(
        Query(kind="book", title="The Hobbit", artist=TOLKIEN, year=1937)
    )
    # Open Library's year is the work's first publication: the post's agrees (0.96);
    # Google's is an edition's, which proves nothing about the post's.
    assert in_its_year.links["open_library"]["confidence"] == 0.96
    assert in_its_year.links["google_books"]["confidence"] == 0.93
    near = finder.find_query(Query(kind="book", title="The Silmarillion", artist="Tolkien"))
    assert near.links["open_library"]["confidence"] < 0.93  # the author by surname alone


def test_a_title_alone_asks_nothing(
    finder: LinkFinder, openlibrary: OpenLibraryStandIn, google: GoogleBooksStandIn
) -> None:
    found = finder.find_query(Query(kind="book", title="The Hobbit"))

    for name in ("open_library", "google_books"):
        assert found.links[name]["status"] == "not_found"
        assert "author" in found.links[name]["detail"]
    assert openlibrary.standin.requests == [] and google.standin.requests == []


def test_the_open_library_cover_comes_first_and_google_s_when_it_has_none(
    finder: LinkFinder, openlibrary: OpenLibraryStandIn
) -> None:
    hobbit = finder.find_query(HOBBIT)
    assert hobbit.cover_img == f"{openlibrary.covers_url}/b/id/6979861-L.jpg"
    silmarillion = finder.find_query(Query(kind="book", title="The Silmarillion", artist=TOLKIEN))
    assert silmarillion.links["open_library"]["external_id"] == "OL27448W"  # without a cover
    assert silmarillion.cover_img == (
        "https://books.google.com/books/content?id=silm1"
        "&printsec=frontcover&img=1&zoom=1&source=gbs_api"
    )


def test_faults_make_that_platform_error_and_leave_the_other(
    finder: LinkFinder, openlibrary: OpenLibraryStandIn, google: GoogleBooksStandIn
) -> None:
    openlibrary.standin.fail_next(throttled(retry_after=3600))
    google.standin.fail_next(Reply(raw=b"<html>", headers={"Content-Type": "text/html"}))

    found = finder.find_query(HOBBIT)

    assert found.links["open_library"]["status"] == "error"
    assert "429" in found.links["open_library"]["detail"]
    assert found.links["google_books"]["status"] == "error"
    assert "malformed" in found.links["google_books"]["detail"]
    assert finder.find_query(HOBBIT).links["google_books"]["status"] == "found"  # not cached
