"""A JSON HTTP API behind a `Guard`: the transport of the providers without a client library."""

from __future__ import annotations

import functools
import ssl
from collections.abc import Callable
from typing import Any

import httpx

from services.providers.guard import Broken, Guard, Transient, fault_for_status
from services.reopening import Reopening


@functools.cache
def tls_context() -> ssl.SSLContext:
    """One TLS context for every provider client of the process: reading the CA bundle
    costs more than a lookup from a nearby host, and each new client would read it again."""
    return httpx.create_ssl_context()


class JsonApi:
    """GETs JSON from one base URL; every failure becomes a `Fault`."""

    def __init__(
        self,
        base_url: str,
        guard: Guard,
        timeout: float,
        params: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
        throttle_default: float = 1.0,
        check: Callable[[Any], Any] | None = None,
    ) -> None:
        """`check` sees every decoded answer inside the guard, so an error a platform
        sends with HTTP 200 (Deezer's quota) is retried like an HTTP one."""
        self._guard = guard
        self._check = check
        self._params = params or {}
        self._throttle_default = throttle_default
        self._base_url = base_url.rstrip("/") + "/"
        self._timeout = timeout
        self._headers = {"Accept": "application/json", **(headers or {})}
        self._client = Reopening(self._connect)

    def get(self, path: str, params: dict[str, Any] | None = None, missing_ok: bool = False) -> Any:
        """The decoded JSON answer; None for a 404 when `missing_ok`."""
        query = {**self._params, **(params or {})}
        return self._guard.call(lambda: self._get(path.lstrip("/"), query, missing_ok))

    def close(self) -> None:
        """Drop the connections; a later call opens new ones (an app may be started again)."""
        self._client.close()

    def _connect(self) -> httpx.Client:
        return httpx.Client(
            base_url=self._base_url,
            timeout=self._timeout,
            headers=self._headers,
            follow_redirects=False,
            verify=tls_context(),
        )

    def _get(self, path: str, params: dict[str, Any], missing_ok: bool) -> Any:
        try:
            response = self._client.current().get(path, params=params)
        except httpx.TimeoutException:
            raise Transient("timed out") from None
        except httpx.TransportError as error:
            raise Transient(f"connection failed: {type(error).__name__}") from None
        if response.status_code == 404 and missing_ok:
            return None
        if response.status_code >= 400:
            raise fault_for_status(
                response.status_code,
                response.headers,
                response.reason_phrase,
                self._throttle_default,
            )
        try:
            answer = response.json()
        except ValueError:
            raise Broken("malformed answer (not JSON)") from None
        return self._check(answer) if self._check else answer
