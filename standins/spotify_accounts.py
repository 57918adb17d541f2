"""Spotify's accounts service: `/authorize` (redirects back) and `/api/token`, as documented.

Grants: `authorization_code` with a PKCE `code_verifier` checked against the
`code_challenge` (S256), `refresh_token` (rotating the refresh token when
`rotate` is set; `invalid_grant` for revoked or rotated-away ones) and
`client_credentials`. Access tokens it issued are in `access_tokens`, which the
Web API stand-in checks.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import secrets
from dataclasses import dataclass
from urllib.parse import urlencode

from standins.server import Reply, Request, StandIn

CLIENT_ID = "standin-client-id"
CLIENT_SECRET = "standin-client-secret"


@dataclass
class IssuedCode:
    redirect_uri: str
    code_challenge: str
    used: bool = False


def _s256(verifier: str) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).decode().rstrip("=")


def _invalid_grant(description: str) -> Reply:
    return Reply({"error": "invalid_grant", "error_description": description}, status=400)


class SpotifyAccounts:
    """The stand-in and its state; `deny` makes `/authorize` answer `error=access_denied`."""

    def __init__(self) -> None:
        self.standin = StandIn("spotify-accounts")
        self.access_tokens: set[str] = set()
        self.refresh_tokens: set[str] = set()
        self.app_tokens: set[str] = set()
        self.codes: dict[str, IssuedCode] = {}
        self.rotate = False
        self.deny = False
        self._numbers = itertools.count(1)
        self._issued: list[str] = []
        self.standin.route("GET", "/authorize")(self._authorize)
        self.standin.route("POST", "/api/token")(self._token)

    @property
    def url(self) -> str:
        return self.standin.url

    @property
    def issued(self) -> set[str]:
        """Every token it ever issued (access, refresh, app), revoked or not."""
        return set(self._issued)

    def expire_access_tokens(self) -> None:
        """Every issued access token now answers 401 at the Web API."""
        self.access_tokens.clear()

    def revoke(self) -> None:
        """The user removed the app's access: refresh tokens give `invalid_grant`."""
        self.refresh_tokens.clear()
        self.access_tokens.clear()

    def _new(self, prefix: str) -> str:
        # Long and random like Spotify's, so that a test finding one in a log means it.
        value = f"{prefix}-{next(self._numbers)}-{secrets.token_urlsafe(24)}"
        if prefix != "code":
            self._issued.append(value)
        return value

    def _authorize(self, request: Request) -> Reply:
        query = request.query
        redirect_uri = query["redirect_uri"]
        if query.get("client_id") != CLIENT_ID or query.get("code_challenge_method") != "S256":
            return Reply({"error": "invalid_request"}, status=400)
        if self.deny:
            answer = {"error": "access_denied", "state": query["state"]}
        else:
            code = self._new("code")
            self.codes[code] = IssuedCode(redirect_uri, query["code_challenge"])
            answer = {"code": code, "state": query["state"]}
        location = f"{redirect_uri}?{urlencode(answer)}"
        return Reply(status=302, headers={"Location": location}, raw=b"")

    def _client_ok(self, request: Request, form: dict[str, str]) -> bool:
        basic = base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
        return request.headers.get("authorization") == f"Basic {basic}" or (
            form.get("client_id") == CLIENT_ID and form["grant_type"] != "client_credentials"
        )

    def _token(self, request: Request) -> Reply:
        form = request.form()
        if not self._client_ok(request, form):
            return Reply({"error": "invalid_client"}, status=401)
        grant = form.get("grant_type")
        if grant == "authorization_code":
            issued = self.codes.get(form.get("code", ""))
            if issued is None or issued.used or issued.redirect_uri != form.get("redirect_uri"):
                return _invalid_grant("Invalid authorization code")
            if _s256(form.get("code_verifier", "")) != issued.code_challenge:
                return _invalid_grant("code_verifier was incorrect")
            issued.used = True
            refresh_token = self._new("refresh")
            self.refresh_tokens.add(refresh_token)
            return self._tokens(refresh_token)
        if grant == "refresh_token":
            old = form.get("refresh_token", "")
            if old not in self.refresh_tokens:
                return _invalid_grant("Refresh token revoked")
            if not self.rotate:
                return self._tokens(None)
            self.refresh_tokens.discard(old)
            new = self._new("refresh")
            self.refresh_tokens.add(new)
            return self._tokens(new)
        if grant == "client_credentials":
            token = self._new("app")
            self.app_tokens.add(token)
            return Reply({"access_token": token, "token_type": "Bearer", "expires_in": 3600})
        return Reply({"error": "unsupported_grant_type"}, status=400)

    def _tokens(self, refresh_token: str | None) -> Reply:
        access_token = self._new("access")
        self.access_tokens.add(access_token)
        body = {
            "access_token": access_token,
            "token_type": "Bearer",
            "scope": "user-read-currently-playing user-read-playback-state",
            "expires_in": 3600,
        }
        if refresh_token:
            body["refresh_token"] = refresh_token
        return Reply(body)
