"""A public user's now playing, asked of Spotify at most once per few seconds.

Everyone may read it (a widget on a busy page, every visitor's browser polling), and
every answer would otherwise be a call on the app's one Spotify rate limit, which links
lookups share. So one answer per user (and LCD width) is kept for
`NOW_PLAYING_PUBLIC_MAX_AGE_SECONDS`, as long as clients may keep it themselves.
Failures are not kept: the next reader asks again.
"""

from __future__ import annotations

import threading
from typing import Any

from cachetools import TTLCache
from injector import inject, singleton

from services.accounts.now_playing import NowPlaying
from services.settings import Settings

MAX_KEPT = 10_000
"""Answers kept at once (users and widths); the oldest go first."""


@singleton
class PublicNowPlaying:
    """`NowPlaying.current`, shared by every reader of a public user for a few seconds."""

    @inject
    def __init__(self, now_playing: NowPlaying, settings: Settings) -> None:
        self._now_playing = now_playing
        self._recent: TTLCache[tuple[str, int | None], dict[str, Any] | None] = TTLCache(
            MAX_KEPT, ttl=settings.now_playing_public_max_age_seconds
        )
        self._lock = threading.Lock()

    def current(self, user: str, width: int | None = None) -> dict[str, Any] | None:
        """The now-playing view (None when nothing plays), at most max-age seconds old."""
        key = (user, width)
        with self._lock:
            if key in self._recent:
                return self._recent[key]
        # Readers arriving together may each ask once: a few calls, never one per reader
        # for longer than the time Spotify takes to answer.
        view = self._now_playing.current(user, width)
        with self._lock:
            self._recent[key] = view
        return view
