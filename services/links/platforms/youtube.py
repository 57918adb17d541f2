"""YouTube and YouTube Music links from one `search.list` per lookup (`providers.youtube`).

One search (100 of a project's 10,000 daily quota units) answers both platforms:
- `youtube`: the best video (tracks), the artist's channel (artists), or an album
  release playlist (albums); the artist's official uploads rank first.
- `youtube_music`, only where YouTube's answer proves the thing is on YouTube Music:
  a track's auto-generated art track (an upload of the "Artist - Topic" channel,
  which is what YouTube Music plays), an artist's Topic channel (YouTube Music's
  artist page), an album's `OLAK5uy_` release playlist. A music video is not a
  YouTube Music song, so without such an upload it is `not_found`.
"""

from __future__ import annotations

from dataclasses import replace

from injector import inject

from services.links.matching.youtube import (
    OFFICIAL_CEILING,
    best_work,
    channel_score,
    is_official_channel,
    shown_artist,
)
from services.links.platforms.provider import BaseProvider
from services.links.query import ProviderResult, Query, found, missing
from services.model import Link
from services.providers.youtube import (
    ALBUM_PLAYLIST_PREFIX,
    Result,
    YouTubeSearch,
    release_title,
)

WATCH = "https://www.youtube.com"
MUSIC = "https://music.youtube.com"


class YouTubeProvider(BaseProvider):
    """`youtube` and `youtube_music` links for tracks, albums and artists."""

    name = "youtube"
    platforms = ("youtube", "youtube_music")
    spends_daily_budget = True

    @inject
    def __init__(self, youtube: YouTubeSearch) -> None:
        super().__init__(None if youtube.has_key else "YOUTUBE_API_KEY is not set")
        self._youtube = youtube

    def waits_for(self, query: Query) -> bool:
        # Its one search a day's budget allows is spent knowing every name the other
        # platforms found: a Topic channel named "IU", not "아이유"; a video titled
        # with the artist's present name, "Snoop Dogg", for a post of "Snoop Doggy Dogg".
        return query.kind in {"album", "track"}

    def lookup(self, query: Query) -> ProviderResult:
        if query.kind == "artist":
            return self._artist(query)
        if not query.artist:
            # Without an artist no candidate can pass the threshold: save the search.
            return self._not_found()
        if query.kind == "album":
            return self._album(query)
        return self._track(query)

    def _track(self, query: Query) -> ProviderResult:
        text = f"{query.credit.main} {query.search_title}".strip()
        videos = self._youtube.search("video", text, query.country)
        video = best_work(query, videos)
        art_track = best_work(query, [result for result in videos if result.is_topic])
        links = {
            "youtube": video_link(query, *video) if video else missing("not_found"),
            "youtube_music": _music_link(query, *art_track) if art_track else missing("not_found"),
        }
        return ProviderResult(links=links)

    def _album(self, query: Query) -> ProviderResult:
        text = f"{query.credit.main} {query.search_title}"
        playlists = self._youtube.search("playlist", text, query.country)
        releases = [
            replace(result, title=release_title(result.title))
            for result in playlists
            if result.id.startswith(ALBUM_PLAYLIST_PREFIX)
        ]
        match = best_work(query, releases)
        if match is None:
            return self._not_found()
        release, confidence = match
        links = {
            "youtube": _link(query, f"{WATCH}/playlist?list={release.id}", release, confidence),
            "youtube_music": _link(
                query, f"{MUSIC}/playlist?list={release.id}", release, confidence
            ),
        }
        return ProviderResult(links=links)

    def _artist(self, query: Query) -> ProviderResult:
        # Channels are found through their music videos: one search, no channel lookup.
        videos = self._youtube.search("video", query.title, query.country)
        channels: dict[str, tuple[Result, float]] = {}
        for video in videos:
            value = channel_score(query, video)
            if value and video.channel_id and is_official_channel(query, video):
                channels.setdefault(video.channel_id, (video, value))
        ranked = sorted(channels.values(), key=lambda pair: (_channel_rank(pair[0]), pair[1]))
        ranked.reverse()
        topic = next((pair for pair in ranked if pair[0].is_topic), None)
        links = {
            "youtube": _channel_link(query, WATCH, *ranked[0]) if ranked else missing("not_found"),
            "youtube_music": _channel_link(query, MUSIC, *topic) if topic else missing("not_found"),
        }
        return ProviderResult(links=links)


def _link(
    query: Query, url: str, result: Result, confidence: float, app_uri: str | None = None
) -> Link:
    return found(
        url,
        external_id=result.id,
        title=result.title,
        artist=shown_artist(query, result) or None,
        confidence=confidence,
        method="search",
        app_uri=app_uri,
    )


def video_link(query: Query, video: Result, confidence: float) -> Link:
    """The `youtube` link to a video, as links and playlist videos show it."""
    url = f"{WATCH}/watch?v={video.id}"
    return _link(query, url, video, confidence, app_uri=f"vnd.youtube:{video.id}")


def _music_link(query: Query, video: Result, confidence: float) -> Link:
    return _link(query, f"{MUSIC}/watch?v={video.id}", video, confidence)


def _channel_link(query: Query, site: str, video: Result, confidence: float) -> Link:
    return found(
        f"{site}/channel/{video.channel_id}",
        external_id=video.channel_id,
        title=video.channel_title,
        artist=shown_artist(query, video) or None,
        confidence=min(confidence, OFFICIAL_CEILING),
        method="search",
    )


def _channel_rank(video: Result) -> int:
    """The artist's own channel before its VEVO, before its auto-generated Topic channel."""
    if video.is_topic:
        return 0
    return 1 if video.channel_title.lower().endswith("vevo") else 2
