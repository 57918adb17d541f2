"""How sure we are that a platform's candidate is the work asked for.

Precision before recall: a wrong link is worse than none. Names must agree
(`agreement`: titles without guests and version parts, the artist as the whole
credit, its main artist or an alias); a transliteration counts only when the length
of a recording identified elsewhere agrees. Another take than the post names (live,
acoustic, karaoke, a cover...) is refused outright (`versions`); an album never
matches a single. Among what passes, the plain title comes before a reissue or a
radio edit, an album before a compilation; and when two passing takes have different
lengths and nothing else tells them apart, the answer is: ambiguous; so is a choice
between same-named albums that nothing tells apart (`namesakes`). A confidence says
how the match was proven (`confidence`); the broad pass forgives a typo or a former
name (`broad`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, TypeVar

from services.dedup import fold_text
from services.links.matching.agreement import (
    ARTIST_GATE,
    TITLE_GATE,
    artist_agreement,
    core_name,
    similarity,
    title_agreement,
)
from services.links.matching.broad import forgiven_artist, forgiven_title
from services.links.matching.confidence import calibrated, same_length
from services.links.matching.model import Candidate, Choice
from services.links.matching.namesakes import as_found_elsewhere, other_album, qualifier, undated
from services.links.matching.recordings import bare_year, other_recording
from services.links.matching.titles import soundtrack_kind, without_store_words
from services.links.matching.versions import ALBUM_TAKES, is_cut, is_reissue, refused_take, takes
from services.links.query import Query

THRESHOLD = 0.82
"""Below this a candidate is `not_found`: tuned on the matching table (standins/cases)."""

CORROBORATING_MS = 2_000
"""A transliterated match needs a length this close to one identified elsewhere."""

SAME_RECORDING_MS = 5_000
"""Two takes farther apart in length are different recordings (a live one, another mix)."""

AMBIGUITY_MARGIN = 0.01

T = TypeVar("T")

_SINGLE_SUFFIX = re.compile(r"\s[-\u2013\u2014]\s(?:single|ep)$")
# Album names of compilations, for platforms that do not say (Deezer's search answers).
_COMPILATION = re.compile(
    r"\bgreatest hits\b|\bbest of\b|\bthe (?:very )?best\b|\bthe essential\b|\banthology\b"
    r"|\bcollection\b|\bnow that'?s what i call\b"
)
# Takes an artist's name may carry: "Karaoke Stars", "Adele Tribute Band", "8-Bit Arcade".
_ARTIST_TAKES = frozenset({"karaoke", "tribute", "style of", "cover", "8-bit", "lullaby"})


def decoy_reason(query: Query, candidate: Candidate[Any]) -> str | None:
    """Why the candidate is not the work (karaoke, live, another take, a single...), or None."""
    reason = other_recording_reason(query, candidate)
    if reason or query.kind != "album":
        return reason
    record_type = (candidate.record_type or "").lower()
    if record_type in {"single", "ep"} or _SINGLE_SUFFIX.search(fold_text(candidate.title)):
        return "single"
    return None


def other_recording_reason(query: Query, candidate: Candidate[Any]) -> str | None:
    """Why the candidate is another recording or release than the post names (another
    take, a re-recording, the score, the album of another colour), or None. Unlike
    `decoy_reason`, a single or EP is no reason: an identifier may well find one."""
    artists = fold_text(" ".join(candidate.artists))
    asked = takes(_title(query.title)) | (takes(fold_text(query.artist or "")) & _ARTIST_TAKES)
    offered = takes(_title(candidate.title)) | (takes(artists) & _ARTIST_TAKES)
    if candidate.album:
        offered |= takes(fold_text(candidate.album)) & ALBUM_TAKES
    if query.kind == "artist":
        return sorted(offered & _ARTIST_TAKES)[0] if offered & _ARTIST_TAKES else None
    reason = refused_take(asked, offered) or other_recording(
        _title(query.title),
        _title(candidate.title),
        fold_text(candidate.album) if candidate.album else None,
        query.year,
    )
    if reason:
        return reason
    kinds = soundtrack_kind(query.title), soundtrack_kind(candidate.title)
    if None not in kinds and kinds[0] != kinds[1]:
        return f"the {kinds[1]}, not the {kinds[0]}"
    named = qualifier(query.title), qualifier(candidate.title)
    if None not in named and named[0] != named[1]:
        return f"the {named[1]} album"
    return None


def _title(title: str) -> str:
    """A title as its takes are read: what stores add ("Soundtrack Version") is no take."""
    return fold_text(without_store_words(title))


def score(query: Query, candidate: Candidate[Any]) -> float:
    """Confidence 0..1 that the candidate is the work; 0 for a decoy."""
    evidence = _evidence(query, candidate)
    if evidence <= 0:
        return 0.0
    return max(0.0, min(1.0, evidence + _preference(query, candidate)))


def confidence(query: Query, candidate: Candidate[Any]) -> float:
    """How proven the candidate is as the work (`services.links.matching.confidence`); 0 for a
    decoy or another work."""
    value = score(query, candidate)
    return calibrated(query, candidate, value) if value > 0 else 0.0


def choose(query: Query, candidates: Iterable[Candidate[T]]) -> Choice[T]:
    """The best candidate at or above `THRESHOLD`: the best evidence first; among what is
    as well evidenced, the preferred (the original before a reissue or an edit). When
    another as well evidenced take has a different length and nothing explains it (no
    radio edit, no extended mix), the versions are ambiguous: only an identifier or a
    length known from elsewhere can decide. So are same-named albums of different years
    or track counts, unless one has the year and track count another platform found; and
    same-named candidates whose year the platform did not say are `tied`."""
    scored = [(c, _evidence(query, c)) for c in candidates]
    passing = [(c, e) for c, e in scored if e > 0 and e + _preference(query, c) >= THRESHOLD]
    if not passing:
        return Choice()
    strongest = max(e for _, e in passing)
    group = [(c, e) for c, e in passing if strongest - e <= AMBIGUITY_MARGIN]
    top, evidence = max(group, key=lambda pair: pair[1] + _preference(query, pair[0]))
    if query.kind == "track" and any(_other_recording(top, other) for other, _ in group):
        return Choice(ambiguous=True)
    if undated(query, [c for c, _ in group]):
        # Dated, they can be told apart only by a year known here.
        tied = tuple(c for c, _ in group) if query.year or query.release_year else ()
        return Choice(ambiguous=True, tied=tied)
    if query.kind == "album" and any(other_album(top, other) for other, _ in group):
        known = [(c, e) for c, e in group if as_found_elsewhere(query, c)]
        if len(known) != 1:
            return Choice(ambiguous=True)
        top, evidence = known[0]
    return Choice((top, calibrated(query, top, evidence + _preference(query, top))))


def best(query: Query, candidates: Iterable[Candidate[T]]) -> tuple[Candidate[T], float] | None:
    """The best candidate at or above `THRESHOLD` (none when versions are ambiguous)."""
    return choose(query, candidates).match


def _evidence(query: Query, candidate: Candidate[Any]) -> float:
    """How well names, year and length agree: 0 for a decoy or another work."""
    if decoy_reason(query, candidate):
        return 0.0
    if query.kind == "artist":
        names = [candidate.title, *candidate.artists]
        readings = [query.title, *query.aliases]
        return max(similarity(core_name(r), core_name(n)) for r in readings for n in names)
    title, title_trusted = title_agreement(query, candidate.title)
    if title < TITLE_GATE:  # "Hurt" is not "Hurts": near-misses are other works
        if not (query.broad and forgiven_title(query, candidate)):
            return 0.0
        title = TITLE_GATE  # a typo forgiven by the broad pass
    artist_trusted = True
    if query.artist:
        artist, artist_trusted = artist_agreement(query, candidate.artists, candidate.title)
        if artist < ARTIST_GATE:
            if not (query.broad and forgiven_artist(query, candidate)):
                return 0.0
            artist = ARTIST_GATE  # a typo or a former name, forgiven by the broad pass
        value = 0.6 * title + 0.4 * artist
    else:
        # A title alone cannot tell same-titled works apart: never confident enough.
        value = 0.7 * title
    if not (title_trusted and artist_trusted) and not same_length(
        query, candidate, CORROBORATING_MS
    ):
        return 0.0  # a transliteration alone proves nothing
    return value + _year_adjustment(query, candidate) + _duration_adjustment(query, candidate)


def _preference(query: Query, candidate: Candidate[Any]) -> float:
    """The original before a reissue or another cut; the album before a compilation."""
    asked, offered = fold_text(query.title), fold_text(candidate.title)
    value = 0.0
    if is_reissue(offered) != is_reissue(asked):
        value -= 0.02
    if is_cut(offered) and not is_cut(asked):
        value -= 0.04
    if bare_year(offered) and not bare_year(asked):
        value -= 0.03  # a year alone beside the title: perhaps a later recording
    if query.kind == "track":
        # The track on its own album before the same take on a compilation or a single.
        record_type = (candidate.record_type or "").lower()
        if not record_type and candidate.album and _COMPILATION.search(fold_text(candidate.album)):
            record_type = "compilation"
        value -= {"compilation": 0.04, "single": 0.02}.get(record_type, 0)
    return value


def _other_recording(top: Candidate[Any], other: Candidate[Any]) -> bool:
    if not (top.duration_ms and other.duration_ms):
        return False
    if abs(top.duration_ms - other.duration_ms) <= SAME_RECORDING_MS:
        return False
    # A radio edit or an extended mix says why it is shorter or longer.
    return not (is_cut(fold_text(top.title)) or is_cut(fold_text(other.title)))


def _year_adjustment(query: Query, candidate: Candidate[Any]) -> float:
    if not (query.year and candidate.year):
        return 0.0
    gap = abs(query.year - candidate.year)
    if gap == 0:
        return 0.05
    if gap <= 1:
        return 0.02
    if is_reissue(fold_text(candidate.title)):
        return 0.0  # a reissue carries its own year; the work is the same
    return -0.1 if gap <= 5 else -0.2


def _duration_adjustment(query: Query, candidate: Candidate[Any]) -> float:
    if not (query.duration_ms and candidate.duration_ms):
        return 0.0
    gap = abs(query.duration_ms - candidate.duration_ms) / 1000
    if gap <= 3:
        return 0.03
    if gap <= 10:
        return 0.0
    return -0.15 if gap <= 30 else -0.3
