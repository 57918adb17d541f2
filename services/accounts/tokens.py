"""Stored account links and pending authorizations, and the `TokenStore` that keeps them.

Stores only ever see sealed (Fernet-encrypted) secrets; `TokenCipher` seals and opens them.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from cryptography.fernet import Fernet, InvalidToken
from injector import inject, singleton

from services.errors import AccountsNotConfigured
from services.settings import Settings

LinkStatus = Literal["linked", "revoked"]


@singleton
class Clock:
    """Seconds since the epoch; tests bind a clock they can move."""

    def now(self) -> float:
        return time.time()

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


@dataclass(frozen=True, slots=True)
class PendingAuthorization:
    """A `state` handed out for one user's authorization, until its callback or expiry."""

    state_hash: str
    user: str
    sealed_verifier: str
    expires_at: float


@dataclass(frozen=True, slots=True)
class LinkedAccount:
    """One user's Spotify link: sealed tokens and when the access token expires."""

    user: str
    status: LinkStatus
    sealed_tokens: str
    expires_at: float
    updated_at: float


def state_hash(state: str) -> str:
    """What is stored for a `state`: a leaked store cannot be replayed at the callback."""
    return hashlib.sha256(state.encode()).hexdigest()


class TokenStore(Protocol):
    """Keeps account links and pending authorizations where the index keeps its data."""

    def save_pending(self, pending: PendingAuthorization, now: float) -> None:
        """Store a new pending authorization (and forget the ones expired before `now`)."""

    def take_pending(self, state_hash: str) -> PendingAuthorization | None:
        """Remove and return it atomically: of concurrent takers, one gets it."""

    def save_account(self, account: LinkedAccount) -> None:
        """Create or replace the user's link."""

    def get_account(self, user: str) -> LinkedAccount | None:
        """The user's link, revoked or not; None when there is none."""

    def delete_account(self, user: str) -> bool:
        """Remove the user's link; False when there was none."""

    def close(self) -> None:
        """Release connections."""


@singleton
class TokenCipher:
    """Seals secrets with `TOKEN_ENCRYPTION_KEY` (Fernet: AES-128-CBC + HMAC-SHA256)."""

    @inject
    def __init__(self, settings: Settings) -> None:
        secret = settings.token_encryption_key
        self._key = secret.get_secret_value().strip() if secret else ""
        self._fernet: Fernet | None = None

    def _cipher(self) -> Fernet:
        if self._fernet is None:
            if not self._key:
                raise AccountsNotConfigured(
                    "TOKEN_ENCRYPTION_KEY", "it is unset; stored Spotify tokens must be encrypted"
                )
            try:
                self._fernet = Fernet(self._key)
            except ValueError:
                raise AccountsNotConfigured(
                    "TOKEN_ENCRYPTION_KEY", "it is not a Fernet key (32 url-safe base64 bytes)"
                ) from None
        return self._fernet

    def seal(self, values: dict[str, Any]) -> str:
        return self._cipher().encrypt(json.dumps(values).encode()).decode()

    def open(self, sealed: str) -> dict[str, Any]:
        try:
            opened: dict[str, Any] = json.loads(self._cipher().decrypt(sealed.encode()))
        except InvalidToken:
            raise AccountsNotConfigured(
                "TOKEN_ENCRYPTION_KEY", "stored tokens do not open with it (was the key changed?)"
            ) from None
        return opened

    def check(self) -> None:
        """Raise `AccountsNotConfigured` now rather than after a user authorized us."""
        self._cipher()
