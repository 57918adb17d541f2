"""Linking a user's Spotify account (authorization code + PKCE, spotipy's `SpotifyPKCE`)
and keeping its token fresh: one refresh per user at a time, a token another process
rotated meanwhile recognised as such, a revoked link marked so."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from dataclasses import replace
from typing import TypeVar

from injector import inject, singleton

from services.accounts.spotify import SpotifyAccounts, StoredTokens
from services.accounts.tokens import (
    Clock,
    LinkedAccount,
    PendingAuthorization,
    TokenCipher,
    TokenStore,
    state_hash,
)
from services.errors import (
    AccountNotLinked,
    AccountRevoked,
    AuthorizationFailed,
    AuthorizationStateInvalid,
    ProviderUnavailable,
)
from services.keyed_locks import KeyedLocks
from services.providers.spotify import GrantRefused, TokenRefused

log = logging.getLogger(__name__)
T = TypeVar("T")

STATE_LIFETIME_SECONDS = 600
# Refresh a little early, so a token does not expire between our check and Spotify's.
EXPIRY_MARGIN_SECONDS = 60
# How long a worker refused `invalid_grant` watches the store for the token another
# worker rotated before it believes the link revoked: several times a token answer's wait.
ROTATION_GRACE_SECONDS = 3.0


@singleton
class AccountLinking:
    """Starts and completes a link, unlinks, and lends a valid access token to callers."""

    @inject
    def __init__(
        self,
        store: TokenStore,
        cipher: TokenCipher,
        accounts: SpotifyAccounts,
        clock: Clock,
    ) -> None:
        self._store = store
        self._cipher = cipher
        self._accounts = accounts
        self._clock = clock
        # One refresh per user at a time in this process; a rotated token is never raced.
        self._locks = KeyedLocks()

    def start(self, user: str) -> str:
        """The URL to send the user to; its `state` is good once, for 10 minutes."""
        self._cipher.check()
        self._accounts.check()
        state = secrets.token_urlsafe(32)
        authorization = self._accounts.authorization(self._tokens(user))
        authorization.get_pkce_handshake_parameters()  # a new verifier and its challenge
        now = self._clock.now()
        pending = PendingAuthorization(
            state_hash=state_hash(state),
            user=user,
            sealed_verifier=self._cipher.seal(
                {
                    "code_verifier": authorization.code_verifier,
                    "code_challenge": authorization.code_challenge,
                }
            ),
            expires_at=now + STATE_LIFETIME_SECONDS,
        )
        self._store.save_pending(pending, now)
        url: str = authorization.get_authorize_url(state)
        return url

    def complete(self, state: str | None, code: str | None, error: str | None) -> str:
        """Spotify's redirect: check the state, exchange the code, store the tokens; the user."""
        if not state:
            raise AuthorizationStateInvalid("the callback has no state")
        # Taken before anything else, so a state never works twice, even a declined one.
        pending = self._store.take_pending(state_hash(state))
        if pending is None:
            raise AuthorizationStateInvalid("the state is unknown or was already used")
        if pending.expires_at < self._clock.now():
            raise AuthorizationStateInvalid("the state has expired; start the authorization again")
        if error:
            raise AuthorizationFailed(error, "Spotify did not authorize the link")
        if not code:
            raise AuthorizationStateInvalid("the callback has neither code nor error")
        authorization = self._accounts.authorization(self._tokens(pending.user))
        # The handshake of `start`. Without both spotipy makes a new one, which Spotify
        # refuses (`invalid_grant`, a 400): so for a state an older version handed out.
        handshake = self._cipher.open(pending.sealed_verifier)
        authorization.code_verifier = handshake["code_verifier"]
        authorization.code_challenge = handshake.get("code_challenge")
        try:
            # Stored through `StoredTokens`; refused without a refresh token.
            self._accounts.grant(lambda: authorization.get_access_token(code, check_cache=False))
        except GrantRefused as refused:
            raise AuthorizationFailed("invalid_grant", refused.description) from None
        log.info("spotify account linked", extra={"user": pending.user})
        return pending.user

    def unlink(self, user: str) -> None:
        # Under the user's lock, so that a refresh under way cannot store it back.
        with self._locks.hold(user):
            deleted = self._store.delete_account(user)
        if not deleted:
            raise AccountNotLinked(user)

    def call(self, user: str, action: Callable[[str], T]) -> T:
        """`action(access_token)`, refreshing the token when it expired (once, on a 401 too)."""
        with self._locks.hold(user):
            account = self._resealed(self._account(user))
            if account.expires_at - EXPIRY_MARGIN_SECONDS <= self._clock.now():
                account = self._refresh(account)
            token = self._cipher.open(account.sealed_tokens)["access_token"]
        try:
            return action(token)
        except TokenRefused:
            with self._locks.hold(user):
                current = self._account(user)
                if self._cipher.open(current.sealed_tokens)["access_token"] == token:
                    current = self._refresh(current)
                token = self._cipher.open(current.sealed_tokens)["access_token"]
            try:
                return action(token)
            except TokenRefused:
                raise ProviderUnavailable("spotify", "refused a freshly refreshed token") from None

    def _resealed(self, account: LinkedAccount) -> LinkedAccount:
        """The account, its tokens sealed with the first of `TOKEN_ENCRYPTION_KEY`'s keys:
        tokens sealed with an older key are sealed again as they are used."""
        sealed = self._cipher.reseal(account.sealed_tokens)
        if sealed is None:
            return account
        resealed = replace(account, sealed_tokens=sealed, updated_at=self._clock.now())
        if self._store.replace_account(resealed, account):
            log.info("spotify tokens sealed with the first key", extra={"user": account.user})
            return resealed
        return self._account(account.user)  # changed or unlinked meanwhile: as it is now

    def _account(self, user: str) -> LinkedAccount:
        account = self._store.get_account(user)
        if account is None:
            raise AccountNotLinked(user)
        if account.status == "revoked":
            raise AccountRevoked(user)
        return account

    def _refresh(self, account: LinkedAccount) -> LinkedAccount:
        refresh_token = self._cipher.open(account.sealed_tokens)["refresh_token"]
        # Stored only while the link is still the one read (`TokenStore.replace_account`).
        tokens = self._tokens(account.user, current=account)
        authorization = self._accounts.authorization(tokens)
        try:
            # spotipy keeps the refresh token when Spotify rotates none.
            self._accounts.grant(lambda: authorization.refresh_access_token(refresh_token))
        except GrantRefused:
            # Another process may have rotated the token meanwhile: then ours is merely stale.
            latest = self._stored_after(account)
            if latest is None:
                raise AccountNotLinked(account.user) from None
            if latest.sealed_tokens != account.sealed_tokens:
                return self._refresh_with(latest)
            revoked = replace(latest, status="revoked", expires_at=0, updated_at=self._clock.now())
            if not self._store.replace_account(revoked, latest):
                return self._refresh_with(self._account(account.user))
            log.info("spotify link revoked", extra={"user": account.user})
            raise AccountRevoked(account.user) from None
        if tokens.saved is None:
            # Unlinked meanwhile (another process handled a DELETE): it stays unlinked, and
            # the grant is dropped. Or another process refreshed it: go on with theirs.
            return self._refresh_with(self._account(account.user))
        return tokens.saved

    def _stored_after(self, account: LinkedAccount) -> LinkedAccount | None:
        """The stored account once it differs from `account`, or as it is after a grace.

        Spotify refuses a rotated-away refresh token at once, while the worker that
        rotated it may still be storing the new one: a refusal alone is no revocation.
        """
        deadline = self._clock.now() + ROTATION_GRACE_SECONDS
        pause = 0.05
        while True:
            latest = self._store.get_account(account.user)
            stale = latest is not None and latest.sealed_tokens == account.sealed_tokens
            if not stale or self._clock.now() >= deadline:
                return latest
            self._clock.sleep(pause)
            pause = min(2 * pause, 0.5)

    def _refresh_with(self, latest: LinkedAccount) -> LinkedAccount:
        if latest.status == "revoked":
            raise AccountRevoked(latest.user)
        if latest.expires_at - EXPIRY_MARGIN_SECONDS > self._clock.now():
            return latest
        return self._refresh(latest)

    def _tokens(self, user: str, current: LinkedAccount | None = None) -> StoredTokens:
        return StoredTokens(user, self._store, self._cipher, self._clock, current)
