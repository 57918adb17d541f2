"""A Spotify playlist's tracks, each with its music video, looked up in parallel."""

from __future__ import annotations

from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait
from typing import Any, Protocol

from services.accounts.spotify import SpotifyAccounts
from services.model import PlaylistVideo

# YouTube's default rate limit is 10 searches a second: more threads would only queue.
PARALLEL_LOOKUPS = 10


class MusicVideoFinder(Protocol):
    """Finds a work's music video; raises `ProviderUnavailable` when the platform fails.

    Links' matching does it (`services.links.videos`, bound by the links module)."""

    def find(self, artist: str, title: str) -> PlaylistVideo:
        """A `found` link with the best video, or `not_found` / `skipped`."""


class PlaylistVideos:
    """The first N tracks of a playlist with a music video each (app token, no user)."""

    def __init__(self, spotify: SpotifyAccounts, finder: MusicVideoFinder) -> None:
        self._spotify = spotify
        self._finder = finder
        self._pool = ThreadPoolExecutor(PARALLEL_LOOKUPS, thread_name_prefix="videos")

    def list(self, playlist_id: str, limit: int) -> dict[str, Any]:
        tracks = self._spotify.playlist_tracks(playlist_id, limit)
        entries = [_entry(position, track) for position, track in enumerate(tracks)]
        wanted = [entry for entry in entries if entry["title"]]
        futures = [
            self._pool.submit(self._finder.find, _first(entry["artists"]), entry["title"])
            for entry in wanted
        ]
        wait(futures, return_when=FIRST_EXCEPTION)
        failure = next((f.exception() for f in futures if f.done() and f.exception()), None)
        if failure is not None:
            # The answer is lost: searches not started would only spend quota, and ones
            # running are awaited so that none outlives the request (a retry starts clean).
            for future in futures:
                future.cancel()
            wait(futures)
            raise failure
        for entry, future in zip(wanted, futures, strict=True):
            entry["video"] = future.result()
        return {"playlist_id": playlist_id, "items": entries}

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


def _first(artists: list[str]) -> str:
    return artists[0] if artists else ""


def _entry(position: int, track: Any) -> dict[str, Any]:
    """A playlist entry as served; removed tracks keep their place with no title."""
    track = track if isinstance(track, dict) else {}
    album = track.get("album") or {}
    images = album.get("images") or track.get("images") or []
    if track.get("type") == "episode":
        artists = [(track.get("show") or {}).get("name") or ""]
    else:
        artists = [a["name"] for a in track.get("artists") or [] if a.get("name")]
    return {
        "position": position,
        "title": track.get("name") or None,
        "artists": [name for name in artists if name],
        "album": album.get("name"),
        "spotify_url": (track.get("external_urls") or {}).get("spotify"),
        "image": images[0].get("url") if images else None,
        "duration_ms": track.get("duration_ms"),
        "video": {"status": "not_found", "detail": "the playlist entry has no track"},
    }
