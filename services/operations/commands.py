"""`reindex`, `export`, `import` and `relookup`: the index's operator commands.

Registered on the CLI by `register`; each opens the index through the same
composition root as the API (`app.build_injector`), with progress on stderr. An
index or broker that does not answer escapes as `IndexUnavailable` /
`BrokerUnavailable`, which `cli.main` reports.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any

from services.errors import BrokerUnavailable
from services.operations import jobs
from services.settings import Settings


@contextmanager
def _services(settings: Settings) -> Iterator[Any]:
    """The composition root's services; what they opened is closed when the command ends."""
    from app import build_injector
    from services.closing import Closing
    from services.index import RecommendationIndex

    injector = build_injector(settings)
    try:
        yield injector, injector.get(RecommendationIndex)  # type: ignore[type-abstract]
    finally:
        injector.get(Closing).close_all()


def _bar(args: argparse.Namespace, total: int | None, unit: str) -> Any:
    from tqdm import tqdm

    return tqdm(total=total, unit=unit, file=sys.stderr, disable=args.quiet)


def reindex(args: argparse.Namespace, settings: Settings) -> int:
    """Rebuild the index: Elasticsearch gets a new versioned index, bulk-copied, then the
    alias swapped atomically (the old one deleted only after); the embedded index rebuilds
    its full-text and derived tables while searches keep answering."""
    with _services(settings) as (_, index), _bar(args, jobs.count(index), "doc") as bar:
        result = jobs.reindex(index, progress=bar.update)
    where = result if isinstance(result, str) else "the embedded index"
    print(f"reindexed into {where}")
    return 0


@contextmanager
def _opened(name: str, mode: str) -> Iterator[IO[str]]:
    """The named file, or stdin/stdout for `-` (left open: it is not ours)."""
    if name == "-":
        yield sys.stdout if "w" in mode else sys.stdin
        return
    with open(name, mode, encoding="utf-8") as stream:
        yield stream


def export(args: argparse.Namespace, settings: Settings) -> int:
    """Write every recommendation as JSON lines to a file (or stdout)."""
    with (
        _services(settings) as (_, index),
        _opened(args.output, "w") as out,
        _bar(args, jobs.count(index), "doc") as bar,
    ):
        written = jobs.export(index, out, progress=bar.update)
    print(f"exported {written}", file=sys.stderr)
    return 0


def import_(args: argparse.Namespace, settings: Settings) -> int:
    """Load JSON lines (an export, or POST bodies) from a file (or stdin); duplicates are
    skipped and counted; each refused line (the schema, or the index, refused it) is
    named on stderr with its number and why. Exit 1 when any line was refused."""
    with (
        _services(settings) as (_, index),
        _opened(args.input, "r") as source,
        _bar(args, None, "line") as bar,
    ):
        report = jobs.import_lines(index, source, progress=bar.update)
    for number, why in report.refused:
        print(f"line {number}: {why}", file=sys.stderr)
    print(
        f"created {report.created}, duplicates {report.duplicates}, refused {len(report.refused)}"
    )
    return 1 if report.refused else 0


def relookup(args: argparse.Namespace, settings: Settings) -> int:
    """Look links up again: pending items, and with --older-than-days N the links last
    checked more than N days ago. Through RabbitMQ when RABBITMQ_URL is set (the worker
    runs them); otherwise in this process, waiting for them to finish."""
    from services.lookups.scheduling import LookupScheduler

    with _services(settings) as (injector, index):
        ids = jobs.relookup_ids(index, args.older_than_days)
        if settings.rabbitmq_url:
            # Before the progress bar: a broker that is down is told, not counted through.
            from services.queue.publisher import declare_topology
            from services.queue.topology import Topology

            declare_topology(settings.rabbitmq_url, injector.get(Topology))
        scheduler = injector.get(LookupScheduler)  # type: ignore[type-abstract]
        with _bar(args, len(ids), "lookup") as bar:
            report = jobs.relookup(index, scheduler, ids, progress=bar.update)
        left: list[str] = []
        if not settings.rabbitmq_url:
            left = jobs.wait_until_looked_up(index, ids, timeout=args.wait)
    print(f"scheduled {report.scheduled}" + (f", still pending {len(left)}" if left else ""))
    if report.not_scheduled:
        raise BrokerUnavailable(
            f"{report.not_scheduled} lookups were not queued; they stay pending"
        )
    return 0


def register(commands: Any) -> None:
    """Add the commands to the CLI's subparsers."""
    quiet = argparse.ArgumentParser(add_help=False)
    quiet.add_argument("--quiet", action="store_true", help="no progress bar")

    def add(name: str, run: Any) -> argparse.ArgumentParser:
        parser: argparse.ArgumentParser = commands.add_parser(
            name, help=run.__doc__.split(".")[0], description=run.__doc__, parents=[quiet]
        )
        parser.set_defaults(run=run)
        return parser

    add("reindex", reindex)
    add("export", export).add_argument(
        "output", nargs="?", default="-", help="file to write (default: stdout)"
    )
    add("import", import_).add_argument(
        "input", nargs="?", default="-", help="JSON lines file (default: stdin)"
    )
    relookup_parser = add("relookup", relookup)
    relookup_parser.add_argument(
        "--older-than-days", type=float, metavar="N", help="also links checked over N days ago"
    )
    relookup_parser.add_argument(
        "--wait",
        type=float,
        default=600,
        metavar="SECONDS",
        help="in-process lookups: how long to wait for them (default 600)",
    )
