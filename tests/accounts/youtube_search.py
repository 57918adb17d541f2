"""A YouTube Data API `search.list` stand-in: for each query a cover, a karaoke version, a
fan's lyric video, the artist's own lyric video, audio, live video and visualizer, and the
official video last (in that order, so that scoring has to pick); `kinds` chooses which."""

from __future__ import annotations

from collections.abc import Callable

from tests.standins.server import Reply, Request, StandIn


class YouTubeSearch:
    """`failing` answers YouTube's 503 `backendError`; `quota_exceeded` and `rate_limited`
    its 403s `quotaExceeded` and `rateLimitExceeded`."""

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
            return _error(403, "forbidden", "The request is missing a valid API key.")
        if self.failing:
            return _error(503, "backendError", "The service is currently unavailable.")
        if self.quota_exceeded:
            return _error(403, "quotaExceeded", "The request cannot be completed.")
        if self.rate_limited:
            return _error(403, "rateLimitExceeded", "The request cannot be completed.")
        query = request.query["q"]
        if query in self.answers:
            return _answer([(t, c, i) for i, t, c in self.answers[query]], lambda i: i)
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
        return _answer(results, lambda kind: f"{kind.replace(' ', '-')}-{abs(hash(query))}")


def _answer(results: list[tuple[str, str, str]], video_id: Callable[[str], str]) -> Reply:
    """A `youtube#searchListResponse` of (title, channel, key) results."""
    return Reply(
        {
            "kind": "youtube#searchListResponse",
            "regionCode": "US",
            "pageInfo": {"totalResults": len(results), "resultsPerPage": 5},
            "items": [
                {
                    "kind": "youtube#searchResult",
                    "id": {"kind": "youtube#video", "videoId": video_id(key)},
                    "snippet": {
                        "title": title.replace("'", "&#39;"),
                        "channelTitle": channel,
                        "description": "",
                        "thumbnails": {"default": {"url": "https://i.ytimg.com/vi/x/default.jpg"}},
                    },
                }
                for title, channel, key in results
            ],
        }
    )


def _error(status: int, reason: str, message: str) -> Reply:
    return Reply(
        {
            "error": {
                "code": status,
                "message": message,
                "errors": [{"message": message, "domain": "youtube.quota", "reason": reason}],
            }
        },
        status=status,
    )
