"""Readable ASCII for names in any script, and lines fitted to a character LCD."""

from __future__ import annotations

import re
import unicodedata

from anyascii import anyascii

from services.accounts.japanese import romaji

_SPACES = re.compile(r"\s+")
_KANA = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]")
# HD44780 character ROM A00 shows `\` as a yen sign and `~` as an arrow.
_LCD_UNSAFE = str.maketrans({"\\": "/", "~": "-"})
_SCRIPTS = ("CJK", "HIRAGANA", "KATAKANA", "HANGUL", "ARABIC", "HEBREW", "CYRILLIC", "GREEK")
# The truncation marker of an LCD line: one column, and safe in every HD44780 ROM.
LCD_MORE = "."


def _script(char: str) -> str:
    """A coarse script name; `common` for spaces, digits and punctuation that join runs."""
    if char.isspace() or not char.isalpha():
        return "common"
    name = unicodedata.name(char, "")
    if "PROLONGED SOUND MARK" in name or name.startswith(("HIRAGANA", "KATAKANA")):
        return "kana"
    for script in _SCRIPTS:
        if name.startswith(script):
            return script.lower()
    return "latin"


def _runs(text: str, japanese: bool) -> list[tuple[str, str]]:
    """Runs of one script; in Japanese text, kanji and kana make one `japanese` run."""
    runs: list[tuple[str, str]] = []
    for char in text:
        script = _script(char)
        # Japanese punctuation (`「」。`) goes with its words, so pykakasi reads it too.
        if japanese and (script in ("cjk", "kana") or "\u3000" < char <= "\u303f"):
            script = "japanese"
        if runs and runs[-1][0] == script:
            runs[-1] = (script, runs[-1][1] + char)
        else:
            runs.append((script, char))
    return runs


def _transliterated(script: str, run: str) -> str:
    if script == "japanese":
        return romaji(run)
    ascii_run = anyascii(run)
    caseless = not any(char.isupper() or char.islower() for char in run)
    if caseless and script not in ("latin", "common") and ascii_run.islower():
        ascii_run = ascii_run[:1].upper() + ascii_run[1:]
    return ascii_run


def has_kana(text: str) -> bool:
    """Japanese for certain: kanji beside it are read as Japanese, not as Chinese."""
    return bool(_KANA.search(text))


def readable_ascii(text: str, japanese: bool = False) -> str:
    """`宇多田ヒカル` -> `Utada Hikaru`, `Кино` -> `Kino`, `Beyoncé` -> `Beyonce`.

    Kanji and kana in text with kana, or with `japanese` (the text's context is Japanese:
    `高橋洋子` beside a Japanese title), are Japanese and read as Japanese; everything
    else through anyascii. Runs of different scripts are spaced apart (anyascii would
    glue them) and a run that comes out all lower case (Arabic, Hebrew) is
    capitalized, as a name would be.
    """
    text = unicodedata.normalize("NFC", text)
    parts: list[str] = []
    previous = "common"
    for script, run in _runs(text, japanese=japanese or has_kana(text)):
        if parts and script != "common" and previous != "common" and script != previous:
            parts.append(" ")
        parts.append(_transliterated(script, run))
        previous = script
    # Tabs and line breaks (seen in titles) become spaces; other control characters go.
    kept = "".join(char for char in "".join(parts) if char.isprintable() or char.isspace())
    return _SPACES.sub(" ", kept).strip()


def lcd_line(text: str, width: int) -> str:
    """Exactly `width` printable ASCII characters: padded, or cut with a final `LCD_MORE`.

    Cut, not scrolled: the answer is a snapshot, and a device that wants to scroll
    has the whole `ascii_title` to scroll through.
    """
    line = _SPACES.sub(" ", text.translate(_LCD_UNSAFE)).strip()
    if len(line) > width:
        line = line[: width - 1].rstrip() + LCD_MORE
    return line.ljust(width)
