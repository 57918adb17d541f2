"""Link lookups per second with stand-ins that take 100 ms per call.

The same lookups twice: as the service runs them (identifier givers in parallel,
then the rest in parallel) and one provider after another. Limits are raised
and the cache is off, so every lookup asks every platform.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench.report import Figure, command, record
from services.links.cache import LookupCache
from services.links.finder import LinkFinder
from services.links.provider import LinkProvider
from services.links.query import Query
from services.links.registry import deezer_provider, itunes_provider, spotify_provider
from services.settings import Settings
from tests.conftest import make_settings
from tests.standins import music
from tests.standins.catalog import Catalog
from tests.standins.server import StandIn
from tests.standins.spotify_accounts import CLIENT_ID, CLIENT_SECRET, SpotifyAccounts

CALL_SECONDS = 0.1
WORKS = 40
CONCURRENT = 8  # the lookup workers of BackgroundLookups


def _catalog() -> Catalog:
    catalog = Catalog()
    for n in range(WORKS):
        catalog.add("album", f"Album{n}", f"Artist{n}", upc=f"{n:012d}")
    return catalog


def _queries() -> list[Query]:
    return [Query(kind="album", title=f"Album{n}", artist=f"Artist{n}") for n in range(WORKS)]


def _sequential(providers: list[LinkProvider], query: Query) -> None:
    """One provider after another, each given the identifiers the earlier ones found."""
    for provider in providers:
        result = provider.find(query)
        query = query.with_identifiers(result.isrc, result.upc)


def _run(lookup: Callable[[Query], object], queries: list[Query], workers: int) -> list[float]:
    def timed(query: Query) -> float:
        started = time.perf_counter()
        lookup(query)
        return time.perf_counter() - started

    with ThreadPoolExecutor(workers) as pool:
        return list(pool.map(timed, queries))


def standin_settings(
    data_dir: Path, accounts: str, urls: dict[str, str], **more: object
) -> Settings:
    """Settings that point Spotify, Deezer and iTunes at the stand-ins, limits raised."""
    return make_settings(
        data_dir,
        spotify_client_id=CLIENT_ID,
        spotify_client_secret=CLIENT_SECRET,
        spotify_accounts_url=accounts,
        spotify_api_url=urls["spotify"],
        deezer_api_url=urls["deezer"],
        itunes_api_url=urls["itunes"],
        spotify_rate_limit="100000/1",
        deezer_rate_limit="100000/1",
        itunes_rate_limit="100000/1",
        **more,
    )


def main() -> None:
    catalog = _catalog()
    accounts = SpotifyAccounts()
    standins = [music.spotify(catalog), music.deezer(catalog), music.itunes(catalog)]
    for standin in [accounts.standin, *standins]:
        standin.start()
    try:
        with tempfile.TemporaryDirectory() as data_dir:
            urls = {standin.name: standin.url for standin in standins}
            settings = standin_settings(Path(data_dir), accounts.url, urls)
            providers = [
                spotify_provider(settings),
                deezer_provider(settings),
                itunes_provider(settings),
            ]
            finder = LinkFinder(providers, LookupCache(0), "US")
            _run(finder.find_query, _queries()[:2], 1)  # token, connections
            for standin in standins:
                standin.delay_seconds = CALL_SECONDS
            _report(finder, providers, standins)
            finder.close()
    finally:
        for standin in [accounts.standin, *standins]:
            standin.stop()


def _report(finder: LinkFinder, providers: list[LinkProvider], standins: list[StandIn]) -> None:
    print(f"\n## Link lookups (stand-ins answer in {CALL_SECONDS * 1000:.0f} ms per call)\n")
    print("| how | lookups/s | median lookup ms | p99 ms | calls per lookup |")
    print("| --- | ---: | ---: | ---: | ---: |")
    ways: list[tuple[str, Callable[[Query], object], int]] = [
        ("finder (phases in parallel), 1 at a time", finder.find_query, 1),
        ("one provider after another, 1 at a time", lambda q: _sequential(providers, q), 1),
        (f"finder, {CONCURRENT} lookups at once", finder.find_query, CONCURRENT),
        (
            f"one after another, {CONCURRENT} at once",
            lambda q: _sequential(providers, q),
            CONCURRENT,
        ),
    ]
    for name, lookup, workers in ways:
        before = sum(len(standin.requests) for standin in standins)
        started = time.perf_counter()
        latencies = _run(lookup, _queries(), workers)
        elapsed = time.perf_counter() - started
        calls = (sum(len(standin.requests) for standin in standins) - before) / WORKS
        rate = WORKS / elapsed
        p99 = sorted(latencies)[int(0.99 * (len(latencies) - 1))] * 1000
        median = statistics.median(latencies) * 1000
        print(f"| {name} | {rate:.1f} | {median:.0f} | {p99:.0f} | {calls:.1f} |")
        record(
            Figure(
                f"link lookups/s: {name}",
                rate,
                "lookups/s",
                p99_ms=p99,
                bound=f"{CALL_SECONDS * 1000:.0f} ms per provider call",
            )
        )
    command("python -m bench lookups")


if __name__ == "__main__":
    main()
