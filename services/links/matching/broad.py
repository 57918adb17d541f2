"""The second, broader pass, for what the precise one did not find (`Query.broad`).

A field search finds nothing for a misspelt name ("Radiohed") or an artist's former
one ("Dixie Chicks", now "The Chicks"); the platform's free-text search forgives a
typo and knows former names, as a person would. So the broad pass searches free text,
by the post's artist and by each name MusicBrainz knows the artist by, and matching
also accepts, at a lower confidence (`confidence.WEAK`):

- a title one typo away, in a word of five letters or more: a letter wrong, missing,
  added, or two swapped ("Viva la Vdia"); never a plural ("Hurts" is not "Hurt");
- an artist one typo away, or credited under a name that holds the post's, or is held
  by it ("Lady Antebellum" and "Lady A", "Snoop Doggy Dogg" and "Snoop Dogg").

Decoys are refused as ever: a cover by another artist, karaoke, a tribute, another
take, a re-recording, the other same-named album.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rapidfuzz.distance import OSA

from services.links.matching.agreement import core_name, core_title, credited_names
from services.links.matching.names import is_latin

if TYPE_CHECKING:
    from services.links.matching.model import Candidate
    from services.links.query import Query

TYPO_TITLE_LETTERS = 5
TYPO_NAME_LETTERS = 4
"""A typo is forgiven in a word this long or longer (shorter ones are other words)."""

MOST_NAMES = 3
"""Free-text searches of a broad pass at most: the post's artist and two other names."""


def free_text_forms(artist: str, title: str, aliases: tuple[str, ...]) -> list[str]:
    """What to search free text by: the post's artist and title, then each other name
    of the artist in the title's script (a Latin alias for a Latin title)."""
    names = [artist, *(a for a in aliases if is_latin(a) == is_latin(title))]
    texts = [f"{name} {title}".strip() for name in dict.fromkeys(names)]
    return texts[:MOST_NAMES]


def one_typo(asked: str, offered: str, letters: int) -> bool:
    """Whether two folded names differ by one typo in one word of `letters` or more
    letters: a letter wrong, missing, added, or two swapped; not a plural's "s"."""
    asked_words, offered_words = asked.split(), offered.split()
    if len(asked_words) != len(offered_words):
        return False
    differing = [(a, o) for a, o in zip(asked_words, offered_words, strict=True) if a != o]
    if len(differing) != 1:
        return False
    a, o = differing[0]
    if min(len(a), len(o)) < letters or _plural(a, o):
        return False
    return OSA.distance(a, o, score_cutoff=1) <= 1


def renamed(asked: str, offered: str) -> bool:
    """Whether two folded artist names may be one artist under a former and a present
    name: every word of the shorter is a word (or the initial of one) of the longer,
    which adds at most two words, and they share a word of four letters or more."""
    shorter, longer = sorted(
        (asked.split(), offered.split()), key=lambda w: (len(w), len("".join(w)))
    )
    if not shorter or shorter == longer or len(longer) - len(shorter) > 2:
        return False
    rest = list(longer)
    for word in shorter:
        match = next((w for w in rest if w == word), None)
        match = match or next((w for w in rest if len(word) == 1 and w.startswith(word)), None)
        if match is None:
            return False
        rest.remove(match)
    return any(len(word) >= TYPO_NAME_LETTERS and word in longer for word in shorter)


def forgiven_title(query: Query, candidate: Candidate[Any]) -> bool:
    """The candidate's title is the post's but for one typo (never a plural)."""
    offered = core_title(candidate.title)
    return one_typo(core_title(query.title), offered, TYPO_TITLE_LETTERS)


def forgiven_artist(query: Query, candidate: Candidate[Any]) -> bool:
    """The credited artist is the post's, one typo away, or under a present name the
    platform's free text knows the post's by: the names share a word, and the post's
    has a word the candidate nowhere shows ("Dixie Chicks" found "The Chicks"; not
    "Obscure Band" found "Another Obscure Band", which shows every word of it)."""
    asked = {core_name(name) for name in (query.credit.full, query.credit.main)}
    offered = {core_name(name) for name in credited_names(candidate.artists)}
    shown = set(
        core_name(" ".join([candidate.title, *candidate.artists, candidate.album or ""])).split()
    )
    return any(
        one_typo(a, o, TYPO_NAME_LETTERS) or (renamed(a, o) and not set(a.split()) <= shown)
        for a in asked
        for o in offered
    )


def _plural(one: str, other: str) -> bool:
    return one == other + "s" or other == one + "s"
