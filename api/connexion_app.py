"""The Connexion app the service runs on: tuned on the Connexion it was written for, else stock.

Everything else the service changes in Connexion goes through its public extension
points (the resolver, `validator_map`, the security handler map, middleware, the
spec handed over as a dict). The speed-up that cannot, `api.connexion_tuned`, is
used only on a Connexion release it was written for and tested on; on any other (or
with `STOCK_CONNEXION=true`) the service runs on Connexion's own `AsyncApp`, which
the test suite also runs on (`make test`).
"""

from __future__ import annotations

import logging
from importlib.metadata import version
from typing import Any, TypeAlias

from connexion import AsyncApp
from connexion.apps.abstract import AbstractApp
from connexion.middleware import ConnexionMiddleware

from services.settings import Settings

log = logging.getLogger(__name__)

WRITTEN_FOR = frozenset({"3.3.0"})
"""The Connexion releases `api.connexion_tuned` was written for and tested on."""

ConnexionApp: TypeAlias = AbstractApp | ConnexionMiddleware
"""What the service serves: an app of Connexion's, or its middleware around our ASGI app."""
STOCK = "serving on stock Connexion"


def installed_connexion() -> str:
    return version("connexion")


def connexion_app(import_name: str, settings: Settings, **options: Any) -> ConnexionApp:
    """`AsyncApp(import_name, **options)`, or the same app with its operations tuned
    (`api.connexion_tuned`) when the installed Connexion is one it was written for."""
    installed = installed_connexion()
    if settings.stock_connexion:
        log.info(STOCK, extra={"reason": "STOCK_CONNEXION is set", "connexion": installed})
        return AsyncApp(import_name, **options)
    if installed not in WRITTEN_FOR:
        written_for = ", ".join(sorted(WRITTEN_FOR))
        reason = f"api.connexion_tuned was written for Connexion {written_for}"
        log.warning(STOCK, extra={"reason": reason, "connexion": installed})
        return AsyncApp(import_name, **options)
    # Imported only now: on another release its imports may not even resolve.
    from api.connexion_tuned import once_decorated_app

    return once_decorated_app(import_name, **options)
