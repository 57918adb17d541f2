"""Issue 5's "Done when", against the real server process (`cli serve`, as `make run`).

Spotify's accounts service and Web API and YouTube are stand-ins on loopback, named
by `SPOTIFY_ACCOUNTS_URL`, `SPOTIFY_API_URL` and `YOUTUBE_API_URL`; the user's
browser is played by following Spotify's redirect to the server's callback.
"""

from __future__ import annotations

import time
from pathlib import Path

import httpx
import pytest

from standins.spotify_accounts import SpotifyAccounts
from standins.spotify_player import SpotifyPlayer, playing, track
from standins.youtube import YouTubeSearch
from tests.integration.test_serve import accounts_settings, server
from tools.ports import free_port

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
KEY = {"X-API-Key": "device-key"}


def test_link_now_playing_refresh_and_playlist_videos(tmp_path: Path) -> None:
    accounts = SpotifyAccounts()
    player = SpotifyPlayer(accounts)
    youtube = YouTubeSearch()
    port = free_port()
    with accounts.standin.running(), player.standin.running(), youtube.standin.running():
        settings = {
            "API_KEYS": KEY["X-API-Key"],
            **accounts_settings(port, accounts, player, youtube),
        }
        with server(tmp_path, port, **settings) as url:
            # Linking: the authorize URL, Spotify's redirect, the server's callback.
            started = httpx.post(f"{url}/users/ana/spotify/authorization", headers=KEY)
            assert started.status_code == 200, started.text
            at_spotify = httpx.get(started.json()["authorize_url"])
            assert at_spotify.status_code == 302
            callback = at_spotify.headers["location"]
            assert callback.startswith(f"{url}/spotify/callback?code=")
            linked = httpx.get(callback)
            assert linked.json() == {"user": "ana", "status": "linked"}, linked.text
            assert httpx.get(callback).status_code == 400  # the state was good once

            # Now playing, readable on a 16x2 LCD.
            player.current = playing(track("誰かの願いが叶うころ", ["宇多田ヒカル"]))
            view = httpx.get(f"{url}/users/ana/now-playing?width=16", headers=KEY).json()
            assert view["ascii_title"] == "Dareka no negai ga kanau koro"
            assert view["lcd"] == ["Dareka no negai.", "Utada Hikaru    "]
            device = httpx.post(f"{url}/get", data={"uid": "ana", "width": "16"}, headers=KEY)
            assert device.json() == view

            # The access token expires (and Spotify rotates the refresh token): still works.
            accounts.rotate = True
            accounts.expire_access_tokens()
            again = httpx.get(f"{url}/users/ana/now-playing", headers=KEY)
            assert again.status_code == 200, again.text
            assert again.json()["ascii_artist"] == "Utada Hikaru"
            accounts.expire_access_tokens()
            assert httpx.get(f"{url}/users/ana/now-playing", headers=KEY).status_code == 200

            # A playlist of 10 tracks: 10 videos in about the time of one lookup.
            player.playlists["pl10"] = [track(f"Song {n}", [f"Artist{n}"]) for n in range(10)]
            youtube.standin.delay_seconds = 0.3
            began = time.monotonic()
            answer = httpx.get(
                f"{url}/playlists/pl10/videos", params={"limit": 10}, timeout=10, headers=KEY
            )
            elapsed = time.monotonic() - began
            assert answer.status_code == 200, answer.text
            items = answer.json()["items"]
            assert [item["video"]["status"] for item in items] == ["found"] * 10
            assert elapsed < 1.2, f"{elapsed:.2f} s (one after the other: 3 s)"
