"""A JSON HTTP API behind a `Guard`: the client of every provider but Spotify (spotipy).

A provider's client is a `JsonApi` subclass named after it, which says what is its
own: errors sent with HTTP 200 (`check`), an error's reason read from its body
(`fault`), what each request costs (`fetch`), its calls.
"""

from __future__ import annotations

import functools
import ssl
from typing import Any

import httpx

from services.providers.guard import Broken, Fault, Guard, Transient, fault_for_status
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
        auth: httpx.Auth | None = None,
    ) -> None:
        """`auth` signs every request (an app's token: `services.providers.app_token`)."""
        self._guard = guard
        self._auth = auth
        self._params = params or {}
        self._throttle_default = throttle_default
        self._base_url = base_url.rstrip("/") + "/"
        self._timeout = timeout
        self._headers = {"Accept": "application/json", **(headers or {})}
        self._client = Reopening(self._connect)

    def get(
        self,
        path: str,
        params: dict[str, Any] | None = None,
        missing_ok: bool = False,
        someone_waits: bool = False,
    ) -> Any:
        """The decoded JSON answer, under the guard; None for a 404 when `missing_ok`."""
        query = {**self._params, **(params or {})}
        return self._guard.call(
            lambda: self.fetch(path.lstrip("/"), query, missing_ok), someone_waits
        )

    def fetch(self, path: str, params: dict[str, Any], missing_ok: bool = False) -> Any:
        """One request, as the guard makes each attempt."""
        try:
            response = self._client.current().get(path, params=params)
        except httpx.TimeoutException:
            raise Transient("timed out") from None
        except httpx.TransportError as error:
            raise Transient(f"connection failed: {type(error).__name__}") from None
        if response.status_code == 404 and missing_ok:
            return None
        if response.status_code >= 400:
            raise self.fault(response)
        try:
            answer = response.json()
        except ValueError:
            raise Broken("malformed answer (not JSON)") from None
        return self.check(answer)

    def check(self, answer: Any) -> Any:
        """The answer, or the `Fault` of an error a platform sends with HTTP 200 (seen
        inside the guard, so it is retried like an HTTP one)."""
        return answer

    def fault(self, response: httpx.Response) -> Fault:
        """What an HTTP error answer stands for."""
        return fault_for_status(
            response.status_code, response.headers, response.reason_phrase, self._throttle_default
        )

    def close(self) -> None:
        """Drop the connections; a later call opens new ones (an app may be started again)."""
        self._client.close()

    def _connect(self) -> httpx.Client:
        return httpx.Client(
            base_url=self._base_url,
            timeout=self._timeout,
            headers=self._headers,
            auth=self._auth,
            follow_redirects=False,
            verify=tls_context(),
        )
