"""A YouTube Data API v3 stand-in: `search.list` with the documented answer and error shapes.

Tests set what a search answers (`videos`, `playlists`) and inject YouTube's
errors with `fail_next(quota_exceeded())`, `fail_next(key_invalid())`, ...
With `by_words`, a search answers only the items that hold at least half of the
words asked for (in their title or channel), in order, as many as `maxResults`.
"""

from __future__ import annotations

import html
from typing import Any

from standins.catalog import words
from standins.server import Reply, Request, StandIn

Item = dict[str, Any]


def video(
    video_id: str,
    title: str,
    channel: str,
    channel_id: str | None = None,
    description: str = "",
) -> Item:
    """A `youtube#searchResult` for a video, titles HTML-escaped as YouTube sends them."""
    return _item(
        {"kind": "youtube#video", "videoId": video_id}, title, channel, channel_id, description
    )


def playlist(playlist_id: str, title: str, channel: str, channel_id: str | None = None) -> Item:
    return _item(
        {"kind": "youtube#playlist", "playlistId": playlist_id}, title, channel, channel_id, ""
    )


def error(status: int, reason: str, message: str, domain: str = "youtube.quota") -> Reply:
    """Google's error envelope: `{"error": {"code", "message", "errors": [{"reason"}]}}`."""
    return Reply(
        {
            "error": {
                "code": status,
                "message": message,
                "errors": [{"message": message, "domain": domain, "reason": reason}],
            }
        },
        status=status,
    )


def quota_exceeded() -> Reply:
    return error(
        403,
        "quotaExceeded",
        "The request cannot be completed because you have exceeded your "
        '<a href="/youtube/v3/getting-started#quota">quota</a>.',
    )


def key_invalid() -> Reply:
    return error(400, "keyInvalid", "API key not valid. Please pass a valid API key.", "global")


class YouTubeStandIn:
    """Answers every `GET /youtube/v3/search` with `videos` or `playlists` (by `type`)."""

    def __init__(self) -> None:
        self.standin = StandIn("youtube")
        self.videos: list[Item] = []
        self.playlists: list[Item] = []
        self.by_words = False
        self.standin.route("GET", "/youtube/v3/search")(self._search)

    @property
    def api_url(self) -> str:
        return self.standin.url + "/youtube/v3"

    def searches(self) -> list[Request]:
        return self.standin.requests_to("/search$")

    def _search(self, request: Request) -> Reply:
        if not (request.query.get("key") or request.headers.get("x-goog-api-key")):
            return error(403, "forbidden", "The request is missing a valid API key.", "global")
        items = self.playlists if request.query.get("type") == "playlist" else self.videos
        if self.by_words:
            items = [item for item in items if _holds_half(item, request.query.get("q", ""))]
            items = items[: int(request.query.get("maxResults") or 5)]
        return Reply(
            {
                "kind": "youtube#searchListResponse",
                "etag": "stand-in",
                "nextPageToken": "CAUQAA",
                "regionCode": request.query.get("regionCode", "US"),
                "pageInfo": {"totalResults": 1000000, "resultsPerPage": len(items)},
                "items": items,
            }
        )


def _holds_half(item: Item, q: str) -> bool:
    wanted = words(q)
    snippet = item["snippet"]
    have = words(html.unescape(f"{snippet['title']} {snippet['channelTitle']}"))
    return bool(wanted) and 2 * len(wanted & have) >= len(wanted)


def _item(ident: Item, title: str, channel: str, channel_id: str | None, description: str) -> Item:
    return {
        "kind": "youtube#searchResult",
        "etag": "stand-in",
        "id": ident,
        "snippet": {
            "publishedAt": "2009-10-02T04:00:00Z",
            "channelId": channel_id or "UC" + channel.replace(" ", "")[:20],
            "title": title.replace("&", "&amp;").replace("'", "&#39;"),
            "description": description,
            "thumbnails": {"default": {"url": "https://i.ytimg.com/vi/x/default.jpg"}},
            "channelTitle": channel,
            "liveBroadcastContent": "none",
            "publishTime": "2009-10-02T04:00:00Z",
        },
    }
