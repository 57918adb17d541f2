"""What a link's confidence means: how the work was proven, not how alike the names look.

Ranges (docs/links.md, "Confidence"), calibrated on the matching table:

- 1.0: proven by an identifier the post carried (its ISRC or UPC, the title agreeing),
  or a person's correction. Nothing found by a search ever reaches it.
- 0.97-0.99: a search match whose title and artist agree exactly, whose year agrees
  with the post's, and which another platform corroborates (the recording's length,
  the album's track count); or a work found by the identifier of such a match.
- 0.93-0.96: title and artist agree exactly, with the year (0.96) or with nothing to
  check it by (0.93); or found by the identifier of such a match.
- 0.90-0.92: the names agree nearly (a leading "The", an accent, a guest, a reissue's
  words): still the work on the table, every time.
- 0.82-0.89: weaker proofs that matching accepts only with more: a transliteration
  with a length another platform gave, a second broad pass (a typo forgiven, a former
  name), an identifier whose work is titled in another script.

An identifier another platform's search gave is only as good as that search: a work
found by it never gets a higher confidence than the match that gave it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from services.links.matching.agreement import (
    ARTIST_GATE,
    TITLE_GATE,
    artist_agreement,
    title_agreement,
)

if TYPE_CHECKING:
    from services.links.matching.model import Candidate
    from services.links.query import Query

PROVEN = 1.0
SEARCH_PROVEN = 0.99
"""A search match at its best: names, year and another platform's facts all agree."""
EXACT_NAMES = 0.93
YEAR_AGREES = 0.03
CORROBORATED = 0.03
NEAR_NAMES = 0.92
WEAK = 0.88
"""Transliterations and broad passes."""
OTHER_TITLE = 0.9
"""Found by an identifier, titled otherwise than the post (another script, a new name)."""
EXACT = 0.999
"""Agreement this close (after folding) is the same name."""
SAME_LENGTH_MS = 3_000
"""A length another platform gave corroborates a match this close."""


def of_search(
    value: float,
    *,
    title: float,
    artist: float,
    year_agrees: bool,
    corroborated: bool,
    trusted: bool,
    broad: bool = False,
) -> float:
    """A search match's confidence: its score (`value`) within what its proof allows."""
    if broad or not trusted:
        ceiling = WEAK
    elif title >= EXACT and artist >= EXACT:
        ceiling = EXACT_NAMES + YEAR_AGREES * year_agrees + CORROBORATED * corroborated
    else:
        ceiling = NEAR_NAMES
    return round(max(0.0, min(value, ceiling)), 3)


def of_identifier(proof: float, title_agrees: bool) -> float:
    """A work found by an identifier whose `proof` is the post's (1.0) or the confidence
    of the match that gave it; titled otherwise (another script), at most `OTHER_TITLE`."""
    best = PROVEN if proof >= PROVEN else min(proof, SEARCH_PROVEN)
    return best if title_agrees else min(best, OTHER_TITLE)


def calibrated(query: Query, candidate: Candidate[Any], value: float) -> float:
    """A search match's score (`value`) as a confidence: within what the kind of proof
    behind it allows (the ranges above)."""
    if query.kind == "artist":
        return of_search(value, title=value, artist=value, year_agrees=False,
                               corroborated=False, trusted=True)  # fmt: skip
    title, title_trusted = title_agreement(query, candidate.title)
    artist, artist_trusted = (
        artist_agreement(query, candidate.artists, candidate.title) if query.artist else (0, True)
    )
    if query.alias_proof < PROVEN and query.artist:
        # Agreeing only through a name a platform's search gave: as sure as that name.
        plain, _ = artist_agreement(replace(query, aliases=()), candidate.artists, candidate.title)
        if plain < ARTIST_GATE:
            value = min(value, query.alias_proof)
    if query.kind == "album":
        corroborated = bool(query.track_count and query.track_count == candidate.track_count)
    else:
        corroborated = same_length(query, candidate, SAME_LENGTH_MS)
    return of_search(
        value,
        title=title,
        artist=artist,
        year_agrees=bool(query.year and query.year == candidate.year),
        corroborated=corroborated,
        trusted=title_trusted and artist_trusted,
        broad=title < TITLE_GATE or bool(query.artist and artist < ARTIST_GATE),
    )


def same_length(query: Query, candidate: Candidate[Any], within_ms: int) -> bool:
    """The candidate's length is within `within_ms` of one another platform gave."""
    if not (query.duration_ms and candidate.duration_ms):
        return False
    return abs(query.duration_ms - candidate.duration_ms) <= within_ms
