"""What a page to share shows: the work, who recommended it and why, a button per platform.

One view model (`SharePage`) for both pages: a stored recommendation's
(`page_of_recommendation`) and a work looked up by its link (`page_of_work`, which has
no recommender). Only what a browser may follow becomes a link: a button's `url` is an
`http`/`https` URL, its app link any other scheme but those that run or embed content
in a browser, whatever an index holds.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from services.dedup import fold_text
from services.model import SCREEN_KINDS, Link, Recommendation, split_artist_title

WEB_SCHEMES = frozenset({"http", "https"})
# What a browser would run, embed or read from disk instead of handing to an app.
UNSAFE_APP_SCHEMES = frozenset({"javascript", "vbscript", "data", "file", "blob", "about"})

# Buttons come in this order; other platforms (TMDB's streaming providers) follow by
# name, and TMDB's own page of the title comes last: it is about the work, not on it.
PLATFORM_ORDER = ("spotify", "apple_music", "youtube_music", "youtube", "deezer", "tidal")
LAST = ("tmdb",)
# How each platform of the closed list (`services.platforms`) is written on a page,
# as the platform writes itself.
PLATFORM_NAMES = {
    "spotify": "Spotify",
    "apple_music": "Apple Music",
    "youtube_music": "YouTube Music",
    "youtube": "YouTube",
    "deezer": "Deezer",
    "tidal": "TIDAL",
    "tmdb": "TMDB",
    "netflix": "Netflix",
    "amazon_prime_video": "Amazon Prime Video",
    "disney_plus": "Disney+",
    "apple_tv_plus": "Apple TV+",
    "hulu": "Hulu",
    "hbo_max": "HBO Max",
    "paramount_plus": "Paramount+",
    "peacock": "Peacock",
    "crunchyroll": "Crunchyroll",
    "tubi_tv": "Tubi",
    "pluto_tv": "Pluto TV",
    "mubi": "MUBI",
    "starz": "STARZ",
    "amc_plus": "AMC+",
    "shudder": "Shudder",
    "the_criterion_channel": "The Criterion Channel",
    "kanopy": "Kanopy",
    "hoopla": "hoopla",
    "britbox": "BritBox",
    "fubotv": "Fubo",
    "plex": "Plex",
    "canal_plus": "Canal+",
    "now_tv": "NOW",
    "sky_go": "Sky Go",
    "bbc_iplayer": "BBC iPlayer",
    "itvx": "ITVX",
    "channel_4": "Channel 4",
    "stan": "Stan",
    "crave": "Crave",
    "rakuten_tv": "Rakuten TV",
    "joyn": "Joyn",
    "rtl_plus": "RTL+",
    "viaplay": "Viaplay",
    "skyshowtime": "SkyShowtime",
    "globoplay": "Globoplay",
    "zee5": "ZEE5",
    "u_next": "U-NEXT",
    "open_library": "Open Library",
    "google_books": "Google Books",
}
# Words of a name not on the list (`services.links.platforms.tmdb.platform_name` made
# it) that are not written as capitalised words.
_WORDS = {"plus": "+", "tv": "TV", "hbo": "HBO", "bbc": "BBC", "amc": "AMC", "mubi": "MUBI"}
KIND_NAMES = {
    "album": "Album",
    "track": "Track",
    "artist": "Artist",
    "movie": "Film",
    "series": "Series",
    "book": "Book",
    "event": "Event",
    "other": "Recommendation",
}
SUMMARY_CHARACTERS = 200
"""The longest `og:description`: what chat apps show of it, and a little more."""


@dataclass(frozen=True, slots=True)
class Button:
    """One platform where the work is: its web page, and its app's link when it has one."""

    platform: str
    name: str
    label: str
    url: str
    app_uri: str | None = None


@dataclass(frozen=True, slots=True)
class SharePage:
    """Everything a page to share shows, already checked and in order."""

    kind: str
    title: str
    artist: str | None
    cover: str | None
    buttons: tuple[Button, ...]
    recommended_by: str | None = None
    why: str | None = None
    recommended_on: datetime | None = None
    source_post: str | None = None
    attribution: str | None = None
    still_looking: bool = False

    @property
    def kind_name(self) -> str:
        return KIND_NAMES.get(self.kind, KIND_NAMES["other"])

    @property
    def watched(self) -> bool:
        return self.kind in SCREEN_KINDS

    @property
    def heading(self) -> str:
        """ "Phobia by Breaking Benjamin": the page's `<title>` and card title."""
        return f"{self.title} by {self.artist}" if self.artist else self.title

    @property
    def cover_alt(self) -> str:
        return f"{'Poster' if self.watched else 'Cover'} of {self.heading}"

    @property
    def summary(self) -> str:
        """The card's description: why it was recommended, else where it is."""
        if self.why:
            said = f"{self.recommended_by}: {self.why}" if self.recommended_by else self.why
            return shortened(said, SUMMARY_CHARACTERS)
        if self.buttons:
            names = [button.name for button in self.buttons]
            listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
            return f"{self.heading}, on {listed}."
        return self.heading


def page_of_recommendation(recommendation: Recommendation) -> SharePage:
    """The page of a stored recommendation."""
    kind = recommendation["kind"]
    artist = recommendation.get("artist")
    links = recommendation.get("links") or {}
    return SharePage(
        kind=kind,
        title=shown_title(kind, recommendation["title"], artist),
        artist=artist,
        cover=web_url(recommendation.get("img")),
        buttons=buttons(links, kind),
        recommended_by=recommendation["user"],
        why=(recommendation.get("description") or "").strip() or None,
        recommended_on=_moment(recommendation.get("created_at")),
        source_post=_source_post(recommendation.get("reclink"), links),
        attribution=recommendation.get("attribution"),
        still_looking=recommendation.get("links_status") == "pending",
    )


def page_of_work(
    kind: str,
    title: str,
    artist: str | None,
    cover: str | None,
    links: Mapping[str, Link],
    attribution: str | None = None,
) -> SharePage:
    """The page of a work looked up by its link: what its platform says it is, and where
    it was found (`GET /s/...`)."""
    return SharePage(
        kind=kind,
        title=title,
        artist=artist,
        cover=web_url(cover),
        buttons=buttons(links, kind),
        attribution=attribution,
    )


def buttons(links: Mapping[str, Link], kind: str) -> tuple[Button, ...]:
    """A button per platform where the work was found, in `PLATFORM_ORDER`."""
    shown = []
    for platform in sorted(links, key=_place):
        link = links[platform]
        url = web_url(link.get("url")) if link.get("status") == "found" else None
        if url is None:
            continue
        name = platform_name(platform)
        shown.append(Button(platform, name, f"{_verb(platform, kind)} {name}", url, app_uri(link)))
    return tuple(shown)


def platform_name(platform: str) -> str:
    """How a platform is written: `amazon_prime_video` is "Amazon Prime Video"; a name
    off the list by its words."""
    if platform in PLATFORM_NAMES:
        return PLATFORM_NAMES[platform]
    words = [_WORDS.get(word, word.capitalize()) for word in platform.split("_") if word]
    return " ".join(words).replace(" +", "+")


def shown_title(kind: str, title: str, artist: str | None) -> str:
    """The title without an `Artist - ` prefix naming the artist shown beside it."""
    split = split_artist_title(kind, title)
    if artist and split and fold_text(split[0]) == fold_text(artist):
        return split[1]
    return title


def web_url(url: str | None) -> str | None:
    """`url` when a browser may open it as a page or an image (`http`/`https`), else None."""
    if not url:
        return None
    parts = urlsplit(url)
    return url if parts.scheme.lower() in WEB_SCHEMES and parts.netloc else None


def app_uri(link: Link) -> str | None:
    """The link's app URI when it opens an app (not a page, nor a script)."""
    uri = link.get("app_uri")
    if not uri:
        return None
    scheme = urlsplit(uri).scheme.lower()
    if not scheme or scheme in WEB_SCHEMES or scheme in UNSAFE_APP_SCHEMES:
        return None
    return uri


def shortened(text: str, limit: int) -> str:
    """`text` in one line, cut at a word before `limit` characters, with an ellipsis."""
    line = " ".join(text.split())
    if len(line) <= limit:
        return line
    cut = line[: limit - 1].rsplit(" ", 1)[0] or line[: limit - 1]
    return cut.rstrip(" ,.;:") + "…"


def _place(platform: str) -> tuple[int, int, str]:
    if platform in PLATFORM_ORDER:
        return (0, PLATFORM_ORDER.index(platform), "")
    return (2 if platform in LAST else 1, 0, platform)


def _verb(platform: str, kind: str) -> str:
    if platform == "tmdb":
        return "Details on"
    if kind == "book":
        return "Read on"
    return "Watch on" if kind in SCREEN_KINDS or platform == "youtube" else "Listen on"


def _moment(timestamp: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(timestamp.replace("Z", "+00:00")) if timestamp else None
    except ValueError:
        return None


def _source_post(reclink: str | None, links: Mapping[str, Link]) -> str | None:
    """Where it was recommended, unless that is one of the buttons already."""
    url = web_url(reclink)
    if url is None or any(link.get("url") == url for link in links.values()):
        return None
    return url
