"""The platform links and URIs people paste, read into a platform, a kind and an id.

Only read: recindex never fetches a URL a client sent (a short link, which names
nothing until it is followed, is refused with the reason). `urllib.parse` takes the
URL apart and each platform's reader looks at its path segments and query: no
pattern reads outside text here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import cast
from urllib.parse import parse_qs, urlsplit

from services.errors import UnreadableLink
from services.model import Kind
from services.providers.youtube import ALBUM_PLAYLIST_PREFIX

READABLE_PLATFORMS = (
    "spotify",
    "deezer",
    "apple_music",
    "youtube",
    "youtube_music",
    "tidal",
    "tmdb",
)
"""The platforms whose links are read (`tmdb`: films and series; the others: tracks and
albums), as an unreadable link's answer lists them."""

LONGEST_LINK = 2048
_ID_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
_YOUTUBE_LETTERS = _ID_LETTERS | {"-", "_"}
_LONGEST_ID = 64

SHORT_LINK_HOSTS = frozenset(
    {"spotify.link", "spotify.app.link", "deezer.page.link", "link.deezer.com", "dzr.page.link"}
)


@dataclass(frozen=True, slots=True)
class PlatformLink:
    """A work on one platform: `platform` as `links` name it, `kind` as recommendations do
    (`track`, `album`, `movie`, `series`), and the platform's id for it."""

    platform: str
    kind: str
    id: str


def unreadable(reason: str) -> UnreadableLink:
    """The error of a link that cannot be read, naming the platforms that can."""
    return UnreadableLink(reason, READABLE_PLATFORMS)


def read_link(text: str) -> PlatformLink:
    """The platform, kind and id a pasted link or URI names; `UnreadableLink` says why not."""
    text = text.strip()
    if len(text) > LONGEST_LINK:
        raise unreadable(f"a link is at most {LONGEST_LINK} characters")
    if text[:8].lower() == "spotify:":
        return _spotify(text.split(":")[1:], {})
    try:
        parts = urlsplit(text)
        host = (parts.hostname or "").lower()
    except ValueError:
        raise unreadable("not a URL") from None
    if parts.scheme.lower() not in ("http", "https") or not host:
        raise unreadable("not an http(s) link or a spotify: URI")
    if host in SHORT_LINK_HOSTS:
        raise unreadable(
            f"{host} is a short link, which names nothing until it is followed, and "
            "recindex never fetches a URL it is sent: paste the link it opens instead"
        )
    reader = _HOSTS.get(host.removeprefix("www."))
    if reader is None:
        raise unreadable(f"{host} is not a platform recindex reads")
    segments = [segment for segment in parts.path.split("/") if segment]
    return reader(segments, parse_qs(parts.query))


def kind_of_link(text: str) -> str | None:
    """The kind of work a link names (`track`, `album`, `movie`, `series`), or None when
    it is no platform link recindex reads: what a post's `reclink` says its kind is."""
    try:
        return read_link(text).kind
    except UnreadableLink:
        return None


class LinkKinds:
    """What a reclink says of a work's kind (`services.lookups.kinds.ReclinkKinds`): the
    kind its platform link names, read without asking anyone."""

    def kind_of(self, reclink: str) -> Kind | None:
        return cast("Kind | None", kind_of_link(reclink))


Query = dict[str, list[str]]


def _spotify(segments: list[str], _: Query) -> PlatformLink:
    # open.spotify.com/intl-de/track/ID, /embed/album/ID; spotify:track:ID
    rest = [s for s in segments if not s.startswith("intl-") and s != "embed"]
    kind, ident = _pair(rest, "Spotify")
    if kind not in ("track", "album"):
        raise unreadable(f"a Spotify {kind} is not a track or an album")
    return PlatformLink("spotify", kind, _checked(ident, _ID_LETTERS, "Spotify"))


def _deezer(segments: list[str], _: Query) -> PlatformLink:
    # www.deezer.com/fr/track/ID: a language may come first
    if segments and segments[0] not in ("track", "album") and len(segments[0]) <= 5:
        segments = segments[1:]
    kind, ident = _pair(segments, "Deezer")
    if kind not in ("track", "album"):
        raise unreadable(f"a Deezer {kind} is not a track or an album")
    return PlatformLink("deezer", kind, _digits(ident, "Deezer"))


def _apple(segments: list[str], query: Query) -> PlatformLink:
    # music.apple.com/us/album/slug/ID?i=TRACK, /us/song/slug/ID,
    # itunes.apple.com/us/album/slug/idID
    place = next((n for n, s in enumerate(segments) if s in ("album", "song")), None)
    if place is None or place == len(segments) - 1:
        raise unreadable("an Apple Music link names an album or a song")
    ident = _digits(segments[-1].removeprefix("id"), "Apple Music")
    track = (query.get("i") or [""])[0]
    if segments[place] == "song":
        return PlatformLink("apple_music", "track", ident)
    if track:
        return PlatformLink("apple_music", "track", _digits(track, "Apple Music"))
    return PlatformLink("apple_music", "album", ident)


def _youtube(platform: str) -> Callable[[list[str], Query], PlatformLink]:
    def read(segments: list[str], query: Query) -> PlatformLink:
        first = segments[0] if segments else ""
        if first == "watch" and query.get("v"):
            return PlatformLink(platform, "track", _video(query["v"][0]))
        if first in ("shorts", "embed", "live") and len(segments) > 1:
            return PlatformLink(platform, "track", _video(segments[1]))
        if first == "playlist" and query.get("list"):
            return _album_playlist(platform, query["list"][0])
        if first == "browse" and len(segments) > 1 and segments[1].startswith("MPREb_"):
            raise unreadable(
                "a YouTube Music album page (/browse/MPREb_…) has no id the YouTube Data "
                "API reads: share the album's playlist (music.youtube.com/playlist?list=…)"
            )
        raise unreadable("a YouTube link names a video or an album's playlist")

    return read


def _short_youtube(segments: list[str], _: Query) -> PlatformLink:
    if not segments:
        raise unreadable("a youtu.be link names a video")
    return PlatformLink("youtube", "track", _video(segments[0]))


def _tmdb(segments: list[str], _: Query) -> PlatformLink:
    # www.themoviedb.org/movie/603-the-matrix, /tv/1399-game-of-thrones/season/1
    kind, slug = _pair(segments, "TMDB")
    if kind not in ("movie", "tv"):
        raise unreadable("a TMDB link names a movie or a series (/movie/ID, /tv/ID)")
    ident = _digits(slug.split("-", 1)[0], "TMDB")
    return PlatformLink("tmdb", "movie" if kind == "movie" else "series", ident)


def _tidal(segments: list[str], _: Query) -> PlatformLink:
    # tidal.com/browse/track/ID, listen.tidal.com/album/ID, /album/ID/track/TRACK
    rest = segments[1:] if segments[:1] == ["browse"] else segments
    kind, ident = _pair(rest, "TIDAL")
    if kind == "album" and rest[2:3] == ["track"] and len(rest) > 3:
        kind, ident = "track", rest[3]
    if kind not in ("track", "album"):
        raise unreadable(f"a TIDAL {kind} is not a track or an album")
    return PlatformLink("tidal", kind, _digits(ident, "TIDAL"))


def _pair(segments: list[str], platform: str) -> tuple[str, str]:
    if len(segments) < 2:
        raise unreadable(f"a {platform} link names a kind and an id (…/track/ID)")
    return segments[0].lower(), segments[1]


def _digits(ident: str, platform: str) -> str:
    if not (ident.isascii() and ident.isdigit() and len(ident) <= _LONGEST_ID):
        raise unreadable(f"a {platform} id is a number")
    return ident


def _checked(ident: str, letters: frozenset[str], platform: str) -> str:
    if not ident or len(ident) > _LONGEST_ID or not set(ident) <= letters:
        raise unreadable(f"{ident[:80]!r} is not a {platform} id")
    return ident


def _video(ident: str) -> str:
    return _checked(ident, _YOUTUBE_LETTERS, "YouTube video")


def _album_playlist(platform: str, ident: str) -> PlatformLink:
    if not ident.startswith(ALBUM_PLAYLIST_PREFIX):
        raise unreadable(
            "a YouTube playlist is read only when it is an album's release playlist "
            f"({ALBUM_PLAYLIST_PREFIX}…)"
        )
    return PlatformLink(platform, "album", _checked(ident, _YOUTUBE_LETTERS, "YouTube playlist"))


_HOSTS: dict[str, Callable[[list[str], Query], PlatformLink]] = {
    "open.spotify.com": _spotify,
    "play.spotify.com": _spotify,
    "deezer.com": _deezer,
    "music.apple.com": _apple,
    "geo.music.apple.com": _apple,
    "itunes.apple.com": _apple,
    "geo.itunes.apple.com": _apple,
    "youtube.com": _youtube("youtube"),
    "m.youtube.com": _youtube("youtube"),
    "youtu.be": _short_youtube,
    "music.youtube.com": _youtube("youtube_music"),
    "themoviedb.org": _tmdb,
    "tidal.com": _tidal,
    "listen.tidal.com": _tidal,
}
"""Each host (without `www.`) and how its paths name works."""


def link_of(platform: str, kind: str, ident: str) -> PlatformLink:
    """A work named by platform, kind and id (Odesli's `platform`, `type`, `id`; a share
    page's path), its id checked as a link's would be."""
    if platform == "tmdb":
        if kind not in ("movie", "series"):
            raise unreadable(f"a TMDB {kind} is not a movie or a series")
        return PlatformLink(platform, kind, _digits(ident, "TMDB"))
    if kind not in ("track", "album"):
        raise unreadable(f"{kind!r} is not a song or an album")
    if platform in ("youtube", "youtube_music"):
        if kind == "album":
            return _album_playlist(platform, ident)
        return PlatformLink(platform, kind, _video(ident))
    if platform == "spotify":
        return PlatformLink(platform, kind, _checked(ident, _ID_LETTERS, "Spotify"))
    if platform in ("deezer", "apple_music", "tidal"):
        return PlatformLink(platform, kind, _digits(ident, platform))
    raise unreadable(f"{platform!r} is not a platform recindex reads")
