"""The closed list of platforms a link may be on (docs/contract.md; the spec's `Platform`).

Every platform adds its fields to the Elasticsearch mapping, so the list is closed: a
name a provider reports that is not on it is never a platform of its own. TMDB's watch
providers are named from their TMDB names (`Amazon Prime Video` -> `amazon_prime_video`)
and kept when the name is listed here; a provider known under several TMDB names or ids
(a plan with ads, a rename) is mapped to its one stable name. What TMDB reports beyond
the list is kept by name in the `tmdb` link's `other_platforms`, one field for them all.
"""

from __future__ import annotations

from services.model import SCREEN_KINDS

MUSIC_PLATFORMS = ("spotify", "deezer", "apple_music", "tidal", "youtube", "youtube_music")

SCREEN_PLATFORMS = (
    "tmdb",  # the title's own TMDB page
    "netflix",
    "amazon_prime_video",
    "disney_plus",
    "apple_tv_plus",
    "hulu",
    "hbo_max",
    "paramount_plus",
    "peacock",
    "crunchyroll",
    "tubi_tv",
    "pluto_tv",
    "mubi",
    "starz",
    "amc_plus",
    "shudder",
    "the_criterion_channel",
    "kanopy",
    "hoopla",
    "britbox",
    "fubotv",
    "plex",
    "canal_plus",
    "now_tv",
    "sky_go",
    "bbc_iplayer",
    "itvx",
    "channel_4",
    "stan",
    "crave",
    "rakuten_tv",
    "joyn",
    "rtl_plus",
    "viaplay",
    "skyshowtime",
    "globoplay",
    "zee5",
    "u_next",
)
"""Films and series: TMDB, and the streaming providers it reports, by stable name. A
film may also take the music platforms (YouTube, for one)."""

BOOK_PLATFORMS = ("open_library", "google_books")
"""Books: a work's page on each catalogue (its cover too)."""

PLATFORMS = MUSIC_PLATFORMS + SCREEN_PLATFORMS + BOOK_PLATFORMS


def platforms_of(kind: str) -> tuple[str, ...]:
    """The platforms a recommendation of that kind may have a link on (the spec takes
    only the closed list; each kind its part of it)."""
    if kind in SCREEN_KINDS:
        return MUSIC_PLATFORMS + SCREEN_PLATFORMS
    return BOOK_PLATFORMS if kind == "book" else MUSIC_PLATFORMS


TMDB_ALIASES = {
    # TMDB provider ids whose names differ from the stable name, or changed: a rename
    # (HBO Max, Max, HBO Max again) or a plan of the same service.
    384: "hbo_max",
    1899: "hbo_max",
    387: "peacock",  # Peacock Premium
    175: "netflix",  # Netflix Kids
    192: "youtube",  # films free with ads on YouTube
}


def tmdb_platform(slug: str, provider_id: object) -> str | None:
    """The platform of a TMDB watch provider (`slug`: its name as `tmdb.platform_name`
    spells it), or None when it is not on the list."""
    if isinstance(provider_id, int) and provider_id in TMDB_ALIASES:
        return TMDB_ALIASES[provider_id]
    return slug if slug in SCREEN_PLATFORMS else None
