"""A work found by its link: read by id on its own platform, then found on the others by
ISRC/UPC first and by its exact metadata otherwise. The link's own platform keeps the
link (method `source`)."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, replace

from injector import inject

from services.errors import ProviderUnavailable
from services.links.finder import FoundLinks, LinkFinder
from services.links.sources.deezer import DeezerSource
from services.links.sources.itunes import ITunesSource
from services.links.sources.spotify import SpotifySource
from services.links.sources.tidal import TidalSource
from services.links.sources.tmdb import TmdbSource
from services.links.sources.urls import PlatformLink, unreadable
from services.links.sources.work import Source, SourceReader
from services.links.sources.youtube import YouTubeSource

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Resolved:
    """A link's work and where it is."""

    source: Source
    found: FoundLinks


class SourceReaders:
    """The reader of each platform whose links recindex reads."""

    @inject
    def __init__(
        self,
        spotify: SpotifySource,
        deezer: DeezerSource,
        itunes: ITunesSource,
        youtube: YouTubeSource,
        tmdb: TmdbSource,
        tidal: TidalSource,
    ) -> None:
        readers: list[SourceReader] = [spotify, deezer, itunes, youtube, tmdb, tidal]
        self._readers = {platform: reader for reader in readers for platform in reader.platforms}

    def read(self, link: PlatformLink, country: str, someone_waits: bool = False) -> Source:
        reader = self._readers.get(link.platform)
        if reader is None:
            raise unreadable(f"{link.platform} links are recognised, but no provider reads them")
        try:
            return reader.read(link, country, someone_waits)
        except (KeyError, TypeError, ValueError, AttributeError, IndexError) as error:
            # A platform answering an unexpected shape is a failing platform, not a bug here.
            log.warning("malformed answer", extra={"platform": link.platform, "error": repr(error)})
            raise ProviderUnavailable(link.platform, "malformed answer") from None


class LinkResolver:
    """Reads a link's work and finds it everywhere, through the one shared finder."""

    @inject
    def __init__(self, finder: LinkFinder, readers: SourceReaders) -> None:
        self._finder = finder
        self._readers = readers

    @property
    def country(self) -> str:
        return self._finder.country

    def resolve(
        self,
        link: PlatformLink,
        country: str | None = None,
        timeout: float | None = None,
        spend_daily_budgets: bool = True,
    ) -> Resolved:
        """The link's work and its links everywhere. With `timeout` (someone waits), the
        read is tried once and the whole answer comes within it, as `find_query`'s."""
        started = time.monotonic()
        market = (country or self._finder.country).upper()
        source = self._readers.read(link, market, someone_waits=timeout is not None)
        left = None if timeout is None else max(0.0, timeout - (time.monotonic() - started))
        return Resolved(source, self.find_for(source, market, left, spend_daily_budgets))

    def read(self, link: PlatformLink, country: str | None = None) -> Source:
        """The link's work, read from its platform."""
        return self._readers.read(link, (country or self._finder.country).upper())

    def find_for(
        self,
        source: Source,
        country: str | None = None,
        timeout: float | None = None,
        spend_daily_budgets: bool = True,
    ) -> FoundLinks:
        """Where the source's work is: the source's platform keeps the source's link."""
        market = (country or self._finder.country).upper()
        known = {source.provider: source.result()} if source.complete else {}
        query = source.work.query(market)
        found = self._finder.find_query(query, timeout, spend_daily_budgets, known)
        cover = source.work.cover
        covers = {**found.covers, **{platform: cover for platform in source.links if cover}}
        return replace(
            found,
            links={**found.links, **source.links},
            covers=covers,
            cover_img=found.cover_img or cover,
        )
