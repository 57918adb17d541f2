"""Who may read a user's now playing without the operator's key: everyone, when the user
made it public; the devices the user gave a token to.

A device token is `<device_id>.<secret>`: the id finds the one device to compare with
(a point read in either store, never a search), and the secret is stored only as its
SHA-256 (a high-entropy secret needs no slow hash), compared in constant time. The
token is shown once, when the device is added, and works until the device is removed.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from typing import Protocol

from injector import inject, singleton

from services.accounts.tokens import Clock
from services.errors import NotFound

TOKEN_SEPARATOR = "."
DEVICE_ID = re.compile(r"[0-9a-f]{16}")  # `secrets.token_hex(8)`, as the spec's pattern says
# A hash to compare with when the device is unknown, so that a wrong id costs what a
# wrong secret does.
_NO_DEVICE = hashlib.sha256(b"no such device").hexdigest()


@dataclass(frozen=True, slots=True)
class Device:
    """A device a user lets read their now playing: the hash of its secret, never the secret."""

    device_id: str
    user: str
    name: str
    secret_hash: str
    created_at: float


class SharingStore(Protocol):
    """Keeps users' sharing choices and devices where the index keeps its data."""

    def is_public(self, user: str) -> bool:
        """Whether the user made their now playing public (False for users never seen)."""

    def set_public(self, user: str, public: bool, now: float) -> None:
        """Record the user's choice."""

    def save_device(self, device: Device) -> None:
        """Store a new device."""

    def get_device(self, device_id: str) -> Device | None:
        """The device with this id, whoever's it is; None when there is none."""

    def list_devices(self, user: str) -> list[Device]:
        """The user's devices, oldest first."""

    def delete_device(self, user: str, device_id: str) -> bool:
        """Remove the user's device; False when the user has no such device."""

    def close(self) -> None:
        """Release connections."""


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@singleton
class NowPlayingSharing:
    """The sharing choice and the devices of each user, and checking a device's token."""

    @inject
    def __init__(self, store: SharingStore, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    def is_public(self, user: str) -> bool:
        return self._store.is_public(user)

    def share(self, user: str, public: bool) -> bool:
        self._store.set_public(user, public, self._clock.now())
        return public

    def add_device(self, user: str, name: str = "") -> tuple[Device, str]:
        """A new device of `user`, and its token: the only time the token is known."""
        device_id = secrets.token_hex(8)
        secret = secrets.token_urlsafe(32)
        device = Device(device_id, user, name, secret_hash(secret), self._clock.now())
        self._store.save_device(device)
        return device, f"{device_id}{TOKEN_SEPARATOR}{secret}"

    def devices(self, user: str) -> list[Device]:
        return self._store.list_devices(user)

    def remove_device(self, user: str, device_id: str) -> None:
        """Revoke the device's token; `NotFound` when the user has no such device."""
        if not self._store.delete_device(user, device_id):
            raise NotFound(f"{user} has no device {device_id}")

    def admits(self, user: str, token: str) -> bool:
        """Whether `token` is a token of one of `user`'s devices."""
        device_id, _, secret = token.partition(TOKEN_SEPARATOR)
        # Only what could be an id is looked up: a store may refuse others (a long id).
        well_formed = DEVICE_ID.fullmatch(device_id) and secret
        device = self._store.get_device(device_id) if well_formed else None
        stored = device.secret_hash if device is not None else _NO_DEVICE
        matches = hmac.compare_digest(stored, secret_hash(secret))
        return matches and device is not None and device.user == user
