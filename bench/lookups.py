"""Link lookups: how often the right link is found, and how fast.

Quality: every case of the matching table (standins/cases) and of the held-out set
(standins/holdout) looked up through the service's finder against stand-ins that
rank decoys above the work: precision and recall per platform, and the provider calls
a lookup spends, beside each provider's quota.

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

from bench.report import Figure, command, record
from services.links.cache import LookupCache
from services.links.finder import LinkFinder
from services.links.provider import LinkProvider
from services.links.query import Query
from services.links.registry import (
    build_providers,
    deezer_provider,
    itunes_provider,
    spotify_provider,
)
from services.settings import Settings
from standins import music
from standins.cases import TABLE
from standins.catalog import Catalog
from standins.holdout import HOLDOUT
from standins.server import StandIn
from standins.spotify_accounts import CLIENT_ID, CLIENT_SECRET, SpotifyAccounts
from standins.table import PLATFORMS, Case
from standins.world import Score, World, offline_settings, run

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


# Each provider's quota, as (calls, seconds, how the README says it).
QUOTAS = {
    "spotify": (90, 30, "about 90 calls / 30 s"),
    "deezer": (50, 5, "50 calls / 5 s"),
    "itunes": (20, 60, "about 20 calls / min"),
    "youtube": (100, 86_400, "100 searches / day"),
    "musicbrainz": (1, 1, "1 call / s"),
}


def main() -> None:
    _quality()
    _speed()


def _table(cases: list[Case]) -> Score:
    world = World(cases)
    with world.running(), tempfile.TemporaryDirectory() as data_dir:
        finder = LinkFinder(build_providers(world.settings(Path(data_dir))), LookupCache(0))
        try:
            return run(world, finder)
        finally:
            finder.close()


def _quality() -> None:
    print("\n## Link quality: the matching table, stand-ins ranking decoys above the work\n")
    for name, cases in (("table", TABLE), ("held-out", HOLDOUT)):
        score = _table(cases)
        print(f"{name} ({len(cases)} cases; right, wrong and missed links; rightly none):\n")
        print("| platform | right | wrong | missed | errors | rightly none | precision | recall |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for platform in (*PLATFORMS, None):
            counts = score.count(platform)
            print(
                f"| {platform or 'all'} | {counts['right']} | {counts['wrong']} "
                f"| {counts['missed']} | {counts['error']} | {counts['absent']} "
                f"| {score.precision(platform):.3f} | {score.recall(platform):.3f} |"
            )
        print()
        precision, recall = score.precision(), score.recall()
        record(Figure(f"link precision, {name}", precision, "", aim="1.000", met=precision == 1))
        record(Figure(f"link recall, {name}", recall, "", aim=">= 0.97", met=recall >= 0.97))
        if name == "table":
            _calls(score, len(cases))
    command("python -m bench lookups")


def _calls(score: Score, lookups: int) -> None:
    print("Provider calls per lookup over the table (cache off; a cached answer costs none):\n")
    print("| provider | mean | max | quota | lookups the quota allows (at the mean) |")
    print("| --- | ---: | ---: | --- | --- |")
    for provider, calls in score.calls.items():
        mean = sum(calls) / lookups
        quota, seconds, said = QUOTAS[provider]
        per = "day" if seconds >= 86_400 else "minute"
        allowed = quota / mean * (1 if per == "day" else 60 / seconds) if mean else float("inf")
        print(
            f"| {provider} | {mean:.2f} | {max(calls)} | {said} | "
            f"{'unbounded' if mean == 0 else f'{allowed:,.0f} a {per}'} |"
        )
    print()


def _speed() -> None:
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
