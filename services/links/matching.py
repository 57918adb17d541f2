"""How sure we are that a platform's candidate is the work asked for.

Precision before recall: a wrong link is worse than none. Titles and artists are
folded (case, accents, spacing) and stripped of edition noise before they are
compared; decoys (karaoke, tributes, covers, live takes, ...) are rejected
outright unless the query itself asks for one; an album never matches a single.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from rapidfuzz import fuzz

from services.dedup import fold_text
from services.links.query import Query

THRESHOLD = 0.82
"""Below this a candidate is `not_found`: tuned on tests/links/test_matching.py."""

TITLE_GATE = 0.9
ARTIST_GATE = 0.85
"""Below either, the candidate is another work, however well the rest matches."""

T = TypeVar("T")

_EDITION_WORDS = (
    r"remaster(?:ed)?|deluxe|edition|expanded|anniversary|bonus|version|mono|stereo|explicit"
    r"|clean|feat\.?|ft\.?|featuring|with|radio edit|single|ep|album|special|collector'?s"
    r"|reissue|\d{4}"
)
# "(Remastered 2019)", "[Deluxe Edition]", "(feat. X)"
_BRACKETED_NOISE = re.compile(rf"\s*[\(\[][^\)\]]*\b(?:{_EDITION_WORDS})\b[^\)\]]*[\)\]]")
# "- Remastered 2019", "- 2011 Remaster", "- Single", "- Deluxe Edition"
_DASH_NOISE = re.compile(rf"\s+[-\u2013\u2014]\s+(?:[^-]*\b(?:{_EDITION_WORDS})\b[^-]*)$")
# "Song feat. X" without brackets
_FEATURING = re.compile(r"\s+(?:feat\.?|ft\.|featuring)\s+.*$")
_LEADING_THE = re.compile(r"^the\s+")
_PUNCTUATION = re.compile(r"[\"'\u2018\u2019\u201c\u201d!?.,:;]+")
_AND = re.compile(r"\s*(?:&|\+)\s*")

# Markers of something that is not the work itself; word-bounded on folded text.
_DECOYS = {
    "karaoke": r"\bkaraoke\b",
    "tribute": r"\btribute\b",
    "style of": r"\bin the style of\b|\bmade famous by\b|\boriginally performed by\b",
    "cover": r"\bcovers?\b|\bcovered by\b",
    "8-bit": r"\b8[\s-]?bit\b|\bchiptune\b",
    "instrumental": r"\binstrumentals?\b",
    "lullaby": r"\blullab(?:y|ies)\b",
    "remix": r"\bremix(?:ed|es)?\b",
    "acoustic": r"\bacoustic\b",
    "demo": r"[\(\[]\s*demo\b|\s[-\u2013\u2014]\s+demo\b",
}
# Live takes are marked in a bracket or after a dash, or named "Live at/in/from ...".
_LIVE = re.compile(
    r"[\(\[][^\)\]]*\blive\b|\s[-\u2013\u2014]\s.*\blive\b|\blive (?:at|in|from|on)\b"
    r"|^live\b|\bunplugged\b|\bin concert\b"
)
_SINGLE_SUFFIX = re.compile(r"\s[-\u2013\u2014]\s(?:single|ep)$")


@dataclass(frozen=True, slots=True)
class Candidate(Generic[T]):
    """One thing a platform offered, in the terms matching needs; `item` is the raw answer."""

    title: str
    artists: Sequence[str] = ()
    year: int | None = None
    duration_ms: int | None = None
    record_type: str | None = None  # album, single, ep, compilation (as the platform says)
    album: str | None = None  # for a track: the album it is on
    item: T | None = field(default=None, compare=False)


def core_title(text: str) -> str:
    """A title without case, accents, punctuation and edition noise."""
    folded = fold_text(text)
    previous = None
    while previous != folded:  # "X (Deluxe) - Remastered 2019" has two layers
        previous = folded
        folded = _BRACKETED_NOISE.sub("", folded)
        folded = _DASH_NOISE.sub("", folded)
        folded = _FEATURING.sub("", folded)
    folded = _PUNCTUATION.sub("", _AND.sub(" and ", folded))
    return " ".join(folded.split()) or fold_text(text)


def core_name(text: str) -> str:
    """An artist name without case, accents, punctuation and a leading "The"."""
    folded = _PUNCTUATION.sub("", _AND.sub(" and ", fold_text(text)))
    return _LEADING_THE.sub("", " ".join(folded.split()))


def similarity(left: str, right: str) -> float:
    """0..1; word order does not matter much ("Kino" vs "Kino, The" style differences)."""
    if not left or not right:
        return 0.0
    return max(fuzz.ratio(left, right), fuzz.token_sort_ratio(left, right)) / 100.0


def decoy_reason(query: Query, candidate: Candidate[object]) -> str | None:
    """Why the candidate is not the work (karaoke, live, a single...), or None."""
    asked = fold_text(f"{query.title} {query.artist or ''}")
    offered = [fold_text(candidate.title), *(fold_text(name) for name in candidate.artists)]
    if candidate.album:
        offered.append(fold_text(candidate.album))
    for reason, pattern in _DECOYS.items():
        if not re.search(pattern, asked) and any(re.search(pattern, text) for text in offered):
            return reason
    if not _LIVE.search(asked):
        live_texts = [fold_text(candidate.title)]
        if candidate.album:
            live_texts.append(fold_text(candidate.album))
        if any(_LIVE.search(text) for text in live_texts):
            return "live"
    if query.kind == "album":
        record_type = (candidate.record_type or "").lower()
        if record_type in {"single", "ep"} or _SINGLE_SUFFIX.search(fold_text(candidate.title)):
            return "single"
    return None


def score(query: Query, candidate: Candidate[object]) -> float:
    """Confidence 0..1 that the candidate is the work; 0 for a decoy."""
    if decoy_reason(query, candidate):
        return 0.0
    if query.kind == "artist":
        names = [candidate.title, *candidate.artists]
        return max(similarity(core_name(query.title), core_name(name)) for name in names)
    title = similarity(core_title(query.title), core_title(candidate.title))
    if title < TITLE_GATE:  # "Hurt" is not "Hurts": near-misses are other works
        return 0.0
    if query.artist:
        artist = _artist_similarity(query.artist, candidate.artists)
        if artist < ARTIST_GATE:
            return 0.0
        value = 0.6 * title + 0.4 * artist
    else:
        # A title alone cannot tell same-titled works apart: never confident enough.
        value = 0.7 * title
    value += _year_adjustment(query, candidate) + _duration_adjustment(query, candidate)
    if query.kind == "track":
        # The track on its own album before the same take on a compilation or a single.
        value -= {"compilation": 0.04, "single": 0.02}.get((candidate.record_type or "").lower(), 0)
    return max(0.0, min(1.0, value))


def best(query: Query, candidates: Iterable[Candidate[T]]) -> tuple[Candidate[T], float] | None:
    """The highest-scoring candidate at or above `THRESHOLD`, or None."""
    ranked = sorted(
        ((candidate, score(query, candidate)) for candidate in candidates),  # type: ignore[arg-type]
        key=lambda pair: pair[1],
        reverse=True,
    )
    if ranked and ranked[0][1] >= THRESHOLD:
        return ranked[0]
    return None


def _artist_similarity(asked: str, artists: Sequence[str]) -> float:
    wanted = core_name(asked)
    names = [core_name(name) for name in artists if name]
    if not names:
        return 0.0
    options = [*names, core_name(" & ".join(artists)), core_name(", ".join(artists))]
    return max(similarity(wanted, name) for name in options)


def _year_adjustment(query: Query, candidate: Candidate[object]) -> float:
    if not (query.year and candidate.year):
        return 0.0
    gap = abs(query.year - candidate.year)
    if gap == 0:
        return 0.05
    if gap <= 1:
        return 0.02
    if re.search(r"remaster|anniversary|reissue|deluxe|expanded", fold_text(candidate.title)):
        return 0.0  # a reissue carries its own year; the work is the same
    return -0.1 if gap <= 5 else -0.2


def _duration_adjustment(query: Query, candidate: Candidate[object]) -> float:
    if not (query.duration_ms and candidate.duration_ms):
        return 0.0
    gap = abs(query.duration_ms - candidate.duration_ms) / 1000
    if gap <= 3:
        return 0.03
    if gap <= 10:
        return 0.0
    return -0.15 if gap <= 30 else -0.3
