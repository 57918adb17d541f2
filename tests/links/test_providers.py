"""Each provider against its stand-in: identifiers, searches, and every kind of fault."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from services.links.platforms.deezer import DeezerProvider
from services.links.platforms.itunes import ITunesProvider
from services.links.platforms.provider import LinkProvider
from services.links.platforms.spotify import SpotifyProvider
from services.links.query import Query
from services.providers.guard import Guard
from services.settings import Settings
from standins.music import DEEZER_QUOTA
from standins.server import Reply
from tests.conftest import make_settings
from tests.links.conftest import Music, platform

pytestmark = pytest.mark.unit

PHOBIA = Query(kind="album", title="Phobia", artist="Breaking Benjamin")
JANE = Query(kind="track", title="The Diary of Jane", artist="Breaking Benjamin")


def link(provider: LinkProvider, query: Query) -> dict[str, object]:
    result = provider.find(query)
    return result.links[provider.platforms[0]]


def test_spotify_finds_the_album_with_its_upc_and_app_uri(music_settings: Settings) -> None:
    result = platform(music_settings, SpotifyProvider).find(PHOBIA)
    spotify = result.links["spotify"]
    assert spotify["status"] == "found"
    assert spotify["url"] == "https://open.spotify.com/album/sp1"
    assert spotify["app_uri"] == "spotify:album:sp1"
    assert spotify["method"] == "search"
    assert result.upc == "0602498537683"


def test_spotify_track_gives_isrc_and_refuses_live_and_karaoke(music_settings: Settings) -> None:
    result = platform(music_settings, SpotifyProvider).find(JANE)
    assert result.links["spotify"]["external_id"] == "sp5"
    assert result.isrc == "USHR10622153"


def test_looked_up_by_identifier(music_settings: Settings, music_standins: Music) -> None:
    by_upc = PHOBIA.with_identifiers(None, "602498537683")  # leading zero dropped
    assert link(platform(music_settings, DeezerProvider), by_upc)["method"] == "upc"
    assert link(platform(music_settings, ITunesProvider), by_upc)["method"] == "upc"
    assert link(platform(music_settings, SpotifyProvider), by_upc)["method"] == "upc"
    by_isrc = JANE.with_identifiers("USHR10622153", None)
    assert link(platform(music_settings, DeezerProvider), by_isrc)["method"] == "isrc"
    assert link(platform(music_settings, SpotifyProvider), by_isrc)["method"] == "isrc"
    assert music_standins.deezer.requests_to(r"/album/upc:")


def test_without_credentials_spotify_is_skipped(tmp_path: Path) -> None:
    result = platform(make_settings(tmp_path), SpotifyProvider).find(PHOBIA)
    assert result.links["spotify"]["status"] == "skipped"


def test_a_long_retry_after_is_an_error_at_once_and_blocks_the_platform(
    music_settings: Settings, music_standins: Music
) -> None:
    provider = platform(music_settings, SpotifyProvider)
    music_standins.spotify.fail_next(
        Reply({"error": {"status": 429}}, 429, {"Retry-After": "3600"})
    )
    started = time.monotonic()
    first = link(provider, PHOBIA)
    assert first["status"] == "error" and "429" in str(first["detail"])
    calls = len(music_standins.spotify.requests)
    second = link(provider, JANE)
    assert second["status"] == "error" and "throttled" in str(second["detail"])
    assert len(music_standins.spotify.requests) == calls  # refused without asking
    assert time.monotonic() - started < 1.5


def test_a_short_retry_after_is_waited_for(music_settings: Settings, music_standins: Music) -> None:
    music_standins.deezer.fail_next(Reply({"error": "busy"}, 429, {"Retry-After": "0"}))
    assert link(platform(music_settings, DeezerProvider), PHOBIA)["status"] == "found"


def test_deezer_quota_code_4_is_throttling_and_retried(music_standins: Music) -> None:
    guard = Guard("deezer", 1000, 1, max_wait=10, sleep=lambda _: None)
    from services.providers.deezer import DeezerApi

    provider = DeezerProvider(DeezerApi(music_standins.deezer.url, guard, 3))
    music_standins.deezer.fail_next(Reply(DEEZER_QUOTA))
    assert link(provider, PHOBIA)["status"] == "found"
    assert len(music_standins.deezer.requests_to("/search/album")) == 2


def test_5xx_then_success_is_retried(music_settings: Settings, music_standins: Music) -> None:
    music_standins.itunes.fail_next(Reply({"error": "oops"}, 500), Reply(raw=b"", status=503))
    assert link(platform(music_settings, ITunesProvider), PHOBIA)["status"] == "found"


@pytest.mark.parametrize(
    "reply",
    [
        Reply(raw=b"<html>not json</html>"),
        Reply({"data": "not a list"}),
        Reply({"data": [{"id": 1}]}),  # fields missing
        Reply({"error": {"code": 300, "message": "Invalid query"}}),
        Reply({"unexpected": True}, 404),
    ],
    ids=["not-json", "wrong-shape", "missing-fields", "error-300", "404"],
)
def test_malformed_answers_are_errors_not_crashes(
    music_settings: Settings, music_standins: Music, reply: Reply
) -> None:
    music_standins.deezer.fail_next(reply)
    status = link(platform(music_settings, DeezerProvider), PHOBIA)["status"]
    assert status in {"error", "not_found"}


def test_timeouts_are_errors(
    music_settings: Settings, music_standins: Music, tmp_path: Path
) -> None:
    settings = make_settings(tmp_path, **{**music_standins.settings, "lookup_timeout_seconds": 0.2})
    music_standins.itunes.delay_seconds = 0.5
    found = link(platform(settings, ITunesProvider), PHOBIA)
    assert found["status"] == "error" and "timed out" in str(found["detail"])


def test_the_breaker_opens_after_repeated_failures(music_standins: Music) -> None:
    guard = Guard(
        "itunes", 1000, 1, max_wait=5, attempts=1, breaker_failures=2, sleep=lambda _: None
    )
    from services.providers.itunes import ITunesApi

    provider = ITunesProvider(ITunesApi(music_standins.itunes.url, guard, 3))
    music_standins.itunes.fail_next(*[Reply({}, 500)] * 2)
    for _ in range(2):
        assert link(provider, PHOBIA)["status"] == "error"
    calls = len(music_standins.itunes.requests)
    assert "circuit open" in str(link(provider, PHOBIA)["detail"])
    assert len(music_standins.itunes.requests) == calls
