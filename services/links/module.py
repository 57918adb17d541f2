"""The links' wiring: the one finder over every platform, and playlist videos' finder."""

from __future__ import annotations

from injector import Module, provider, singleton

from services.accounts.videos import MusicVideoFinder
from services.closing import Closing
from services.links.cache import LookupCache
from services.links.finder import LinkFinder
from services.links.platforms.deezer import DeezerProvider
from services.links.platforms.google_books import GoogleBooksProvider
from services.links.platforms.itunes import ITunesProvider
from services.links.platforms.musicbrainz import MusicBrainzProvider
from services.links.platforms.open_library import OpenLibraryProvider
from services.links.platforms.spotify import SpotifyProvider
from services.links.platforms.tidal import TidalProvider
from services.links.platforms.tmdb import TmdbProvider
from services.links.platforms.youtube import YouTubeProvider
from services.links.videos import YouTubeVideoFinder
from services.providers.tmdb import TmdbApi
from services.providers.youtube import YouTubeSearch
from services.settings import Settings


class LinksModule(Module):
    """Binds the `LinkFinder` and the `MusicVideoFinder` accounts ask for."""

    @singleton
    @provider
    def finder(
        self,
        settings: Settings,
        closing: Closing,
        spotify: SpotifyProvider,
        deezer: DeezerProvider,
        tidal: TidalProvider,
        itunes: ITunesProvider,
        musicbrainz: MusicBrainzProvider,
        youtube: YouTubeProvider,
        tmdb: TmdbProvider,
        open_library: OpenLibraryProvider,
        google_books: GoogleBooksProvider,
    ) -> LinkFinder:
        # One finder, so `GET /links` and stored recommendations share its cache.
        finder = LinkFinder(
            # Open Library before Google Books: of two covers as sure, its larger one.
            providers=[
                spotify,
                deezer,
                tidal,
                itunes,
                musicbrainz,
                youtube,
                tmdb,
                open_library,
                google_books,
            ],
            cache=LookupCache(settings.lookup_cache_ttl_seconds),
            country=settings.lookup_country,
            lookups_at_once=settings.lookups_at_once,
        )
        return closing.register(finder)

    @provider
    def tmdb(self, settings: Settings, api: TmdbApi) -> TmdbProvider:
        # Without a key it reports `skipped` for films and series.
        key = settings.tmdb_api_key.get_secret_value() if settings.tmdb_api_key else ""
        return TmdbProvider(api if key else None)

    @singleton
    @provider
    def music_videos(self, settings: Settings, search: YouTubeSearch) -> MusicVideoFinder:
        # The links' YouTube search and matching: one budget, one ranking of videos.
        return YouTubeVideoFinder(search, settings.lookup_cache_ttl_seconds)
