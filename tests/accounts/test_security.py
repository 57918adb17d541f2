"""Secrets stay secret: encrypted at rest, never logged; a missing key is a clear 503."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from cryptography.fernet import Fernet
from injector import Injector
from pydantic import SecretStr
from starlette.testclient import TestClient

from app import build_injector, create_app
from services.accounts.tokens import Clock
from services.settings import Settings
from standins.spotify_accounts import CLIENT_SECRET, SpotifyAccounts
from standins.spotify_player import SpotifyPlayer, playing, track
from standins.youtube import YouTubeSearch
from tests.accounts.conftest import FakeClock, authorize, link
from tests.accounts.test_refresh_api import database_bytes
from tests.api.test_recommendations_api import assert_problem
from tests.conftest import AUTH

pytestmark = pytest.mark.unit


def restarted(settings: Settings, clock: FakeClock, **changes: object) -> TestClient:
    """The same data directory served by an app with changed settings."""
    injector = build_injector(settings.model_copy(update=changes))
    injector.binder.bind(Clock, to=clock)
    return TestClient(create_app(injector))


@pytest.fixture
def linked(app_client: TestClient, player: SpotifyPlayer) -> Iterator[TestClient]:
    link(app_client, "ana")
    player.current = playing(track("Кукушка", ["Кино"]))
    yield app_client


def test_no_secret_reaches_a_log(
    caplog: pytest.LogCaptureFixture,
    app_client: TestClient,
    spotify_accounts: SpotifyAccounts,
    player: SpotifyPlayer,
    youtube: YouTubeSearch,
    clock: FakeClock,
    accounts_settings: Settings,
) -> None:
    caplog.set_level(logging.DEBUG)
    link(app_client, "ana")
    player.current = playing(track("Кукушка", ["Кино"]))
    player.playlists["list1"] = [track("Kukushka", ["Kino"])]
    spotify_accounts.rotate = True
    spotify_accounts.expire_access_tokens()
    clock.offset = 3600
    assert app_client.get("/users/ana/now-playing", headers=AUTH).status_code == 200
    assert app_client.get("/playlists/list1/videos", headers=AUTH).status_code == 200
    spotify_accounts.revoke()
    assert app_client.get("/users/ana/now-playing", headers=AUTH).status_code == 409

    forms = [request.form() for request in spotify_accounts.standin.requests_to("/api/token")]
    secrets = {
        *spotify_accounts.issued,
        *(form["code_verifier"] for form in forms if "code_verifier" in form),
        CLIENT_SECRET,
        "standin-youtube-key",
        accounts_settings.token_encryption_key.get_secret_value(),  # type: ignore[union-attr]
    }
    assert len(secrets) >= 8
    logged = "\n".join(f"{record.getMessage()} {record.__dict__}" for record in caplog.records)
    assert "spotify account linked" in logged and "spotify link revoked" in logged
    for secret in secrets:
        assert secret not in logged


def test_states_and_verifiers_are_not_stored_in_the_clear(
    app_client: TestClient, accounts_settings: Settings
) -> None:
    state = parse_qs(urlsplit(authorize(app_client)).query)["state"][0]
    assert state.encode() not in database_bytes(accounts_settings)


def test_now_playing_without_the_encryption_key_is_a_503_naming_it(
    linked: TestClient, accounts_settings: Settings, clock: FakeClock
) -> None:
    with restarted(accounts_settings, clock, token_encryption_key=None) as client:
        response = client.get("/users/ana/now-playing", headers=AUTH)
    problem = assert_problem(response, 503, "TOKEN_ENCRYPTION_KEY")
    assert problem["setting"] == "TOKEN_ENCRYPTION_KEY"
    assert problem["type"].endswith("/accounts-not-configured")


NO_HINT = ("Fernet", "changed", "removed", "none of", "base64", "key 1")


def assert_no_hint_about_keys(problem: dict[str, object]) -> None:
    """A client learns that accounts are unavailable, nothing about the keys."""
    assert problem["detail"] == (
        "The operator must set TOKEN_ENCRYPTION_KEY: Spotify accounts are unavailable"
        " until it is set right."
    )
    assert not any(hint in str(problem) for hint in NO_HINT)


def test_a_key_that_is_not_a_fernet_key_is_a_503_telling_only_the_log(
    linked: TestClient,
    accounts_settings: Settings,
    clock: FakeClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    good = accounts_settings.token_encryption_key.get_secret_value()  # type: ignore[union-attr]
    key = SecretStr(f"{good},too-short")
    with restarted(accounts_settings, clock, token_encryption_key=key) as client:
        response = client.get("/users/ana/now-playing", headers=AUTH)
    assert_no_hint_about_keys(assert_problem(response, 503))
    assert "its key 2 of 2 is not a Fernet key" in caplog.text
    assert "too-short" not in caplog.text


def test_tokens_no_key_opens_are_a_503_telling_only_the_log(
    linked: TestClient,
    accounts_settings: Settings,
    clock: FakeClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    other = Fernet.generate_key().decode()
    with restarted(accounts_settings, clock, token_encryption_key=SecretStr(other)) as client:
        response = client.get("/users/ana/now-playing", headers=AUTH)
    # It once said "stored tokens do not open with it (was the key changed?)".
    assert_no_hint_about_keys(assert_problem(response, 503))
    assert "stored tokens open with none of its keys" in caplog.text


def test_a_state_cannot_be_used_twice_even_in_parallel(
    app_client: TestClient, accounts_injector: Injector, spotify_accounts: SpotifyAccounts
) -> None:
    """Of two callbacks racing with one state, one links and the other is refused."""
    import threading

    from services.accounts.linking import AccountLinking
    from services.errors import AuthorizationStateInvalid

    state = parse_qs(urlsplit(authorize(app_client)).query)["state"][0]
    linking = accounts_injector.get(AccountLinking)
    outcomes: list[str] = []

    def callback() -> None:
        try:
            linking.complete(state=state, code="code-x", error="access_denied")
        except AuthorizationStateInvalid:
            outcomes.append("refused")
        except Exception as error:  # the one that took the state: the declined error
            outcomes.append(type(error).__name__)

    threads = [threading.Thread(target=callback) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["AuthorizationFailed", *["refused"] * 7]


def test_no_real_spotify_or_youtube_host_is_configured(accounts_settings: Settings) -> None:
    urls = [
        accounts_settings.spotify_accounts_url,
        accounts_settings.spotify_api_url,
        accounts_settings.youtube_api_url,
    ]
    assert all(url.startswith("http://127.0.0.1:") for url in urls)


def test_the_data_dir_is_the_tests_own(accounts_settings: Settings, tmp_path: Path) -> None:
    assert accounts_settings.embedded_db_path.is_relative_to(tmp_path)
