"""The `apiKey` security scheme of the spec: keys from `API_KEYS`, compared in constant time."""

from __future__ import annotations

import hmac
from typing import Any

from connexion.exceptions import OAuthProblem
from connexion.security import ApiKeySecurityHandler
from injector import inject

from services.settings import Settings


class ApiKeyChecker:
    """Accepts the keys of `API_KEYS`; never logs or echoes one."""

    @inject
    def __init__(self, settings: Settings) -> None:
        self._keys = [key.encode() for key in settings.api_key_list]

    def verify(self, api_key: str, required_scopes: Any = None) -> dict[str, Any]:
        offered = api_key.encode()
        # Compare against every key, so timing tells nothing about which one is close.
        accepted = False
        for key in self._keys:
            accepted |= hmac.compare_digest(offered, key)
        if not accepted:
            raise OAuthProblem(detail="The X-API-Key header does not hold a valid key.")
        return {"sub": "api-key"}


def api_key_security(checker: ApiKeyChecker) -> type[ApiKeySecurityHandler]:
    """Connexion instantiates security handlers itself; this one closes over the checker."""

    class InjectedApiKeyHandler(ApiKeySecurityHandler):
        def _resolve_func(self, security_scheme: dict[str, Any]) -> Any:
            return checker.verify

    return InjectedApiKeyHandler
