"""Japanese readings in Latin letters, as names and titles are romanised for display.

anyascii reads every kanji as Mandarin (`宇多田` -> `YuDuoTian`); pykakasi knows the
Japanese readings but gives them as a dictionary does: `高橋洋子` -> `takahashi youko`,
`坂本龍一` as one word, `駆ける` as `kake ru`. Displays want what a record sleeve
prints: `Takahashi Yoko`, `Sakamoto Ryuichi`, `kakeru` (Hepburn without macrons).
"""

from __future__ import annotations

import re
import threading
from functools import cache
from typing import Any

from anyascii import anyascii

_HIRAGANA = re.compile(r"[\u3040-\u309f]")
_KATAKANA = re.compile(r"[\u30a0-\u30ff]")
_KANJI = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf\u3005]")
_OPENED = re.compile(r"([(\[{]) +")
_CLOSED = re.compile(r"(?<! ) +([)\]}.,!?:;])")
# Long vowels are written once on a sleeve: Yōko -> Yoko, Tōkyō -> Tokyo, Ryūichi -> Ryuichi;
# not before another vowel, where they are two syllables (Inoue).
_LONG_O = re.compile(r"o[ou](?![aeiou])")
_LONG_U = re.compile(r"uu")
_DOUBLED = re.compile(r"([aeiou])\1")
# Particles stand apart (`yoru ni`); other kana after a kanji end its word (`kake ru`).
_PARTICLES = frozenset("はがをにのへともでやかねよな") | {"から", "まで", "より", "って"}
_lock = threading.Lock()


@cache
def _kakasi() -> Any:
    # Its dictionaries take about a second to load: only once Japanese text shows up.
    import pykakasi

    return pykakasi.kakasi()


def _convert(text: str) -> list[dict[str, str]]:
    with _lock:
        return list(_kakasi().convert(text))


def romaji(text: str) -> str:
    """`誰かの願いが叶うころ` -> `Dareka no negai ga kanau koro`, `高橋洋子` -> `Takahashi Yoko`.

    Words written without hiragana (names, loanwords) and the first word are capitalized,
    as romanised titles and names are.
    """
    words: list[tuple[str, str]] = []  # (as written, reading)
    for word in _convert(text):
        written, reading = word["orig"], word["hepburn"] or word["orig"]
        if words and _okurigana(words[-1][0], written):
            words[-1] = (words[-1][0] + written, words[-1][1] + reading)
        else:
            words += _split_name(written, reading)
    parts: list[str] = []
    for written, reading in words:
        reading = _sleeve(written, reading)
        if (not parts or not _HIRAGANA.search(written)) and reading.islower():
            reading = reading[:1].upper() + reading[1:]
        parts.append(reading)
    # Words are spaced apart; brackets and punctuation (`「` -> `(`) hug their words.
    return _CLOSED.sub(r"\1", _OPENED.sub(r"\1", anyascii(" ".join(parts))))


def _okurigana(previous: str, written: str) -> bool:
    """A kana ending the word a kanji began: `駆け` + `る` is one word, `夜` + `に` two."""
    return (
        bool(_KANJI.search(previous))
        and len(written) == 1
        and bool(_HIRAGANA.match(written))
        and written not in _PARTICLES
    )


def _split_name(written: str, reading: str) -> list[tuple[str, str]]:
    """A run of kanji read as one word, split where its halves read the same apart:
    `坂本龍一` -> `坂本` + `龍一` (family and given name)."""
    # Three kanji are as often a family name alone (宇多田) as a whole name: left as read.
    if not (4 <= len(written) <= 5 and all(_KANJI.match(char) for char in written)):
        return [(written, reading)]
    for cut in {4: (2,), 5: (3, 2)}[len(written)]:
        left, right = _convert(written[:cut]), _convert(written[cut:])
        if len(left) == len(right) == 1:
            apart = (left[0]["hepburn"], right[0]["hepburn"])
            if "".join(apart) == reading:
                return [(written[:cut], apart[0]), (written[cut:], apart[1])]
    return [(written, reading)]


def _sleeve(written: str, reading: str) -> str:
    """Long vowels written once, for kanji names and katakana words (not for verbs,
    whose final `u` is a syllable of its own: `omou`)."""
    if _HIRAGANA.search(written):
        return reading
    if _KANJI.search(written):
        return _LONG_U.sub("u", _LONG_O.sub("o", reading))
    if _KATAKANA.search(written):
        return _DOUBLED.sub(r"\1", reading)
    return reading
