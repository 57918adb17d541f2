"""Films and series against a local TMDB v3 stand-in: search, watch providers, faults."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from services.links.platforms.tmdb import TmdbProvider, platform_name
from services.links.query import JUSTWATCH_ATTRIBUTION, Query
from services.platforms import PLATFORMS
from services.providers.guard import Guard
from services.providers.tmdb import TmdbApi
from standins.server import Reply
from standins.tmdb import (
    TmdbStandIn,
    country,
    movie,
    provider,
    series,
)
from tests.conftest import make_settings
from tests.links.conftest import platform

pytestmark = pytest.mark.unit

NETFLIX = provider(8, "Netflix")
NETFLIX_ADS = provider(1796, "Netflix basic with Ads")
PRIME = provider(9, "Amazon Prime Video")
APPLE = provider(2, "Apple TV")
HEAT = movie(949, "Heat", "1995-12-15", votes=7000, poster="/heat.jpg")
HEAT_1986 = movie(14123, "Heat", "1986-07-03", votes=90)


@pytest.fixture
def tmdb() -> Iterator[TmdbStandIn]:
    standin = TmdbStandIn()
    standin.movies = [HEAT, HEAT_1986]
    standin.providers[("movie", 949)] = {
        "US": country(
            "movie", 949, "US", flatrate=[NETFLIX, PRIME], ads=[NETFLIX_ADS], rent=[APPLE]
        ),
        "DE": country("movie", 949, "DE", flatrate=[provider(337, "Disney Plus")]),
    }
    with standin.standin.running():
        yield standin


def make_provider(tmdb: TmdbStandIn, key: str = "tmdb-key") -> TmdbProvider:
    guard = Guard("tmdb", 100, 1, max_wait=5, sleep=lambda _: None)
    return TmdbProvider(TmdbApi(tmdb.api_url, guard, timeout=5, key=key))


def test_a_film_gets_its_streaming_platforms_with_the_justwatch_credit(tmdb: TmdbStandIn) -> None:
    result = make_provider(tmdb).find(Query(kind="movie", title="Heat", year=1995))

    watch = "https://www.themoviedb.org/movie/949-title/watch?locale=US"
    assert set(result.links) == {"tmdb", "netflix", "amazon_prime_video"}
    assert result.links["netflix"]["status"] == "found"
    assert result.links["netflix"]["url"] == watch
    assert result.links["amazon_prime_video"]["url"] == watch
    assert result.links["netflix"]["external_id"] == "949"
    assert result.links["netflix"]["title"] == "Heat"
    assert result.links["tmdb"]["url"] == "https://www.themoviedb.org/movie/949"
    assert result.links["tmdb"]["confidence"] >= 0.9
    assert result.attribution == JUSTWATCH_ATTRIBUTION
    assert "JustWatch" in result.attribution
    assert result.cover_img == "https://image.tmdb.org/t/p/w500/heat.jpg"
    [search] = tmdb.standin.requests_to("/search/movie")
    assert search.query == {
        "query": "Heat",
        "year": "1995",
        "include_adult": "false",
        "api_key": "tmdb-key",
    }


def test_the_country_decides_the_platforms(tmdb: TmdbStandIn) -> None:
    result = make_provider(tmdb).find(Query(kind="movie", title="Heat", year=1995, country="DE"))

    assert set(result.links) == {"tmdb", "disney_plus"}


def test_no_platform_in_the_country_is_the_title_alone_without_credit(tmdb: TmdbStandIn) -> None:
    result = make_provider(tmdb).find(Query(kind="movie", title="Heat", year=1995, country="FR"))

    assert set(result.links) == {"tmdb"}
    assert result.attribution is None


def test_the_year_tells_a_remake_apart(tmdb: TmdbStandIn) -> None:
    result = make_provider(tmdb).find(Query(kind="movie", title="Heat", year=1986))

    assert result.links["tmdb"]["external_id"] == "14123"
    assert tmdb.standin.requests_to("/movie/14123/watch/providers")


def test_a_year_in_the_title_is_the_year(tmdb: TmdbStandIn) -> None:
    result = make_provider(tmdb).find(Query(kind="movie", title="Heat (1986)"))

    assert result.links["tmdb"]["external_id"] == "14123"
    [search] = tmdb.standin.requests_to("/search/movie")
    assert (search.query["query"], search.query["year"]) == ("Heat", "1986")


def test_without_a_year_only_a_clearly_dominant_title_is_claimed(tmdb: TmdbStandIn) -> None:
    provider_ = make_provider(tmdb)
    assert provider_.find(Query(kind="movie", title="Heat")).links["tmdb"]["external_id"] == "949"

    tmdb.movies = [movie(1, "Crash", "2004-09-10", 4000), movie(2, "Crash", "1996-10-04", 2000)]
    assert provider_.find(Query(kind="movie", title="Crash")).links["tmdb"]["status"] == "not_found"


def test_a_different_title_is_not_found(tmdb: TmdbStandIn) -> None:
    tmdb.movies = [movie(5, "Heat Wave", "2022-01-01")]

    result = make_provider(tmdb).find(Query(kind="movie", title="Heat"))

    assert result.links == {"tmdb": result.links["tmdb"]}
    assert result.links["tmdb"]["status"] == "not_found"


def test_a_series_uses_tv_search_and_its_first_air_year(tmdb: TmdbStandIn) -> None:
    tmdb.tv = [series(1396, "Breaking Bad", "2008-01-20", poster="/bb.jpg")]
    tmdb.providers[("tv", 1396)] = {"US": country("tv", 1396, "US", flatrate=[NETFLIX])}

    result = make_provider(tmdb).find(Query(kind="series", title="Breaking Bad", year=2008))

    assert result.links["netflix"]["url"].startswith("https://www.themoviedb.org/tv/1396")
    assert result.links["tmdb"]["url"] == "https://www.themoviedb.org/tv/1396"
    [search] = tmdb.standin.requests_to("/search/tv")
    assert search.query["first_air_date_year"] == "2008"


def test_a_title_without_providers_at_all_is_still_found(tmdb: TmdbStandIn) -> None:
    result = make_provider(tmdb).find(Query(kind="movie", title="Heat", year=1986))

    assert set(result.links) == {"tmdb"}  # the stand-in answers 404 status_code 34


def test_an_invalid_key_is_an_error(tmdb: TmdbStandIn) -> None:
    link = make_provider(tmdb, key="wrong").find(Query(kind="movie", title="Heat")).links["tmdb"]

    assert link["status"] == "error"
    assert "TMDB_API_KEY" in link["detail"]
    assert len(tmdb.standin.requests) == 1


def test_a_long_retry_after_fails_at_once_and_blocks(tmdb: TmdbStandIn) -> None:
    tmdb.standin.fail_next(Reply({"status_code": 25}, status=429, headers={"Retry-After": "3600"}))
    provider_ = make_provider(tmdb)

    assert provider_.find(Query(kind="movie", title="Heat")).links["tmdb"]["status"] == "error"
    assert provider_.find(Query(kind="movie", title="Heat")).links["tmdb"]["status"] == "error"
    assert len(tmdb.standin.requests) == 1


def test_a_short_retry_after_and_a_server_error_are_retried(tmdb: TmdbStandIn) -> None:
    tmdb.standin.fail_next(
        Reply({"status_code": 25}, status=429, headers={"Retry-After": "0"}),
        Reply({"status_code": 11, "status_message": "Internal error"}, status=500),
    )

    result = make_provider(tmdb).find(Query(kind="movie", title="Heat", year=1995))

    assert result.links["netflix"]["status"] == "found"


def test_a_malformed_answer_is_an_error(tmdb: TmdbStandIn) -> None:
    tmdb.standin.fail_next(Reply(raw=b"{not json"))
    provider_ = make_provider(tmdb)
    assert provider_.find(Query(kind="movie", title="Heat")).links["tmdb"]["status"] == "error"

    tmdb.standin.fail_next(Reply({"page": 1, "results": None}))
    assert provider_.find(Query(kind="movie", title="Heat")).links["tmdb"]["status"] == "error"


def test_without_a_key_it_is_skipped(tmp_path: Path) -> None:
    provider_ = platform(make_settings(tmp_path, tmdb_api_key=None), TmdbProvider)

    link = provider_.find(Query(kind="movie", title="Heat")).links["tmdb"]

    assert link["status"] == "skipped"
    assert "TMDB_API_KEY" in link["detail"]
    assert provider_.find(Query(kind="album", title="Phobia", artist="X")).links == {}


def test_a_v4_token_goes_in_a_bearer_header(tmp_path: Path, tmdb: TmdbStandIn) -> None:
    token = "eyJhbGciOiJIUzI1NiJ9.eyJhdWQiOiJ4In0.c2lnbmF0dXJl"
    settings = make_settings(tmp_path, tmdb_api_key=token, tmdb_api_url=tmdb.api_url)

    result = platform(settings, TmdbProvider).find(Query(kind="movie", title="Heat", year=1995))

    assert result.links["tmdb"]["status"] == "found"
    search = tmdb.standin.requests_to("/search/movie")[0]
    assert search.headers["authorization"] == f"Bearer {token}"
    assert "api_key" not in search.query


@pytest.mark.parametrize(
    ("name", "platform"),
    [
        ("Netflix", "netflix"),
        ("Netflix basic with Ads", "netflix"),
        ("Amazon Prime Video", "amazon_prime_video"),
        ("Amazon Prime Video with Ads", "amazon_prime_video"),
        ("Disney Plus", "disney_plus"),
        ("Disney+", "disney_plus"),
        ("Apple TV+", "apple_tv_plus"),
        ("Paramount+ Amazon Channel", "paramount_plus_amazon_channel"),
        ("Canal+ Séries", "canal_plus_series"),
        ("Кинопоиск", "kinopoisk"),
        ("", "tmdb_42"),
    ],
)
def test_platform_names(name: str, platform: str) -> None:
    assert platform_name(name, 42) == platform


def test_providers_off_the_closed_list_are_named_in_the_tmdb_link(tmdb: TmdbStandIn) -> None:
    # Every provider name became a platform, and each platform mapped fields on
    # Elasticsearch until the total-fields limit refused every write.
    tmdb.providers[("movie", 949)] = {
        "US": country(
            "movie",
            949,
            "US",
            flatrate=[NETFLIX, provider(1899, "Max"), provider(117, "Kinopoisk")],
            free=[provider(387, "Peacock Premium"), provider(99999, "Some Local Service")],
            ads=[NETFLIX_ADS, provider(4242, "Kinopoisk")],
        )
    }
    result = make_provider(tmdb).find(Query(kind="movie", title="Heat", year=1995))

    assert set(result.links) == {"tmdb", "netflix", "hbo_max", "peacock"}
    assert set(result.links) <= set(PLATFORMS)
    assert result.links["tmdb"]["other_platforms"] == ["Kinopoisk", "Some Local Service"]
    assert "other_platforms" not in result.links["netflix"]
    assert result.attribution == JUSTWATCH_ATTRIBUTION


def test_a_title_only_off_the_list_providers_offer_still_credits_justwatch(
    tmdb: TmdbStandIn,
) -> None:
    tmdb.providers[("movie", 949)] = {
        "US": country("movie", 949, "US", flatrate=[provider(117, "Kinopoisk")])
    }
    result = make_provider(tmdb).find(Query(kind="movie", title="Heat", year=1995))

    assert set(result.links) == {"tmdb"}
    assert result.links["tmdb"]["other_platforms"] == ["Kinopoisk"]
    assert result.attribution == JUSTWATCH_ATTRIBUTION
