"""Which version of a work a title names: another take (live, acoustic, remix, karaoke...),
a reissue of the same recording (remastered, mono, deluxe), or another cut (radio edit).

A candidate is refused when it is another take than the post names, either way: the post
asks for "Creep (Acoustic)" and the candidate is the studio take, or the post asks for
"Creep" and the candidate is live. Live and acoustic go together (an unplugged session is
both), so naming one admits the other. Reissues and cuts are the same song: they are
allowed, ranked below the plain title, and a cut explains why the lengths differ.
All patterns match folded text (`fold_text`).
"""

from __future__ import annotations

import re

from services.dedup import plain

_BRACKET = r"[\(\[\uff08\uff3b]"
_CLOSER = r"[\)\]\uff09\uff3d]"
_INSIDE = r"[^\(\[\uff08\uff3b\)\]\uff09\uff3d]"
"""A character inside the innermost brackets (neither opens nor closes one)."""
_DASH = r"\s[-\u2013\u2014]\s"

TAKES: dict[str, re.Pattern[str]] = {
    name: re.compile(pattern)
    for name, pattern in {
        "live": (
            rf"{_BRACKET}{_INSIDE}*\blive\b|{_DASH}(?:(?!{_DASH}).)*\blive\b"
            r"|\blive (?:at|in|from|on)\b"
            r"|^live(?:\s*[:(\[-]|$)|\bunplugged\b|\bin concert\b|\bconcert (?:at|in)\b"
            r"|\b(?:performance|recorded) (?:at|in|from|live)\b"
        ),
        "acoustic": r"\bacoustic\b|\bunplugged\b",
        "remix": (
            r"\bremix(?:ed|es)?\b|\brework\b"
            r"|(?<!original )(?<!album )(?<!radio )(?<!stereo )(?<!mono )(?<!\d{4} )\bmix\b"
        ),
        "karaoke": r"\bkaraoke\b|\bsing-?along\b",
        "tribute": r"\btribute\b",
        "style of": r"\bin the style of\b|\bmade famous by\b|\boriginally performed by\b",
        "cover": r"\bcovers?\b|\bcovered by\b",
        "8-bit": r"\b8[\s-]?bit\b|\bchiptune\b",
        "lullaby": r"\blullab(?:y|ies)\b",
        "instrumental": r"\binstrumentals?\b|\binst\.?(?=[\s)\]]|$)|\boff ?vocal\b",
        "demo": rf"{_BRACKET}\s*demo\b|{_DASH}demo\b|\bdemo version\b",
        "take": r"\btake \d+\b|\bouttakes?\b|\balternate\b",
        "altered": r"\bsped up\b|\bslowed\b|\bnightcore\b|\breverb(?:ed)?\b|\b8d\b|\btv size\b",
        "medley": r"\bmedley\b|\bmash-?up\b",
        "version": (
            r"\b(?!(?:album|single|radio|original|remastered|remaster|mono|stereo|explicit"
            r"|clean|lp|full|long)\b)[\w']+ (?:version|ver\.)(?=\W|$)|\bversion (?!\d)\w+"
        ),
    }.items()
}
PERFORMANCE = frozenset({"live", "acoustic"})
"""Takes that go together: naming one admits the other."""

ALBUM_TAKES = frozenset(TAKES) - {"version", "take"}
"""What an album's title tells about its tracks ("Live at Leeds", "Acoustic Sessions")."""

REISSUE = re.compile(
    r"\bremaster(?:ed)?\b|\bmono\b|\bstereo\b|\bdeluxe\b|\bexpanded\b|\banniversary\b"
    r"|\bbonus\b|\breissue\b|\bexplicit\b|\bclean\b|\bedition\b|\b\d{4} mix\b"
)
CUT = re.compile(
    r"\bradio (?:edit|mix|version)\b|\bedit\b|\bsingle version\b|\bextended\b"
    r"|\bshort version\b|\blong version\b"
)
_WORDS = (
    r"remaster(?:ed)?|deluxe|edition|expanded|anniversary|bonus|version|ver\.|mono|stereo"
    r"|explicit|clean|radio edit|edit|single|ep|album|special|collector'?s|reissue|\d{4}"
    r"|live|acoustic|unplugged|remix(?:ed)?|mix|rework|karaoke|instrumental|inst\.?|demo"
    r"|take \d+|outtake|sped up|slowed|nightcore|tv size|extended|session|sessions"
    r"|feat\.?|ft\.?|featuring|with"
)
# "(Remastered 2019)", "[Live at Leeds]", "(feat. X)": a bracket known to close (the
# look-ahead) is searched for a word once, then taken to its end in one step.
_BRACKETED = re.compile(
    rf"(?<!\s)\s*{_BRACKET}(?={_INSIDE}*+{_CLOSER}){_INSIDE}*?\b(?:{_WORDS})\b{_INSIDE}*+{_CLOSER}",
    re.IGNORECASE,
)
# "- Remastered 2019", "- Live at Wembley", "- Single"
_DASHED = re.compile(rf"{_DASH}(?=[^-]*+$)[^-]*?\b(?:{_WORDS})\b", re.IGNORECASE)


def takes(text: str) -> frozenset[str]:
    """The takes a folded title (or artist, or album) names."""
    text = plain(text)
    return frozenset(name for name, pattern in TAKES.items() if pattern.search(text))


def refused_take(asked: frozenset[str], offered: frozenset[str]) -> str | None:
    """Why a candidate offering `offered` takes is not what a post naming `asked` wants."""
    missing = asked - offered
    if missing:
        return f"not {sorted(missing)[0]}"
    extra = offered - asked
    if asked & PERFORMANCE:
        extra -= PERFORMANCE
    return sorted(extra)[0] if extra else None


def is_reissue(text: str) -> bool:
    return bool(REISSUE.search(text))


def is_cut(text: str) -> bool:
    return bool(CUT.search(text))


def without_versions(title: str) -> str:
    """A title without its version and edition parts: "X (Live) - Remastered" -> "X"."""
    title = plain(title)
    previous = None
    while previous != title:  # "X (Deluxe) - Remastered 2019" has two layers
        previous = title
        title = _BRACKETED.sub("", title)
        dashed = _DASHED.search(title)
        title = title[: dashed.start()] if dashed else title
    return title.strip()
