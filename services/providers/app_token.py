"""An app's OAuth 2.0 client-credentials token (RFC 6749, 4.4), as an `httpx.Auth`.

For a JSON API (`services.providers.http.JsonApi`) that wants a bearer token the app
gets with its own id and secret (TIDAL). The token is asked for with one POST to the
token endpoint (HTTP Basic with the id and secret, `grant_type=client_credentials`),
kept in memory, one per client, fetched at the first call, renewed
`RENEW_BEFORE_SECONDS` before the `expires_in` it came with runs out, and once more
when the API refuses it before its time (401); one request at a time, which every call
that needs the token meanwhile waits for. (Spotify's app token is spotipy's own:
`services.providers.spotify`.)

By hand, over httpx like every other request: authlib's httpx client is deprecated
(it warns on every import) and httpx-auth keeps tokens in a process-wide cache and
reads a throttled token endpoint as refused credentials (docs/design.md, "One client
per provider"). The token request runs inside the call that needed it, so under that
call's guard: a throttled or failing token endpoint is the call's `Throttled` or
`Transient` fault (waited for and retried as the call is), refused credentials its
`Broken` one.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Generator
from concurrent.futures import Future

import httpx

from services.providers.guard import Broken, Fault, fault_for_status
from services.providers.http import tls_context
from services.reopening import Reopening

RENEW_BEFORE_SECONDS = 60.0
"""A token this close to its expiry is renewed first: a call must not carry a token
that expires on its way."""


class AppToken(httpx.Auth):
    """Adds `Authorization: Bearer <the app's token>` to every request of a client."""

    def __init__(self, token_url: str, client_id: str, client_secret: str, timeout: float) -> None:
        self._token_url = token_url
        self._credentials = (client_id, client_secret)
        self._token: str | None = None
        self._renew_at = 0.0  # time.monotonic()
        self._lock = threading.Lock()
        self._asking: Future[str] | None = None  # the token request under way
        self._client = Reopening(
            lambda: httpx.Client(timeout=timeout, verify=tls_context(), follow_redirects=False)
        )

    def sync_auth_flow(
        self, request: httpx.Request
    ) -> Generator[httpx.Request, httpx.Response, None]:
        token = self.access_token()
        request.headers["Authorization"] = f"Bearer {token}"
        response = yield request
        if response.status_code == 401:
            # Revoked or expired before its time: one more try with a new one.
            request.headers["Authorization"] = f"Bearer {self.access_token(refused=token)}"
            yield request

    def access_token(self, refused: str | None = None) -> str:
        """The token to send: the kept one, unless it is about to expire or was `refused`.
        Then one thread asks for a new one and the others wait for its answer, token or
        fault: a hanging token endpoint costs every call one time-out, not one each in
        turn, and is asked once."""
        with self._lock:
            token = self._token
            if token is not None and token != refused and time.monotonic() < self._renew_at:
                return token
            answer, asking = self._asking, self._asking is None
            if answer is None:
                answer = self._asking = Future()
        if asking:
            self._ask(answer)
        return answer.result()

    def _ask(self, answer: Future[str]) -> None:
        """Fetch a new token, keep it, and settle `answer` with it (or with the fault)."""
        try:
            token, lifetime = self._fetch()
        except BaseException as error:
            answer.set_exception(error)
        else:
            with self._lock:
                self._token = token
                self._renew_at = time.monotonic() + max(0.0, lifetime - RENEW_BEFORE_SECONDS)
            answer.set_result(token)
        finally:
            with self._lock:
                self._asking = None

    def close(self) -> None:
        """Drop the token endpoint's connections (a later call opens new ones)."""
        self._client.close()

    def _fetch(self) -> tuple[str, float]:
        """A new token and its lifetime in seconds (forever when the answer gives none)."""
        response = self._client.current().post(
            self._token_url, data={"grant_type": "client_credentials"}, auth=self._credentials
        )
        if response.status_code >= 400:
            raise refusal(response)
        try:
            answer = response.json()
        except ValueError:
            raise Broken("token endpoint answered something that is not JSON") from None
        token = answer.get("access_token") if isinstance(answer, dict) else None
        if not isinstance(token, str) or not token:
            raise Broken("token endpoint answered no access_token")
        lifetime = answer.get("expires_in")
        if isinstance(lifetime, int | float) and not isinstance(lifetime, bool):
            return token, float(lifetime)
        return token, math.inf


def refusal(response: httpx.Response) -> Fault:
    """What a token endpoint's error answer stands for: a 429 or 5xx is the guard's to wait
    for or retry; anything else refuses the credentials (RFC 6749, 5.2: `error`)."""
    status = response.status_code
    if status == 429 or status >= 500:
        return fault_for_status(status, response.headers, "token endpoint")
    try:
        answer = response.json()
        error = answer.get("error") if isinstance(answer, dict) else None
    except ValueError:
        error = None
    reason = error or "no reason given"
    return Broken(f"token endpoint refused the app's credentials: {reason} (HTTP {status})")
