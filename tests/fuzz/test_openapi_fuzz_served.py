"""Fuzzing the real server (`cli serve`) with every provider configured against stand-ins.

Spotify's accounts service and Web API, YouTube, Deezer and iTunes answer on
loopback, so the account routes and `/links` do their real work instead of
answering 503 "not configured": no 5xx at all, no time-out, every answer conforms.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
import schemathesis
from schemathesis import GenerationMode

from standins import music
from standins.catalog import standard_catalog
from standins.spotify_accounts import SpotifyAccounts
from standins.spotify_player import SpotifyPlayer, track
from standins.youtube import YouTubeSearch
from tests.fuzz.test_openapi_fuzz import ANSWER_SECONDS, OPERATION_IDS, OPERATIONS, fuzz, keyed
from tests.integration.test_serve import accounts_settings, server
from tools.ports import free_port

pytestmark = pytest.mark.integration

KEY = {"X-API-Key": "k1"}


@pytest.fixture(scope="module")
def served_schema(tmp_path_factory: pytest.TempPathFactory) -> Iterator[schemathesis.BaseSchema]:
    accounts = SpotifyAccounts()
    player = SpotifyPlayer(accounts)
    player.playlists["37i9dQZF1DXcBWIGoYBM5M"] = [track(f"Song {n}", ["Band"]) for n in range(5)]
    youtube = YouTubeSearch()
    catalog = standard_catalog()
    port = free_port()
    with ExitStack() as running:
        for standin in (accounts.standin, player.standin, youtube.standin):
            running.enter_context(standin.running())
        deezer = running.enter_context(music.deezer(catalog).running())
        itunes = running.enter_context(music.itunes(catalog).running())
        settings = {
            **accounts_settings(port, accounts, player, youtube),
            "YOUTUBE_DAILY_SEARCHES": "100000",
            "DEEZER_API_URL": deezer.url,
            "ITUNES_API_URL": itunes.url,
            # The fuzzer asks faster than real limits allow; limits are tested elsewhere.
            **{f"{name}_RATE_LIMIT": "100000/1" for name in ("SPOTIFY", "DEEZER", "ITUNES")},
            "YOUTUBE_RATE_LIMIT": "100000/1",
            "LOOKUP_TIMEOUT_SECONDS": "3",
        }
        data_dir: Path = tmp_path_factory.mktemp("fuzz-served")
        url = running.enter_context(server(data_dir, port, **settings))
        yield keyed(schemathesis.openapi.from_url(f"{url}/openapi.json"))


@pytest.mark.parametrize(("method", "path", "mode"), OPERATIONS, ids=OPERATION_IDS)
def test_with_providers_configured_nothing_fails_and_answers_conform(
    served_schema: schemathesis.BaseSchema, method: str, path: str, mode: GenerationMode
) -> None:
    fuzz(
        served_schema,
        method,
        path,
        mode,
        # TMDB and TIDAL are not configured here, and this YouTube stand-in only
        # searches: a page of a work on them is a 502, as `GET /links?url=` answers.
        allowed_5xx={502} if path.startswith("/s/") else set(),
        call=lambda case: case.call(headers=KEY, timeout=ANSWER_SECONDS),
        examples=20,
    )
