"""Playlist videos' music-video finder: the links' YouTube search, matching and cache."""

from __future__ import annotations

from typing import cast

from services.dedup import fold_text
from services.links.cache import LookupCache
from services.links.matching.youtube import best_work
from services.links.platforms.youtube import video_link
from services.links.query import ProviderResult, Query, missing
from services.model import PlaylistVideo
from services.providers.guard import Fault, unavailable
from services.providers.youtube import YouTubeSearch

DESCRIPTION_MAX = 5000  # the spec's; a search result's snippet is far shorter


class YouTubeVideoFinder:
    """`MusicVideoFinder` through the links package's YouTube search and budget.

    The official video first, as for links; failing anything official, a lyric video
    will do (a playlist wants something to play). Answers are cached, and a track asked
    for twice at once (a playlist that repeats it, two requests) is searched once: each
    search spends a share of the day's quota. Faults become `ProviderUnavailable`, with
    the platform's `Retry-After` when it is throttling, so the answer is a problem
    naming YouTube.
    """

    def __init__(self, search: YouTubeSearch, cache_ttl_seconds: float) -> None:
        self._search = search
        self._cache = LookupCache(cache_ttl_seconds, max_entries=10_000)

    def find(self, artist: str, title: str) -> PlaylistVideo:
        if not self._search.has_key:
            return {"status": "skipped", "detail": "YOUTUBE_API_KEY is unset"}
        query = Query(kind="track", title=title, artist=artist)
        key = ("music video", fold_text(f"{artist}\x1f{title}"))
        found = self._cache.get_or_compute(key, lambda: self._lookup(query))
        return cast(PlaylistVideo, found.links["youtube"])  # what `_lookup` made

    def _lookup(self, query: Query) -> ProviderResult:
        text = f"{query.artist} {query.title}"
        try:
            videos = self._search.search("video", text, query.country, someone_waits=True)
        except Fault as fault:
            raise unavailable("youtube", fault) from None
        match = best_work(query, videos, lyrics_will_do=True)
        if match is None:
            return ProviderResult(links={"youtube": missing("not_found")})
        video, confidence = match
        # The search result's snippet: YouTube cuts a long description short there.
        link: PlaylistVideo = {
            **video_link(query, video, confidence),
            "description": video.description[:DESCRIPTION_MAX],
        }
        return ProviderResult(links={"youtube": link})
