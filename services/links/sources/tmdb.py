"""TMDB links read by id: `/movie/{id}` or `/tv/{id}`, then where the title streams."""

from __future__ import annotations

from injector import inject

from services.errors import ProviderUnavailable, WorkNotFound
from services.links.platforms.provider import year_of
from services.links.platforms.tmdb import TmdbProvider
from services.links.query import Query
from services.links.sources.urls import PlatformLink
from services.links.sources.work import Source, Work
from services.providers.guard import Fault, unavailable
from services.providers.tmdb import TmdbApi

_FIELDS = {"movie": ("movie", "title", "release_date"), "series": ("tv", "name", "first_air_date")}


class TmdbSource:
    """A film or a series, with the platforms that stream it in the country (as a search
    would find them, but by the title's own id)."""

    platforms = ("tmdb",)

    @inject
    def __init__(self, api: TmdbApi, provider: TmdbProvider) -> None:
        self._api = api
        self._provider = provider

    def read(self, link: PlatformLink, country: str, someone_waits: bool = False) -> Source:
        if not self._provider.configured:
            raise ProviderUnavailable("tmdb", "TMDB_API_KEY is not set")
        path, title_field, date_field = _FIELDS[link.kind]
        try:
            item = self._api.read(path, link.id, someone_waits)
            if item is None:
                raise WorkNotFound("tmdb", link.kind, link.id)
            title = str(item.get(title_field) or "")
            year = year_of(item.get(date_field))
            query = Query(kind=link.kind, title=title, year=year, country=country.upper())
            result = self._provider.title_result(query, item, 1.0, "source")
        except Fault as fault:
            raise unavailable("tmdb", fault) from None
        work = Work(kind=link.kind, title=title, year=year, cover=result.cover_img)
        return Source(
            link, work, provider="tmdb", links=result.links, attribution=result.attribution
        )
