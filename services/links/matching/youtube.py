"""How sure we are that a YouTube search result is the work: video titles are free text.

A result's title is read several ways ("Artist - Title", "Title - Artist", the whole
title with the channel as artist, "Artist「Title」", a title that starts with the
artist's name) and scored with `matching.score`, after YouTube's own noise
("(Official Music Video)", "[HD]", "M/V") is dropped. Decoys are judged on the raw
title first, so "(Official Live Video)" stays a live take.

Among what is the work, the official music video ranks first: the artist's own
channel or its VEVO, with a title free of lyric, audio and visualizer markers; then
YouTube Music's art track (an upload of the auto-generated "Artist - Topic" channel);
then the artist's lyric or audio uploads. An unofficial re-upload needs a
near-perfect title to pass at all.
"""

from __future__ import annotations

import re

from services.dedup import fold_text
from services.links.matching.agreement import core_name, similarity
from services.links.matching.candidates import THRESHOLD, confidence, decoy_reason, score
from services.links.matching.confidence import EXACT_NAMES, WEAK
from services.links.matching.model import Candidate
from services.links.matching.names import credit
from services.links.matching.recordings import without_master_year
from services.links.query import Query
from services.providers.youtube import Result

OFFICIAL_CHANNEL_BONUS = 0.05
TOPIC_CHANNEL_BONUS = 0.03
OFFICIAL_TITLE_BONUS = 0.03
LESSER_UPLOAD_PENALTY = 0.04
UNOFFICIAL_PENALTY = 0.08
OFFICIAL_CEILING = EXACT_NAMES
"""A video found by a search, on the artist's own or Topic channel, is proven at most so."""
OTHER_CEILING = WEAK
CHANNEL_THRESHOLD = 0.9
"""Channel names are free text ("Breaking Benjamin Fans"): an artist page needs more."""

# YouTube noise: "(Official Music Video)", "[HD]" (full-width brackets too), a final "M/V".
# As in `versions`: `(?<!\s)` tries a run of spaces from its start only; a bracket known to
# close (the look-ahead) is searched for a word once, then taken to its end in one step.
_INSIDE = r"[^\(\[\uff08\uff3b\)\]\uff09\uff3d]"
_NOISE = re.compile(
    rf"(?<!\s)\s*[\(\[\uff08\uff3b](?={_INSIDE}*+[\)\]\uff09\uff3d]){_INSIDE}*?"
    r"\b(?:official|video|audio|lyrics?|visuali[sz]er|hd|hq|4k|mv|m/v|clip)\b"
    rf"{_INSIDE}*+[\)\]\uff09\uff3d]"
    r"|(?<!\s)\s+(?:official\s+)?(?:music\s+video|video|mv|m/v)$",
    re.IGNORECASE,
)
_DASH = re.compile(r"(?<!\s)\s+[-\u2013\u2014|_]\s+")
# Uploads that quote the title: 宇多田ヒカル『First Love』, 周杰倫【晴天】, 刘若英《后来》,
# BTS 'Dynamite'.
_QUOTED_TITLE = re.compile(
    r"^(?P<artist>[^『「【《〈']*[^『「【《〈'\s])\s*[『「【《〈'](?P<title>[^』」】》〉']+)[』」】》〉']"
)
_OFFICIAL_TITLE = re.compile(r"\bofficial\s+(?:music\s+|hd\s+)?(?:video|mv)\b")
_VIDEO_CUT = re.compile(
    rf"(?<!\s)\s*[\(\[](?={_INSIDE}*+[\)\]]){_INSIDE}*?\bversion\b{_INSIDE}*+[\)\]]",
    re.IGNORECASE,
)
# Uploads of the work that are not its music video.
_LESSER = re.compile(r"\blyrics?\b|\bletras?\b|\baudio\b|\bvisuali[sz]er\b")
# Decoys only YouTube has, judged on the folded raw title.
_DECOYS = {
    name: re.compile(pattern)
    for name, pattern in {
        "reaction": r"\breact(?:s|ion|ing)?\b",
        "lyrics": r"\blyrics?\b|\bletras?\b|\bparoles\b|\u6b4c\u8a5e|\uac00\uc0ac",  # 歌詞, 가사
        "tutorial": r"\btutorial\b|\blesson\b|\bhow to play\b|\bdrum cam\b",
        "edit": r"\bbass boosted\b",  # sped up, slowed, nightcore...: `versions.TAKES`
        "fan": r"\bfan[\s-]?made\b|\bamv\b|\bparody\b",
    }.items()
}


def is_official_channel(query: Query, result: Result) -> bool:
    """The artist's own channel: its Topic channel, its VEVO, or one named like it (or
    after nothing but its names: "周杰倫 Jay Chou")."""
    if result.is_topic or result.channel_title.lower().endswith("vevo"):
        return True
    names = _artist_names(query)
    if any(_squashed_similarity(n, c) >= 0.9 for n in names for c in result.channel_names):
        return True
    own = set().union(*(core_name(name).split() for name in names)) if names else set()
    return bool(own) and set(core_name(result.channel_artist).split()) <= own


def _artist_names(query: Query) -> list[str]:
    artist = query.title if query.kind == "artist" else query.artist
    if not artist:
        return []
    return list(dict.fromkeys([artist, credit(artist).main, *query.aliases]))


def youtube_decoy(query: Query, result: Result, lyrics_will_do: bool = False) -> str | None:
    """Why a result is not the work (karaoke, cover, live, reaction, fan lyrics...), or None.
    With `lyrics_will_do`, a fan's lyric video is the work (for something to watch)."""
    reason = decoy_reason(query, _as_official(query, result))
    if reason:
        return reason
    asked = fold_text(f"{query.title} {query.artist or ''}")
    offered = fold_text(result.title)
    for name, pattern in _DECOYS.items():
        if pattern.search(offered) and not pattern.search(asked):
            if name == "lyrics" and (lyrics_will_do or is_official_channel(query, result)):
                continue  # the artist's own lyric video is the work, if not its best form
            return name
    return None


def work_score(query: Query, result: Result, lyrics_will_do: bool = False) -> float:
    """Ranking score of a video or playlist as the work; above 1 for the official ones."""
    if youtube_decoy(query, result, lyrics_will_do):
        return 0.0
    base = max(score(query, reading) for reading in _readings(query, result))
    if base <= 0:
        return 0.0
    return base + _rank(query, result)


def work_confidence(query: Query, result: Result) -> float:
    """How proven a result is as the work: its best reading's confidence, at most
    `OFFICIAL_CEILING` on the artist's own or Topic channel, `OTHER_CEILING` elsewhere (a
    video title is free text, and anyone may upload)."""
    value = max(confidence(query, reading) for reading in _readings(query, result))
    official = result.is_topic or is_official_channel(query, result)
    return min(value, OFFICIAL_CEILING if official else OTHER_CEILING)


def _readings(query: Query, result: Result) -> list[Candidate[object]]:
    """The ways a result's title may name artist and work."""
    clean = _NOISE.sub("", _as_official(query, result).title).strip() or result.title
    readings: list[Candidate[object]] = [Candidate(title=clean, artists=[result.channel_artist])]
    parts = _DASH.split(clean, maxsplit=1)
    if len(parts) == 2:
        left, right = parts
        readings += [Candidate(title=right, artists=[left]), Candidate(title=left, artists=[right])]
    quoted = _QUOTED_TITLE.match(clean)
    if quoted:
        readings.append(Candidate(title=quoted["title"], artists=[quoted["artist"]]))
    folded = fold_text(clean)
    for name in _artist_names(query):  # "Queen Bohemian Rhapsody", without a dash
        if folded.startswith(fold_text(name) + " "):
            readings.append(Candidate(title=clean[len(name) :].strip(), artists=[name]))
    return readings


def _as_official(query: Query, result: Result) -> Candidate[object]:
    """The result as a candidate; on the artist's own channel "(Orange Version)" names a cut
    of the video, not another take of the song, and the year of a new mix ("(2019 Mix)")
    names the video's sound, not another recording: both are left out."""
    title = result.title
    if is_official_channel(query, result) and not _VIDEO_CUT.search(query.title):
        title = without_master_year(_VIDEO_CUT.sub("", title))
    return Candidate(title=title, artists=[result.channel_title])


def _rank(query: Query, result: Result) -> float:
    """The official music video first, then the art track, then lyric and audio uploads."""
    title = fold_text(result.title)
    if result.is_topic:
        value = TOPIC_CHANNEL_BONUS
    elif is_official_channel(query, result):
        value = OFFICIAL_CHANNEL_BONUS
    else:
        value = -UNOFFICIAL_PENALTY
    if _OFFICIAL_TITLE.search(title):
        value += OFFICIAL_TITLE_BONUS
    if _LESSER.search(title) and not _LESSER.search(fold_text(query.title)):
        value -= LESSER_UPLOAD_PENALTY
    return value


def best_work(
    query: Query, candidates: list[Result], lyrics_will_do: bool = False
) -> tuple[Result, float] | None:
    """The best result at or above `THRESHOLD`, with its confidence (`work_confidence`);
    with `lyrics_will_do`, a fan's lyric video when nothing official is there."""
    scored = ((work_score(query, r, lyrics_will_do), r) for r in candidates)
    ranked = sorted(scored, key=lambda p: -p[0])
    if ranked and ranked[0][0] >= THRESHOLD:
        return ranked[0][1], max(THRESHOLD, work_confidence(query, ranked[0][1]))
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


def video_credit(result: Result) -> tuple[str, str]:
    """(artist, title) as an upload shows them, YouTube's noise dropped: "Artist - Title",
    "Artist「Title」", else the whole title with the channel's artist."""
    clean = _NOISE.sub("", result.title).strip() or result.title
    quoted = _QUOTED_TITLE.match(clean)
    if quoted:
        return quoted["artist"].strip(), quoted["title"].strip()
    parts = _DASH.split(clean, maxsplit=1)
    if len(parts) == 2 and parts[0].strip() and parts[1].strip():
        return parts[0].strip(), parts[1].strip()
    return result.channel_artist, clean
