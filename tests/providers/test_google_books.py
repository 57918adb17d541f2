"""The Google Books client against its stand-in: the volumes search's documented JSON,
the key kept out of URLs, Google's error envelope as the faults the guard reads."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from services.providers.google_books import GoogleBooksApi
from services.providers.guard import Broken, Guard, Throttled
from services.providers.quota import quota_now, seconds_to_reset
from standins.google_books import (
    GoogleBooksStandIn,
    backend_error,
    daily_limit_exceeded,
    per_day_quota,
    rate_limited,
    volume,
)
from standins.server import Reply

pytestmark = pytest.mark.unit

HOBBIT = volume("pD6arNyKyi8C", "The Hobbit", "J. R. R. Tolkien", "2012-02-15")


@pytest.fixture
def google() -> Iterator[GoogleBooksStandIn]:
    standin = GoogleBooksStandIn([HOBBIT], key="books-key")
    with standin.standin.running():
        yield standin


def client(standin: GoogleBooksStandIn, key: str = "books-key") -> GoogleBooksApi:
    guard = Guard("google_books", 100, 1, max_wait=5, sleep=lambda _: None)
    return GoogleBooksApi(standin.api_url, guard, 5, key)


def test_a_search_sends_the_key_in_a_header_and_the_country(google: GoogleBooksStandIn) -> None:
    [found] = client(google).volumes('intitle:"The Hobbit" inauthor:tolkien', "GB")

    assert found == HOBBIT
    [request] = google.searches()
    assert request.query == {
        "q": 'intitle:"The Hobbit" inauthor:tolkien',
        "maxResults": "20",
        "printType": "books",
        "country": "GB",
    }
    assert request.headers["x-goog-api-key"] == "books-key"


def test_without_a_key_nothing_is_sent_for_one_and_nothing_found_is_no_items(
    google: GoogleBooksStandIn,
) -> None:
    assert client(google, key="").volumes('intitle:"Unheard Of"', "US") == []
    [request] = google.searches()
    assert "x-goog-api-key" not in request.headers and "key" not in request.query


def test_a_refused_key_is_named(google: GoogleBooksStandIn) -> None:
    with pytest.raises(Broken, match="GOOGLE_BOOKS_API_KEY"):
        client(google, key="wrong").volumes("isbn:9780261103207", "US")


@pytest.mark.parametrize("reply", [daily_limit_exceeded(), per_day_quota()])
def test_a_spent_day_holds_every_call_until_midnight_pacific(
    google: GoogleBooksStandIn, reply: Reply
) -> None:
    api = client(google)
    google.standin.fail_next(reply)
    with pytest.raises(Throttled) as refused:
        api.volumes("isbn:9780261103207", "US")
    assert refused.value.retry_after == pytest.approx(seconds_to_reset(quota_now()), abs=5)
    with pytest.raises(Throttled, match="throttled by google_books"):
        api.volumes("isbn:9780261103207", "US")
    assert len(google.searches()) == 1


def test_a_rate_limit_and_a_backend_error_are_tried_again(google: GoogleBooksStandIn) -> None:
    google.standin.fail_next(rate_limited(), backend_error())
    assert client(google).volumes('intitle:"The Hobbit"', "US") == [HOBBIT]
    assert len(google.searches()) == 3


@pytest.mark.parametrize(
    "reply",
    [
        Reply(raw=b"<html>oops</html>", headers={"Content-Type": "text/html"}),
        Reply({"kind": "books#volumes", "totalItems": 1, "items": {"id": "x"}}),
        Reply("volumes"),
    ],
)
def test_a_malformed_answer_is_broken(google: GoogleBooksStandIn, reply: Reply) -> None:
    google.standin.fail_next(reply)
    with pytest.raises(Broken):
        client(google).volumes('intitle:"The Hobbit"', "US")
