"""The service itself under Connexion's FlaskApp, to compare with the AsyncApp it runs on.

`python -m bench.variants --host H --port P` serves it exactly as `python -m cli serve`
serves the service (the same settings from the environment, logging, uvicorn options
and multi-process metrics), with only the app class changed.
"""

from __future__ import annotations

import argparse

from connexion import FlaskApp
from connexion.apps.abstract import AbstractApp

import cli
from app import build_injector, create_app
from services.logs import configure_from_settings
from services.settings import Settings

FLASK_FACTORY = "bench.variants:flask_service"


def flask_service() -> AbstractApp:
    return create_app(build_injector(), app_class=FlaskApp)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host")
    parser.add_argument("--port", type=int)
    args = parser.parse_args()
    settings = Settings()
    configure_from_settings(settings)
    return cli.run_server(settings, args.host, args.port, factory=FLASK_FACTORY)


if __name__ == "__main__":
    raise SystemExit(main())
