"""spotipy's PKCE manager over our token store: what of its flow accounts use, and why
not the rest (docs/design.md, "One client per provider")."""

from __future__ import annotations

import builtins

import pytest
from injector import Injector

from services.accounts.spotify import SpotifyAccounts, StoredTokens
from services.accounts.tokens import Clock, TokenCipher, TokenStore
from tests.accounts.conftest import FakeClock

pytestmark = pytest.mark.unit


def stored_tokens(injector: Injector, user: str) -> StoredTokens:
    return StoredTokens(
        user,
        injector.get(TokenStore),  # type: ignore[type-abstract]
        injector.get(TokenCipher),
        injector.get(Clock),
    )


def test_what_spotipy_grants_is_stored_sealed_and_read_back(
    accounts_injector: Injector, clock: FakeClock
) -> None:
    tokens = stored_tokens(accounts_injector, "ana")
    assert tokens.get_cached_token() is None
    tokens.save_token_to_cache(
        {"access_token": "access-1", "refresh_token": "refresh-1", "expires_in": 3600}
    )
    stored = accounts_injector.get(TokenStore).get_account("ana")  # type: ignore[type-abstract]
    assert stored is not None and "access-1" not in stored.sealed_tokens
    assert stored.expires_at == pytest.approx(clock.now() + 3600, abs=1)  # by our clock
    cached = stored_tokens(accounts_injector, "ana").get_cached_token()
    assert cached is not None
    assert (cached["access_token"], cached["refresh_token"]) == ("access-1", "refresh-1")


def test_spotipys_own_token_path_would_ask_a_person_so_accounts_lend_tokens_themselves(
    accounts_injector: Injector, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`get_access_token` with nothing cached (a user not linked, or unlinked meanwhile)
    asks for the redirect URL at a terminal: a server must never reach it. Accounts
    refresh with `refresh_access_token` under their per-user lock instead, judge expiry
    by their clock, and call the Web API with `Spotify(auth=token)`."""
    asked: list[str] = []

    def terminal(prompt: str = "") -> str:
        asked.append(prompt)
        raise EOFError("no one at the terminal")

    monkeypatch.setattr(builtins, "input", terminal)
    manager = accounts_injector.get(SpotifyAccounts).authorization(
        stored_tokens(accounts_injector, "nobody")
    )
    with pytest.raises(EOFError):
        manager.get_access_token()
    assert asked and "redirected" in asked[0]
