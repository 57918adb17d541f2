"""A recommendation as stored and served, and the small values around it."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Literal

Kind = Literal["album", "track", "artist", "movie", "series", "book", "event", "other"]
LinksStatus = Literal["pending", "partial", "complete"]

MUSIC_KINDS = frozenset({"album", "track", "artist"})
SCREEN_KINDS = frozenset({"movie", "series"})

Recommendation = dict[str, Any]
"""The JSON document of CONTRACT.md; the spec is its schema."""

Link = dict[str, Any]


def utc_now() -> str:
    """Now, as the `…Z` timestamp every document uses (millisecond precision)."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def to_utc(timestamp: str) -> str:
    """A client's RFC 3339 timestamp, in the same `…Z` form as `utc_now`."""
    parsed = datetime.fromisoformat(timestamp.replace("Z", "+00:00").replace("z", "+00:00"))
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def found_platforms(recommendation: Recommendation) -> list[str]:
    """Platforms on which a link was found (for the `platform` filter)."""
    links = recommendation.get("links") or {}
    return sorted(name for name, link in links.items() if link.get("status") == "found")


def links_status(links: dict[str, Link]) -> LinksStatus:
    """`complete` when no platform is left in error; `partial` when one is."""
    if any(link.get("status") == "error" for link in links.values()):
        return "partial"
    return "complete"


def merge_links(existing: dict[str, Link], new: dict[str, Link]) -> dict[str, Link]:
    """Links after a lookup: a person's correction (`method` `manual`) is never
    overwritten by a lookup; a new manual link replaces anything."""
    merged = dict(existing)
    for platform, link in new.items():
        kept = merged.get(platform)
        if kept and kept.get("method") == "manual" and link.get("method") != "manual":
            continue
        merged[platform] = link
    return merged


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
    changed = {**recommendation, "links": merged, "links_status": links_status(merged)}
    if cover_img and not recommendation.get("img"):
        changed["img"] = cover_img
    if attribution:
        changed["attribution"] = attribution
    changed["updated_at"] = now
    return changed


INTERNAL_FIELDS = ("dedup_key", "source_message_id")


def public_view(recommendation: Recommendation) -> Recommendation:
    """The document as clients see it: without the fields only the service uses."""
    return {name: value for name, value in recommendation.items() if name not in INTERNAL_FIELDS}


def oldest_lookup(recommendation: Recommendation) -> str | None:
    """When the stalest looked-up (not manual) link was checked."""
    times = [
        link["checked_at"]
        for link in (recommendation.get("links") or {}).values()
        if link.get("method") != "manual" and link.get("checked_at")
    ]
    return min(times) if times else None
