"""Cross-origin reads of a user's now playing, for scripts on any website.

On the now-playing paths only (`POST /get`, `GET /users/{uid}/now-playing` and its
`.svg`), every answer, problems included, carries `Access-Control-Allow-Origin: *`,
and a browser's preflight (`OPTIONS` with `Access-Control-Request-Method`) is
answered here. No cookies are used, so `*` lends a page no credential of its visitor.

Starlette's `CORSMiddleware` adds the header only to requests that carry an `Origin`:
an answer kept by a shared cache (these answers may be kept for a few seconds) would
then lack it for the next browser, unless every answer also said `Vary: Origin`.
Always sending `*` is simpler and holds in any cache.
"""

from __future__ import annotations

import re

from starlette.types import ASGIApp, Message, Receive, Scope, Send

PATHS = re.compile(r"^/(get|users/[^/]+/now-playing(\.svg)?)$")
ALLOW_ORIGIN = (b"access-control-allow-origin", b"*")
# What a script may read beyond the safelisted headers: when to come back after a 429.
EXPOSE = (b"access-control-expose-headers", b"Retry-After, X-Request-ID")
PREFLIGHT = [
    ALLOW_ORIGIN,
    (b"access-control-allow-methods", b"GET, POST"),
    # A device token as a bearer token; a form body needs no preflight.
    (b"access-control-allow-headers", b"Authorization"),
    (b"access-control-max-age", b"600"),
    (b"content-length", b"0"),
]


class NowPlayingCors:
    """`Access-Control-Allow-Origin: *` on the now-playing paths, and their preflights."""

    def __init__(self, app: ASGIApp) -> None:
        self._app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not PATHS.match(scope["path"]):
            await self._app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        if scope["method"] == "OPTIONS" and b"access-control-request-method" in headers:
            await send({"type": "http.response.start", "status": 204, "headers": PREFLIGHT})
            await send({"type": "http.response.body", "body": b""})
            return

        async def send_allowed(message: Message) -> None:
            if message["type"] == "http.response.start":
                extra = [ALLOW_ORIGIN, EXPOSE]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self._app(scope, receive, send_allowed)
