"""The Open Library client against its stand-in: the Search API's documented JSON, the
User-Agent it asks for, its throttling and failures as the faults the guard reads."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from services.providers.guard import Broken, Guard, Throttled
from services.providers.openlibrary import FIELDS, OpenLibraryApi
from standins.openlibrary import OpenLibraryStandIn, throttled, unavailable, work
from standins.server import Reply

pytestmark = pytest.mark.unit

CONTACT = "recindex-tests/1.0 ( https://recindex.dev )"
HOBBIT = work(262758, "The Hobbit", "J. R. R. Tolkien", 1937, cover=6979861, editions=500)


@pytest.fixture
def openlibrary() -> Iterator[OpenLibraryStandIn]:
    standin = OpenLibraryStandIn([HOBBIT])
    standin.start()
    yield standin
    standin.stop()


def client(
    standin: OpenLibraryStandIn, user_agent: str = CONTACT, wait: float = 5
) -> OpenLibraryApi:
    guard = Guard("open_library", 100, 1, max_wait=wait, sleep=lambda _: None)
    return OpenLibraryApi(standin.api_url, guard, 5, standin.covers_url, user_agent)


def test_a_search_asks_for_the_fields_matching_reads_naming_the_application(
    openlibrary: OpenLibraryStandIn,
) -> None:
    [doc] = client(openlibrary).search(title="The Hobbit", author="Tolkien")

    assert doc == {
        "key": "/works/OL262758W",
        "title": "The Hobbit",
        "author_name": ["J. R. R. Tolkien"],
        "first_publish_year": 1937,
        "cover_i": 6979861,
        "edition_count": 500,
    }
    [request] = openlibrary.searches()
    assert request.query == {
        "title": "The Hobbit",
        "author": "Tolkien",
        "fields": FIELDS,
        "limit": "20",
    }
    assert request.headers["user-agent"] == CONTACT


def test_the_cover_is_the_covers_api_by_id(openlibrary: OpenLibraryStandIn) -> None:
    url = client(openlibrary).cover_url(6979861)
    assert url == f"{openlibrary.covers_url}/b/id/6979861-L.jpg"


def test_a_client_naming_no_contact_is_refused_and_told_why(
    openlibrary: OpenLibraryStandIn,
) -> None:
    with pytest.raises(Broken, match="OPENLIBRARY_USER_AGENT"):
        client(openlibrary, user_agent="recindex").search(title="The Hobbit")


def test_throttling_within_the_longest_wait_is_waited_for(openlibrary: OpenLibraryStandIn) -> None:
    openlibrary.standin.fail_next(throttled(retry_after=1), unavailable())
    assert len(client(openlibrary).search(title="The Hobbit")) == 1
    assert len(openlibrary.searches()) == 3


def test_throttling_beyond_it_fails_at_once_and_holds_later_calls(
    openlibrary: OpenLibraryStandIn,
) -> None:
    api = client(openlibrary, wait=2)
    openlibrary.standin.fail_next(throttled(retry_after=600))
    with pytest.raises(Throttled):
        api.search(title="The Hobbit")
    with pytest.raises(Throttled, match="throttled by open_library"):
        api.search(title="The Hobbit")
    assert len(openlibrary.searches()) == 1


@pytest.mark.parametrize(
    "reply",
    [
        Reply(raw=b"<html>not json</html>", headers={"Content-Type": "text/html"}),
        Reply({"numFound": 1, "docs": "The Hobbit"}),
        Reply(["The Hobbit"]),
    ],
)
def test_a_malformed_answer_is_broken(openlibrary: OpenLibraryStandIn, reply: Reply) -> None:
    openlibrary.standin.fail_next(reply)
    with pytest.raises(Broken):
        client(openlibrary).search(title="The Hobbit")
