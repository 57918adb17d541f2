"""Link lookups: how often the right link is found, and how fast.

Quality: every case of the matching table (standins/cases) and of the held-out sets
(standins/holdout, standins/holdout_unseen) looked up through the service's finder
against stand-ins that rank decoys above the work: precision and recall per platform,
and the provider calls a lookup spends, beside each provider's quota.

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

from bench.measure import RUNS
from bench.report import Figure, command, record, section, spread, table, text
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
from standins.holdout_unseen import HOLDOUT_UNSEEN
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
    section(
        "Link quality",
        "Every case of the matching table (`standins/cases/`, the kinds of issues 13 and 23 "
        "with their decoys) and of the held-out sets (`standins/holdout.py` for the kinds of "
        "issue 13, `standins/holdout_unseen/` for those of issue 23: cases written apart "
        "and never tuned against), looked up through the service's finder against stand-ins "
        "that rank covers, karaoke, live twins, tributes and same-titled songs above the "
        "work. A link is right when it is the expected one, wrong when it is another, "
        'missed when none was given though one exists; "rightly none" counts platforms '
        "that do not hold the work and answered `not_found`. Deterministic: measured once.",
    )
    sets = (("table", TABLE), ("held-out", HOLDOUT), ("held-out, issue 23", HOLDOUT_UNSEEN))
    for name, cases in sets:
        score = _table(cases)
        text(f"{name[0].upper()}{name[1:]}, {len(cases)} cases:")
        rows = []
        for platform in (*PLATFORMS, None):
            counts = score.count(platform)
            rows.append(
                [
                    platform or "**all**",
                    *(
                        str(counts[kind])
                        for kind in ("right", "wrong", "missed", "error", "absent")
                    ),
                    f"{score.precision(platform):.3f}",
                    f"{score.recall(platform):.3f}",
                ]
            )
        header = ["platform", "right", "wrong", "missed", "errors", "rightly none"]
        table([*header, "precision", "recall"], rows)
        precision, recall = score.precision(), score.recall()
        record(Figure(f"link precision, {name}", (precision,), "", aim="1.000",
                      met=precision == 1, headline=True))  # fmt: skip
        record(Figure(f"link recall, {name}", (recall,), "", aim=">= 0.98",
                      met=recall >= 0.98, headline=True))  # fmt: skip
        if name == "table":
            _calls(score, len(cases))
    command("python -m bench lookups")


def _calls(score: Score, lookups: int) -> None:
    text("Provider calls per lookup over the table (cache off; a cached answer costs none):")
    rows = []
    for provider, calls in score.calls.items():
        mean = sum(calls) / lookups
        quota, seconds, said = QUOTAS[provider]
        per = "day" if seconds >= 86_400 else "minute"
        allowed = quota / mean * (1 if per == "day" else 60 / seconds) if mean else float("inf")
        allows = "unbounded" if mean == 0 else f"{allowed:,.0f} a {per}"
        rows.append([provider, f"{mean:.2f}", str(max(calls)), said, allows])
        record(Figure(f"{provider} calls per lookup (mean over the table)", (mean,), "calls",
                      bound=said, headline=True))  # fmt: skip
    table(["provider", "mean", "max", "quota", "lookups the quota allows (at the mean)"], rows)


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
    ways: list[tuple[str, Callable[[Query], object], int]] = [
        ("finder (phases in parallel), 1 at a time", finder.find_query, 1),
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
