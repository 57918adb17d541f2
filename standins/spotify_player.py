"""Spotify's Web API for accounts: currently playing and playlist items, as documented.

`current` is the currently-playing object to answer (None: 204 No Content); as
Spotify does, an episode's `item` is null unless `additional_types` asks for
episodes, and an ad or a private session has a null `item`. Bearer tokens not
issued by the accounts stand-in answer 401 ("The access token expired");
`rate_limited(seconds)` makes the next answer Spotify's 429 with `Retry-After`.
Playlists answer the paging object at `/playlists/{id}/items`, entries under `item`;
`/tracks` answers 403, as Spotify does to Development Mode apps since March 2026.
"""

from __future__ import annotations

from typing import Any

from standins.server import Reply, Request, StandIn
from standins.spotify_accounts import SpotifyAccounts


def track(
    name: str,
    artists: list[str],
    album: str = "An Album",
    track_id: str = "4uLU6hMCjMI75M1A2tKUQC",
    isrc: str = "USRC17607839",
) -> dict[str, Any]:
    """A track object (Web API reference, "TrackObject")."""
    return {
        "type": "track",
        "id": track_id,
        "name": name,
        "uri": f"spotify:track:{track_id}",
        "duration_ms": 215000,
        "external_ids": {"isrc": isrc},
        "external_urls": {"spotify": f"https://open.spotify.com/track/{track_id}"},
        "is_local": False,
        "artists": [
            {"type": "artist", "name": artist, "id": f"artist{n}", "uri": f"spotify:artist:a{n}"}
            for n, artist in enumerate(artists)
        ],
        "album": {
            "type": "album",
            "name": album,
            "release_date": "1999-03-10",
            "release_date_precision": "day",
            "images": [
                {"url": "https://i.scdn.co/image/large", "height": 640, "width": 640},
                {"url": "https://i.scdn.co/image/small", "height": 64, "width": 64},
            ],
        },
    }


def episode(name: str, show: str) -> dict[str, Any]:
    """An episode object (Web API reference, "EpisodeObject")."""
    return {
        "type": "episode",
        "id": "512ojhOuo1ktJprKbVcKyQ",
        "name": name,
        "uri": "spotify:episode:512ojhOuo1ktJprKbVcKyQ",
        "duration_ms": 1686230,
        "external_urls": {"spotify": "https://open.spotify.com/episode/512ojhOuo1ktJprKbVcKyQ"},
        "images": [{"url": "https://i.scdn.co/image/episode", "height": 640, "width": 640}],
        "show": {"type": "show", "name": show, "publisher": "A Publisher", "images": []},
    }


def playing(item: dict[str, Any] | None, kind: str = "track", is_playing: bool = True) -> dict:
    """A currently-playing object; `item` None with kind `ad` or `unknown` as Spotify hides it."""
    return {
        "timestamp": 1700000000000,
        "context": None,
        "progress_ms": 43000,
        "is_playing": is_playing,
        "currently_playing_type": kind,
        "item": item,
        "actions": {"disallows": {"resuming": True}},
    }


def advertisement(is_playing: bool = True) -> dict[str, Any]:
    """What Spotify answers while an ad plays: the type, no item."""
    return playing(None, kind="ad", is_playing=is_playing)


def private_session() -> dict[str, Any]:
    """What Spotify answers in a private session: the item is hidden, its type unknown."""
    return playing(None, kind="unknown")


def spotify_error(status: int, message: str, **headers: str) -> Reply:
    """The Web API's error object (`{"error": {"status", "message"}}`)."""
    return Reply({"error": {"status": status, "message": message}}, status, headers)


class SpotifyPlayer:
    """The Web API stand-in (serve it under `/v1`, as the real one)."""

    def __init__(self, accounts: SpotifyAccounts) -> None:
        self.standin = StandIn("spotify-api")
        self.accounts = accounts
        self.current: dict[str, Any] | None = None
        self.playlists: dict[str, list[dict[str, Any] | None]] = {}
        route = self.standin.route
        route("GET", "/v1/me/player/currently-playing")(self._currently_playing)
        route("GET", r"/v1/playlists/(?P<playlist_id>[^/]+)/items")(self._playlist)
        route("GET", r"/v1/playlists/(?P<playlist_id>[^/]+)/tracks")(
            lambda request: spotify_error(403, "Forbidden")
        )

    @property
    def api_url(self) -> str:
        return self.standin.url + "/v1"

    def _bearer(self, request: Request, tokens: set[str]) -> bool:
        return request.headers.get("authorization", "").removeprefix("Bearer ") in tokens

    def _currently_playing(self, request: Request) -> Reply:
        if not self._bearer(request, self.accounts.access_tokens):
            return spotify_error(401, "The access token expired")
        if self.current is None:
            return Reply(status=204, raw=b"")
        wanted = request.query.get("additional_types", "track").split(",")
        if self.current.get("currently_playing_type") == "episode" and "episode" not in wanted:
            return Reply({**self.current, "item": None})
        return Reply(self.current)

    def rate_limited(self, seconds: int) -> None:
        """The next request, whatever it asks, is refused with 429 and `Retry-After`."""
        self.standin.fail_next(
            spotify_error(429, "API rate limit exceeded", **{"Retry-After": str(seconds)})
        )

    def _playlist(self, request: Request) -> Reply:
        tokens = self.accounts.app_tokens | self.accounts.access_tokens
        if not self._bearer(request, tokens):
            return spotify_error(401, "Invalid access token")
        playlist_id = request.match["playlist_id"]
        if playlist_id not in self.playlists:
            return spotify_error(404, "Resource not found")
        entries = self.playlists[playlist_id]
        limit = int(request.query.get("limit", 100))
        offset = int(request.query.get("offset", 0))
        page = entries[offset : offset + limit]
        base = f"{self.standin.url}{request.path}"
        following = offset + limit
        return Reply(
            {
                "href": f"{base}?offset={offset}&limit={limit}",
                "items": [
                    {"added_at": "2024-01-01T00:00:00Z", "is_local": False, "item": entry}
                    for entry in page
                ],
                "limit": limit,
                "next": f"{base}?offset={following}&limit={limit}"
                if following < len(entries)
                else None,
                "offset": offset,
                "previous": None,
                "total": len(entries),
            }
        )
