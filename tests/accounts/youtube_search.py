"""A YouTube Data API `search.list` stand-in: for each query a cover, a karaoke version, a
lyric video and the official video (in that order, so that scoring has to pick)."""

from __future__ import annotations

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
        artist = query.split()[0]
        results = [
            (title, channel, kind)
            for title, channel, kind in [
                (f"{query} (Cover by Someone Else)", "Someone Else Covers", "cover"),
                (f"{query} (Karaoke Version)", "Sing King", "karaoke"),
                (f"{query} (Lyrics)", "Lyrics Hub", "lyrics"),
                (f"{query} (Official Music Video)", f"{artist}VEVO", "official"),
            ]
            if kind in self.kinds
        ]
        return Reply(
            {
                "kind": "youtube#searchListResponse",
                "regionCode": "US",
                "pageInfo": {"totalResults": len(results), "resultsPerPage": 5},
                "items": [
                    {
                        "kind": "youtube#searchResult",
                        "id": {"kind": "youtube#video", "videoId": f"{kind}-{abs(hash(query))}"},
                        "snippet": {
                            "title": title.replace("'", "&#39;"),
                            "channelTitle": channel,
                            "description": "",
                            "thumbnails": {
                                "default": {"url": "https://i.ytimg.com/vi/x/default.jpg"}
                            },
                        },
                    }
                    for title, channel, kind in results
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
