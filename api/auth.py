"""The `apiKey` security scheme of the spec: keys from `API_KEYS`, compared in constant time."""

from __future__ import annotations

import functools
import hmac
from collections.abc import Callable
from typing import Any

from connexion.exceptions import OAuthProblem
from connexion.lifecycle import ConnexionRequest
from connexion.security import NO_VALUE, ApiKeySecurityHandler
from injector import inject

from services.settings import Settings


class ApiKeyChecker:
    """Accepts the keys of `API_KEYS`; never logs or echoes one."""

    @inject
    def __init__(self, settings: Settings) -> None:
        self._keys = [key.encode() for key in settings.api_key_list]

    def verify(self, api_key: str, where: str = "The X-API-Key header") -> dict[str, Any]:
        """The caller of a valid key; `OAuthProblem` saying `where` the wrong one was."""
        offered = api_key.encode()
        # Compare against every key, so timing tells nothing about which one is close.
        accepted = False
        for key in self._keys:
            accepted |= hmac.compare_digest(offered, key)
        if not accepted:
            raise OAuthProblem(detail=f"{where} does not hold a valid key.")
        return {"sub": "api-key"}


class InjectedApiKeyHandler(ApiKeySecurityHandler):
    """Connexion's handler for `apiKey` schemes, verifying with an injected checker rather
    than a function named in the spec (`x-apikeyInfoFunc`), which could not be injected."""

    def __init__(self, checker: ApiKeyChecker) -> None:
        self._checker = checker

    def get_fn(
        self, security_scheme: dict[str, Any], required_scopes: Any
    ) -> Callable[[ConnexionRequest], Any]:
        place, name = security_scheme["in"], security_scheme["name"]
        if place not in ("header", "query"):
            raise ValueError(f"apiKey schemes are read from a header or the query, not {place}")
        # The query: Odesli's `key`, as its clients send it (the access log never shows
        # a query, and services/logs.py redacts `key=` wherever a line holds a URL).
        where = f"The {name} header" if place == "header" else f"The {name} query parameter"

        def verify(request: ConnexionRequest) -> Any:
            offered = (request.headers if place == "header" else request.query_params).get(name)
            # NO_VALUE: no key was offered, so an operation that also allows none proceeds.
            return NO_VALUE if offered is None else self._checker.verify(offered, where)

        return verify


def security_map(checker: ApiKeyChecker) -> dict[str, Callable[[], ApiKeySecurityHandler]]:
    """What `security_map=` takes: Connexion calls each value to make a scheme's handler."""
    return {"apiKey": functools.partial(InjectedApiKeyHandler, checker)}
