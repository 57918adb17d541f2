"""One lookup: find a stored recommendation's links and store them."""

from __future__ import annotations

from injector import inject

from services.errors import NotFound
from services.index import RecommendationIndex
from services.links.finder import LinkFinder
from services.lookups.kinds import KindInference
from services.model import UNKNOWN, Recommendation
from services.webhooks.notifications import LinkNotifications


class LookupRunner:
    """Finds the links of one recommendation and merges them into the index; places a
    work posted without a kind first; tells of links found or changed."""

    @inject
    def __init__(
        self,
        index: RecommendationIndex,
        finder: LinkFinder,
        kinds: KindInference,
        notifications: LinkNotifications,
    ) -> None:
        self._index = index
        self._finder = finder
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
        found = self._finder.find(recommendation)
        return self._index.set_links(
            recommendation_id,
            found.links,
            found.cover_img,
            "; ".join(found.attributions) or None,
        )
