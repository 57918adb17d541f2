"""Asks every platform where a work is: identifier givers first, then their users.

Round one runs, in parallel, the providers whose matches carry ISRC/UPC (Spotify,
Deezer, MusicBrainz) and those that need nothing from them (TMDB). What the
confident ones learned (identifiers, the length of the recording, the album's UPC and
the track's place, the artist's aliases, the titles they list it under) goes with the
query from then on. Round two asks again the givers that found nothing, or found
versions they could not tell apart, when there is now something to find the work by,
in both directions (Deezer's ISRC for Spotify, Spotify's for Deezer); a broader pass
follows for those that still have nothing (`services.links.rounds`). The last round
runs the providers that wait for all that (iTunes, which looks tracks up by their
album's UPC; YouTube, whose one search is spent knowing every name the others found).
Films and artists have nothing to wait for: everyone runs in one round.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from services.links.cache import LookupCache
from services.links.platforms.provider import LinkProvider
from services.links.query import ProviderResult, Query, missing
from services.links.rounds import Rounds, by_confidence
from services.metrics import LOOKUP_LATENCY, LOOKUPS
from services.model import Link, Recommendation

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class FoundLinks:
    """The outcome of one lookup: a link (or why not) per platform, and cover art."""

    links: dict[str, Link] = field(default_factory=dict)
    cover_img: str | None = None
    attributions: tuple[str, ...] = ()
    covers: dict[str, str] = field(default_factory=dict)
    """Each found platform's own cover art, where its provider gave one."""


class LinkFinder:
    """Asks the providers in rounds, each in parallel (see the module); shares one cache
    between all callers."""

    def __init__(
        self,
        providers: Sequence[LinkProvider],
        cache: LookupCache | None = None,
        country: str = "US",
        lookups_at_once: int = 8,
    ) -> None:
        self._providers = list(providers)
        self._cache = cache if cache is not None else LookupCache(ttl_seconds=0)
        self._country = country
        # Every lookup under way may wait on each provider at once: a smaller pool
        # queues provider calls behind each other, and lookups a second fall with it.
        # Threads are made only as calls need them.
        self._workers = max(8, lookups_at_once * len(self._providers))
        self._pool: ThreadPoolExecutor | None = None  # made at the first lookup
        self._pool_lock = threading.Lock()

    @property
    def providers(self) -> list[LinkProvider]:
        return list(self._providers)

    @property
    def country(self) -> str:
        return self._country

    def find(self, recommendation: Recommendation) -> FoundLinks:
        """Links of a stored recommendation, in the default market."""
        return self.find_query(Query.of(recommendation, self._country))

    def find_query(
        self,
        query: Query,
        timeout: float | None = None,
        spend_daily_budgets: bool = True,
        known: Mapping[str, ProviderResult] | None = None,
    ) -> FoundLinks:
        """Links for a query: every platform's link or the reason there is none.

        With `timeout`, the answer comes within it: a platform that has not answered by
        then is `error` (its call goes on, and its answer is cached for the next ask).
        Without `spend_daily_budgets`, a provider with a daily quota answers from the
        cache or not at all (`skipped`). `known` are answers given already, by provider
        name (a link's own platform): those providers are not asked.
        """
        deadline = None if timeout is None else time.monotonic() + timeout
        given = dict(known or {})
        providers = [p for p in self._providers if query.kind in p.kinds and p.name not in given]
        if not spend_daily_budgets:
            providers = [
                _CacheOnly(p, self._cache) if p.spends_daily_budget else p for p in providers
            ]
        if query.kind not in {"album", "track"}:
            return _combine({**given, **self._run(providers, query, deadline)})
        waiting = [p for p in providers if p.waits_for(query)]
        first = [p for p in providers if p not in waiting]
        rounds = Rounds(lambda asked, q: self._run(asked, q, deadline), query, given)
        rounds.ask(first)
        # Round two: a giver that missed (or saw versions it could not tell apart) asks
        # again when another gave what finds the work: an identifier or the artist's
        # aliases it did not have. Then a broader pass, for what is still missing.
        rounds.ask_again(first)
        rounds.broaden(first)
        rounds.ask(waiting)
        return _combine(rounds.results)

    def first_look(self, query: Query) -> dict[str, ProviderResult]:
        """What round one's providers answer of `query` (each provider's result by name),
        without those spending a daily quota and those waiting for others: the cheap
        look kind inference takes at each kind (`services.lookups.kinds`). It goes through
        the cache, so a lookup of the same query afterwards asks them nothing again."""
        providers = [
            p
            for p in self._providers
            if query.kind in p.kinds and not p.spends_daily_budget and not p.waits_for(query)
        ]
        return self._run(providers, query)

    def close(self) -> None:
        """Release the threads; a later lookup makes new ones. (The providers' clients are
        closed with the process: `services.closing`.)"""
        with self._pool_lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)

    def _executor(self) -> ThreadPoolExecutor:
        with self._pool_lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(self._workers, thread_name_prefix="provider")
            return self._pool

    def _run(
        self, providers: list[LinkProvider], query: Query, deadline: float | None = None
    ) -> dict[str, ProviderResult]:
        pool = self._executor()
        futures = {p: pool.submit(self._ask, p, query) for p in providers}
        results: dict[str, ProviderResult] = {}
        for provider, future in futures.items():
            left = None if deadline is None else max(0.0, deadline - time.monotonic())
            try:
                results[provider.name] = future.result(timeout=left)
            except TimeoutError:
                # Not started yet: it never will (the pool's queue does not grow with
                # hanging providers). Started: it finishes on its own.
                future.cancel()
                detail = f"{provider.name} did not answer in time"
                links = {platform: missing("error", detail) for platform in provider.platforms}
                results[provider.name] = ProviderResult(links=links)
        return results

    def _ask(self, provider: LinkProvider, query: Query) -> ProviderResult:
        if isinstance(provider, _CacheOnly):
            return provider.find(query)  # computes nothing: no answer to share or keep
        return self._cache.get_or_compute(
            query.cache_key(provider.name), lambda: self._call(provider, query)
        )

    @staticmethod
    def _call(provider: LinkProvider, query: Query) -> ProviderResult:
        started = time.perf_counter()
        try:
            result = provider.find(query)
        except Exception:  # a provider bug must cost its platforms, not the lookup
            log.exception("provider failed", extra={"provider": provider.name})
            detail = f"{provider.name} failed unexpectedly"
            result = ProviderResult(links={p: missing("error", detail) for p in provider.platforms})
        LOOKUP_LATENCY.labels(provider.name).observe(time.perf_counter() - started)
        for link in result.links.values():
            LOOKUPS.labels(provider.name, link.get("status", "error")).inc()
        return result


class _CacheOnly:
    """A provider with a daily quota as seen by callers who may not spend it: its cached
    answers, and `skipped` for anything else."""

    def __init__(self, provider: LinkProvider, cache: LookupCache) -> None:
        self._provider = provider
        self._cache = cache
        self.name = provider.name
        self.platforms = provider.platforms
        self.kinds = provider.kinds
        self.gives_identifiers = provider.gives_identifiers
        self.uses_identifiers = provider.uses_identifiers
        self.spends_daily_budget = True

    def uses_identifier(self, kind: str) -> bool:
        return self._provider.uses_identifier(kind)

    def waits_for(self, query: Query) -> bool:
        return self._provider.waits_for(query)

    def find(self, query: Query) -> ProviderResult:
        cached = self._cache.get(query.cache_key(self.name))
        if cached is not None:
            return cached
        detail = f"{self.name}'s daily quota is spent only for callers with an API key"
        return ProviderResult(links={p: missing("skipped", detail) for p in self.platforms})


def _combine(results: dict[str, ProviderResult]) -> FoundLinks:
    """Every provider's links, with the cover of the most confident match."""
    links: dict[str, Link] = {}
    for result in results.values():
        links.update(result.links)
    ranked = [r for r in by_confidence(results.values()) if r.cover_img and r.confidence > 0]
    attributions = tuple(dict.fromkeys(r.attribution for r in results.values() if r.attribution))
    covers = {
        platform: result.cover_img
        for result in results.values()
        if result.cover_img
        for platform, link in result.links.items()
        if link.get("status") == "found"
    }
    return FoundLinks(
        links=links,
        cover_img=ranked[0].cover_img if ranked else None,
        attributions=attributions,
        covers=covers,
    )
