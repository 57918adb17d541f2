"""What a work posted without a kind is: from its `reclink` first, then from what the
providers find of it as each kind. Never a guess: a kind is adopted only when the
evidence names it alone; until then the work is `unknown` (docs/links.md, "Works
posted without a kind")."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

from injector import inject

from services.links.finder import LinkFinder
from services.links.query import ProviderResult, Query, missing
from services.model import (
    UNKNOWN,
    Kind,
    KindSource,
    Link,
    Recommendation,
    artist_from_title,
    utc_now,
)

CONFIDENT = 0.9
"""A kind's match is confident from this confidence up (matching accepts from 0.82)."""

MUSIC_LOOKS: tuple[Kind, ...] = ("album", "track")
"""Asked only when there is an artist (sent, or read from an `Artist - Work` title):
without one no music search can reach matching's threshold, so the calls would be spent
for nothing. `artist` is never inferred: a name gives no title to tell it by."""
OTHER_LOOKS: tuple[Kind, ...] = ("movie", "series", "book")
"""Asked of every title; a kind no configured provider looks up costs nothing."""


class ReclinkKinds(Protocol):
    """The kind a `reclink` names when it is a platform's link (`open.spotify.com/album/…`
    is an album): the first and surest evidence of a work's kind."""

    def kind_of(self, reclink: str) -> Kind | None:
        """The kind the link names; None when it is no platform link recindex reads."""


@dataclass(frozen=True, slots=True)
class Placement:
    """What inference concluded: a `kind` (and from what), or none; `links` says why
    not, per platform (`error`: asked again later; `not_found` with the reason)."""

    kind: Kind | None = None
    source: KindSource | None = None
    artist: str | None = None
    links: dict[str, Link] = field(default_factory=dict)

    def apply(self, current: Recommendation) -> Recommendation:
        """The stored document with the kind adopted, unless a client named a kind
        meanwhile; the duplicate key stays the posted one (`dedup.posted_kind`). What
        earlier tries said of platforms while the kind was unknown goes (a link found,
        a person's correction, stays)."""
        if self.kind is None or self.source is None or current["kind"] != UNKNOWN:
            return current
        links = current.get("links") or {}
        placed: Recommendation = {
            **current,
            "kind": self.kind,
            "kind_inferred_from": self.source,
            "links": {p: link for p, link in links.items() if link.get("status") == "found"},
            "indexed_at": utc_now(),
        }
        if self.artist and not current.get("artist"):
            placed["artist"] = self.artist
        return placed


@dataclass(frozen=True, slots=True)
class _Look:
    """What round one's providers found of the work as one kind."""

    kind: Kind
    results: Mapping[str, ProviderResult]

    @property
    def links(self) -> dict[str, Link]:
        return {p: link for result in self.results.values() for p, link in result.links.items()}

    @property
    def confident(self) -> bool:
        return any(
            link.get("status") == "found" and float(link.get("confidence", 0)) >= CONFIDENT
            for link in self.links.values()
        )

    @property
    def seen(self) -> bool:
        """Found at all, or as versions nothing told apart: the work may be this kind."""
        found = any(link.get("status") == "found" for link in self.links.values())
        return found or any(result.ambiguous for result in self.results.values())

    @property
    def failed(self) -> bool:
        return any(result.has_errors for result in self.results.values())


class KindInference:
    """Places a work of kind `unknown`: the reclink's kind, else the one kind whose
    providers find it with confidence while no other kind's find it at all."""

    @inject
    def __init__(self, finder: LinkFinder, reclinks: ReclinkKinds) -> None:
        self._finder = finder
        self._reclinks = reclinks

    def place(self, recommendation: Recommendation) -> Placement:
        reclink = recommendation.get("reclink")
        named = self._reclinks.kind_of(reclink) if reclink else None
        if named is not None:
            return Placement(named, "reclink", _artist_for(named, recommendation))
        looks = [self._look(kind, recommendation) for kind in _kinds_to_ask(recommendation)]
        seen = [look for look in looks if look.seen]
        # A look that could not answer might have found the work as another kind.
        others_failed = any(look.failed for look in looks if look not in seen)
        if len(seen) == 1 and seen[0].confident and not others_failed:
            kind = seen[0].kind
            return Placement(kind, "lookup", _artist_for(kind, recommendation))
        return Placement(links=_why_not(looks, seen))

    def _look(self, kind: Kind, recommendation: Recommendation) -> _Look:
        as_kind: Recommendation = {**recommendation, "kind": kind}
        artist = _artist_for(kind, recommendation)
        if artist:
            as_kind["artist"] = artist
        # The query a lookup of that kind makes, so that it finds these answers cached.
        query = Query.of(as_kind, self._finder.country)
        return _Look(kind, self._finder.first_look(query))


def _kinds_to_ask(recommendation: Recommendation) -> tuple[Kind, ...]:
    if _artist_for("album", recommendation):
        return (*MUSIC_LOOKS, *OTHER_LOOKS)
    return OTHER_LOOKS


def _artist_for(kind: Kind, recommendation: Recommendation) -> str | None:
    """The artist a lookup as `kind` goes by: the one sent, or for music the one an
    `Artist - Work` title names."""
    return recommendation.get("artist") or artist_from_title(kind, recommendation["title"])


def _why_not(looks: list[_Look], seen: list[_Look]) -> dict[str, Link]:
    """Each platform asked, for a work left `unknown`: `error` where a provider failed
    (the lookup runs again later), else `not_found` saying why no kind was adopted."""
    asked = ", ".join(look.kind for look in looks)
    if len(seen) > 1:
        detail = f"kind unknown: it matches as {' and '.join(look.kind for look in seen)}"
    elif seen:
        detail = f"kind unknown: it matches as {seen[0].kind}, with too little confidence"
    else:
        detail = f"kind unknown: nothing matched it as {asked}"
    links: dict[str, Link] = {}
    for look in looks:
        for platform, link in look.links.items():
            status = link.get("status")
            if status == "error":
                links[platform] = link  # over a `not_found` another kind gave it
            elif status != "skipped" and platform not in links:
                links[platform] = missing("not_found", detail)
    return links
