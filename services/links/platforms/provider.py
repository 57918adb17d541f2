"""What every provider shares: the `LinkProvider` protocol and a base turning faults into links."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from services.dedup import fold_text
from services.links.matching.agreement import alternatives, core_title, similarity
from services.links.matching.broad import free_text_forms
from services.links.matching.candidates import choose, decoy_reason, other_recording_reason
from services.links.matching.confidence import PROVEN, WEAK, of_identifier
from services.links.matching.model import Candidate, Choice
from services.links.matching.names import is_latin, japanese, transliterated
from services.links.matching.versions import is_reissue, without_versions
from services.links.query import ProviderResult, Query, missing
from services.model import MUSIC_KINDS, LinkStatus
from services.providers.guard import Fault

log = logging.getLogger(__name__)
T = TypeVar("T")

IDENTIFIER_TITLE_AGREES = 0.6
"""A work found by an identifier is titled as the post when this alike (an edition's
words aside); less, it is titled otherwise (another script, another language)."""


class LinkProvider(Protocol):
    """One platform (or, for YouTube and TMDB, a source of several platforms' links)."""

    # Read-only properties, so that plain class attributes of any narrower type satisfy them.
    @property
    def name(self) -> str:
        """Names its guard, metrics and cache entries."""

    @property
    def platforms(self) -> tuple[str, ...]:
        """The platforms its links are for (empty when they depend on the answer, as TMDB's)."""

    @property
    def kinds(self) -> frozenset[str]:
        """The kinds of work it looks up; others get no link from it."""

    @property
    def gives_identifiers(self) -> bool:
        """Its matches carry ISRC/UPC that other platforms can be looked up by."""

    @property
    def uses_identifiers(self) -> bool:
        """It can look a work up by ISRC/UPC (another platform's, in a later round)."""

    @property
    def spends_daily_budget(self) -> bool:
        """Each call spends a small daily quota (YouTube's ~100 searches): callers without
        an API key get only what is cached from it."""

    def uses_identifier(self, kind: str) -> bool:
        """Whether it looks works of this kind up by ISRC/UPC (so it waits for the givers)."""

    def waits_for(self, query: Query) -> bool:
        """Whether it asks only once the givers have answered (it uses what they learn)."""

    def find(self, query: Query) -> ProviderResult:
        """Links for the query; faults become `error` links, never exceptions."""


class BaseProvider:
    """Turns every fault and every malformed answer into an `error` link."""

    name = "base"
    platforms: tuple[str, ...] = ()
    kinds: frozenset[str] = MUSIC_KINDS
    gives_identifiers = False
    uses_identifiers = False
    spends_daily_budget = False

    def __init__(self, skip_detail: str | None = None) -> None:
        self._skip_detail = skip_detail

    def find(self, query: Query) -> ProviderResult:
        if query.kind not in self.kinds:
            return ProviderResult()
        if self._skip_detail:
            return self._all("skipped", self._skip_detail)
        try:
            return self.lookup(query)
        except Fault as fault:
            return self._all("error", fault.detail)
        except (KeyError, TypeError, ValueError, AttributeError, IndexError) as error:
            # A provider answering an unexpected shape must never crash a lookup.
            log.warning("malformed answer", extra={"provider": self.name, "error": repr(error)})
            return self._all("error", f"malformed answer from {self.name}")

    def lookup(self, query: Query) -> ProviderResult:
        raise NotImplementedError

    def uses_identifier(self, kind: str) -> bool:
        return self.uses_identifiers and kind in {"album", "track"}

    def waits_for(self, query: Query) -> bool:
        return self.uses_identifier(query.kind) and not self.gives_identifiers

    def _all(self, status: LinkStatus, detail: str | None = None) -> ProviderResult:
        links = {platform: missing(status, detail) for platform in self.platforms}
        return ProviderResult(links=links, error=detail if status == "error" else None)

    def _not_found(self, choice: Choice[Any] | None = None) -> ProviderResult:
        if choice is not None and choice.ambiguous:
            detail = "several versions of that title and nothing to tell them apart"
            links = {platform: missing("not_found", detail) for platform in self.platforms}
            return ProviderResult(links=links, ambiguous=True)
        return self._all("not_found")


def search_forms(query: Query) -> list[tuple[str, str]]:
    """(artist, title) to search by, in order: the main artist as Latin stores write it
    (an alias another platform gave, for a name in another script), with the title in
    Latin letters another platform gave beside it, then a romanised title or artist
    when a length known from elsewhere can prove what it finds."""
    artist, title = query.credit.main, query.search_title
    alias = next((a for a in query.aliases if is_latin(a)), None)
    if alias and not is_latin(artist):
        artist = alias
    forms = [(artist, title)]
    if alias and not is_latin(title):
        # The title as another platform listed it in Latin letters ("Red Flavor").
        named = [a for t in query.titles for a in alternatives(t)[1:] if is_latin(a)]
        forms += [(artist, without_versions(t) or t) for t in dict.fromkeys(named)]
    if query.duration_ms:
        in_japanese = japanese(query.title, query.artist)
        if not is_latin(title):
            forms.append((artist, transliterated(title, in_japanese)))
        elif not is_latin(artist):
            forms.append((transliterated(artist, in_japanese), title))
    return forms


def named_in_latin(query: Query, artist_names: Callable[[str], list[str]]) -> Query:
    """For a post whose artist is written in another script, with no Latin name known
    (MusicBrainz down, or not knowing it): the query with the Latin name the platform's
    own artist search answers for it, a platform that knows the native script (Spotify:
    "아이유" is "IU"); as sure as a search (`confidence.WEAK`). `artist_names(name)`
    asks the platform; decoys' names (a tribute, karaoke) are no name of the artist."""
    artist = query.credit.main
    if not artist or is_latin(artist) or any(is_latin(a) for a in query.aliases):
        return query
    asked = Query(kind="artist", title=artist)
    for name in artist_names(artist):
        if is_latin(name) and not decoy_reason(asked, Candidate(title=name)):
            return query.with_alias(name, WEAK)
    return query


def broad_choice(query: Query, free_text: Callable[[str], list[Candidate[T]]]) -> Choice[T]:
    """What the first free-text search (`broad.free_text_forms`) that matches gives;
    `free_text(text)` asks the platform. The broad pass's matching rules apply."""
    choice: Choice[T] = Choice()
    for text in free_text_forms(query.credit.main, query.search_title, query.aliases):
        choice = choose(query, free_text(text))
        if choice.match or choice.ambiguous:
            break
    return choice


def first_choice(
    query: Query, search: Callable[[str, str], list[Candidate[T]]], again: bool = False
) -> Choice[T]:
    """What the first search form that matches (or finds versions it cannot tell apart)
    gives; `search(artist, title)` asks the platform. Searching `again` (the broad pass
    of a platform round one asked), only the forms round one did not try: a name or a
    title another platform gave since."""
    choice: Choice[T] = Choice()
    forms = search_forms(query)
    if again:  # the post's own names found nothing in round one
        forms = [form for form in forms if form != (query.credit.main, query.search_title)]
    for artist, title in forms:
        choice = choose(query, search(artist, title))
        if choice.match or choice.ambiguous:
            break
    return choice


def by_identifier(query: Query, found: Candidate[Any], proof: float) -> float | None:
    """The confidence of the work an identifier found (`proof`: 1.0 for the post's own,
    else the confidence of the match that gave it); None when the work contradicts the
    post (another take, an album of another year): then the match that gave the
    identifier was wrong, and the identifier proves nothing."""
    if proof < PROVEN and _contradicts(query, found):
        return None
    offered = core_title(found.title)
    agrees = any(
        similarity(core_title(title), offered) >= IDENTIFIER_TITLE_AGREES
        for title in (query.title, *query.titles)
    )
    return of_identifier(proof, agrees)


def _contradicts(query: Query, found: Candidate[Any]) -> bool:
    if other_recording_reason(query, found):
        return True
    if query.kind != "album" or not (query.year and found.year):
        return False
    return abs(query.year - found.year) > 1 and not is_reissue(fold_text(found.title))


def year_of(date: Any) -> int | None:
    """The year of `2009-08-11`, `2009` or an ISO timestamp; None when there is none."""
    text = str(date or "")[:4]
    return int(text) if text.isdigit() else None


def upc_variants(upc: str) -> list[str]:
    """A UPC as platforms store it: as given, without and with leading zeros (UPC-A / EAN-13)."""
    variants = [upc, upc.lstrip("0"), upc.zfill(12), upc.zfill(13)]
    unique: list[str] = []
    for variant in variants:
        if len(variant) >= 8 and variant not in unique:
            unique.append(variant)
    return unique


def quoted(text: str) -> str:
    """A value for a `field:"…"` search filter (inner quotes would end it early)."""
    return '"' + text.replace('"', " ").strip() + '"'
