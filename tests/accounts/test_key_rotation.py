"""`TOKEN_ENCRYPTION_KEY` rotates: a list of keys, the first seals, all open, and tokens
sealed with an older key are sealed again as they are used."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet, InvalidToken
from injector import Injector
from pydantic import SecretStr
from starlette.testclient import TestClient

from services.accounts.tokens import TokenStore
from services.settings import Settings
from standins.spotify_player import SpotifyPlayer, playing, track
from tests.accounts.conftest import FakeClock, link
from tests.accounts.test_security import restarted
from tests.conftest import AUTH

pytestmark = pytest.mark.unit


def test_a_new_key_first_opens_old_tokens_and_seals_them_again_on_use(
    app_client: TestClient,
    player: SpotifyPlayer,
    accounts_settings: Settings,
    accounts_injector: Injector,
    clock: FakeClock,
) -> None:
    link(app_client, "ana")
    player.current = playing(track("Кукушка", ["Кино"]))
    old = accounts_settings.token_encryption_key.get_secret_value()  # type: ignore[union-attr]
    new = Fernet.generate_key().decode()
    store = accounts_injector.get(TokenStore)  # type: ignore[type-abstract]

    def stored() -> bytes:
        account = store.get_account("ana")
        assert account is not None
        return account.sealed_tokens.encode()

    Fernet(old).decrypt(stored())
    # Rotation: the new key first, the old one kept (spaces around commas are fine).
    both = SecretStr(f"{new} , {old}")
    with restarted(accounts_settings, clock, token_encryption_key=both) as client:
        assert client.get("/users/ana/now-playing", headers=AUTH).status_code == 200
    Fernet(new).decrypt(stored())  # sealed again with the first key, on that use
    with pytest.raises(InvalidToken):
        Fernet(old).decrypt(stored())
    # Once every token was used, the old key can go.
    with restarted(accounts_settings, clock, token_encryption_key=SecretStr(new)) as client:
        response = client.get("/users/ana/now-playing", headers=AUTH)
        assert response.status_code == 200, response.text
        assert response.json()["ascii_artist"] == "Kino"
