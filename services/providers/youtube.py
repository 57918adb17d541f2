"""The one YouTube search, `search.list` of the Data API v3, and reads of a video or a
playlist by id (`videos.list`, `playlists.list`), on the daily budget.

Links (`services.links.platforms.youtube`) and playlist videos
(`services.links.videos`) both search through `YouTubeSearch`: one way to ask, one
reading of YouTube's errors, one budget (`services.providers.quota`), one guard. The key
goes in Google's `X-Goog-Api-Key` header, never in a URL, which ends up in logs.

The JSON client of every provider, not python-youtube: that library puts the key in
the query string, parses any JSON answer as a success and fails on another body
without its status, so it took a requests auth shim, a response hook and a patched
base URL for one call (docs/design.md, "One client per provider").
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any, Literal

import httpx

from services.dedup import plain
from services.providers.google import QUOTA_REASONS, RATE_REASONS, error_reasons
from services.providers.guard import (
    Broken,
    Fault,
    Guard,
    Throttled,
    fault_for_status,
    retry_after_seconds,
)
from services.providers.http import JsonApi
from services.providers.quota import READ_UNITS, SEARCH_UNITS, DailyBudget

MUSIC_CATEGORY = "10"
MAX_RESULTS = 10  # a search costs the same whatever its size

TOPIC_SUFFIX = " - Topic"
ALBUM_PLAYLIST_PREFIX = "OLAK5uy_"
"""The ids of YouTube Music's release playlists (an album's tracks, in order)."""
RELEASE_TITLE_PREFIX = "Album - "
"""How YouTube titles a release playlist: "Album - Phobia"."""
# As everywhere outside text is matched: `(?<!\s)` tries a run of spaces from its start
# only, so no pattern backtracks over one (CONTRIBUTING.md, "Regular expressions").
_VEVO = re.compile(r"(?<!\s)\s*vevo$", re.IGNORECASE)
_OFFICIAL_WORD = re.compile(r"^official\s+|(?<!\s)\s+official$", re.IGNORECASE)
_OFFICIAL_PART = re.compile(r"^official|official$", re.IGNORECASE)


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
        name = _VEVO.sub("", name)
        return _OFFICIAL_WORD.sub("", name).strip()

    @property
    def channel_names(self) -> list[str]:
        """What the channel may be named after: "officialpsy" is PSY's, but
        "Official髭男dism" is a band named so."""
        bare = _OFFICIAL_PART.sub("", self.channel_artist)
        return list(dict.fromkeys([self.channel_artist, bare.strip() or self.channel_artist]))


def release_title(title: str) -> str:
    """A release playlist's title without YouTube's "Album - ": the album's own."""
    return title.removeprefix(RELEASE_TITLE_PREFIX).strip() or title


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
                title=plain(html.unescape(str(snippet.get("title") or ""))),
                channel_id=str(snippet.get("channelId") or ""),
                channel_title=plain(html.unescape(str(snippet.get("channelTitle") or ""))),
                description=html.unescape(str(snippet.get("description") or "")),
            )
        )
    return found


class YouTubeSearch(JsonApi):
    """`search.list` under the guard and the daily budget; raises `Fault`s, as guards do.

    Without a key nothing is sent (`has_key` says so first).
    """

    def __init__(
        self, base_url: str, guard: Guard, timeout: float, key: str, budget: DailyBudget
    ) -> None:
        super().__init__(base_url, guard, timeout, headers={"X-Goog-Api-Key": key} if key else None)
        self.has_key = bool(key)
        self.budget = budget

    def search(
        self,
        kind: Literal["video", "playlist"],
        text: str,
        country: str,
        someone_waits: bool = False,
    ) -> list[Result]:
        """The results of one search (music videos only, for `video`): one from the budget."""
        assert self.has_key, "no YOUTUBE_API_KEY: check has_key first"
        self.budget.check()  # an exhausted budget is a fault without a call
        params: dict[str, Any] = {
            "part": "snippet",
            "q": text,
            "type": kind,
            "maxResults": MAX_RESULTS,
            "regionCode": country,
        }
        if kind == "video":
            params["videoCategoryId"] = MUSIC_CATEGORY
        answer = self.get("search", params, someone_waits=someone_waits)
        try:
            return results(answer, "videoId" if kind == "video" else "playlistId")
        except ValueError:
            raise Broken("malformed answer from youtube") from None

    def read(
        self, kind: Literal["video", "playlist"], ident: str, someone_waits: bool = False
    ) -> dict[str, Any] | None:
        """One video (with its whole description and its length) or playlist by id, for a
        link someone pasted: 1 quota unit, not a search's 100. None when YouTube has no
        such item (it answers an empty list)."""
        assert self.has_key, "no YOUTUBE_API_KEY: check has_key first"
        self.budget.check(READ_UNITS)
        path = "videos" if kind == "video" else "playlists"
        params = {"part": "snippet,contentDetails", "id": ident}
        answer = self.get(path, params, someone_waits=someone_waits)
        items = answer.get("items") if isinstance(answer, dict) else None
        if not isinstance(items, list):
            raise Broken("malformed answer from youtube")
        return next((i for i in items if isinstance(i, dict) and i.get("id") == ident), None)

    def fetch(self, path: str, params: dict[str, Any], missing_ok: bool = False) -> Any:
        # Every request sent costs quota, retries included.
        self.budget.spend(SEARCH_UNITS if path == "search" else READ_UNITS)
        return super().fetch(path, params, missing_ok)

    def fault(self, response: httpx.Response) -> Fault:
        """YouTube says why in the body: its quota, its rate limit, a refused key."""
        reasons = error_reasons(response)
        if reasons & QUOTA_REASONS:
            # Throttled until YouTube's quota day ends: the guard refuses calls till then.
            wait = self.budget.exhaust()
            return Throttled(
                f"YouTube quota exceeded ({', '.join(sorted(reasons))}); "
                f"searches resume at midnight Pacific time, in {wait / 3600:.1f} h",
                wait,
            )
        if reasons & RATE_REASONS:
            retry_after = retry_after_seconds(response.headers, 1.0)
            return Throttled(f"youtube rate limited ({', '.join(sorted(reasons))})", retry_after)
        if "keyInvalid" in reasons:
            return Broken("YouTube refused YOUTUBE_API_KEY (keyInvalid)")
        detail = ", ".join(sorted(reasons)) or response.reason_phrase
        return fault_for_status(response.status_code, response.headers, detail)
