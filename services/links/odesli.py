"""Odesli's (song.link's) API answer, from a lookup by link: its documented shape (API
v1-alpha.1), its platform names and its entity ids (`SPOTIFY_SONG::{id}`).

Odesli lists each entity (a song or album on one API provider) once, and each platform
it powers (an iTunes entity powers `appleMusic` and `itunes`; a YouTube video
`youtube` and `youtubeMusic`, when both links are the same video). Only found links
appear, as Odesli's answers show.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from services.errors import MissingParameter
from services.links.matching.youtube import video_credit
from services.links.sources.resolver import Resolved
from services.links.sources.urls import PlatformLink, link_of, read_link, unreadable
from services.model import Link
from services.providers.youtube import Result, release_title

ODESLI_PLATFORMS: dict[str, tuple[str, str]] = {
    "spotify": ("spotify", "spotify"),
    "deezer": ("deezer", "deezer"),
    "appleMusic": ("apple_music", "itunes"),
    "itunes": ("apple_music", "itunes"),
    "youtube": ("youtube", "youtube"),
    "youtubeMusic": ("youtube_music", "youtube"),
    "tidal": ("tidal", "tidal"),
}
"""The one map of Odesli's platforms: each Odesli name, our platform (as `links` name it)
and the API provider whose entity powers it (Odesli's `apiProvider`). A new platform is
one line here."""
ODESLI_TYPES = {"song": "track", "album": "album"}

# Ours -> the Odesli names its link gives and their API provider (read off the map above).
_PLATFORMS: dict[str, tuple[tuple[str, ...], str]] = {
    ours: (tuple(name for name, (o, _) in ODESLI_PLATFORMS.items() if o == ours), provider)
    for ours, provider in ODESLI_PLATFORMS.values()
}
_APPLE_APPS = {
    "appleMusic": ("music", "music://", "itms://"),
    "itunes": ("itunes", "itms://", "itms://"),
}
YOUTUBE_THUMBNAIL = "https://i.ytimg.com/vi/{id}/hqdefault.jpg"


def odesli_link(
    url: str | None, platform: str | None, kind: str | None, ident: str | None
) -> PlatformLink:
    """The song or album an Odesli request names: its `url`, or `platform`, `type`, `id`."""
    if url is not None:
        link = read_link(url)
    elif platform and kind and ident:
        if platform not in ODESLI_PLATFORMS:
            raise unreadable(f"{platform!r} is not a platform recindex reads")
        link = link_of(ODESLI_PLATFORMS[platform][0], ODESLI_TYPES[kind], ident)
    else:
        raise MissingParameter("url", "platform, type and id")
    if link.kind not in ODESLI_TYPES.values():
        raise unreadable(f"a {link.kind} is not a song or an album: GET /links?url= reads it")
    return link


def entity_id(platform: str, kind: str, external_id: str) -> str:
    """Odesli's id of an entity: `SPOTIFY_SONG::…`, `ITUNES_ALBUM::…`, `YOUTUBE_VIDEO::…`."""
    provider = _PLATFORMS[platform][1].upper()
    if provider == "YOUTUBE":
        return f"YOUTUBE_{'VIDEO' if kind == 'track' else 'PLAYLIST'}::{external_id}"
    return f"{provider}_{'SONG' if kind == 'track' else 'ALBUM'}::{external_id}"


def odesli_answer(resolved: Resolved, country: str, page_url: str) -> dict[str, Any]:
    """The lookup as Odesli answers it."""
    source = resolved.source
    kind = source.work.kind
    entities: dict[str, dict[str, Any]] = {}
    links: dict[str, dict[str, str]] = {}
    for platform, link in resolved.found.links.items():
        if link.get("status") != "found" or platform not in _PLATFORMS:
            continue
        names, provider = _PLATFORMS[platform]
        uid = entity_id(platform, kind, link["external_id"])
        entity = entities.setdefault(uid, _entity(link, kind, provider))
        cover = resolved.found.covers.get(platform) or _thumbnail(provider, kind, link)
        if cover:
            entity.setdefault("thumbnailUrl", cover)
        for name in names:
            entity["platforms"].append(name)
            links[name] = {**_urls(name, link), "entityUniqueId": uid, "country": country}
    own = source.links[source.link.platform]["external_id"]
    return {
        "entityUniqueId": entity_id(source.link.platform, kind, own),
        "userCountry": country,
        "pageUrl": page_url,
        "entitiesByUniqueId": entities,
        "linksByPlatform": links,
    }


def _entity(link: Link, kind: str, provider: str) -> dict[str, Any]:
    title = link.get("title")
    if provider == "youtube" and title:
        # A video's title is the upload's ("Artist - Title (Official Video)"); Odesli's
        # answers show the song's, as the other providers do.
        upload = Result(link["external_id"], title, "", link.get("artist") or "")
        title = release_title(title) if kind == "album" else video_credit(upload)[1]
    entity: dict[str, Any] = {
        "id": link["external_id"],
        "type": "song" if kind == "track" else "album",
        "title": title,
        "artistName": link.get("artist"),
        "apiProvider": provider,
        "platforms": [],
    }
    return {name: value for name, value in entity.items() if value is not None}


def _urls(name: str, link: Link) -> dict[str, str]:
    """A platform's `url` and the app URIs where the platform has them."""
    url, app_uri = link["url"], link.get("app_uri")
    if name in _APPLE_APPS:
        app, mobile, desktop = _APPLE_APPS[name]
        parts = urlsplit(url)
        query = urlencode([*parse_qsl(parts.query), ("app", app)])
        url = urlunsplit((parts.scheme, parts.netloc, parts.path, query, ""))
        bare = url.split("://", 1)[1]
        return {
            "url": url,
            "nativeAppUriMobile": mobile + bare,
            "nativeAppUriDesktop": desktop + bare,
        }
    if not app_uri:
        return {"url": url}
    # Spotify's URIs as Odesli gives them (desktop); the others' schemes are the apps' on phones.
    side = "nativeAppUriDesktop" if name == "spotify" else "nativeAppUriMobile"
    return {"url": url, side: app_uri}


def _thumbnail(provider: str, kind: str, link: Link) -> str | None:
    """YouTube's still of a video, where the lookup gave none."""
    if provider == "youtube" and kind == "track":
        return YOUTUBE_THUMBNAIL.format(id=link["external_id"])
    return None
