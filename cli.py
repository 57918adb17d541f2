"""Operator commands: `python -m cli --help` lists them."""

from __future__ import annotations

import argparse
import os
import warnings
from collections.abc import Callable

from services.settings import Settings

Command = Callable[[argparse.Namespace, Settings], int]


def serve(args: argparse.Namespace, settings: Settings) -> int:
    """Serve the HTTP API on HOST:PORT with WEB_CONCURRENCY workers."""
    # Connexion imports Starlette's test client, which warns on every start;
    # PYTHONWARNINGS reaches the worker processes uvicorn spawns too.
    os.environ.setdefault("PYTHONWARNINGS", "ignore::DeprecationWarning")
    warnings.simplefilter("ignore", DeprecationWarning)
    import uvicorn

    uvicorn.run(
        "app:create_app",
        factory=True,
        host=args.host or settings.host,
        port=args.port or settings.port,
        workers=settings.web_concurrency,
        access_log=False,
        timeout_graceful_shutdown=20,
    )
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="recindex", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    serve_parser = commands.add_parser("serve", help=serve.__doc__, description=serve.__doc__)
    serve_parser.add_argument("--host", help="overrides HOST")
    serve_parser.add_argument("--port", type=int, help="overrides PORT")
    serve_parser.set_defaults(run=serve)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    command: Command = args.run
    return command(args, Settings())


if __name__ == "__main__":
    raise SystemExit(main())
