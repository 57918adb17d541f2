"""YouTube Data API v3 stand-ins: `search.list` with the documented answer and error shapes.

`YouTubeStandIn` answers what a test sets (`videos`, `playlists`) and injects YouTube's
errors with `fail_next(quota_exceeded())`, `fail_next(key_invalid())`, ... It also reads
them by id: `videos.list` and `playlists.list` answer the `youtube#video` and
`youtube#playlist` resources of those results (their length from `durations`), and an
empty list for an id it does not hold, as YouTube does.
With `by_words`, a search answers only the items that hold at least half of the
words asked for (in their title or channel), in order, as many as `maxResults`.
`YouTubeSearch` makes up an answer, decoys first, for any "artist song".
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
    """A `youtube#searchResult` for a video, title and description HTML-escaped as YouTube
    sends them."""
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
        self.durations: dict[str, str] = {}  # video id -> ISO 8601, e.g. PT3M20S
        self.by_words = False
        self.standin.route("GET", "/youtube/v3/search")(self._search)
        self.standin.route("GET", "/youtube/v3/(?P<kind>videos|playlists)")(self._list)

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
        return _answer(request, items)

    def reads(self) -> list[Request]:
        """The `videos.list` and `playlists.list` requests received."""
        return self.standin.requests_to("/(videos|playlists)$")

    def _list(self, request: Request) -> Reply:
        if not (request.query.get("key") or request.headers.get("x-goog-api-key")):
            return error(403, "forbidden", "The request is missing a valid API key.", "global")
        videos = request.match["kind"] == "videos"
        wanted = set(request.query.get("id", "").split(","))
        items = [
            _resource(item, self.durations) for item in (self.videos if videos else self.playlists)
        ]
        found = [item for item in items if item["id"] in wanted]
        return Reply(
            {
                "kind": f"youtube#{'video' if videos else 'playlist'}ListResponse",
                "etag": "stand-in",
                "pageInfo": {"totalResults": len(found), "resultsPerPage": len(found)},
                "items": found,
            }
        )


def _resource(result: Item, durations: dict[str, str]) -> Item:
    """A search result as the resource `videos.list` / `playlists.list` answers: its id a
    string, its text not HTML-escaped, and a video's `contentDetails.duration`."""
    ident = result["id"].get("videoId") or result["id"].get("playlistId")
    snippet = {
        **result["snippet"],
        "title": html.unescape(result["snippet"]["title"]),
        "description": html.unescape(result["snippet"]["description"]),
    }
    snippet.pop("publishTime", None)
    if "videoId" in result["id"]:
        details = {"duration": durations.get(ident, "PT3M20S"), "definition": "hd"}
        return {
            "kind": "youtube#video",
            "etag": "stand-in",
            "id": ident,
            "snippet": snippet,
            "contentDetails": {**details, "dimension": "2d", "caption": "false"},
        }
    return {
        "kind": "youtube#playlist",
        "etag": "stand-in",
        "id": ident,
        "snippet": snippet,
        "contentDetails": {"itemCount": 12},
    }


class YouTubeSearch:
    """Answers every search for "artist song" with a cover, a karaoke version, a fan's lyric
    video, the artist's own lyric video, audio, live video and visualizer, and the official
    video last (in that order, so that scoring has to pick); `kinds` chooses which.

    `failing` answers YouTube's 503 `backendError`; `quota_exceeded` and `rate_limited` its
    403s `quotaExceeded` and `rateLimitExceeded`."""

    def __init__(self) -> None:
        self.standin = StandIn("youtube")
        self.failing = False
        self.quota_exceeded = False
        self.rate_limited = False
        self.keys: list[str | None] = []
        # Which results each search answers; decoys (cover, karaoke) must never win.
        self.kinds = {"cover", "karaoke", "lyrics", "official"}
        # Or, for a search text given here, exactly these (video id, title, channel).
        self.answers: dict[str, list[tuple[str, str, str]]] = {}
        self.standin.route("GET", "/youtube/v3/search")(self._search)

    @property
    def api_url(self) -> str:
        return self.standin.url + "/youtube/v3"

    def searches(self) -> int:
        return len(self.standin.requests_to("/search"))

    def _search(self, request: Request) -> Reply:
        self.keys.append(request.headers.get("x-goog-api-key") or request.query.get("key"))
        if not self.keys[-1]:
            return error(403, "forbidden", "The request is missing a valid API key.", "global")
        if self.failing:
            return error(503, "backendError", "The service is currently unavailable.")
        if self.quota_exceeded:
            return error(403, "quotaExceeded", "The request cannot be completed.")
        if self.rate_limited:
            return error(403, "rateLimitExceeded", "The request cannot be completed.")
        query = request.query["q"]
        if query in self.answers:
            return _answer(request, [video(i, t, c) for i, t, c in self.answers[query]])
        artist, song = query.split(maxsplit=1)
        vevo = f"{artist}VEVO"
        results = [
            (title, channel, kind)
            for title, channel, kind in [
                (f"{query} (Cover by Someone Else)", "Someone Else Covers", "cover"),
                (f"{query} (Karaoke Version)", "Sing King", "karaoke"),
                (f"{query} (Lyrics)", "Lyrics Hub", "lyrics"),
                (f"{artist} - {song} (Official Lyric Video)", vevo, "lyric video"),
                (f"{artist} - {song} (Official Audio)", vevo, "audio"),
                (f"{artist} - {song} (Official Live Video)", artist, "live"),
                (f"{artist} - {song} (Visualizer)", vevo, "visualizer"),
                (f"{query} (Official Music Video)", vevo, "official"),
            ]
            if kind in self.kinds
        ]
        tag = abs(hash(query))
        return _answer(
            request,
            [
                video(f"{kind.replace(' ', '-')}-{tag}", t, c, description=description_of(t, c))
                for t, c, kind in results
            ],
        )


def description_of(title: str, channel: str) -> str:
    """What `YouTubeSearch` says a video's uploader wrote about it (`&` and quotes
    HTML-escaped in the answer, as YouTube sends snippets)."""
    return f"“{title}” by {channel} — lyrics & credits below. Don't miss it!"


def _answer(request: Request, items: list[Item]) -> Reply:
    """A `youtube#searchListResponse` holding `items`."""
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
            "description": description.replace("&", "&amp;").replace("'", "&#39;"),
            "thumbnails": {"default": {"url": "https://i.ytimg.com/vi/x/default.jpg"}},
            "channelTitle": channel,
            "liveBroadcastContent": "none",
            "publishTime": "2009-10-02T04:00:00Z",
        },
    }
