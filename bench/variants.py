"""The service itself under Connexion's FlaskApp, to compare with the AsyncApp it runs on."""

from __future__ import annotations

from connexion import FlaskApp
from connexion.apps.abstract import AbstractApp

from app import build_injector, create_app


def flask_service() -> AbstractApp:
    return create_app(build_injector(), app_class=FlaskApp)
