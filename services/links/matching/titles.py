"""Words the stores add to a title or leave out, none of which makes another work.

Stores append what a post leaves out: a soundtrack's "(Original Motion Picture
Soundtrack)" or "(Music from the Motion Picture)", a song's 'From "Frozen"/Soundtrack
Version' or '(Love Theme from "Titanic")', an edition's "Deluxe (Expanded Edition)" or
"(International Special Edition Version)"; and posts drop a leading "The" ("Joshua
Tree"). A soundtrack is still another album than the film's score, though: when both
titles say which they are, they must agree (`soundtrack_kind`).
"""

from __future__ import annotations

import re

from services.dedup import fold_text
from services.links.matching.versions import takes

# As in `versions`: `(?<!\s)` tries a run of spaces from its start only, and what a part
# took it keeps (`*+`, `++`); a bracket is the innermost one.
_BRACKETED = re.compile(r"(?<!\s)\s*[\(\[]([^\(\)\[\]]*+)[\)\]]")
_DASHED = re.compile(r"\s[-\u2013\u2014]\s(.+)$")
_SOUNDTRACK = re.compile(
    r"\b(?:soundtrack|score|o\.?s\.?t|music from|songs from|cast recording|motion picture)\b"
)
_SCORE = re.compile(r"\bscore\b")
_FROM = re.compile(r"^(?:(?:love\s+)?theme\s+)?from\b")
_EDITION = re.compile(r"\bedition\b")
_TRAILING = re.compile(
    r"(?<!\s)\s++(?:o\.?s\.?t\.?|(?:original\s++)?soundtrack|(?:super\s++)?deluxe(?:\s++edition)?)$",
    re.IGNORECASE,
)
_LEADING_THE = re.compile(r"^the\s+")


def without_store_words(title: str) -> str:
    """The title without the parts stores add: `Interstellar (Original Motion Picture
    Soundtrack)` -> `Interstellar`, `Let It Go - From "Frozen"/Soundtrack Version` ->
    `Let It Go`, `Purple Rain Deluxe (Expanded Edition)` -> `Purple Rain`."""
    text, previous = title, None
    while previous != text:  # "X Deluxe (Expanded Edition)" has two layers
        previous = text
        text = _BRACKETED.sub(lambda part: "" if _store_part(part[1]) else part[0], text)
        dashed = _DASHED.search(text)
        if dashed and _store_part(dashed[1]):
            text = text[: dashed.start()]
        text = _TRAILING.sub("", text).strip()
    return text or title


def soundtrack_kind(title: str) -> str | None:
    """`score` or `soundtrack` when the title says it is one, else None."""
    folded = fold_text(title)
    parts = [m[1] for m in _BRACKETED.finditer(folded)]
    dashed = _DASHED.search(folded)
    parts += [dashed[1]] if dashed else []
    parts += [m[0] for m in [_TRAILING.search(folded)] if m and "deluxe" not in m[0]]
    kinds = {"score" if _SCORE.search(p) else "soundtrack" for p in parts if _SOUNDTRACK.search(p)}
    return kinds.pop() if len(kinds) == 1 else None


def without_leading_the(core: str) -> str:
    """A core title without its leading "The": posts often drop it ("Joshua Tree")."""
    return _LEADING_THE.sub("", core) or core


def _store_part(part: str) -> bool:
    """A bracketed or dashed part a store adds: soundtrack words, "from …", an edition."""
    folded = fold_text(part)
    if _SOUNDTRACK.search(folded) or _FROM.search(folded):
        return True
    return bool(_EDITION.search(folded)) and takes(f"({folded})") <= {"version"}
