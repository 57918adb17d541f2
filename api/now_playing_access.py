"""Who may read a user's now playing: the operator's key, a device of the user, or anyone
when the user made it public.

The spec lets these operations through with `X-API-Key`, a bearer token, or nothing
(`security: [{apiKey: []}, {deviceToken: []}, {}]`); what each request may read is
decided here, where the user is known. A credential that does not hold is refused,
never taken for none. Without a credential that holds, a private user and a user that
does not exist get the same 401, after the same one read of the store: nothing tells
them apart.
"""

from __future__ import annotations

import enum
from typing import Any

import anyio.to_thread
from connexion import request
from connexion.exceptions import OAuthProblem
from injector import inject, singleton

from api.anonymous import ClientRateLimit, client_address, refuse_a_wrong_key
from services.accounts.sharing import NowPlayingSharing
from services.settings import Settings

NOT_SHARED = (
    "This now playing is not public: send X-API-Key, or a device token of this user"
    " (Authorization: Bearer, or the form field token)."
)
WRONG_TOKEN = "The device token is not valid for this user (wrong, or its device was removed)."
DEVICE_TOKEN = "device_token"


def presented_device_token(token: str) -> dict[str, Any]:
    """The spec's `x-bearerInfoFunc`: a bearer token is taken as offered, and checked by
    `NowPlayingAccess` against the user of the request (which Connexion does not know)."""
    return {DEVICE_TOKEN: token}


class Reader(enum.Enum):
    """Who reads: the user's own (the operator's key, a device of theirs), or anyone."""

    OWNER = "owner"
    PUBLIC = "public"


@singleton
class NowPlayingAccess:
    """Decides, per request, whether and as whom a user's now playing may be read."""

    @inject
    def __init__(self, sharing: NowPlayingSharing, settings: Settings) -> None:
        self._sharing = sharing
        self._callers = ClientRateLimit(settings.now_playing_public_rate_limit, "now-playing reads")
        self._max_age = settings.now_playing_public_max_age_seconds

    async def reader(
        self, uid: str, user: str | None, token_info: Any, form_token: str | None = None
    ) -> Reader:
        """Who reads `uid`'s now playing; 401 when nobody may, 429 past the rate limit.

        `user` is the API key's subject (None without a key); `token_info`, Connexion's,
        holds a bearer token; `form_token` is the form field `token` of `POST /get`.
        """
        if user is not None:
            return Reader.OWNER
        refuse_a_wrong_key()
        bearer = token_info.get(DEVICE_TOKEN) if isinstance(token_info, dict) else None
        if bearer is None and "authorization" in request.headers:
            raise OAuthProblem(detail=WRONG_TOKEN)  # not a bearer token, or an empty one
        self._callers.admit(client_address())
        token = bearer or form_token
        # The store is read off the event loop.
        if token is not None:
            if await anyio.to_thread.run_sync(self._sharing.admits, uid, token):
                return Reader.OWNER
            raise OAuthProblem(detail=WRONG_TOKEN)
        if await anyio.to_thread.run_sync(self._sharing.is_public, uid):
            return Reader.PUBLIC
        raise OAuthProblem(detail=NOT_SHARED)

    def cache_control(self, reader: Reader) -> str:
        """Anyone's answer may be kept a few seconds, by anyone; a private one by nobody."""
        if reader is Reader.PUBLIC:
            return f"public, max-age={self._max_age}"
        return "no-store"
