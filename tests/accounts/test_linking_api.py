"""Linking a Spotify account over HTTP: authorize URL, Spotify's redirect, state checks."""

from __future__ import annotations

import base64
import hashlib
import sqlite3
from dataclasses import replace
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from injector import Injector
from starlette.testclient import TestClient

from app import build_injector, create_app
from services.accounts.tokens import TokenCipher, TokenStore, state_hash
from services.settings import Settings
from standins.spotify_accounts import CLIENT_ID, SpotifyAccounts
from tests.accounts.conftest import (
    REDIRECT_URI,
    FakeClock,
    authorize,
    follow_to_callback,
    link,
)
from tests.api.test_recommendations_api import assert_problem
from tests.conftest import AUTH, make_settings

pytestmark = pytest.mark.unit


def test_authorize_url_asks_for_the_code_flow_with_pkce(
    app_client: TestClient, spotify_accounts: SpotifyAccounts
) -> None:
    url = urlsplit(authorize(app_client))
    assert f"{url.scheme}://{url.netloc}{url.path}" == f"{spotify_accounts.url}/authorize"
    query = {name: values[0] for name, values in parse_qs(url.query).items()}
    assert query["client_id"] == CLIENT_ID
    assert query["response_type"] == "code"
    assert query["redirect_uri"] == REDIRECT_URI
    assert query["scope"] == "user-read-currently-playing user-read-playback-state"
    assert query["code_challenge_method"] == "S256"
    # A base64url SHA-256 without padding; the stand-in checks it against the verifier.
    assert len(query["code_challenge"]) == 43
    assert len(query["state"]) >= 32
    again = parse_qs(urlsplit(authorize(app_client)).query)
    assert again["state"][0] != query["state"]
    assert again["code_challenge"][0] != query["code_challenge"]


def test_the_whole_flow_links_the_account(
    app_client: TestClient, spotify_accounts: SpotifyAccounts
) -> None:
    link(app_client, "ana")
    token_requests = spotify_accounts.standin.requests_to("/api/token")
    form = token_requests[0].form()
    assert form["grant_type"] == "authorization_code"
    verifier = form["code_verifier"]
    assert 43 <= len(verifier) <= 128
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
    assert challenge.decode().rstrip("=") in spotify_accounts.standin.requests[0].query.values()


def test_a_replayed_state_is_refused(app_client: TestClient) -> None:
    callback = follow_to_callback(authorize(app_client))
    assert app_client.get(callback).status_code == 200
    problem = assert_problem(app_client.get(callback), 400, "already used")
    assert problem["type"].endswith("/authorization-state-invalid")


def test_a_wrong_state_is_refused(app_client: TestClient) -> None:
    callback = follow_to_callback(authorize(app_client))
    wrong = callback.replace("state=", "state=x")
    assert_problem(app_client.get(wrong), 400, "unknown")
    assert_problem(app_client.get("/spotify/callback?code=abc"), 400, "state")


def test_an_expired_state_is_refused(app_client: TestClient, clock: FakeClock) -> None:
    callback = follow_to_callback(authorize(app_client))
    clock.offset = 601
    assert_problem(app_client.get(callback), 400, "expired")


def test_a_state_is_good_for_ten_minutes(app_client: TestClient, clock: FakeClock) -> None:
    callback = follow_to_callback(authorize(app_client))
    clock.offset = 590
    assert app_client.get(callback).status_code == 200


def test_a_declined_authorization_is_a_clear_problem(
    app_client: TestClient, spotify_accounts: SpotifyAccounts
) -> None:
    spotify_accounts.deny = True
    callback = follow_to_callback(authorize(app_client))
    assert "error=access_denied" in callback
    problem = assert_problem(app_client.get(callback), 403, "declined")
    assert problem["type"].endswith("/spotify-access-denied")
    assert app_client.get("/users/ana/now-playing", headers=AUTH).status_code == 404


def test_a_code_spotify_refuses_is_a_400(app_client: TestClient) -> None:
    callback = follow_to_callback(authorize(app_client))
    forged = callback.replace("code=", "code=forged")
    problem = assert_problem(app_client.get(forged), 400, "Invalid authorization code")
    assert problem["type"].endswith("/spotify-authorization-failed")


def test_authorization_needs_the_api_key(app_client: TestClient) -> None:
    assert_problem(app_client.post("/users/ana/spotify/authorization"), 401)


def test_tokens_are_stored_encrypted(
    app_client: TestClient, spotify_accounts: SpotifyAccounts, accounts_settings: Settings
) -> None:
    link(app_client)
    (access_token,) = spotify_accounts.access_tokens
    (refresh_token,) = spotify_accounts.refresh_tokens
    with sqlite3.connect(accounts_settings.embedded_db_path) as db:
        rows = db.execute("SELECT * FROM spotify_accounts").fetchall()
        pending = db.execute("SELECT * FROM spotify_pending").fetchall()
    assert len(rows) == 1
    stored = repr(rows)
    assert access_token not in stored and refresh_token not in stored
    assert pending == []


def test_unlink_then_unlinked(app_client: TestClient) -> None:
    link(app_client)
    assert app_client.delete("/users/ana/spotify", headers=AUTH).status_code == 204
    problem = assert_problem(app_client.delete("/users/ana/spotify", headers=AUTH), 404)
    assert problem["type"].endswith("/spotify-not-linked")
    assert_problem(app_client.get("/users/ana/now-playing", headers=AUTH), 404, "not linked")


def test_a_missing_encryption_key_tells_the_operator(
    tmp_path: Path, spotify_accounts: SpotifyAccounts, clock: FakeClock
) -> None:
    settings = make_settings(
        tmp_path,
        spotify_client_id=CLIENT_ID,
        spotify_redirect_uri=REDIRECT_URI,
        spotify_accounts_url=spotify_accounts.url,
        token_encryption_key=None,
    )
    with TestClient(create_app(build_injector(settings))) as client:
        response = client.post("/users/ana/spotify/authorization", headers=AUTH)
    problem = assert_problem(response, 503, "TOKEN_ENCRYPTION_KEY")
    assert problem["setting"] == "TOKEN_ENCRYPTION_KEY"


def test_a_missing_client_id_tells_the_operator(
    accounts_settings: Settings, clock: FakeClock
) -> None:
    settings = accounts_settings.model_copy(update={"spotify_client_id": None})
    injector = build_injector(settings)
    with TestClient(create_app(injector)) as client:
        response = client.post("/users/ana/spotify/authorization", headers=AUTH)
    assert_problem(response, 503, "SPOTIFY_CLIENT_ID")


def test_a_state_handed_out_before_spotipy_is_a_clear_400(
    app_client: TestClient, accounts_injector: Injector
) -> None:
    """A pending authorization sealed with the verifier alone (as before this version)
    is answered as a refused authorization, never a 500."""
    callback = follow_to_callback(authorize(app_client))
    state = parse_qs(urlsplit(callback).query)["state"][0]
    store = accounts_injector.get(TokenStore)  # type: ignore[type-abstract]
    cipher = accounts_injector.get(TokenCipher)
    pending = store.take_pending(state_hash(state))
    assert pending is not None
    verifier = cipher.open(pending.sealed_verifier)["code_verifier"]
    store.save_pending(
        replace(pending, sealed_verifier=cipher.seal({"code_verifier": verifier})), 0
    )
    problem = assert_problem(app_client.get(callback), 400, "code_verifier")
    assert problem["type"].endswith("/spotify-authorization-failed")
