"""Where the page to share of a work lives: absolute URLs under `PUBLIC_URL`.

`/s/{platform}/{kind}/{id}` shows a work looked up by its link (the platform, kind and
id the link names, as `links` name them); `/r/{id}` a stored recommendation. Odesli's
`pageUrl` and `GET /links?url=`'s `page_url` point there.
"""

from __future__ import annotations

from urllib.parse import quote

from injector import inject

from services.links.sources.urls import PlatformLink
from services.settings import Settings


class SharePages:
    """The URLs of share pages."""

    @inject
    def __init__(self, settings: Settings) -> None:
        self._base = settings.public_base_url

    def of_link(self, link: PlatformLink) -> str:
        """The page of a work looked up by its link."""
        parts = (link.platform, link.kind, link.id)
        return f"{self._base}/s/" + "/".join(quote(part, safe="") for part in parts)

    def of_recommendation(self, recommendation_id: str) -> str:
        """The page of a stored recommendation."""
        return f"{self._base}/r/{quote(recommendation_id, safe='')}"
