"""The rounds of one lookup: who is asked, with what the others have learned by then.

Round one asks the identifier givers and those that need nothing from them; round two
asks again a giver that missed when another gave something to find the work by (an
identifier, the artist's aliases). When a giver still has nothing and no platform has
found the work, a broader pass follows (`Query.broad`): MusicBrainz for the artist's
other names (a post in Latin letters: one in another script asked it in round one), then
the platform's free-text search, which forgives a typo and knows former names, matched
with the broad rules (`services.links.matching.broad`); what that finds (an identifier)
goes back to the givers that still miss. The providers that wait for all that (iTunes,
YouTube) come last. Each provider is asked again only with something new.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from services.links.platforms.provider import LinkProvider
from services.links.query import ProviderResult, Query

Run = Callable[[list[LinkProvider], Query], dict[str, ProviderResult]]


class Rounds:
    """What one lookup has asked and learned so far; `results` per provider name."""

    def __init__(
        self, run: Run, query: Query, known: Mapping[str, ProviderResult] | None = None
    ) -> None:
        """`known`: answers given already, by provider name (a link's own platform, read
        by its id), learned from before anyone is asked."""
        self._run = run
        self.query = query
        self.results: dict[str, ProviderResult] = dict(known or {})
        self.learned = learned_from(query, self.results.values())
        self._asked: dict[str, Query] = {}

    def ask(self, providers: Iterable[LinkProvider]) -> None:
        """Ask these providers with everything learned so far."""
        providers = list(providers)
        if not providers:
            return
        answers = self._run(providers, self.learned)
        for provider in providers:
            self._asked[provider.name] = self.learned
            answer = answers[provider.name]
            before = self.results.get(provider.name)
            # A helper's empty second answer must not hide what its first one said.
            if before is None or answer.links or not _empty(answer):
                self.results[provider.name] = answer
        self.learned = learned_from(self.learned, self.results.values())

    def ask_again(self, providers: Iterable[LinkProvider]) -> None:
        """Ask again the givers that missed, if there is something new to find it by."""
        self.ask(p for p in providers if self._missing(p) and self._news_for(p))

    def broaden(self, providers: Iterable[LinkProvider]) -> None:
        """A broader pass for the givers that still have nothing, when no platform found
        the work yet, then what it taught to those that still miss."""
        providers = list(providers)
        if self.learned.identifier:
            return  # found elsewhere: what misses it here lacks that release
        # Versions it could not tell apart: a broader search would not tell them either.
        missing = [p for p in providers if self._missing(p) and not self.results[p.name].ambiguous]
        if not missing:
            return
        self.learned = self.learned.broadened()
        self.ask(p for p in providers if p.gives_identifiers and not p.platforms)
        self.ask(missing)
        self.ask_again(providers)

    def _missing(self, provider: LinkProvider) -> bool:
        result = self.results.get(provider.name)
        return (
            result is not None
            and provider.gives_identifiers
            and provider.uses_identifier(self.query.kind)
            and missed(result)
        )

    def _news_for(self, provider: LinkProvider) -> bool:
        """Whether there is something new to find the work by since it was last asked."""
        asked = self._asked.get(provider.name, self.query)
        learned = self.learned
        return learned.identifier != asked.identifier or learned.aliases != asked.aliases


def learned_from(query: Query, results: Iterable[ProviderResult]) -> Query:
    """The query with what the platforms that found the work know of it, most confident
    first (their identifiers win); MusicBrainz, which has no links, adds its part."""
    learned = query
    for result in by_confidence(r for r in results if _found(r) or not r.links):
        learned = learned.with_evidence(result)
    return learned


def by_confidence(results: Iterable[ProviderResult]) -> list[ProviderResult]:
    """Platforms' results, most confident first; MusicBrainz's (no link) after them."""
    return sorted(results, key=lambda r: r.confidence if r.links else 0.0, reverse=True)


def missed(result: ProviderResult) -> bool:
    """Every platform of the result is `not_found` (versions it could not tell apart too)."""
    return bool(result.links) and all(
        link.get("status") == "not_found" for link in result.links.values()
    )


def _found(result: ProviderResult) -> bool:
    return any(link.get("status") == "found" for link in result.links.values())


def _empty(result: ProviderResult) -> bool:
    return not (result.isrc or result.upc or result.aliases or result.error)
