"""What tells apart works of one artist that share a name.

An artist's self-titled albums ("Weezer", "Peter Gabriel") are told apart by a colour or
a number that only some stores put in the title ("Weezer (Green Album)", "Peter Gabriel 2:
Scratch"), or by year, track count and UPC; a sequel by its number ("The Blueprint 3",
"Van Halen II"). So: titles whose numbers differ are other works, whatever else they
share; two qualifiers that differ ("(Blue Album)", "(Green Album)") name other albums;
and two passing albums of different years or track counts, neither a reissue, are other
albums that only a year, a track count or an identifier can choose between.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from services.dedup import fold_text
from services.links.matching.versions import is_reissue

if TYPE_CHECKING:
    from services.links.matching.model import Candidate
    from services.links.query import Query

SAME_YEAR = 1
"""Release years this close are one release (a late-December date, a regional one)."""

_ROMAN = {
    "ii": 2, "iii": 3, "iv": 4, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "xi": 11, "xii": 12,
    "xiii": 13, "xiv": 14, "xv": 15, "xvi": 16, "xvii": 17, "xviii": 18, "xix": 19, "xx": 20,
}  # fmt: skip
# A lone "I", "V" or "X" is a word as often as a number: only after part, volume...
_COUNTED_ROMAN = re.compile(r"\b(?:part|pt|vol|volume|chapter|book|no)\.?\s+([ivx]+)\b")
_ROMAN_WORD = re.compile(r"\b(?:" + "|".join(sorted(_ROMAN, key=len, reverse=True)) + r")\b")
_NUMBER = re.compile(rf"\d+|{_ROMAN_WORD.pattern}")
_QUALIFIER = re.compile(r"[\(\[]\s*([\w'-]+(?:\s[\w'-]+)?)\s+(?:album|record|lp)\s*[\)\]]")
_NOT_QUALIFIERS = frozenset(
    {"the", "full", "complete", "original", "debut", "new", "studio", "double", "first", "live"}
)


def numbers(core: str) -> tuple[int, ...]:
    """The numbers a core title holds, Roman ones as numbers: `chicago ii` -> (2,)."""
    found = [int(n) if n.isdigit() else _ROMAN[n] for n in _NUMBER.findall(core)]
    found += [_roman(n) for n in _COUNTED_ROMAN.findall(core)]
    return tuple(sorted(n for n in found if n))


def with_arabic_numbers(core: str) -> str:
    """A core title with its Roman numbers written in digits: `chicago ii` -> `chicago 2`."""
    return _ROMAN_WORD.sub(lambda found: str(_ROMAN[found[0]]), core)


def qualifier(title: str) -> str | None:
    """The word that names one of several same-titled albums: "Weezer (Green Album)" ->
    `green`; None for edition words ("(Deluxe Album)") or none at all."""
    found = _QUALIFIER.search(fold_text(title))
    if not found or is_reissue(found[1]) or found[1] in _NOT_QUALIFIERS:
        return None
    return found[1]


def other_album(one: Candidate[Any], other: Candidate[Any]) -> bool:
    """Whether two same-named albums are different albums: their years or track counts
    differ and neither is a reissue (which carries its own year and bonus tracks)."""
    if one is other or is_reissue(fold_text(one.title)) or is_reissue(fold_text(other.title)):
        return False
    if one.year and other.year and abs(one.year - other.year) > SAME_YEAR:
        return True
    return bool(one.track_count and other.track_count and one.track_count != other.track_count)


def undated(query: Query, group: list[Candidate[Any]]) -> bool:
    """Same-named candidates that only a year could tell apart, and the platform did not
    say theirs: two albums, or a post's year against takes on different albums."""
    if len(group) < 2 or all(c.year is not None for c in group):
        return False
    if query.kind == "album":
        return True
    return bool(query.year) and len({c.album for c in group}) > 1


def as_found_elsewhere(query: Query, candidate: Candidate[Any]) -> bool:
    """The album has the year and track count of the one another platform found."""
    if not (query.release_year or query.track_count):
        return False
    facts = [(query.release_year, candidate.year), (query.track_count, candidate.track_count)]
    return all(known == have for known, have in facts if known)


def _roman(text: str) -> int:
    values = {"i": 1, "v": 5, "x": 10}
    total = 0
    for here, after in zip(text, [*text[1:], ""], strict=True):
        value = values[here]
        total += -value if after and values[after] > value else value
    return total
