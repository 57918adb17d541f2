"""YouTube and YouTube Music links read by id: `videos.list` or `playlists.list`, one quota
unit each (a search costs 100).

A video gives no ISRC: its title and artist are read from YouTube Music's own words
for an art track (the "Provided to YouTube by …" description: "Title · Artist", the
album, the release date), else from the upload's title ("Artist - Title (Official
Video)"), and the others are searched for them with the video's length.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import isodate
from injector import inject

from services.dedup import plain
from services.errors import ProviderUnavailable, WorkNotFound
from services.links.matching.youtube import video_credit
from services.links.platforms.provider import year_of
from services.links.platforms.youtube import MUSIC, WATCH
from services.links.sources.urls import PlatformLink
from services.links.sources.work import Source, Work, source_link
from services.providers.guard import Fault, unavailable
from services.providers.youtube import Result, YouTubeSearch, release_title

Item = dict[str, Any]

CREDIT_SEPARATOR = " · "
RELEASED = "Released on:"
THUMBNAIL_SIZES = ("maxres", "standard", "high", "medium", "default")


class YouTubeSource:
    """A video (`track`) or an album's release playlist, on YouTube or YouTube Music."""

    platforms = ("youtube", "youtube_music")

    @inject
    def __init__(self, youtube: YouTubeSearch) -> None:
        self._youtube = youtube

    def read(self, link: PlatformLink, country: str, someone_waits: bool = False) -> Source:
        if not self._youtube.has_key:
            raise ProviderUnavailable("youtube", "YOUTUBE_API_KEY is not set")
        try:
            if link.kind == "album":
                item = self._youtube.read("playlist", link.id, someone_waits)
            else:
                item = self._youtube.read("video", link.id, someone_waits)
        except Fault as fault:
            raise unavailable("youtube", fault) from None
        if item is None:
            raise WorkNotFound(link.platform, link.kind, link.id)
        snippet = item.get("snippet") or {}
        result = Result(
            id=link.id,
            title=plain(str(snippet.get("title") or "")),
            channel_id=str(snippet.get("channelId") or ""),
            channel_title=plain(str(snippet.get("channelTitle") or "")),
            description=str(snippet.get("description") or ""),
        )
        if link.kind == "album":
            return _album(link, result, snippet)
        work = _art_track(result, snippet) if result.is_topic else _video(result, snippet)
        work = _with_length(work, item)
        video = source_link(
            f"{WATCH}/watch?v={link.id}", link.id, work, f"vnd.youtube:{link.id}", result.title
        )
        song = source_link(f"{MUSIC}/watch?v={link.id}", link.id, work, title=result.title)
        # A YouTube Music link, or an art track (what YouTube Music plays), is on both; a
        # music video from youtube.com leaves YouTube Music's song to the search.
        if link.platform == "youtube_music" or result.is_topic:
            links = {"youtube": video, "youtube_music": song}
            return Source(link, work, provider="youtube", links=links)
        return Source(link, work, provider="youtube", links={"youtube": video}, complete=False)


def _art_track(result: Result, snippet: Item) -> Work:
    """An auto-generated upload: "Provided to YouTube by …", "Title · Artist · Artist",
    the album, "℗ …", "Released on: 2006-08-15"."""
    paragraphs = [p.strip() for p in result.description.split("\n\n") if p.strip()]
    credit = paragraphs[1].split(CREDIT_SEPARATOR) if len(paragraphs) > 1 else []
    if len(credit) < 2:
        return _video(result, snippet)
    album = paragraphs[2] if len(paragraphs) > 2 and not paragraphs[2].startswith("℗") else None
    released = next((p for p in paragraphs if p.startswith(RELEASED)), "")
    return Work(
        kind="track",
        title=credit[0].strip(),
        artists=tuple(name.strip() for name in credit[1:] if name.strip()),
        album=album,
        year=year_of(released.removeprefix(RELEASED).strip()),
        cover=_thumbnail(snippet),
    )


def _video(result: Result, snippet: Item) -> Work:
    artist, title = video_credit(result)
    return Work(kind="track", title=title, artists=(artist,), cover=_thumbnail(snippet))


def _album(link: PlatformLink, result: Result, snippet: Item) -> Source:
    title = release_title(result.title)
    work = Work(
        kind="album",
        title=title,
        artists=tuple(name for name in [result.channel_artist] if name),
        cover=_thumbnail(snippet),
    )
    links = {
        "youtube": source_link(
            f"{WATCH}/playlist?list={link.id}", link.id, work, title=result.title
        ),
        "youtube_music": source_link(
            f"{MUSIC}/playlist?list={link.id}", link.id, work, title=result.title
        ),
    }
    return Source(link, work, provider="youtube", links=links)


def _with_length(work: Work, item: Item) -> Work:
    """The video's length (`contentDetails.duration`, ISO 8601: `PT4M13S`), which proves
    a match found by title."""
    text = (item.get("contentDetails") or {}).get("duration")
    try:
        seconds = isodate.parse_duration(text).total_seconds() if text else 0
    except (isodate.ISO8601Error, ValueError, TypeError):
        seconds = 0
    if not seconds:
        return work
    return replace(work, duration_ms=int(seconds * 1000))


def _thumbnail(snippet: Item) -> str | None:
    thumbnails = snippet.get("thumbnails") or {}
    for size in THUMBNAIL_SIZES:
        url = (thumbnails.get(size) or {}).get("url")
        if url:
            return str(url)
    return None
