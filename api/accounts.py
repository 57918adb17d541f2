"""Linked Spotify accounts: linking, now playing (also for small devices), playlist videos."""

from __future__ import annotations

from typing import Any

from injector import inject

from api.bulkhead import Bulkhead
from api.recommendations import location
from api.responses import Response, json_response
from services.accounts.linking import AccountLinking
from services.accounts.now_playing import NowPlaying
from services.accounts.videos import PlaylistVideos
from services.model import public_view


class SpotifyLinks:
    """`/users/{user}/spotify/...` and Spotify's redirect back to `/spotify/callback`."""

    @inject
    def __init__(self, linking: AccountLinking, providers: Bulkhead) -> None:
        self._linking = linking
        self._providers = providers

    # Path parameters are `uid`: Connexion passes the API key's subject as `user`.
    def authorize(self, uid: str) -> Response:
        return json_response({"authorize_url": self._linking.start(uid)})

    async def callback(
        self, state: str | None = None, code: str | None = None, error: str | None = None
    ) -> Response:
        # Exchanging the code asks Spotify: on the providers' threads.
        user = await self._providers.run(
            self._linking.complete, state=state, code=code, error=error
        )
        return json_response({"user": user, "status": "linked"})

    def unlink(self, uid: str) -> Response:
        self._linking.unlink(uid)
        return None, 204, {}


class CurrentTrack:
    """What a linked user plays now, and recommending it (each asks Spotify: on the
    providers' threads)."""

    @inject
    def __init__(self, now_playing: NowPlaying, providers: Bulkhead) -> None:
        self._now_playing = now_playing
        self._providers = providers

    async def get(self, uid: str, width: int | None = None) -> Response:
        view = await self._providers.run(self._now_playing.current, uid, width)
        if view is None:
            # Connexion wants a content type named, since the spec lists two; none is sent.
            return json_response(None, 204)
        return json_response(view)

    async def device(self, body: dict[str, Any]) -> Response:
        """`POST /get` with form fields `uid` (and `width`), as an ESP32 sends them."""
        width = body.get("width")
        return await self.get(body["uid"], int(width) if width is not None else None)

    async def recommend(self, uid: str) -> Response:
        created = await self._providers.run(self._now_playing.recommend, uid)
        return json_response(public_view(created), 201, Location=location(created["id"]))


class Playlists:
    """`/playlists/{playlist_id}/videos` (Spotify, then YouTube: on the providers' threads)."""

    @inject
    def __init__(self, videos: PlaylistVideos, providers: Bulkhead) -> None:
        self._videos = videos
        self._providers = providers

    async def videos(self, playlist_id: str, limit: int = 10) -> Response:
        return json_response(await self._providers.run(self._videos.list, playlist_id, limit))
