"""Operator commands: `python -m cli --help` lists them."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import warnings
from collections.abc import Callable
from pathlib import Path

# Connexion imports Starlette's test client, which warns at every start (a
# UserWarning); the environment variable carries the filter to uvicorn's workers.
QUIET_WARNINGS = "ignore::DeprecationWarning,ignore:Using `httpx` with `starlette.testclient`"
os.environ.setdefault("PYTHONWARNINGS", QUIET_WARNINGS)
warnings.simplefilter("ignore", DeprecationWarning)
warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")

from services.errors import (  # noqa: E402 - after the filters
    BrokerUnavailable,
    IndexUnavailable,
    ReindexRunning,
)
from services.logs import configure_from_settings, redact, redact_url  # noqa: E402
from services.operations import commands as index_commands  # noqa: E402
from services.queue import commands as queue_commands  # noqa: E402
from services.settings import Settings  # noqa: E402

Command = Callable[[argparse.Namespace, Settings], int]

INDEX_UNAVAILABLE = 3
BROKER_UNAVAILABLE = 4
REINDEX_RUNNING = 5


APP_FACTORY = "app:create_app"


def serve(args: argparse.Namespace, settings: Settings) -> int:
    """Serve the HTTP API on HOST:PORT with WEB_CONCURRENCY workers."""
    return run_server(settings, args.host, args.port)


def run_server(
    settings: Settings, host: str | None = None, port: int | None = None, factory: str = APP_FACTORY
) -> int:
    """uvicorn serving the app `factory` builds, as `serve` does (`make bench` serves its
    variants of the app this way too)."""
    import uvicorn

    own_metrics_dir = _share_metrics(settings.web_concurrency)
    try:
        uvicorn.run(
            factory,
            factory=True,
            host=host or settings.host,
            port=port or settings.port,
            workers=settings.web_concurrency,
            # Our middleware logs each request once (api/observability.py);
            # uvicorn's own messages reach our structured handler through the root.
            access_log=False,
            log_config=None,
            timeout_graceful_shutdown=20,
        )
    finally:
        if own_metrics_dir:
            shutil.rmtree(own_metrics_dir, ignore_errors=True)
    return 0


def _share_metrics(workers: int) -> Path | None:
    """With several workers, each writes its metrics where any of them can sum them all.

    Sets PROMETHEUS_MULTIPROC_DIR (a fresh temporary directory unless the operator
    chose one) before any worker imports prometheus_client; returns the directory
    to remove afterwards when it is ours.
    """
    chosen = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if workers <= 1 and not chosen:
        return None
    directory = Path(chosen or tempfile.mkdtemp(prefix="recindex-metrics-"))
    directory.mkdir(parents=True, exist_ok=True)
    # A previous run's values would be summed in: start from nothing.
    for stale in directory.glob("*.db"):
        stale.unlink()
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(directory)
    return None if chosen else directory


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="recindex", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    serve_parser = commands.add_parser("serve", help=serve.__doc__, description=serve.__doc__)
    serve_parser.add_argument("--host", help="overrides HOST")
    serve_parser.add_argument("--port", type=int, help="overrides PORT")
    serve_parser.set_defaults(run=serve)
    # RabbitMQ: `worker` and `publish`.
    queue_commands.register(commands)
    # The index: `reindex`, `export`, `import`, `relookup`.
    index_commands.register(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    command: Command = args.run
    settings = Settings()
    configure_from_settings(settings)
    if args.command == "worker" and settings.metrics_port:
        # The worker's counters (messages, lookups) live in its own process.
        from services.metrics import serve_metrics

        serve_metrics(settings.host, settings.metrics_port)
    return run_reporting_dependencies(command, args, settings)


def run_reporting_dependencies(
    command: Command, args: argparse.Namespace, settings: Settings
) -> int:
    """`command`; when the index or the broker does not answer, say which (its URL without
    password) and exit 3 (index) or 4 (broker); exit 5 when another reindex runs."""
    try:
        return command(args, settings)
    except ReindexRunning as running:
        print(f"not reindexing: {running}", file=sys.stderr)
        return REINDEX_RUNNING
    except IndexUnavailable as error:
        where = redact_url(settings.elasticsearch_url or str(settings.embedded_db_path))
        print(redact(f"index unavailable ({where}): {error}"), file=sys.stderr)
        return INDEX_UNAVAILABLE
    except BrokerUnavailable as error:
        where = redact_url(settings.rabbitmq_url or "")
        print(redact(f"broker unavailable (RABBITMQ_URL {where}): {error}"), file=sys.stderr)
        return BROKER_UNAVAILABLE


if __name__ == "__main__":
    raise SystemExit(main())
