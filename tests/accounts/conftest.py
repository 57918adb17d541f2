"""Fixtures: Spotify accounts, Web API and YouTube stand-ins, a movable clock, the app."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from connexion.json_schema import Draft4ResponseValidator
from connexion.spec import Specification
from cryptography.fernet import Fernet
from injector import Injector
from starlette.testclient import TestClient

from app import build_injector, create_app
from services.accounts.tokens import Clock
from services.settings import Settings
from standins.spotify_accounts import CLIENT_ID, CLIENT_SECRET, SpotifyAccounts
from standins.spotify_player import SpotifyPlayer
from standins.youtube import YouTubeSearch
from tests.conftest import AUTH, make_settings

REDIRECT_URI = "http://testserver/spotify/callback"
SPEC = Path(__file__).resolve().parents[2] / "spec" / "openapi.yaml"


@cache
def _schema(name: str) -> dict[str, Any]:
    schema: dict[str, Any] = Specification.load(SPEC).spec["components"]["schemas"][name]
    return schema


def conforms(body: Any, schema: str) -> Any:
    """`body`, checked against the spec's schema (Connexion does not check answers)."""
    Draft4ResponseValidator(_schema(schema)).validate(body)
    return body


class FakeClock(Clock):
    """Real time plus `offset`, which tests move forward; sleeping moves it too."""

    def __init__(self) -> None:
        self.offset = 0.0
        self.real_sleep = False

    def now(self) -> float:
        return super().now() + self.offset

    def sleep(self, seconds: float) -> None:
        if self.real_sleep:
            super().sleep(seconds)
        else:
            self.offset += seconds


@pytest.fixture
def player(spotify_accounts: SpotifyAccounts) -> Iterator[SpotifyPlayer]:
    web_api = SpotifyPlayer(spotify_accounts)
    with web_api.standin.running():
        yield web_api


@pytest.fixture
def youtube() -> Iterator[YouTubeSearch]:
    search = YouTubeSearch()
    with search.standin.running():
        yield search


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def accounts_settings(
    tmp_path: Path,
    spotify_accounts: SpotifyAccounts,
    player: SpotifyPlayer,
    youtube: YouTubeSearch,
) -> Settings:
    return make_settings(
        tmp_path,
        spotify_client_id=CLIENT_ID,
        spotify_client_secret=CLIENT_SECRET,
        spotify_redirect_uri=REDIRECT_URI,
        spotify_accounts_url=spotify_accounts.url,
        spotify_api_url=player.api_url,
        youtube_api_url=youtube.api_url,
        youtube_api_key="standin-youtube-key",
        token_encryption_key=Fernet.generate_key().decode(),
    )


@pytest.fixture
def accounts_injector(accounts_settings: Settings, clock: FakeClock) -> Injector:
    injector = build_injector(accounts_settings)
    injector.binder.bind(Clock, to=clock)
    return injector


@pytest.fixture
def app_client(accounts_injector: Injector) -> Iterator[TestClient]:
    with TestClient(create_app(accounts_injector)) as test_client:
        yield test_client


def authorize(client: TestClient, user: str = "ana") -> str:
    response = client.post(f"/users/{user}/spotify/authorization", headers=AUTH)
    assert response.status_code == 200, response.text
    url: str = conforms(response.json(), "SpotifyAuthorization")["authorize_url"]
    return url


def follow_to_callback(authorize_url: str) -> str:
    """What the user's browser does at Spotify: the redirect back, as a path and query."""
    redirect = httpx.get(authorize_url, follow_redirects=False)
    assert redirect.status_code == 302
    location = urlsplit(redirect.headers["location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == REDIRECT_URI
    return f"{location.path}?{location.query}"


def link(client: TestClient, user: str = "ana") -> None:
    """The whole linking flow, through the app and the accounts stand-in."""
    response = client.get(follow_to_callback(authorize(client, user)))
    assert response.status_code == 200, response.text
    assert conforms(response.json(), "SpotifyLinked") == {"user": user, "status": "linked"}
