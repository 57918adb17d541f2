"""`python -m cli worker` and `python -m cli publish`: the broker's operator commands."""

from __future__ import annotations

import argparse
import logging
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from services.errors import BrokerUnavailable
from services.logs import redact
from services.queue.topology import DISCOVERED, Topology
from services.settings import Settings


def worker(args: argparse.Namespace, settings: Settings) -> int:
    """Consume RabbitMQ (RABBITMQ_URL) in the foreground until SIGTERM."""
    _quiet_pika()
    if not settings.rabbitmq_url:
        print("RABBITMQ_URL is not set", file=sys.stderr)
        return 2
    from app import build_injector
    from services.queue.publisher import declare_topology
    from services.queue.worker import run_worker

    injector = build_injector(settings)
    # A broker that is down at the start is told and ends the command (a supervisor
    # restarts it); once consuming, a dropped connection is reconnected.
    declare_topology(settings.rabbitmq_url, injector.get(Topology))
    return 0 if run_worker(injector) else 1


def publish(args: argparse.Namespace, settings: Settings) -> int:
    """Publish JSON lines (files, or stdin) with publisher confirms; report what was confirmed."""
    _quiet_pika()
    if not settings.rabbitmq_url:
        print("RABBITMQ_URL is not set", file=sys.stderr)
        return 2
    from tqdm import tqdm

    from app import build_injector
    from services.queue.publisher import Publisher

    topology = build_injector(settings).get(Topology)
    publisher = Publisher(settings.rabbitmq_url, topology)
    confirmed = failed = 0
    try:
        publisher.declare()  # a broker down from the start: `cli.main` says so, exit 4
        total = None if not args.files else sum(_count(Path(name)) for name in args.files)
        with tqdm(total=total, unit="msg", disable=args.quiet, file=sys.stderr) as progress:
            for line in _lines(args.files):
                try:
                    # Each message its own id: a redelivery of it is recognised as the same.
                    publisher.publish(
                        args.routing_key, line, message_id=uuid.uuid4().hex, reply_to=args.reply_to
                    )
                    confirmed += 1
                except BrokerUnavailable as error:
                    failed += 1
                    progress.write(redact(f"not confirmed: {error}"))
                progress.update()
    finally:
        publisher.close()
    print(f"confirmed {confirmed}, failed {failed}")
    return 1 if failed else 0


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    worker_parser = commands.add_parser("worker", help=worker.__doc__, description=worker.__doc__)
    worker_parser.set_defaults(run=worker)
    publish_parser = commands.add_parser(
        "publish", help=publish.__doc__, description=publish.__doc__
    )
    publish_parser.add_argument("files", nargs="*", help="JSON lines files (default: stdin)")
    publish_parser.add_argument("--routing-key", default=DISCOVERED)
    publish_parser.add_argument("--reply-to", help="queue that receives the worker's answers")
    publish_parser.add_argument("--quiet", action="store_true", help="no progress bar")
    publish_parser.set_defaults(run=publish)


def _quiet_pika() -> None:
    # pika logs every connection step, and each refused reconnect as several errors;
    # our own events ("broker unavailable", "reconnecting") say what matters.
    logging.getLogger("pika").setLevel(logging.CRITICAL)


def _count(path: Path) -> int:
    with path.open("rb") as file:
        return sum(1 for line in file if line.strip())


def _lines(files: list[str]) -> Iterator[bytes]:
    if not files:
        yield from _stream_lines(sys.stdin.buffer)
    for name in files:
        with Path(name).open("rb") as stream:
            yield from _stream_lines(stream)


def _stream_lines(stream: IO[bytes]) -> Iterator[bytes]:
    for line in stream:
        if line.strip():
            yield line.strip()
