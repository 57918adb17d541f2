"""A user's now playing as an SVG card: cover, title, artist, progress.

Text is shown as Spotify names it, in its own script (the ASCII forms are for LCDs),
escaped, with characters XML cannot carry removed; nothing in the card runs or loads
anything but the cover, linked where Spotify serves it (recindex fetches nothing for
it). Browsers load that link when the card is opened or embedded as `<object>`; inside
`<img>` (and so on GitHub) they load nothing outside an SVG, and the card shows its
cover's empty square instead.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

SVG_TYPE = "image/svg+xml; charset=utf-8"
SVG_HEADERS = {
    # Opened on its own, the card may show its cover and nothing else may happen.
    "Content-Security-Policy": "default-src 'none'; img-src https: http:",
    "X-Content-Type-Options": "nosniff",
}
WIDTH, HEIGHT = 400, 128
COVER = 104
TEXT_X = 12 + COVER + 14
BAR_WIDTH = WIDTH - TEXT_X - 16
FONT = "'Segoe UI', Helvetica, Arial, 'Noto Sans', 'Noto Sans CJK JP', 'Hiragino Sans', sans-serif"
# Columns each line holds (a wide character, as in CJK, takes two).
TITLE_COLUMNS, ARTIST_COLUMNS = 26, 34
STATUS = {True: "NOW PLAYING", False: "PAUSED"}
# What XML 1.0 cannot carry, and surrogates that UTF-8 cannot.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def now_playing_svg(view: dict[str, Any] | None) -> str:
    """The card for `NowPlaying.current`'s view; None (nothing plays) is a neutral card."""
    if view is None:
        return _card("Nothing playing", "", "", None, None, "NOT PLAYING")
    title = view.get("title") or view.get("ascii_title") or ""
    artist = ", ".join(view.get("artists") or []) or view.get("ascii_artist") or ""
    progress = _progress(view.get("progress_ms"), view.get("duration_ms"))
    status = STATUS[bool(view.get("is_playing"))]
    return _card(title, artist, _cover_url(view.get("image")), progress, view, status)


def _card(
    title: str,
    artist: str,
    cover: str | None,
    progress: float | None,
    view: dict[str, Any] | None,
    status: str,
) -> str:
    label = f"{status.capitalize()}: {title}" + (f" by {artist}" if artist else "")
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
        f' width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" role="img"'
        f' aria-labelledby="label">',
        f'<title id="label">{_text(label)}</title>',
        f'<rect width="{WIDTH}" height="{HEIGHT}" rx="10" fill="#181818"/>',
        f'<rect x="12" y="12" width="{COVER}" height="{COVER}" rx="4" fill="#2a2a2a"/>',
    ]
    if cover:
        # Drawn by a filter, not an <image>: where the cover cannot load (always, inside
        # <img>), Chromium draws a broken-image icon for an <image>, and nothing for this.
        href = _attribute(cover)
        parts += [
            '<filter id="cover" x="0" y="0" width="1" height="1">'
            f'<feImage href={href} xlink:href={href} preserveAspectRatio="xMidYMid slice"/>'
            "</filter>",
            f'<rect x="12" y="12" width="{COVER}" height="{COVER}" filter="url(#cover)"/>',
        ]
    parts += [
        f'<g font-family="{FONT}">',
        f'<text x="{TEXT_X}" y="32" font-size="11" letter-spacing="1.5" font-weight="600"'
        f' fill="#1db954">{status}</text>',
        f'<text class="title" x="{TEXT_X}" y="58" font-size="17" font-weight="700"'
        f' fill="#ffffff">{_text(_fit(title, TITLE_COLUMNS))}</text>',
        f'<text class="artist" x="{TEXT_X}" y="80" font-size="14"'
        f' fill="#b3b3b3">{_text(_fit(artist, ARTIST_COLUMNS))}</text>',
    ]
    if progress is not None and view is not None:
        done = round(BAR_WIDTH * progress, 1)
        parts += [
            f'<rect x="{TEXT_X}" y="96" width="{BAR_WIDTH}" height="4" rx="2" fill="#404040"/>',
            f'<rect class="progress" x="{TEXT_X}" y="96" width="{done}" height="4" rx="2"'
            f' fill="#1db954"/>',
            f'<text x="{TEXT_X}" y="116" font-size="10" fill="#b3b3b3">'
            f"{_clock(view['progress_ms'])}</text>",
            f'<text x="{TEXT_X + BAR_WIDTH}" y="116" font-size="10" fill="#b3b3b3"'
            f' text-anchor="end">{_clock(view["duration_ms"])}</text>',
        ]
    parts += ["</g>", "</svg>"]
    return "\n".join(parts)


def _text(text: str) -> str:
    return escape(_NOT_XML.sub("", text))


def _attribute(text: str) -> str:
    return '"' + escape(_NOT_XML.sub("", text), {'"': "&quot;"}) + '"'


def _cover_url(url: Any) -> str | None:
    """The cover's URL when it is a plain web address (anything else is left out)."""
    if not isinstance(url, str) or any(c.isspace() for c in url):
        return None
    parts = urlsplit(url)
    return url if parts.scheme in ("http", "https") and parts.netloc else None


def _progress(position: Any, duration: Any) -> float | None:
    if not isinstance(position, int) or not isinstance(duration, int) or duration <= 0:
        return None
    return min(1.0, max(0.0, position / duration))


def _clock(milliseconds: int) -> str:
    seconds = max(0, milliseconds) // 1000
    return f"{seconds // 60}:{seconds % 60:02d}"


def _columns(character: str) -> int:
    return 2 if unicodedata.east_asian_width(character) in ("W", "F") else 1


def _fit(text: str, columns: int) -> str:
    """`text`, cut to `columns` (wide characters count two) and ending in `…` when cut."""
    if sum(_columns(c) for c in text) <= columns:
        return text
    kept, used = [], 1  # room for the ellipsis
    for character in text:
        used += _columns(character)
        if used > columns:
            break
        kept.append(character)
    return "".join(kept).rstrip() + "…"
