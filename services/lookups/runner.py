"""One lookup: find a stored recommendation's links and store them."""

from __future__ import annotations

from typing import cast

from injector import inject

from services.dedup import duplicate_key
from services.errors import NotFound
from services.index import RecommendationIndex
from services.links.sources.posts import UNKNOWN_KIND, PostLookup, RecommendationLinks
from services.model import Recommendation, utc_now, with_links


class LookupRunner:
    """Finds the links of one recommendation and merges them into the index."""

    @inject
    def __init__(self, index: RecommendationIndex, links: RecommendationLinks) -> None:
        self._index = index
        self._links = links

    def run(self, recommendation_id: str) -> Recommendation | None:
        """Look it up and store the links; None when it was deleted meanwhile."""
        try:
            recommendation = self._index.get(recommendation_id)
        except NotFound:
            return None
        lookup = self._links.find(recommendation)
        found = lookup.found
        attribution = "; ".join(found.attributions) or None
        try:
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
        except NotFound:
            return None


def _filled(stored: Recommendation, lookup: PostLookup) -> Recommendation:
    """The stored document with what its reclink's platform says where the post said
    nothing (as stored now: a client's edit meanwhile wins)."""
    absent = {
        name: value
        for name, value in lookup.fills.items()
        if not str(stored.get(name) or "").strip()
        or (name == "kind" and stored.get(name) == UNKNOWN_KIND)
    }
    if not absent:
        return stored
    filled = cast(Recommendation, {**stored, **absent})
    filled["dedup_key"] = duplicate_key(filled)
    return filled
