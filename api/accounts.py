"""Linked Spotify accounts: linking, now playing (also for small devices), playlist videos."""

from __future__ import annotations

from typing import Any

from injector import inject

from api.bulkhead import Bulkhead
from api.now_playing_access import NowPlayingAccess, Reader
from api.recommendations import location
from api.responses import Response, json_response
from services.accounts.linking import AccountLinking
from services.accounts.now_playing import NowPlaying
from services.accounts.public_now_playing import PublicNowPlaying
from services.accounts.videos import PlaylistVideos
from services.accounts.widget import SVG_HEADERS, SVG_TYPE, now_playing_svg
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
    providers' threads). Reading it takes the key, a device token of the user, or
    nothing when the user made it public (`NowPlayingAccess`)."""

    @inject
    def __init__(
        self,
        now_playing: NowPlaying,
        public: PublicNowPlaying,
        access: NowPlayingAccess,
        providers: Bulkhead,
    ) -> None:
        self._now_playing = now_playing
        self._public = public
        self._access = access
        self._providers = providers

    async def get(
        self, uid: str, width: int | None = None, user: str | None = None, token_info: Any = None
    ) -> Response:
        return _json(*await self._read(uid, width, user, token_info, None))

    async def device(
        self, body: dict[str, Any], user: str | None = None, token_info: Any = None
    ) -> Response:
        """`POST /get` with form fields `uid` (and `width`, `token`), as an ESP32 sends them."""
        width = body.get("width")
        width = int(width) if width is not None else None
        return _json(*await self._read(body["uid"], width, user, token_info, body.get("token")))

    async def widget(self, uid: str, user: str | None = None, token_info: Any = None) -> Response:
        """`GET /users/{uid}/now-playing.svg`: a card to embed in a page or a README."""
        view, cache_control = await self._read(uid, None, user, token_info, None)
        headers = {"Content-Type": SVG_TYPE, "Cache-Control": cache_control, **SVG_HEADERS}
        return now_playing_svg(view), 200, headers

    async def _read(
        self,
        uid: str,
        width: int | None,
        user: str | None,
        token_info: Any,
        form_token: str | None,
    ) -> tuple[dict[str, Any] | None, str]:
        """The view (None when nothing plays) and the `Cache-Control` it is answered with."""
        reader = await self._access.reader(uid, user, token_info, form_token)
        source = self._public if reader is Reader.PUBLIC else self._now_playing
        view = await self._providers.run(source.current, uid, width)
        return view, self._access.cache_control(reader)

    async def recommend(self, uid: str) -> Response:
        created = await self._providers.run(self._now_playing.recommend, uid)
        return json_response(public_view(created), 201, Location=location(created["id"]))


def _json(view: dict[str, Any] | None, cache_control: str) -> Response:
    if view is None:
        # Connexion wants a content type named, since the spec lists two; none is sent.
        return json_response(None, 204, **{"Cache-Control": cache_control})
    return json_response(view, 200, **{"Cache-Control": cache_control})


class Playlists:
    """`/playlists/{playlist_id}/videos` (Spotify, then YouTube: on the providers' threads)."""

    @inject
    def __init__(self, videos: PlaylistVideos, providers: Bulkhead) -> None:
        self._videos = videos
        self._providers = providers

    async def videos(self, playlist_id: str, limit: int = 10) -> Response:
        return json_response(await self._providers.run(self._videos.list, playlist_id, limit))
