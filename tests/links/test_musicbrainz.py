"""MusicBrainz against its stand-in: aliases and ISRC/UPC for posts in another script,
read from its documented JSON (`fmt=json`), one request a second, a meaningful User-Agent."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from services.links.cache import LookupCache
from services.links.platforms.musicbrainz import MusicBrainzProvider
from services.links.query import Query
from services.settings import Settings
from standins.musicbrainz import MbArtist, MbRecording, MbRelease, MusicBrainzStandIn
from standins.server import Reply
from tests.conftest import make_settings
from tests.links.conftest import platform

pytestmark = pytest.mark.unit

KINO = MbArtist("a-kino", "Кино", ("Kino", "KINO"))
KINO_TRIBUTE = MbArtist("a-other", "Кино", ("Kino Tribute",))  # a namesake
CUCKOO_LIVE = MbRecording("r-live", "Кукушка", KINO, ("RUA119000999",), 420, "live")
CUCKOO = MbRecording("r-studio", "Кукушка", KINO, ("RUA119000123",), 401)
BLOOD = MbRelease("l-1", "Группа крови", KINO, "4600317000116", "1988")


@pytest.fixture
def musicbrainz() -> Iterator[MusicBrainzStandIn]:
    standin = MusicBrainzStandIn([KINO_TRIBUTE, CUCKOO_LIVE, CUCKOO, BLOOD])
    with standin.standin.running():
        yield standin


def settings_for(tmp_path: Path, standin: MusicBrainzStandIn, **more: object) -> Settings:
    values: dict[str, object] = {
        "musicbrainz_api_url": standin.api_url,
        "musicbrainz_rate_limit": "100/1",
        "max_retry_after_seconds": 2.0,
        **more,
    }
    return make_settings(tmp_path, **values)


def test_a_post_in_another_script_gets_the_isrc_and_the_aliases(
    tmp_path: Path, musicbrainz: MusicBrainzStandIn
) -> None:
    provider = platform(settings_for(tmp_path, musicbrainz), MusicBrainzProvider)
    result = provider.find(Query(kind="track", title="Кукушка", artist="Кино"))
    # The studio recording, not the live one MusicBrainz lists first; the band's
    # aliases, not its namesake's.
    assert result.isrc == "RUA119000123"
    assert result.duration_ms == 401_000
    assert result.aliases == ("Кино", "Kino", "KINO")
    assert result.links == {} and result.error is None
    artist_search, recording_search = musicbrainz.standin.requests
    assert artist_search.path == "/ws/2/artist"
    assert artist_search.query["query"] == 'artist:"Кино" OR alias:"Кино"'
    assert (
        recording_search.query["query"] == 'recording:"Кукушка" AND (arid:a-other OR arid:a-kino)'
    )
    for request in musicbrainz.standin.requests:
        assert request.headers["user-agent"] == "recindex/1.0.0 ( https://recindex.dev )"
        assert request.query["fmt"] == "json"


def test_an_album_gets_its_barcode(tmp_path: Path, musicbrainz: MusicBrainzStandIn) -> None:
    provider = platform(settings_for(tmp_path, musicbrainz), MusicBrainzProvider)
    result = provider.find(Query(kind="album", title="Группа крови", artist="Кино"))
    assert result.upc == "4600317000116"
    assert "Kino" in result.aliases


def test_posts_in_latin_letters_or_with_an_identifier_cost_nothing(
    tmp_path: Path, musicbrainz: MusicBrainzStandIn
) -> None:
    provider = platform(settings_for(tmp_path, musicbrainz), MusicBrainzProvider)
    assert provider.find(Query(kind="track", title="Kukushka", artist="Kino")).isrc is None
    with_isrc = Query(kind="track", title="Кукушка", artist="Кино", isrc="RUA119000123")
    assert provider.find(with_isrc).aliases == ()
    assert provider.find(Query(kind="artist", title="Кино")).links == {}
    assert musicbrainz.standin.requests == []


def test_a_latin_post_in_the_broad_pass_gets_the_artists_other_names(
    tmp_path: Path, musicbrainz: MusicBrainzStandIn
) -> None:
    """Only when the stores found nothing by the post's names: one artist search."""
    musicbrainz.add(MbArtist("a-diddy", "Diddy", ("Puff Daddy", "P. Diddy")))
    provider = platform(settings_for(tmp_path, musicbrainz), MusicBrainzProvider)
    post = Query(kind="track", title="I'll Be Missing You", artist="Puff Daddy")
    assert provider.find(post).aliases == ()
    assert musicbrainz.standin.requests == []
    result = provider.find(post.broadened())
    assert result.aliases == ("Diddy", "Puff Daddy", "P. Diddy")
    assert [r.path for r in musicbrainz.standin.requests] == ["/ws/2/artist"]
    # A post in another script asked in round one: the broad pass does not ask again.
    provider.find(Query(kind="track", title="Кукушка", artist="Кино").broadened())
    assert len(musicbrainz.standin.requests) == 1


def test_an_unknown_artist_gives_nothing(tmp_path: Path, musicbrainz: MusicBrainzStandIn) -> None:
    provider = platform(settings_for(tmp_path, musicbrainz), MusicBrainzProvider)
    result = provider.find(Query(kind="track", title="Кукушка", artist="Ария"))
    assert (result.isrc, result.aliases) == (None, ())
    assert len(musicbrainz.standin.requests) == 1  # no recording search without an artist


def test_one_request_a_second(tmp_path: Path, musicbrainz: MusicBrainzStandIn) -> None:
    """MusicBrainz answers 503 to a client asking faster; the guard keeps to its limit."""
    musicbrainz.min_interval = 0.9
    settings = settings_for(tmp_path, musicbrainz, musicbrainz_rate_limit="1/1")
    provider = platform(settings, MusicBrainzProvider)
    started = time.monotonic()
    result = provider.find(Query(kind="track", title="Кукушка", artist="Кино"))
    assert result.isrc == "RUA119000123"
    assert time.monotonic() - started >= 0.9
    assert musicbrainz.refused_too_fast == 0
    assert Settings(_env_file=None).musicbrainz_rate_limit == "1/1"  # type: ignore[call-arg]


def test_a_503_is_retried_and_a_malformed_answer_is_an_error(
    tmp_path: Path, musicbrainz: MusicBrainzStandIn
) -> None:
    provider = platform(settings_for(tmp_path, musicbrainz), MusicBrainzProvider)
    query = Query(kind="track", title="Кукушка", artist="Кино")
    musicbrainz.standin.fail_next(Reply({"error": "slow down"}, status=503))
    assert provider.find(query).isrc == "RUA119000123"
    musicbrainz.standin.fail_next(Reply(raw=b'{"created": "2026-11-23", "artists": [{"id"'))
    cache = LookupCache(ttl_seconds=60)
    broken = cache.get_or_compute("key", lambda: provider.find(query))
    assert broken.error is not None and "malformed" in broken.error
    assert len(cache) == 0  # a failure is asked again next time, not remembered


def test_the_real_service_is_the_default() -> None:
    assert Settings(_env_file=None).musicbrainz_api_url == "https://musicbrainz.org/ws/2"  # type: ignore[call-arg]
