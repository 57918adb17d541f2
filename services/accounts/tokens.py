"""Stored account links and pending authorizations, and the `TokenStore` that keeps them.

Stores only ever see sealed (Fernet-encrypted) secrets; `TokenCipher` seals and opens them.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from injector import inject, singleton

from services.errors import AccountsNotConfigured
from services.settings import Settings

log = logging.getLogger(__name__)

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
        """Create or replace the user's link (a new link replaces whatever was there)."""

    def replace_account(self, account: LinkedAccount, current: LinkedAccount) -> bool:
        """Store `account` only while the user's stored link is still `current` (the same
        sealed tokens, which every sealing makes unique); False when it was unlinked or
        changed meanwhile, by this process or another. A refresh writes its tokens back
        this way, so it never brings back a link that was deleted while it ran."""

    def get_account(self, user: str) -> LinkedAccount | None:
        """The user's link, revoked or not; None when there is none."""

    def delete_account(self, user: str) -> bool:
        """Remove the user's link; False when there was none."""

    def close(self) -> None:
        """Release connections."""


@singleton
class TokenCipher:
    """Seals secrets with `TOKEN_ENCRYPTION_KEY` (Fernet: AES-128-CBC + HMAC-SHA256).

    The setting is a comma-separated list of keys: the first seals, every one opens
    (`MultiFernet`), so a key is rotated by putting a new one first and keeping the old
    ones while tokens sealed with them remain; `reseal` seals one again with the first.
    What is wrong with a key, or that stored tokens open with none of them, is told to
    the operator's log only: a client is told that accounts are unavailable.
    """

    @inject
    def __init__(self, settings: Settings) -> None:
        secret = settings.token_encryption_key
        value = secret.get_secret_value() if secret else ""
        self._keys = [key.strip() for key in value.split(",") if key.strip()]
        self._fernets: list[Fernet] | None = None

    def _cipher(self) -> list[Fernet]:
        if self._fernets is None:
            if not self._keys:
                raise _unavailable("it is unset; stored Spotify tokens must be encrypted")
            fernets = []
            for position, key in enumerate(self._keys, start=1):
                try:
                    fernets.append(Fernet(key))
                except ValueError:
                    raise _unavailable(
                        f"its key {position} of {len(self._keys)} is not a Fernet key"
                        " (32 url-safe base64 bytes)"
                    ) from None
            self._fernets = fernets
        return self._fernets

    def seal(self, values: dict[str, Any]) -> str:
        return self._cipher()[0].encrypt(json.dumps(values).encode()).decode()

    def open(self, sealed: str) -> dict[str, Any]:
        try:
            opened: dict[str, Any] = json.loads(MultiFernet(self._cipher()).decrypt(sealed))
        except InvalidToken:
            raise _unavailable(
                "stored tokens open with none of its keys (was a key removed while tokens"
                " sealed with it remained?)"
            ) from None
        return opened

    def reseal(self, sealed: str) -> str | None:
        """`sealed`, sealed again with the first key; None when it is sealed with it."""
        fernets = self._cipher()
        try:
            fernets[0].decrypt(sealed)
            return None
        except InvalidToken:
            pass
        try:
            return MultiFernet(fernets).rotate(sealed).decode()
        except InvalidToken:
            raise _unavailable("stored tokens open with none of its keys") from None

    def check(self) -> None:
        """Raise `AccountsNotConfigured` now rather than after a user authorized us."""
        self._cipher()


KEY_TROUBLE = "Spotify accounts are unavailable until it is set right"
"""All a client is told of a key: nothing about which, or why."""


def _unavailable(why: str) -> AccountsNotConfigured:
    log.error("TOKEN_ENCRYPTION_KEY: %s", why, extra={"setting": "TOKEN_ENCRYPTION_KEY"})
    return AccountsNotConfigured("TOKEN_ENCRYPTION_KEY", KEY_TROUBLE)
