"""One lookup: find a stored recommendation's links and store them."""

from __future__ import annotations

from injector import inject

from services.errors import NotFound
from services.index import RecommendationIndex
from services.links.finder import LinkFinder
from services.model import Recommendation


class LookupRunner:
    """Finds the links of one recommendation and merges them into the index."""

    @inject
    def __init__(self, index: RecommendationIndex, finder: LinkFinder) -> None:
        self._index = index
        self._finder = finder

    def run(self, recommendation_id: str) -> Recommendation | None:
        """Look it up and store the links; None when it was deleted meanwhile."""
        try:
            recommendation = self._index.get(recommendation_id)
        except NotFound:
            return None
        found = self._finder.find(recommendation)
        try:
            return self._index.set_links(
                recommendation_id,
                found.links,
                found.cover_img,
                "; ".join(found.attributions) or None,
            )
        except NotFound:
            return None
