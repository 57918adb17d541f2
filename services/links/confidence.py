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
