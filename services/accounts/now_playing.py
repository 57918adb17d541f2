"""What a linked user is listening to, shaped for pages and small displays; recommending it."""

from __future__ import annotations

import re
from typing import Any

from injector import inject, singleton

from services.accounts.ascii import has_kana, lcd_line, readable_ascii
from services.accounts.linking import AccountLinking
from services.accounts.spotify import SpotifyAccounts
from services.errors import NothingPlaying
from services.model import Link, Recommendation, utc_now
from services.recommendations import RecommendationService

# What a display shows when Spotify tells that something plays but not what.
HIDDEN_ITEM = {"ad": "Advertisement", "episode": "Podcast episode", "unknown": "Private session"}
_ISRC = re.compile(r"^[A-Za-z]{2}[A-Za-z0-9]{3}[0-9]{7}$")


def _image(images: Any) -> str | None:
    # Spotify lists images widest first.
    return images[0].get("url") if isinstance(images, list) and images else None


def japanese_context(item: dict[str, Any]) -> bool:
    """Whether a track is Japanese, so that its kanji are read as Japanese: kana in its
    title or its album's, a Japanese ISRC (registrant country JP), or an album released
    in Japan only."""
    album = item.get("album") or {}
    if has_kana(f"{item.get('name') or ''} {album.get('name') or ''}"):
        return True
    isrc = (item.get("external_ids") or {}).get("isrc")
    if isinstance(isrc, str) and isrc.upper().startswith("JP"):
        return True
    return album.get("available_markets") == ["JP"]


def now_playing_view(current: dict[str, Any], width: int | None = None) -> dict[str, Any]:
    """The `NowPlaying` JSON of the spec from Spotify's currently-playing object."""
    item = current.get("item") or None
    kind = current.get("currently_playing_type") or "unknown"
    view: dict[str, Any] = {
        "type": kind if kind in ("track", "episode", "ad") else "unknown",
        "is_playing": bool(current.get("is_playing")),
        "title": None,
        "artists": [],
        "album": None,
        "url": None,
        "image": None,
        "progress_ms": current.get("progress_ms"),
        "duration_ms": None,
    }
    if item and item.get("type") == "episode":
        show = item.get("show") or {}
        view["type"] = "episode"
        view["artists"] = [show["name"]] if show.get("name") else []
        view["image"] = _image(item.get("images")) or _image(show.get("images"))
    elif item:
        view["type"] = "track"
        view["artists"] = [a["name"] for a in item.get("artists") or [] if a.get("name")]
        album = item.get("album") or {}
        view["album"] = album.get("name")
        view["image"] = _image(album.get("images"))
    if item:
        view["title"] = item.get("name")
        view["url"] = (item.get("external_urls") or {}).get("spotify")
        view["duration_ms"] = item.get("duration_ms")
        in_japanese = japanese_context(item)
        view["ascii_title"] = readable_ascii(view["title"] or "", in_japanese)
        # Each name on its own: a Chinese artist beside a Japanese one keeps its reading,
        # unless the track itself is Japanese (高橋洋子 is Takahashi Yoko beside a kana title).
        view["ascii_artist"] = ", ".join(
            readable_ascii(name, in_japanese) for name in view["artists"]
        )
    else:
        view["ascii_title"] = HIDDEN_ITEM.get(view["type"], HIDDEN_ITEM["unknown"])
        view["ascii_artist"] = ""
    if width:
        view["lcd"] = [lcd_line(view["ascii_title"], width), lcd_line(view["ascii_artist"], width)]
    return view


def spotify_link(track: dict[str, Any], artist: str) -> Link:
    """The track's own Spotify link: known for certain, so confidence 1."""
    return {
        "status": "found",
        "url": track["external_urls"]["spotify"],
        "external_id": track.get("id") or "",
        "title": track.get("name") or "",
        "artist": artist,
        "app_uri": track.get("uri") or "",
        "confidence": 1.0,
        "method": "provider",
        "checked_at": utc_now(),
    }


@singleton
class NowPlaying:
    """Asks Spotify, for a linked user, what plays now."""

    @inject
    def __init__(
        self, linking: AccountLinking, api: SpotifyAccounts, recommendations: RecommendationService
    ) -> None:
        self._linking = linking
        self._api = api
        self._recommendations = recommendations

    def current(self, user: str, width: int | None = None) -> dict[str, Any] | None:
        """The now-playing view, or None when nothing plays."""
        current = self._linking.call(user, self._api.currently_playing)
        return now_playing_view(current, width) if current is not None else None

    def recommend(self, user: str) -> Recommendation:
        """Recommend the playing track as `user`; `DuplicateRecommendation` when they did."""
        current = self._linking.call(user, self._api.currently_playing)
        track = (current or {}).get("item") or {}
        if track.get("type") != "track" or not (track.get("external_urls") or {}).get("spotify"):
            raise NothingPlaying(f"{user}'s Spotify plays no track that can be recommended")
        artist = ", ".join(a["name"] for a in track.get("artists") or [] if a.get("name"))
        title = track.get("name") or ""
        album = track.get("album") or {}
        fields: dict[str, Any] = {
            "title": (f"{artist} - {title}" if artist else title)[:300],
            "user": user,
            "kind": "track",
        }
        if artist:
            fields["artist"] = artist[:200]
        image = _image(album.get("images"))
        if image:
            fields["img"] = image
        isrc = (track.get("external_ids") or {}).get("isrc")
        if isinstance(isrc, str) and _ISRC.match(isrc):
            fields["isrc"] = isrc.upper()
        year = str(album.get("release_date") or "")[:4]
        if year.isdigit():
            fields["year"] = int(year)
        return self._recommendations.create(fields, links={"spotify": spotify_link(track, artist)})
