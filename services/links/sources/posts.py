"""A stored recommendation's lookup, by its `reclink` when that is a platform link.

The link is read by id on its platform and the work found on the others by identity,
as `GET /links?url=` does; what the post lacks (its title or artist) comes from
the platform. A reclink that is no platform link, or names another kind of work than
the post (a track's link under an album), leaves the lookup to the post's own words.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from injector import inject

from services.errors import ProviderUnavailable, UnreadableLink, WorkNotFound
from services.links.finder import FoundLinks, LinkFinder
from services.links.query import missing
from services.links.sources.resolver import LinkResolver
from services.links.sources.urls import PlatformLink, read_link
from services.links.sources.work import Work
from services.model import MUSIC_KINDS, UNKNOWN, Link, LinkStatus, Recommendation


@dataclass(frozen=True, slots=True)
class PostLookup:
    """A recommendation's links, and the fields its reclink's platform fills in."""

    found: FoundLinks
    fills: dict[str, str] = field(default_factory=dict)


def reclink_work(recommendation: Recommendation) -> PlatformLink | None:
    """The work the post's reclink names, when it names one of the post's kind (or the
    post named no kind)."""
    reclink = recommendation.get("reclink")
    if not reclink:
        return None
    try:
        link = read_link(reclink)
    except UnreadableLink:
        return None
    kind = str(recommendation.get("kind") or UNKNOWN)
    return link if kind in (UNKNOWN, link.kind) else None


class RecommendationLinks:
    """Finds a stored recommendation's links: by its reclink's identity, or by its words."""

    @inject
    def __init__(self, finder: LinkFinder, resolver: LinkResolver) -> None:
        self._finder = finder
        self._resolver = resolver

    def find(self, recommendation: Recommendation) -> PostLookup:
        link = reclink_work(recommendation)
        if link is None:
            return PostLookup(self._by_words(recommendation))
        try:
            source = self._resolver.read(link)
        except WorkNotFound as error:
            return self._without_source(recommendation, link, "not_found", str(error))
        except (ProviderUnavailable, UnreadableLink) as error:
            # Tried again later (the lookup is `partial`), by identity then.
            return self._without_source(recommendation, link, "error", str(error))
        return PostLookup(self._resolver.find_for(source), _fills(recommendation, source.work))

    def _by_words(self, recommendation: Recommendation) -> FoundLinks:
        if recommendation.get("kind") in (None, UNKNOWN):
            return FoundLinks()  # nothing says what to look for yet
        return self._finder.find(recommendation)

    def _without_source(
        self, recommendation: Recommendation, link: PlatformLink, status: LinkStatus, detail: str
    ) -> PostLookup:
        """The post's words alone; the reclink's platform says why not by its link, unless
        the words found the work there."""
        found = self._by_words(recommendation)
        kept = found.links.get(link.platform)
        if kept is not None and kept.get("status") == "found":
            return PostLookup(found)
        reclink: Link = missing(status, f"the reclink: {detail}")
        return PostLookup(replace(found, links={**found.links, link.platform: reclink}))


def _fills(recommendation: Recommendation, work: Work) -> dict[str, str]:
    """What the post lacks and its reclink's platform says (its kind, when it named none,
    is placed before: `services.lookups.kinds`)."""
    fills: dict[str, str] = {}
    if not str(recommendation.get("title") or "").strip():
        fills["title"] = work.title
    if not recommendation.get("artist") and work.artist and work.kind in MUSIC_KINDS:
        fills["artist"] = work.artist
    return fills
