"""An expired access token is refreshed without the client noticing; a revoked link is told."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from injector import Injector
from starlette.testclient import TestClient

from services.accounts.linking import AccountLinking
from services.accounts.now_playing import NowPlaying
from services.accounts.tokens import TokenCipher, TokenStore
from services.settings import Settings
from standins.server import Reply
from standins.spotify_accounts import SpotifyAccounts
from standins.spotify_player import SpotifyPlayer, playing, track
from tests.accounts.conftest import FakeClock, link
from tests.api.test_recommendations_api import assert_problem
from tests.conftest import AUTH

pytestmark = pytest.mark.unit

HOUR = 3600


@pytest.fixture
def linked(app_client: TestClient, player: SpotifyPlayer) -> TestClient:
    link(app_client, "ana")
    player.current = playing(track("Кукушка", ["Кино"]))
    return app_client


def stored_tokens(injector: Injector, user: str = "ana") -> dict[str, str]:
    account = injector.get(TokenStore).get_account(user)  # type: ignore[type-abstract]
    assert account is not None
    return injector.get(TokenCipher).open(account.sealed_tokens)


def database_bytes(settings: Settings) -> bytes:
    """The embedded index's files as they are on disk, write-ahead log included."""
    path = settings.embedded_db_path
    files = [path, Path(f"{path}-wal"), Path(f"{path}-shm")]
    return b"".join(file.read_bytes() for file in files if file.exists())


def refresh_requests(spotify_accounts: SpotifyAccounts) -> list[dict[str, str]]:
    forms = [request.form() for request in spotify_accounts.standin.requests_to("/api/token")]
    return [form for form in forms if form["grant_type"] == "refresh_token"]


def test_an_expired_token_is_refreshed_and_the_rotated_one_stored_encrypted(
    linked: TestClient,
    spotify_accounts: SpotifyAccounts,
    clock: FakeClock,
    accounts_injector: Injector,
    accounts_settings: Settings,
) -> None:
    (first_refresh,) = spotify_accounts.refresh_tokens
    assert linked.get("/users/ana/now-playing", headers=AUTH).status_code == 200
    spotify_accounts.rotate = True
    spotify_accounts.expire_access_tokens()
    clock.offset = HOUR

    response = linked.get("/users/ana/now-playing", headers=AUTH)

    assert response.status_code == 200, response.text
    assert response.json()["ascii_artist"] == "Kino"
    (refresh,) = refresh_requests(spotify_accounts)
    assert refresh["refresh_token"] == first_refresh
    (rotated,) = spotify_accounts.refresh_tokens
    assert rotated != first_refresh
    tokens = stored_tokens(accounts_injector)
    assert tokens["refresh_token"] == rotated
    assert tokens["access_token"] in spotify_accounts.access_tokens
    on_disk = database_bytes(accounts_settings)
    for secret in (first_refresh, rotated, tokens["access_token"]):
        assert secret.encode() not in on_disk
    # The rotated token works the next time too (the old one is gone at Spotify).
    spotify_accounts.expire_access_tokens()
    clock.offset = 2 * HOUR
    assert linked.get("/users/ana/now-playing", headers=AUTH).status_code == 200
    assert stored_tokens(accounts_injector)["refresh_token"] in spotify_accounts.refresh_tokens


def test_a_token_spotify_refuses_early_is_refreshed_on_the_401(
    linked: TestClient, spotify_accounts: SpotifyAccounts, accounts_injector: Injector
) -> None:
    (refresh_token,) = spotify_accounts.refresh_tokens
    spotify_accounts.expire_access_tokens()  # still valid by our clock

    assert linked.get("/users/ana/now-playing", headers=AUTH).status_code == 200

    assert len(refresh_requests(spotify_accounts)) == 1
    # Spotify did not rotate: the refresh token we had stays stored.
    assert stored_tokens(accounts_injector)["refresh_token"] == refresh_token


def test_a_valid_token_is_not_refreshed(
    linked: TestClient, spotify_accounts: SpotifyAccounts, clock: FakeClock
) -> None:
    clock.offset = HOUR - 120
    for _ in range(3):
        assert linked.get("/users/ana/now-playing", headers=AUTH).status_code == 200
    assert refresh_requests(spotify_accounts) == []


def test_concurrent_requests_refresh_once(
    linked: TestClient,
    spotify_accounts: SpotifyAccounts,
    clock: FakeClock,
    accounts_injector: Injector,
) -> None:
    """A rotated refresh token must not be raced: the second refresher would be refused."""
    spotify_accounts.rotate = True
    spotify_accounts.expire_access_tokens()
    clock.offset = HOUR
    now_playing = accounts_injector.get(NowPlaying)
    results: list[object] = []
    threads = [
        threading.Thread(target=lambda: results.append(now_playing.current("ana")))
        for _ in range(6)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 6 and all(results)
    assert len(refresh_requests(spotify_accounts)) == 1


def test_no_lock_is_kept_per_user_once_their_requests_are_answered(
    linked: TestClient, accounts_injector: Injector
) -> None:
    for number in range(200):  # users that were never linked: 404, each once
        assert linked.get(f"/users/u{number}/now-playing", headers=AUTH).status_code == 404
    assert linked.get("/users/ana/now-playing", headers=AUTH).status_code == 200
    assert len(accounts_injector.get(AccountLinking)._locks) == 0


def test_a_revoked_link_tells_the_client_to_link_again(
    linked: TestClient, spotify_accounts: SpotifyAccounts, clock: FakeClock
) -> None:
    spotify_accounts.revoke()
    clock.offset = HOUR

    problem = assert_problem(linked.get("/users/ana/now-playing", headers=AUTH), 409, "link again")
    assert problem["type"].endswith("/spotify-link-revoked")
    assert problem["link_again"] == "/users/ana/spotify/authorization"
    # Remembered: the next call does not ask Spotify again.
    asked = len(spotify_accounts.standin.requests)
    assert_problem(linked.post("/get", data={"uid": "ana"}, headers=AUTH), 409, "link again")
    assert len(spotify_accounts.standin.requests) == asked
    # Linking again heals it.
    link(linked, "ana")
    assert linked.get("/users/ana/now-playing", headers=AUTH).status_code == 200


def test_access_revoked_before_expiry_is_told_too(
    linked: TestClient, spotify_accounts: SpotifyAccounts
) -> None:
    """Spotify answers the access token 401, and the refresh `invalid_grant`."""
    spotify_accounts.revoke()
    assert_problem(linked.get("/users/ana/now-playing", headers=AUTH), 409, "revoked")


def test_a_failing_token_endpoint_is_a_502_not_a_revocation(
    linked: TestClient, spotify_accounts: SpotifyAccounts, clock: FakeClock
) -> None:
    clock.offset = HOUR
    spotify_accounts.standin.fail_next(Reply({"error": "server_error"}, status=503))
    problem = assert_problem(linked.get("/users/ana/now-playing", headers=AUTH), 502)
    assert problem["source"] == "spotify"
    # Not revoked: it works once Spotify is back.
    assert linked.get("/users/ana/now-playing", headers=AUTH).status_code == 200


def test_two_processes_refreshing_at_once_do_not_revoke_the_link(
    linked: TestClient,
    spotify_accounts: SpotifyAccounts,
    clock: FakeClock,
    accounts_settings: Settings,
    accounts_injector: Injector,
) -> None:
    """Two workers (own locks, one store) refresh the same rotating token at once.

    Spotify rotates for the first and refuses the second (`invalid_grant`) before the
    first has stored the new token: the second must wait for it, not call the link revoked.
    """
    from app import build_injector
    from services.accounts.tokens import Clock

    other_worker = build_injector(accounts_settings)
    other_worker.binder.bind(Clock, to=clock)
    clock.real_sleep = True
    spotify_accounts.rotate = True
    spotify_accounts.expire_access_tokens()
    spotify_accounts.standin.delay_seconds = 0.1  # both refreshes in flight together
    issue = spotify_accounts._tokens

    def slow_issue(refresh_token: str | None) -> Reply:
        # The rotated token's answer takes its time; the refusal of the old one does not.
        reply = issue(refresh_token)
        time.sleep(0.3)
        return reply

    spotify_accounts._tokens = slow_issue  # type: ignore[method-assign]
    clock.offset = HOUR
    outcomes: list[object] = []

    def ask(injector: Injector) -> None:
        try:
            outcomes.append(injector.get(NowPlaying).current("ana"))
        except Exception as error:
            outcomes.append(error)

    threads = [threading.Thread(target=ask, args=(i,)) for i in (accounts_injector, other_worker)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert all(isinstance(outcome, dict) for outcome in outcomes), outcomes
    assert len(refresh_requests(spotify_accounts)) == 2
    assert stored_tokens(accounts_injector)["refresh_token"] in spotify_accounts.refresh_tokens


def test_a_refresh_under_way_in_one_process_never_brings_back_an_unlink_in_another(
    linked: TestClient,
    spotify_accounts: SpotifyAccounts,
    clock: FakeClock,
    accounts_settings: Settings,
    accounts_injector: Injector,
) -> None:
    """A worker refreshes the token (Spotify takes its time); meanwhile another process
    handles `DELETE /users/ana/spotify`. The refresh wrote its tokens back after the
    delete, unconditionally: the account came back."""
    from app import build_injector
    from services.accounts.tokens import Clock
    from services.errors import AccountNotLinked

    other_process = build_injector(accounts_settings)
    other_process.binder.bind(Clock, to=clock)
    spotify_accounts.expire_access_tokens()
    clock.offset = HOUR
    issue = spotify_accounts._tokens
    refreshing = threading.Event()

    def slow_issue(refresh_token: str | None) -> Reply:
        refreshing.set()
        time.sleep(0.5)  # the unlink lands while this answer is on its way
        return issue(refresh_token)

    spotify_accounts._tokens = slow_issue  # type: ignore[method-assign]
    outcome: list[object] = []

    def play() -> None:
        try:
            outcome.append(accounts_injector.get(NowPlaying).current("ana"))
        except Exception as error:
            outcome.append(error)

    worker = threading.Thread(target=play)
    worker.start()
    assert refreshing.wait(10)
    other_process.get(AccountLinking).unlink("ana")
    worker.join()

    [error] = outcome
    assert isinstance(error, AccountNotLinked), outcome
    assert accounts_injector.get(TokenStore).get_account("ana") is None  # type: ignore[type-abstract]
    assert linked.get("/users/ana/now-playing", headers=AUTH).status_code == 404
