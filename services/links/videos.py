"""Playlist videos' music-video finder: the links' YouTube search, matching and cache."""

from __future__ import annotations

from services.dedup import fold_text
from services.links.cache import LookupCache
from services.links.matching.youtube import best_work
from services.links.platforms.youtube import video_link
from services.links.query import ProviderResult, Query, missing
from services.model import Link
from services.providers.guard import Fault, unavailable
from services.providers.youtube import YouTubeSearch


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

    def find(self, artist: str, title: str) -> Link:
        if not self._search.has_key:
            return {"status": "skipped", "detail": "YOUTUBE_API_KEY is unset"}
        query = Query(kind="track", title=title, artist=artist)
        key = ("music video", fold_text(f"{artist}\x1f{title}"))
        found = self._cache.get_or_compute(key, lambda: self._lookup(query))
        return found.links["youtube"]

    def _lookup(self, query: Query) -> ProviderResult:
        text = f"{query.artist} {query.title}"
        try:
            videos = self._search.search("video", text, query.country, someone_waits=True)
        except Fault as fault:
            raise unavailable("youtube", fault) from None
        match = best_work(query, videos, lyrics_will_do=True)
        return ProviderResult(
            links={"youtube": video_link(query, *match) if match else missing("not_found")}
        )
