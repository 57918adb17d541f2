"""TIDAL's links: its free-text search among decoys, its identifiers, its place in the
finder's rounds (it gives ISRC/UPC and looks works up by them) and its faults."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from services.links.matching.confidence import PROVEN
from services.links.platforms.tidal import TidalProvider
from services.links.query import Query
from services.model import Link
from services.settings import Settings
from standins import tidal as tidal_standin
from standins.catalog import Catalog, standard_catalog
from standins.server import Reply
from standins.table import DEEZER, SPOTIFY, TIDAL, Case, Listing, track
from standins.table import everywhere as every
from standins.tidal import Tidal
from standins.world import World
from tests.conftest import make_settings
from tests.links.conftest import platform

pytestmark = pytest.mark.unit

PHOBIA = Query(kind="album", title="Phobia", artist="Breaking Benjamin")
JANE = Query(kind="track", title="The Diary of Jane", artist="Breaking Benjamin")


def settings_for(tidal: Tidal, tmp_path: Path) -> Settings:
    return make_settings(
        tmp_path,
        tidal_client_id=tidal_standin.CLIENT_ID,
        tidal_client_secret=tidal_standin.CLIENT_SECRET,
        tidal_api_url=tidal.url,
        tidal_auth_url=tidal.url,
        tidal_rate_limit="1000/1",
        max_retry_after_seconds=2.0,
    )


@pytest.fixture
def tidal() -> Iterator[Tidal]:
    standin = Tidal(standard_catalog())
    with standin.standin.running():
        yield standin


@pytest.fixture
def provider(tidal: Tidal, tmp_path: Path) -> TidalProvider:
    return platform(settings_for(tidal, tmp_path), TidalProvider)


def test_a_track_is_found_among_its_live_and_karaoke_takes(
    provider: TidalProvider, tidal: Tidal
) -> None:
    result = provider.find(JANE)
    assert result.links["tidal"] == {
        **result.links["tidal"],
        "status": "found",
        "url": "https://tidal.com/browse/track/70000005",
        "app_uri": "tidal://track/70000005",
        "external_id": "70000005",
        "title": "The Diary of Jane",
        "artist": "Breaking Benjamin",
        "method": "search",
    }
    assert result.links["tidal"]["confidence"] >= 0.9
    assert (result.isrc, result.duration_ms) == ("USHR10622153", 200_000)
    assert result.cover_img == "https://resources.tidal.com/images/80000005/1280x1280.jpg"
    (search,) = tidal.standin.requests_to("^/searchResults$")
    assert search.query["filter[query]"] == "Breaking Benjamin The Diary of Jane"


def test_an_album_is_found_and_gives_its_upc_not_the_karaoke_or_the_single(
    provider: TidalProvider,
) -> None:
    result = provider.find(PHOBIA)
    link = result.links["tidal"]
    assert (link["url"], link["app_uri"]) == (
        "https://tidal.com/browse/album/70000001",
        "tidal://album/70000001",
    )
    assert result.upc == "0602498537683"
    assert (result.year, result.track_count) == (2006, 12)  # for the others to tell namesakes


def test_identifiers_find_the_work_without_a_search(provider: TidalProvider, tidal: Tidal) -> None:
    by_upc = provider.find(PHOBIA.with_identifiers(None, "602498537683"))  # leading zero lost
    assert (by_upc.links["tidal"]["method"], by_upc.links["tidal"]["confidence"]) == ("upc", PROVEN)
    by_isrc = provider.find(JANE.with_identifiers("USHR10622153", None))
    assert by_isrc.links["tidal"]["method"] == "isrc"
    assert tidal.standin.requests_to("^/searchResults$") == []
    assert [r.query.get("filter[barcodeId]") for r in tidal.standin.requests_to("^/albums$")] == [
        "602498537683",
        "0602498537683",
    ]


def test_a_take_tidal_keeps_apart_from_the_title_is_told_apart(tmp_path: Path) -> None:
    """TIDAL titles a live take plainly and says `Live` in `version`, listed first here."""
    catalog = Catalog()
    catalog.add(
        "track",
        "Free Bird",
        "Lynyrd Skynyrd",
        isrc="US2",
        title_version="(Live)",
        album="One More from the Road",
        year=1976,
        duration_ms=819_000,
    )
    catalog.add("track", "Free Bird", "Lynyrd Skynyrd", isrc="US1", year=1973, duration_ms=548_000)
    standin = Tidal(catalog)
    with standin.standin.running():
        provider = platform(settings_for(standin, tmp_path), TidalProvider)
        plain = provider.find(Query(kind="track", title="Free Bird", artist="Lynyrd Skynyrd"))
        live = provider.find(Query(kind="track", title="Free Bird (Live)", artist="Lynyrd Skynyrd"))
    assert (plain.links["tidal"]["external_id"], plain.isrc) == ("70000002", "US1")
    assert (live.links["tidal"]["title"], live.isrc) == ("Free Bird (Live)", "US2")


def test_without_credentials_tidal_is_skipped_and_asked_nothing(
    tidal: Tidal, tmp_path: Path
) -> None:
    settings = make_settings(tmp_path, tidal_api_url=tidal.url, tidal_auth_url=tidal.url)
    result = platform(settings, TidalProvider).find(JANE)
    assert result.links["tidal"]["status"] == "skipped"
    assert "TIDAL_CLIENT_ID" in result.links["tidal"]["detail"]
    assert tidal.standin.requests == []


def test_artists_get_no_tidal_link(provider: TidalProvider, tidal: Tidal) -> None:
    assert provider.find(Query(kind="artist", title="Breaking Benjamin")).links == {}
    assert tidal.standin.requests == []


def test_a_long_retry_after_is_an_error_at_once_and_blocks_tidal(
    provider: TidalProvider, tidal: Tidal
) -> None:
    provider.find(PHOBIA)  # the token first
    body = {"errors": [{"status": "429", "detail": "Rate limit exceeded"}]}
    tidal.standin.fail_next(Reply(body, 429, {"Retry-After": "3600"}))
    first = provider.find(JANE).links["tidal"]
    assert first["status"] == "error" and "Rate limit exceeded" in first["detail"]
    calls = len(tidal.standin.requests)
    second = provider.find(JANE.with_identifiers("USHR10622153", None)).links["tidal"]
    assert second["status"] == "error" and "throttled" in second["detail"]
    assert len(tidal.standin.requests) == calls  # refused without asking


def test_a_malformed_document_is_an_error_not_a_crash(
    provider: TidalProvider, tidal: Tidal
) -> None:
    provider.find(PHOBIA)
    tidal.standin.fail_next(Reply({"data": [{"id": "1", "type": "searchResults"}], "included": 7}))
    assert provider.find(JANE).links["tidal"]["status"] == "error"


# -- the finder's rounds ---------------------------------------------------------------

SONG = Listing(
    "Northern Lights",
    "Aurora Field",
    album="Polar",
    year=2019,
    isrc="NOA011900001",
    upc="7090000000001",
    seconds=231,
)


def takes_on(*stores: str) -> tuple[Listing, ...]:
    """A page of other takes, listed first on these stores: their searches miss the work."""
    return tuple(
        SONG.but(title=f"Northern Lights - Live {n}", isrc=f"NOA0199{n:05d}", on=stores)
        for n in range(30)
    )


def lookup(case: Case, tmp_path: Path) -> tuple[dict[str, Link], World]:
    world = World([case])
    with world.running(), world.finder(tmp_path) as finder:
        links = finder.find_query(case.post.query()).links
    return links, world


def test_spotify_and_deezer_find_by_the_isrc_tidal_gave(tmp_path: Path) -> None:
    post = track("Northern Lights", "Aurora Field")
    case = Case("identifiers", "tidal gives", post, every(SONG), takes_on(SPOTIFY, DEEZER))
    links, world = lookup(case, tmp_path)
    assert links["tidal"]["method"] == "search"
    assert (links["spotify"]["method"], links["deezer"]["method"]) == ("isrc", "isrc")
    assert links["spotify"]["external_id"] == "sp31"  # the work, after the 30 takes
    assert world.stores[DEEZER].requests_to("^/track/isrc:NOA011900001$")


def test_tidal_finds_by_the_isrc_another_gave(tmp_path: Path) -> None:
    post = track("Northern Lights", "Aurora Field")
    case = Case("identifiers", "tidal uses", post, every(SONG), takes_on(TIDAL))
    links, world = lookup(case, tmp_path)
    assert links["tidal"] == {**links["tidal"], "method": "isrc", "external_id": "70000031"}
    (by_isrc,) = world.stores[TIDAL].requests_to("^/tracks$")
    assert by_isrc.query["filter[isrc]"] == "NOA011900001"
