"""How sure we are that a YouTube search result is the work: video titles are free text.

A result's title is read three ways ("Artist - Title", "Title - Artist", or the
whole title with the channel as artist) and scored with `matching.score`, after
YouTube's own noise ("(Official Music Video)", "[HD]") is dropped. Decoys are
judged on the raw title first, so "(Official Live Video)" stays a live take.
The artist's own channels rank first: its auto-generated "Artist - Topic"
channel (YouTube Music's art tracks), its VEVO channel, or a channel named like
the artist; an unofficial re-upload needs a near-perfect title to pass.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

from services.dedup import fold_text
from services.links.matching import (
    THRESHOLD,
    Candidate,
    core_name,
    decoy_reason,
    score,
    similarity,
)
from services.links.query import Query

TOPIC_SUFFIX = " - Topic"
OFFICIAL_CHANNEL_BONUS = 0.05
OFFICIAL_TITLE_BONUS = 0.03
UNOFFICIAL_PENALTY = 0.08
CHANNEL_THRESHOLD = 0.9
"""Channel names are free text ("Breaking Benjamin Fans"): an artist page needs more."""

# Bracketed YouTube noise: "(Official Music Video)", "[HD]", "(Visualizer)", "(Audio)".
_NOISE = re.compile(
    r"\s*[\(\[][^\)\]]*\b(?:official|video|audio|visuali[sz]er|hd|hq|4k|mv|m/v|clip)\b[^\)\]]*[\)\]]",
    re.IGNORECASE,
)
_DASH = re.compile(r"\s+[-\u2013\u2014|]\s+")
# Japanese and Chinese uploads quote the title: 宇多田ヒカル『First Love』, 周杰倫「晴天」.
_QUOTED_TITLE = re.compile(r"^(?P<artist>[^『「]+?)\s*[『「](?P<title>[^』」]+)[』」]")
_OFFICIAL_TITLE = re.compile(r"\bofficial\s+(?:music\s+)?(?:video|audio|mv)\b")
# Decoys only YouTube has, judged on the folded raw title.
_DECOYS = {
    "reaction": r"\breact(?:s|ion|ing)?\b",
    "lyrics": r"\blyrics?\b",
    "tutorial": r"\btutorial\b|\blesson\b|\bhow to play\b|\bdrum cam\b",
    "edit": r"\bslowed\b|\bsped up\b|\bnightcore\b|\b8d\b|\breverb(?:ed)?\b|\bbass boosted\b",
    "fan": r"\bfan[\s-]?made\b|\bamv\b|\bmashup\b|\bparody\b",
}


@dataclass(frozen=True, slots=True)
class Result:
    """One `search.list` item: a video or a playlist, with its channel."""

    id: str
    title: str
    channel_id: str
    channel_title: str
    description: str = ""

    @property
    def is_topic(self) -> bool:
        """An auto-generated upload of the "Artist - Topic" channel: a YouTube Music art track."""
        return self.channel_title.endswith(TOPIC_SUFFIX) or self.description.startswith(
            "Provided to YouTube by"
        )

    @property
    def channel_artist(self) -> str:
        """The artist a channel name stands for: "X - Topic", "XVEVO", "X Official" -> X."""
        name = self.channel_title.removesuffix(TOPIC_SUFFIX).strip()
        name = re.sub(r"\s*vevo$", "", name, flags=re.IGNORECASE)
        return re.sub(r"^official\s+|\s+official$", "", name, flags=re.IGNORECASE).strip()


def results(answer: Any, id_field: str) -> list[Result]:
    """The items of a `search.list` answer that carry `id.<id_field>` (`videoId`, `playlistId`)."""
    items = answer.get("items") if isinstance(answer, dict) else None
    if not isinstance(items, list):
        raise ValueError("search.list answer without items")
    found: list[Result] = []
    for item in items:
        if not isinstance(item, dict):
            continue
        ident = (item.get("id") or {}).get(id_field)
        snippet = item.get("snippet") or {}
        if not isinstance(ident, str) or not ident:
            continue
        # search.list answers HTML-escaped text (`&amp;`, `&#39;`).
        found.append(
            Result(
                id=ident,
                title=html.unescape(str(snippet.get("title") or "")),
                channel_id=str(snippet.get("channelId") or ""),
                channel_title=html.unescape(str(snippet.get("channelTitle") or "")),
                description=html.unescape(str(snippet.get("description") or "")),
            )
        )
    return found


def is_official_channel(query: Query, result: Result) -> bool:
    """The artist's own channel: its Topic channel, its VEVO, or one named like it."""
    if result.is_topic or result.channel_title.lower().endswith("vevo"):
        return True
    artist = query.artist if query.kind != "artist" else query.title
    return bool(artist) and _squashed_similarity(artist or "", result.channel_artist) >= 0.9


def youtube_decoy(query: Query, result: Result) -> str | None:
    """Why a result is not the work (karaoke, cover, live, reaction, fan lyrics...), or None."""
    reason = decoy_reason(query, Candidate(title=result.title, artists=[result.channel_title]))
    if reason:
        return reason
    asked = fold_text(f"{query.title} {query.artist or ''}")
    offered = fold_text(result.title)
    for name, pattern in _DECOYS.items():
        if re.search(pattern, offered) and not re.search(pattern, asked):
            if name == "lyrics" and is_official_channel(query, result):
                continue  # the artist's own lyric video is the work, if not its best form
            return name
    return None


def work_score(query: Query, result: Result) -> float:
    """Ranking score of a video or playlist as the work; above 1 for the official ones."""
    if youtube_decoy(query, result):
        return 0.0
    clean = _NOISE.sub("", result.title).strip() or result.title
    readings: list[Candidate[object]] = [Candidate(title=clean, artists=[result.channel_artist])]
    parts = _DASH.split(clean, maxsplit=1)
    if len(parts) == 2:
        left, right = parts
        readings += [Candidate(title=right, artists=[left]), Candidate(title=left, artists=[right])]
    quoted = _QUOTED_TITLE.match(clean)
    if quoted:
        readings.append(Candidate(title=quoted["title"], artists=[quoted["artist"]]))
    base = max(score(query, reading) for reading in readings)
    if base <= 0:
        return 0.0
    if is_official_channel(query, result):
        base += OFFICIAL_CHANNEL_BONUS
    else:
        base -= UNOFFICIAL_PENALTY
    if _OFFICIAL_TITLE.search(fold_text(result.title)):
        base += OFFICIAL_TITLE_BONUS
    return base


def best_work(query: Query, candidates: list[Result]) -> tuple[Result, float] | None:
    """The best result at or above `THRESHOLD`, with its confidence (at most 1)."""
    ranked = sorted(((work_score(query, r), r) for r in candidates), key=lambda p: -p[0])
    if ranked and ranked[0][0] >= THRESHOLD:
        return ranked[0][1], min(1.0, ranked[0][0])
    return None


def shown_artist(query: Query, result: Result) -> str:
    """The artist a link shows: the asked spelling when the channel is named like it
    ("BreakingBenjaminVEVO" -> "Breaking Benjamin"), else the channel's own name."""
    asked = query.title if query.kind == "artist" else query.artist
    name = result.channel_artist
    if asked and not result.is_topic and _squashed_similarity(asked, name) >= CHANNEL_THRESHOLD:
        return asked
    return name


def channel_score(query: Query, result: Result) -> float:
    """How surely a result's channel is the artist's page (0 when it is not the artist)."""
    value = _squashed_similarity(query.title, result.channel_artist)
    return value if value >= CHANNEL_THRESHOLD else 0.0


def _squashed_similarity(left: str, right: str) -> float:
    """Artist names compared without spaces: channel names drop them ("BreakingBenjaminVEVO")."""
    a, b = core_name(left).replace(" ", ""), core_name(right).replace(" ", "")
    return similarity(a, b)
