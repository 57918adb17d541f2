"""Issue 19's ESP32, against the real server process (`cli serve`): the seed's exact curl.

`curl -d uid=nobita http://host/get`, form-encoded, no key: the LCD text for a public
user, and 401 for a private one (the same 401 as for nobody at all) until the device
sends its token; a revoked token is refused at once.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from standins.spotify_accounts import SpotifyAccounts
from standins.spotify_player import SpotifyPlayer, playing, track
from standins.youtube import YouTubeSearch
from tests.conftest import require_program
from tests.integration.test_serve import accounts_settings, server
from tools.ports import free_port

pytestmark = pytest.mark.integration

KEY = {"X-API-Key": "operator-key"}


@dataclass
class Served:
    """A served recindex whose Spotify is a stand-in, and its player."""

    url: str
    player: SpotifyPlayer

    def link(self, user: str) -> None:
        """The linking flow: the authorize URL, Spotify's redirect, the server's callback."""
        started = httpx.post(f"{self.url}/users/{user}/spotify/authorization", headers=KEY)
        assert started.status_code == 200, started.text
        at_spotify = httpx.get(started.json()["authorize_url"])
        linked = httpx.get(at_spotify.headers["location"])
        assert linked.json() == {"user": user, "status": "linked"}, linked.text

    def share(self, user: str, public: bool = True) -> None:
        url = f"{self.url}/users/{user}/now-playing/sharing"
        answer = httpx.put(url, json={"public": public}, headers=KEY)
        assert answer.json() == {"public": public}, answer.text


@contextmanager
def served(tmp_path: Path, **settings: str) -> Iterator[Served]:
    accounts = SpotifyAccounts()
    player = SpotifyPlayer(accounts)
    youtube = YouTubeSearch()
    port = free_port()
    with accounts.standin.running(), player.standin.running(), youtube.standin.running():
        environment = {
            "API_KEYS": KEY["X-API-Key"],
            **accounts_settings(port, accounts, player, youtube),
            **settings,
        }
        with server(tmp_path, port, **environment) as url:
            yield Served(url, player)


def curl(*arguments: str) -> tuple[int, dict[str, str], bytes]:
    """Status, headers (lower-case names) and body of what curl received."""
    program = require_program("curl", "apt-get install curl")
    done = subprocess.run(
        [program, "-s", "-i", *arguments], capture_output=True, check=True, timeout=30
    )
    head, _, body = done.stdout.partition(b"\r\n\r\n")
    status_line, *lines = head.decode().split("\r\n")
    headers = dict(line.lower().split(": ", 1) for line in lines if ": " in line)
    return int(status_line.split()[1]), headers, body


def test_the_seeds_esp32_curl_gets_the_lcd_text_of_a_public_user(tmp_path: Path) -> None:
    with served(tmp_path) as recindex:
        recindex.link("nobita")
        recindex.player.current = playing(track("誰かの願いが叶うころ", ["宇多田ヒカル"]))

        # Private (the default): 401, and nobody at all gets the very same answer.
        private = curl("-d", "uid=nobita", f"{recindex.url}/get")
        unknown = curl("-d", "uid=nobody-at-all", f"{recindex.url}/get")
        assert private[0] == unknown[0] == 401
        assert private[2] == unknown[2]
        assert private[1]["content-type"] == "application/problem+json"

        recindex.share("nobita")
        status, headers, body = curl("-d", "uid=nobita", f"{recindex.url}/get")
        assert status == 200, body
        view = json.loads(body)
        assert view["ascii_title"] == "Dareka no negai ga kanau koro"
        assert view["ascii_artist"] == "Utada Hikaru"
        assert headers["access-control-allow-origin"] == "*"
        assert headers["cache-control"] == "public, max-age=5"
        status, _, body = curl("-d", "uid=nobita&width=16", f"{recindex.url}/get")
        assert json.loads(body)["lcd"] == ["Dareka no negai.", "Utada Hikaru    "]


def test_a_private_users_device_reads_with_its_token_until_revoked(tmp_path: Path) -> None:
    with served(tmp_path) as recindex:
        recindex.link("ana")
        recindex.player.current = playing(track("Кукушка", ["Кино"]))
        created = httpx.post(f"{recindex.url}/users/ana/devices", headers=KEY, json={})
        assert created.status_code == 201, created.text
        token = created.json()["token"]

        status, _, body = curl("-d", f"uid=ana&width=16&token={token}", f"{recindex.url}/get")
        assert status == 200, body
        assert json.loads(body)["lcd"] == ["Kukushka        ", "Kino            "]
        bearer = f"Authorization: Bearer {token}"
        assert curl("-H", bearer, f"{recindex.url}/users/ana/now-playing")[0] == 200

        device = created.json()["device_id"]
        removed = httpx.delete(f"{recindex.url}/users/ana/devices/{device}", headers=KEY)
        assert removed.status_code == 204
        assert curl("-d", f"uid=ana&token={token}", f"{recindex.url}/get")[0] == 401
        assert curl("-H", bearer, f"{recindex.url}/users/ana/now-playing")[0] == 401
