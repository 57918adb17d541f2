"""Our own YouTube music-video search, used until the links package offers one (see videos.py).

One `search.list` costs 100 of YouTube's 10,000 daily quota units, so answers are cached
and searches are counted against `YOUTUBE_DAILY_SEARCHES`: the same budget as the links
package's YouTube provider (`services.links.quota`), shared by every process. Which result
is the music video is decided as for links (`services.links.youtube_matching`): the
official video first, and, failing anything official, a fan's lyric video will do.
"""

from __future__ import annotations

import threading
from concurrent.futures import Future
from typing import Any

import httpx
from cachetools import TTLCache

from services.dedup import fold_text
from services.errors import ProviderUnavailable
from services.links.guard import Throttled
from services.links.query import Query
from services.links.quota import DailyBudget, youtube_budget
from services.links.youtube_matching import best_work, results
from services.model import Link, utc_now
from services.settings import Settings

# Per-second limits: worth a retry in a moment, unlike the daily quota.
_RATE_LIMITED = {"rateLimitExceeded", "userRateLimitExceeded"}


class YouTubeSearchVideoFinder:
    """`MusicVideoFinder` over the YouTube Data API's `search.list`, cached and budgeted."""

    def __init__(self, settings: Settings, budget: DailyBudget | None = None) -> None:
        self._settings = settings
        self._budget = budget or youtube_budget(settings)
        self._cache: TTLCache[str, Link] = TTLCache(
            maxsize=10_000, ttl=settings.lookup_cache_ttl_seconds
        )
        self._cache_lock = threading.Lock()
        self._searching: dict[str, Future[Link]] = {}
        self._client: httpx.Client | None = None
        self._client_lock = threading.Lock()

    def find(self, artist: str, title: str) -> Link:
        api_key = self._settings.youtube_api_key
        if not api_key:
            return {"status": "skipped", "detail": "YOUTUBE_API_KEY is unset"}
        key = fold_text(f"{artist}\x1f{title}")
        with self._cache_lock:
            cached = self._cache.get(key)
            if cached is not None:
                return cached
            # The same track asked for twice at once (a playlist that repeats it, two
            # requests) is searched once: each search costs 1% of the day's quota.
            searching = self._searching.get(key)
            if searching is None:
                mine: Future[Link] = Future()
                self._searching[key] = mine
        if searching is not None:
            return searching.result()
        try:
            self._spend()
            results = self._search(f"{artist} {title}", api_key.get_secret_value())
            link = self._best(artist, title, results)
        except BaseException as error:
            with self._cache_lock:
                del self._searching[key]
            mine.set_exception(error)  # the waiting callers fail alike; nothing is cached
            raise
        with self._cache_lock:
            del self._searching[key]
            self._cache[key] = link
        mine.set_result(link)
        return link

    def _spend(self) -> None:
        try:
            self._budget.spend()
        except Throttled as used_up:
            raise ProviderUnavailable("youtube", used_up.detail, used_up.retry_after) from None

    def _http(self) -> httpx.Client:
        with self._client_lock:
            if self._client is None:
                self._client = httpx.Client(timeout=self._settings.lookup_timeout_seconds)
            return self._client

    def _search(self, query: str, api_key: str) -> list[dict[str, Any]]:
        params = {
            "part": "snippet",
            "q": query,
            "type": "video",
            "videoCategoryId": "10",  # Music
            "maxResults": "10",  # a search costs the same whatever its size
        }
        # The key goes in a header, not the query: URLs end up in logs (httpx logs them).
        headers = {"X-Goog-Api-Key": api_key}
        url = f"{self._settings.youtube_api_url}/search"
        try:
            response = self._http().get(url, params=params, headers=headers)
        except httpx.HTTPError as error:
            raise ProviderUnavailable("youtube", type(error).__name__) from error
        try:
            body = response.json()
        except ValueError:
            raise ProviderUnavailable("youtube", f"HTTP {response.status_code}, not JSON") from None
        if response.status_code != 200:
            reasons = [e.get("reason") for e in (body.get("error") or {}).get("errors") or []]
            if "quotaExceeded" in reasons or "dailyLimitExceeded" in reasons:
                wait = self._budget.exhaust()  # no more searches today, in any process
                raise ProviderUnavailable("youtube", "quota exceeded", retry_after=wait)
            if response.status_code == 429 or _RATE_LIMITED.intersection(reasons):
                raise ProviderUnavailable("youtube", "rate limited", retry_after=1.0)
            raise ProviderUnavailable("youtube", f"HTTP {response.status_code}")
        items = body.get("items")
        return items if isinstance(items, list) else []

    @staticmethod
    def _best(artist: str, title: str, items: list[dict[str, Any]]) -> Link:
        query = Query(kind="track", title=title, artist=artist)
        match = best_work(query, results({"items": items}, "videoId"), lyrics_will_do=True)
        if match is None:
            return {"status": "not_found", "checked_at": utc_now()}
        video, confidence = match
        return {
            "status": "found",
            "url": f"https://www.youtube.com/watch?v={video.id}",
            "external_id": video.id,
            "title": video.title,
            "artist": video.channel_title,
            "confidence": round(confidence, 3),
            "method": "search",
            "checked_at": utc_now(),
        }
