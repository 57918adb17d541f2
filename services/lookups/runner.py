"""One lookup: find a stored recommendation's links and store them."""

from __future__ import annotations

from typing import cast

from injector import inject

from services.errors import NotFound
from services.index import RecommendationIndex
from services.links.sources.posts import PostLookup, RecommendationLinks
from services.lookups.kinds import KindInference
from services.model import UNKNOWN, Recommendation, utc_now, with_links
from services.webhooks.notifications import LinkNotifications


class LookupRunner:
    """Finds the links of one recommendation and merges them into the index; places a
    work posted without a kind first; tells of links found or changed."""

    @inject
    def __init__(
        self,
        index: RecommendationIndex,
        links: RecommendationLinks,
        kinds: KindInference,
        notifications: LinkNotifications,
    ) -> None:
        self._index = index
        self._links = links
        self._kinds = kinds
        self._notifications = notifications

    def run(self, recommendation_id: str) -> Recommendation | None:
        """Look it up and store the links; None when it was deleted meanwhile."""
        try:
            stored = self._look_up(self._index.get(recommendation_id))
        except NotFound:
            return None
        self._notifications.links_stored(stored)
        return stored

    def _look_up(self, recommendation: Recommendation) -> Recommendation:
        recommendation_id = recommendation["id"]
        if recommendation["kind"] == UNKNOWN:
            placement = self._kinds.place(recommendation)
            if placement.kind is None:
                # Left `unknown`, and findable by search as it is; a platform in `error`
                # makes it `partial`, so it is placed again later.
                return self._index.set_links(recommendation_id, placement.links)
            recommendation = self._index.update(recommendation_id, placement.apply)
        lookup = self._links.find(recommendation)
        found = lookup.found
        attribution = "; ".join(found.attributions) or None
        if not lookup.fills:
            return self._index.set_links(
                recommendation_id, found.links, found.cover_img, attribution
            )
        return self._index.update(
            recommendation_id,
            lambda stored: with_links(
                _filled(stored, lookup), found.links, found.cover_img, utc_now(), attribution
            ),
        )


def _filled(stored: Recommendation, lookup: PostLookup) -> Recommendation:
    """The stored document with what its reclink's platform says where the post said
    nothing (as stored now: a client's edit meanwhile wins). Its duplicate key stays:
    a post with a reclink is keyed by it alone."""
    absent = {
        name: value
        for name, value in lookup.fills.items()
        if not str(stored.get(name) or "").strip()
    }
    return cast(Recommendation, {**stored, **absent}) if absent else stored
