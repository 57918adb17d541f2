"""What clients can do with links: look a work up without storing it, ask for a
stored recommendation's lookup again, and correct one platform's link."""

from __future__ import annotations

from typing import cast

from injector import inject

from services.errors import UnknownPlatform
from services.isbn import checked_isbn
from services.links.finder import FoundLinks, LinkFinder
from services.links.query import Query
from services.links.sources.resolver import LinkResolver, Resolved
from services.links.sources.urls import PlatformLink, read_link
from services.model import LinkCorrection, Recommendation
from services.platforms import platforms_of
from services.recommendations import RecommendationService
from services.settings import Settings

CORRECTION_FIELDS = ("url", "external_id", "app_uri", "title", "artist")


class LinkService:
    """The links side of the API; lookups go through the one shared `LinkFinder`."""

    @inject
    def __init__(
        self,
        finder: LinkFinder,
        resolver: LinkResolver,
        recommendations: RecommendationService,
        settings: Settings,
    ) -> None:
        self._finder = finder
        self._resolver = resolver
        self._recommendations = recommendations
        self._timeout = settings.lookup_timeout_seconds

    def lookup(
        self,
        kind: str,
        title: str,
        artist: str | None = None,
        country: str | None = None,
        isrc: str | None = None,
        upc: str | None = None,
        year: int | None = None,
        spend_daily_budgets: bool = True,
        isbn: str | None = None,
    ) -> FoundLinks:
        """Every platform's link for a work, within `LOOKUP_TIMEOUT_SECONDS` (a platform
        that has not answered by then is `error`); nothing is stored (the cache is
        shared). Without `spend_daily_budgets`, YouTube answers only from the cache."""
        query = Query(
            kind=kind,
            title=title.strip(),
            artist=(artist or "").strip() or None,
            year=year,
            isrc=isrc.upper() if isrc else None,
            upc=upc or None,
            isbn=checked_isbn(isbn) if isbn else None,
            country=(country or self._finder.country).upper(),
        )
        return self._finder.find_query(query, self._timeout, spend_daily_budgets)

    def lookup_link(
        self, url: str, country: str | None = None, spend_daily_budgets: bool = True
    ) -> Resolved:
        """The work a platform link names, read by id on its platform, and where it is
        on the others (found by ISRC/UPC first), within `LOOKUP_TIMEOUT_SECONDS`:
        `UnreadableLink` for a link no platform reader reads, `WorkNotFound` for an id its
        platform does not know. Nothing is fetched from the URL itself."""
        return self.resolve_link(read_link(url), country, spend_daily_budgets)

    def resolve_link(
        self, link: PlatformLink, country: str | None = None, spend_daily_budgets: bool = True
    ) -> Resolved:
        """`lookup_link` for a work named by platform, kind and id."""
        return self._resolver.resolve(link, country, self._timeout, spend_daily_budgets)

    @property
    def country(self) -> str:
        """The market looked in when a lookup names none (`LOOKUP_COUNTRY`)."""
        return self._finder.country

    def request_lookup(self, recommendation_id: str) -> Recommendation:
        """Schedule the lookup again (`NotFound` when there is no such recommendation)."""
        return self._recommendations.request_lookup(recommendation_id)

    def correct(
        self, recommendation_id: str, platform: str, fields: dict[str, str]
    ) -> Recommendation:
        """A person's link: `manual`, confidence 1, kept by every later lookup."""
        recommendation = self._recommendations.get(recommendation_id)
        known = platforms_of(recommendation["kind"])
        if platform not in known:
            raise UnknownPlatform(platform, known)
        # The body is JSON the spec validated as a `LinkCorrection`.
        correction = {name: fields[name] for name in CORRECTION_FIELDS if fields.get(name)}
        return self._recommendations.correct_link(
            recommendation_id, platform, cast(LinkCorrection, correction)
        )
