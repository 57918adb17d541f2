"""Which recording a title names beyond its take: a re-recording, or a master of a year.

An artist's re-recording is another recording than the one a post names, whatever its
title shares with it: "Love Story (Taylor's Version)", "Pour Some Sugar On Me
(Re-Recorded)", and a bare year the post does not name, "Leave (Get Out) - 2018" or an
album "The High Road (2018)", when the post's year is another. So is a remaster or mix of
another year than the one the post names: "Come Together - Remastered 2009" is not
"Come Together - 2019 Mix". The re-recording may show only in the album's title
("Fearless (Taylor's Version)"). All patterns match folded text (`fold_text`).
"""

from __future__ import annotations

import re

_YEAR = r"(?:19|20)\d\d"
_RERECORDED = re.compile(
    r"\b\w++['\u2019]s version\b|\bre-?record(?:ed|ing)?\b|\bnew(?:ly)? recorded\b"
    r"|\bnew recording\b"
)
_BARE_YEAR = re.compile(rf"[\(\[]\s*({_YEAR})\s*[\)\]]|\s[-\u2013\u2014]\s({_YEAR})\s*$")
_MASTER_WORDS = r"remaster(?:ed)?|mix|mono|stereo|version|edit"
_MASTERED = (
    rf"\b({_YEAR})\s+(?:digital\s+)?(?:{_MASTER_WORDS})\b|\b(?:{_MASTER_WORDS})\s+({_YEAR})\b"
)
_MASTER_YEAR = re.compile(_MASTERED)
_INSIDE = r"[^\(\[\)\]]"
"""A character inside the innermost brackets (neither opens nor closes one)."""
_UNDASHED = r"[^-\u2013\u2014\(\[\)\]]"
"""A character of a last dashed part (no dash, no bracket)."""
# "(2019 Mix)", "- Remastered 2009": the whole part that names the year. As in
# `versions`: a bracket known to close (a dashed part known to end the title: the
# look-ahead) is searched for the year once, then taken to its end in one step.
_MASTER_PART = re.compile(
    rf"(?<!\s)\s*[\(\[](?={_INSIDE}*+[\)\]]){_INSIDE}*?(?:{_MASTERED}){_INSIDE}*+[\)\]]"
    rf"|\s[-\u2013\u2014]\s(?={_UNDASHED}*+$){_UNDASHED}*?(?:{_MASTERED}){_UNDASHED}*+$",
    re.IGNORECASE,
)


def is_rerecording(text: str) -> bool:
    """Whether a folded title (or album) names a re-recording."""
    return bool(_RERECORDED.search(text))


def bare_year(text: str) -> int | None:
    """The year a folded title carries alone, "(2018)" or "- 2018", else None."""
    found = _BARE_YEAR.search(text)
    return int(found[1] or found[2]) if found else None


def master_year(text: str) -> int | None:
    """The year of the remaster or mix a folded title names ("Remastered 2009", "2019
    Mix"), else None."""
    found = _MASTER_YEAR.search(text)
    return int(found[1] or found[2]) if found else None


def other_recording(
    asked: str, offered: str, album: str | None = None, year: int | None = None
) -> str | None:
    """Why the folded title `offered` (on `album`) names another recording than the post's
    title `asked` of `year`, or None."""
    if is_rerecording(f"{offered} {album or ''}") != is_rerecording(asked):
        return "re-recording" if not is_rerecording(asked) else "not the re-recording"
    for text in (offered, album or ""):
        offered_year = bare_year(text)
        later = offered_year and year and abs(offered_year - year) > 1
        if later and offered_year != bare_year(asked):
            return f"recording of {offered_year}"
    asked_master, offered_master = master_year(asked), master_year(offered)
    if asked_master and offered_master and asked_master != offered_master:
        return f"master of {offered_master}"
    return None


def without_master_year(title: str) -> str:
    """A title without the year of its remaster or mix (what an artist's own video may
    carry: "Here Comes The Sun (2019 Mix)")."""
    return _MASTER_PART.sub("", title).strip() or title
