"""Link lookups: how often the right link is found, and how fast.

Quality (`bench.link_quality`): the matching table and the held-out sets, precision
and recall, the calibration of confidences, the provider calls a lookup spends.

Speed: the same album lookups twice, with stand-ins that take 100 ms per call: as the
service runs them (identifier givers in parallel, then the rest in parallel) and one
provider after another. Limits are raised and the cache is off, so every lookup asks
every platform.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from app import build_injector
from bench.link_quality import quality
from bench.measure import RUNS
from bench.report import Figure, command, record, section, spread, table
from services.closing import Closing
from services.links.cache import LookupCache
from services.links.finder import LinkFinder
from services.links.platforms.deezer import DeezerProvider
from services.links.platforms.itunes import ITunesProvider
from services.links.platforms.provider import LinkProvider
from services.links.platforms.spotify import SpotifyProvider
from services.links.query import Query
from services.settings import Settings
from standins import music
from standins.catalog import Catalog
from standins.server import StandIn
from standins.spotify_accounts import CLIENT_ID, CLIENT_SECRET, SpotifyAccounts
from standins.world import offline_settings

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
    return offline_settings(
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
    quality()
    _speed()


def _speed() -> None:
    catalog = _catalog()
    accounts = SpotifyAccounts()
    standins = [music.spotify(catalog), music.deezer(catalog), music.itunes(catalog)]
    for standin in [accounts.standin, *standins]:
        standin.start()
    try:
        with tempfile.TemporaryDirectory() as data_dir:
            urls = {standin.name: standin.url for standin in standins}
            injector = build_injector(standin_settings(Path(data_dir), accounts.url, urls))
            stores = (SpotifyProvider, DeezerProvider, ITunesProvider)
            providers: list[LinkProvider] = [injector.get(store) for store in stores]
            finder = LinkFinder(providers, LookupCache(0), "US")
            _run(finder.find_query, _queries()[:2], 1)  # token, connections
            for standin in standins:
                standin.delay_seconds = CALL_SECONDS
            _report(finder, providers, standins)
            finder.close()
            injector.get(Closing).close_all()
    finally:
        for standin in [accounts.standin, *standins]:
            standin.stop()


def _report(finder: LinkFinder, providers: list[LinkProvider], standins: list[StandIn]) -> None:
    ways: list[tuple[str, Callable[[Query], object], int]] = [
        ("finder (rounds in parallel), 1 at a time", finder.find_query, 1),
        ("one provider after another, 1 at a time", lambda q: _sequential(providers, q), 1),
        (f"finder, {CONCURRENT} lookups at once", finder.find_query, CONCURRENT),
        (f"one after another, {CONCURRENT} at once",
         lambda q: _sequential(providers, q), CONCURRENT),
    ]  # fmt: skip
    rates: dict[str, list[float]] = {name: [] for name, _, _ in ways}
    latencies: dict[str, list[float]] = {name: [] for name, _, _ in ways}
    calls: dict[str, float] = {}
    for _ in range(RUNS):
        for name, lookup, workers in ways:
            before = sum(len(standin.requests) for standin in standins)
            started = time.perf_counter()
            latencies[name] += _run(lookup, _queries(), workers)
            rates[name].append(WORKS / (time.perf_counter() - started))
            calls[name] = (sum(len(standin.requests) for standin in standins) - before) / WORKS
    section(
        "Link lookup speed",
        f"{WORKS} album lookups on Spotify, Deezer and iTunes stand-ins that answer in "
        f"{CALL_SECONDS * 1000:.0f} ms a call (limits raised, cache off, so every lookup asks "
        "every platform): as the service runs them (the identifier givers in parallel, then "
        "the rest in parallel) and one provider after another. Latencies over all runs.",
    )
    rows = []
    bound = f"{CALL_SECONDS * 1000:.0f} ms per provider call"
    for name, _, _ in ways:
        ordered = sorted(latencies[name])
        p99 = ordered[int(0.99 * (len(ordered) - 1))] * 1000
        median = statistics.median(ordered) * 1000
        rows.append(
            [name, spread(rates[name]), f"{median:.0f}", f"{p99:.0f}", f"{calls[name]:.1f}"]
        )
        record(Figure(f"link lookups/s: {name}", tuple(rates[name]), "lookups/s", p99, bound))
    table(["how", "lookups/s", "median lookup ms", "p99 ms", "calls per lookup"], rows)
    command("python -m bench lookups")


if __name__ == "__main__":
    main()
