"""A recommendation as stored and served, and the small values around it."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Literal, NotRequired, Required, TypedDict

Kind = Literal["album", "track", "artist", "movie", "series", "book", "event", "other", "unknown"]
UNKNOWN: Kind = "unknown"
"""The kind of a work recindex has not placed yet: posted without one, never guessed."""
KindSource = Literal["reclink", "lookup"]
LinksStatus = Literal["pending", "partial", "complete"]

MUSIC_KINDS = frozenset({"album", "track", "artist"})
SCREEN_KINDS = frozenset({"movie", "series"})
AUTHORED_KINDS = frozenset({"album", "track", "book"})
"""Kinds whose title may be written `Artist - Work` (for a book, `Author - Title`)."""

# "Artist - Album", also with the en and em dashes people type on phones.
# The artist ends in a letter: the spaces before the dash are then tried once.
_ARTIST_TITLE = re.compile(r"^(?P<artist>.*?\S)\s+[-\u2013\u2014]\s+(?P<work>.+)$")


def split_artist_title(kind: str, title: str) -> tuple[str, str] | None:
    """`(artist, work)` of a title written `Artist - Work` (a book's `Author - Title`),
    or None."""
    if kind not in AUTHORED_KINDS:
        return None
    match = _ARTIST_TITLE.match(title.strip())
    return (match.group("artist").strip(), match.group("work").strip()) if match else None


def artist_from_title(kind: str, title: str) -> str | None:
    """The artist (a book's author) of a title written `Artist - Work`, or None."""
    split = split_artist_title(kind, title)
    return split[0] if split else None


LinkStatus = Literal["found", "not_found", "error", "skipped"]
LinkMethod = Literal["upc", "isrc", "isbn", "search", "manual", "provider", "source"]


class Link(TypedDict, total=False):
    """Where a work is on one platform (the spec's `Link`); only `status` is always there."""

    status: Required[LinkStatus]
    url: str
    external_id: str
    title: str
    artist: str
    app_uri: str
    confidence: float
    method: LinkMethod
    detail: str
    checked_at: str
    other_platforms: list[str]


class PlaylistVideo(Link, total=False):
    """A playlist entry's `video` (the spec's `PlaylistVideo`): its link, and what the
    video's uploader says about it."""

    description: str


class LinkCorrection(TypedDict, total=False):
    """A person's link to a work (the spec's `LinkCorrection`)."""

    url: Required[str]
    external_id: str
    app_uri: str
    title: str
    artist: str


class Recommendation(TypedDict):
    """The JSON document of docs/contract.md, as stored in both indexes and served (the spec's
    `Recommendation` is its schema); `dedup_key`, `source_message_id` and `links_notified`
    are stored only."""

    id: str
    title: str
    user: str
    kind: Kind
    kind_inferred_from: NotRequired[KindSource]
    external_id: NotRequired[str]
    artist: NotRequired[str]
    description: NotRequired[str]
    img: NotRequired[str]
    reclink: NotRequired[str]
    year: NotRequired[int]
    isrc: NotRequired[str]
    upc: NotRequired[str]
    isbn: NotRequired[str]
    created_at: str
    updated_at: str
    indexed_at: NotRequired[str]
    links_status: LinksStatus
    links: dict[str, Link]
    attribution: NotRequired[str]
    dedup_key: NotRequired[str]
    source_message_id: NotRequired[str]
    links_notified: NotRequired[str]


def utc_now() -> str:
    """Now, as the `…Z` timestamp every document uses (millisecond precision)."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def format_timestamp(seconds: float) -> str:
    """Seconds since the epoch as the same `…Z` timestamp as `utc_now`."""
    moment = datetime.fromtimestamp(seconds, UTC)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def to_utc(timestamp: str) -> str:
    """A client's RFC 3339 timestamp, in the same `…Z` form as `utc_now`; `ValueError`
    when it is none, or lies outside the years 1-9999 once in UTC (RFC 3339 allows
    `9999-12-31T23:59:59-23:59`, which is in the year 10000 in UTC)."""
    parsed = datetime.fromisoformat(timestamp.replace("Z", "+00:00").replace("z", "+00:00"))
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    try:
        in_utc = parsed.astimezone(UTC)
    except OverflowError:
        raise ValueError(f"{timestamp!r} is outside the years 1-9999 in UTC") from None
    return in_utc.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def found_platforms(recommendation: Recommendation) -> list[str]:
    """Platforms on which a link was found (for the `platform` filter)."""
    links = recommendation.get("links")
    if not links:  # a new post, before its lookup: every write of an import
        return []
    return sorted(name for name, link in links.items() if link.get("status") == "found")


def links_status(links: dict[str, Link]) -> LinksStatus:
    """`complete` when no platform is left in error; `partial` when one is."""
    if any(link.get("status") == "error" for link in links.values()):
        return "partial"
    return "complete"


PROVEN_METHODS = frozenset({"manual", "provider", "source"})
"""Links no lookup overrules: a person's correction, the link the source itself gave
(the Spotify track a user plays), and the link the work was named by (a `reclink` read
by its id on its platform)."""


def merge_links(existing: dict[str, Link], new: dict[str, Link]) -> dict[str, Link]:
    """Links after a lookup. A proven link (`PROVEN_METHODS`) is never overwritten by a
    lookup, and a new manual link replaces anything. A platform that failed this time
    (`error`) keeps the link found before: a passing fault is no news about the work."""
    merged = dict(existing)
    for platform, link in new.items():
        kept = merged.get(platform)
        if kept is None or _replaces(link, kept):
            merged[platform] = link
    return merged


def without_source_links(links: dict[str, Link]) -> dict[str, Link]:
    """The links once the post names another work by its `reclink`: the old reclink's
    own link (`source`, proven) goes, as nothing names it any more; the rest stay until
    the new lookup answers for them."""
    return {platform: link for platform, link in links.items() if link.get("method") != "source"}


def _replaces(link: Link, kept: Link) -> bool:
    """Whether a lookup's `link` takes the place of the `kept` one."""
    method, kept_method = link.get("method"), kept.get("method")
    if method == "manual":
        return True
    if kept_method in PROVEN_METHODS:
        # The link the post names now (its reclink, read again) replaces the one it named.
        return method == kept_method == "source"
    return not (kept.get("status") == "found" and link.get("status") == "error")


def with_links(
    recommendation: Recommendation,
    links: dict[str, Link],
    cover_img: str | None,
    now: str,
    attribution: str | None = None,
) -> Recommendation:
    """The document after `links` are merged in: the one rule both indexes apply.

    An `attribution` replaces the stored one; without one the stored credit stays,
    as the links it credits stay too (`merge_links` keeps unmentioned platforms).
    """
    merged = merge_links(recommendation.get("links") or {}, links)
    changed: Recommendation = {
        **recommendation,
        "links": merged,
        "links_status": links_status(merged),
    }
    if cover_img and not recommendation.get("img"):
        changed["img"] = cover_img
    if attribution:
        changed["attribution"] = attribution
    # Links are recindex's own change: `updated_at` is the source's, and stays.
    changed["indexed_at"] = now
    return changed


def public_view(recommendation: Recommendation) -> Recommendation:
    """The document as clients see it: without the fields only the service uses."""
    view = recommendation.copy()
    view.pop("dedup_key", None)
    view.pop("source_message_id", None)
    view.pop("links_notified", None)
    return view


def oldest_lookup(recommendation: Recommendation) -> str | None:
    """When the stalest looked-up (not manual) link was checked."""
    times = [
        link["checked_at"]
        for link in (recommendation.get("links") or {}).values()
        if link.get("method") != "manual" and link.get("checked_at")
    ]
    return min(times) if times else None
