"""The real server process: what `make run` starts, restarted and stopped with SIGTERM."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from cryptography.fernet import Fernet

from standins.spotify_accounts import CLIENT_ID, CLIENT_SECRET, SpotifyAccounts
from standins.spotify_player import SpotifyPlayer
from standins.youtube import YouTubeSearch
from tests.conftest import offline_environment
from tests.factories import recommendation_input
from tools.ports import free_port

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]


def accounts_settings(
    port: int, accounts: SpotifyAccounts, player: SpotifyPlayer, youtube: YouTubeSearch
) -> dict[str, str]:
    """The settings of a server on `port` whose Spotify accounts, player and YouTube
    search are these stand-ins."""
    return {
        "SPOTIFY_CLIENT_ID": CLIENT_ID,
        "SPOTIFY_CLIENT_SECRET": CLIENT_SECRET,
        "SPOTIFY_REDIRECT_URI": f"http://127.0.0.1:{port}/spotify/callback",
        "SPOTIFY_ACCOUNTS_URL": accounts.url,
        "SPOTIFY_API_URL": player.api_url,
        "YOUTUBE_API_URL": youtube.api_url,
        "YOUTUBE_API_KEY": "standin-youtube-key",
        "TOKEN_ENCRYPTION_KEY": Fernet.generate_key().decode(),
    }


@contextmanager
def server(
    data_dir: Path,
    port: int,
    *,
    wait_for: str = "/ready",
    command: tuple[str, ...] = ("-m", "cli", "serve"),
    **overrides: str,
) -> Iterator[str]:
    """`python -m cli serve` (or python with `command`) on the embedded index, offline;
    `overrides` adds settings. Yields once `wait_for` answers 200 (`/health` for a server
    that is not to be ready)."""
    env = {
        **os.environ,
        **offline_environment(),
        "PORT": str(port),
        "DATA_DIR": str(data_dir),
        "API_KEYS": "k1,k2",
        "ELASTICSEARCH_URL": "",
        "RABBITMQ_URL": "",
        **overrides,
    }
    process = subprocess.Popen([sys.executable, *command], cwd=ROOT, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(f"{url}{wait_for}", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert process.poll() is None, "the server exited during start-up"
            time.sleep(0.05)
        yield url
    finally:
        process.send_signal(signal.SIGTERM)
        # uvicorn shuts down gracefully, then re-raises the signal it was stopped by.
        assert process.wait(timeout=20) in (0, -signal.SIGTERM)


def image_instructions() -> dict[str, list[str]]:
    """The exec-form instructions of the Dockerfile's final stage: ENTRYPOINT, CMD and
    HEALTHCHECK's command, each as its argument list."""
    text = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    final = text.split("\nFROM ")[-1]
    found: dict[str, list[str]] = {}
    for line in final.splitlines():
        name, _, rest = line.strip().partition(" ")
        if name in ("ENTRYPOINT", "CMD"):
            found[name] = json.loads(rest)
        elif name == "HEALTHCHECK":
            found[name] = json.loads(rest[rest.index(" CMD ") + len(" CMD ") :])
    return found


def as_here(argv: list[str]) -> list[str]:
    """An image's command line run with this interpreter (the image's `python`)."""
    return [sys.executable if part == "python" else part for part in argv]


def test_the_images_command_serves_and_its_health_check_follows_it(tmp_path: Path) -> None:
    """What the image runs (ENTRYPOINT + CMD) starts the API; the image's HEALTHCHECK
    passes while it is ready and fails once it is gone."""
    image = image_instructions()
    command = as_here(image["ENTRYPOINT"] + image["CMD"])
    assert command[0] == sys.executable
    port = free_port()
    env = {**os.environ, "PORT": str(port)}
    check = as_here(image["HEALTHCHECK"])
    with server(tmp_path, port, command=tuple(command[1:])):
        assert subprocess.run(check, env=env, capture_output=True, timeout=10).returncode == 0
    assert subprocess.run(check, env=env, capture_output=True, timeout=10).returncode != 0


def test_serves_ui_spec_and_keeps_data_across_a_restart(tmp_path: Path) -> None:
    port = free_port()
    with server(tmp_path, port) as url:
        assert "swagger" in httpx.get(f"{url}/ui/").text.lower()
        assert httpx.get(f"{url}/openapi.json").json()["info"]["title"] == "recindex"
        body = recommendation_input(title="Breaking Benjamin - Phobia")
        created = httpx.post(f"{url}/recommendations", json=body, headers={"X-API-Key": "k2"})
        assert created.status_code == 201
        again = httpx.post(f"{url}/recommendations", json=body, headers={"X-API-Key": "k1"})
        assert again.status_code == 409
        assert again.json()["existing_id"] == created.json()["id"]
    with server(tmp_path, port) as url:
        kept = httpx.get(f"{url}/recommendations/{created.json()['id']}")
        assert kept.status_code == 200
        assert kept.json()["title"] == "Breaking Benjamin - Phobia"
        assert httpx.get(f"{url}/recommendations", params={"q": "phobia"}).json()["total"] == 1
