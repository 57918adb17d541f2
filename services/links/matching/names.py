"""Artist credits and names in other scripts.

A credit such as "Daft Punk feat. Pharrell Williams" has a main artist and guests.
`feat.`, `ft.` and `featuring` set the main artist apart for certain; `with`, `&`, `x`
and `,` may also join a duo or a band's name ("Simon & Garfunkel", "Earth, Wind & Fire"),
so what stands before them is the main artist only perhaps, and matching keeps the
whole credit as a reading too.

A name in another script can be read in Latin letters (`transliterated`), which may
guide a search but is never proof of a match on its own: matching asks for another
agreement (the length of a recording another platform identified).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from services.accounts.ascii import has_kana, readable_ascii
from services.dedup import plain

# `(?<!\s)`: a run of spaces is tried from its start only; `*+`: what a part took, it keeps.
_CERTAIN = re.compile(r"(?<!\s)\s*+[\(\[]?\s*+\b(?:feat\.?|ft\.?|featuring)\s+", re.IGNORECASE)
_PERHAPS = re.compile(r"(?<!\s)\s*,\s*|(?<!\s)\s+(?:&|x|\u00d7|with)\s++(?=\S)", re.IGNORECASE)
_CLOSING = re.compile(r"[\)\]]\s*$")


@dataclass(frozen=True, slots=True)
class Credit:
    """Who a credit names: `main` before the first guest marker, the `guests` after it."""

    full: str
    main: str
    guests: tuple[str, ...] = ()
    certain: bool = True  # the main artist was set apart by feat./ft./featuring


def credit(text: str) -> Credit:
    """`Daft Punk feat. Pharrell Williams` -> main `Daft Punk`, guest `Pharrell Williams`."""
    full = plain(text)
    parts = _CERTAIN.split(full, maxsplit=1)
    if len(parts) == 2:
        main, rest = parts[0].strip(), _CLOSING.sub("", parts[1])
        guests = [name.strip() for name in _PERHAPS.split(rest) if name.strip()]
        return Credit(full, main or full, tuple(guests), certain=True)
    names = [name.strip() for name in _PERHAPS.split(full) if name.strip()]
    if len(names) < 2:
        return Credit(full, full)
    return Credit(full, names[0], tuple(names[1:]), certain=False)


def without_guests(title: str) -> str:
    """A title without its "(feat. …)" / "feat. …" part, as searches want it."""
    title = plain(title)
    return _CERTAIN.split(title, maxsplit=1)[0].strip() or title


def is_latin(text: str) -> bool:
    """No letters of another script (accents are Latin): `Sigur Rós` yes, `Кино` no."""
    for char in text:
        if char.isalpha() and not unicodedata.name(char, "LATIN").startswith("LATIN"):
            return False
    return True


def japanese(*texts: str | None) -> bool:
    """Whether kana appear in any of them: the kanji beside them are read as Japanese."""
    return any(has_kana(text) for text in texts if text)


@lru_cache(maxsize=4096)  # matching asks again for every candidate of a lookup
def transliterated(text: str, in_japanese: bool = False) -> str:
    """`Кино` -> `Kino`, `夜に駆ける` -> `Yoru ni kakeru`: a guide for searches, never proof."""
    return readable_ascii(text, japanese=in_japanese)
