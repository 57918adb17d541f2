"""One delivery attempt: the HTTP request to a receiver, and what its answer means."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Literal

import httpx

from services.logs import redact_url
from services.metrics import WEBHOOK_LATENCY
from services.webhooks.events import (
    DELIVERY_HEADER,
    EVENT,
    EVENT_HEADER,
    SIGNATURE_HEADER,
    signature,
)

log = logging.getLogger(__name__)

USER_AGENT = "recindex-webhooks/1.0"
RETRIED_STATUSES = frozenset({408, 429})
"""Client errors worth another try (a time-out, a limit); any other 4xx never changes."""
SAME_ORIGIN_REDIRECTS = frozenset({307, 308})
"""Followed, when they stay on the receiver's scheme, host and port: they keep the method
and the body. Any other redirect is no delivery: a receiver URL is configuration."""
MAX_REDIRECTS = 3

Verdict = Literal["delivered", "retry", "refused"]


@dataclass(frozen=True, slots=True)
class Attempt:
    """What one try came to: `delivered` (2xx), `retry` (the receiver is down, slow, 5xx,
    408 or 429), or `refused` (any other answer: trying again would change nothing)."""

    verdict: Verdict
    detail: str
    status: int | None = None


class WebhookSender:
    """Sends event bodies with httpx: one client (one connection pool) per process, a
    time-out on every request, no redirect followed by the library (see
    `SAME_ORIGIN_REDIRECTS`), and the HMAC signature when there is a secret."""

    def __init__(self, method: str, secret: str | None, timeout_seconds: float) -> None:
        self._method = method
        self._secret = secret or None
        self._timeout = timeout_seconds
        self._client: httpx.Client | None = None

    @property
    def timeout(self) -> float:
        """The time-out of each request, in seconds."""
        return self._timeout

    def send(self, url: str, body: bytes, delivery: str) -> Attempt:
        headers = {
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
            EVENT_HEADER: EVENT,
            DELIVERY_HEADER: delivery,
        }
        if self._secret:
            headers[SIGNATURE_HEADER] = signature(self._secret, body)
        started = time.perf_counter()
        try:
            attempt = self._send(url, body, headers)
        finally:
            WEBHOOK_LATENCY.observe(time.perf_counter() - started)
        log.info(
            "webhook attempt",
            extra={
                "receiver": redact_url(url),
                "delivery": delivery,
                "verdict": attempt.verdict,
                "status": attempt.status,
                "detail": attempt.detail,
            },
        )
        return attempt

    def close(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            client.close()

    def _send(self, url: str, body: bytes, headers: dict[str, str]) -> Attempt:
        client = self._http()
        try:
            request = client.build_request(self._method, url, content=body, headers=headers)
            response = client.send(request)
            for _ in range(MAX_REDIRECTS):
                following = _same_origin_redirect(request, response)
                if following is None:
                    break
                response.close()
                request = following
                response = client.send(request)
            response.close()
        except httpx.InvalidURL as error:
            return Attempt("refused", f"not a URL httpx can send to: {error}")
        except httpx.TimeoutException:
            return Attempt("retry", f"no answer within {self._timeout:g} s")
        except httpx.TransportError as error:
            return Attempt("retry", f"cannot reach it: {type(error).__name__}")
        return _verdict(response)

    def _http(self) -> httpx.Client:
        if self._client is None:
            self._client = httpx.Client(timeout=self._timeout, follow_redirects=False)
        return self._client


def _same_origin_redirect(request: httpx.Request, response: httpx.Response) -> httpx.Request | None:
    """The request a 307/308 to the same scheme, host and port asks for; None otherwise."""
    following = response.next_request
    if response.status_code not in SAME_ORIGIN_REDIRECTS or following is None:
        return None
    origin = (request.url.scheme, request.url.host, request.url.port)
    if (following.url.scheme, following.url.host, following.url.port) != origin:
        return None
    return following


def _verdict(response: httpx.Response) -> Attempt:
    status = response.status_code
    if 200 <= status < 300:
        return Attempt("delivered", f"answered {status}", status)
    if status >= 500 or status in RETRIED_STATUSES:
        return Attempt("retry", f"answered {status}", status)
    if 300 <= status < 400:
        where = response.headers.get("location", "")
        return Attempt("refused", f"answered {status}, a redirect not followed: {where}", status)
    return Attempt("refused", f"answered {status}", status)
