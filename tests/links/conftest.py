"""Stand-ins for Spotify (accounts + Web API), Deezer and iTunes over one shared catalog,
and the book catalogues (Open Library, Google Books), empty unless a test adds a book:
a work posted without a kind is looked up as a book too, and a catalogue that cannot be
reached would hold its kind back."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import pytest

from app import build_injector
from services.links.finder import LinkFinder
from services.settings import Settings
from standins import music
from standins.catalog import Catalog, standard_catalog
from standins.google_books import GoogleBooksStandIn
from standins.openlibrary import OpenLibraryStandIn
from standins.server import StandIn
from standins.spotify_accounts import CLIENT_ID, CLIENT_SECRET, SpotifyAccounts
from standins.world import service_finder
from tests.conftest import make_settings

T = TypeVar("T")


@dataclass
class Music:
    catalog: Catalog
    accounts: SpotifyAccounts
    spotify: StandIn
    deezer: StandIn
    itunes: StandIn
    openlibrary: OpenLibraryStandIn = field(default_factory=OpenLibraryStandIn)
    google_books: GoogleBooksStandIn = field(default_factory=GoogleBooksStandIn)

    @property
    def settings(self) -> dict[str, object]:
        """Every music provider pointed at its stand-in, limits out of the way."""
        return {
            "spotify_client_id": CLIENT_ID,
            "spotify_client_secret": CLIENT_SECRET,
            "spotify_accounts_url": self.accounts.url,
            "spotify_api_url": self.spotify.url,
            "deezer_api_url": self.deezer.url,
            "itunes_api_url": self.itunes.url,
            "openlibrary_api_url": self.openlibrary.api_url,
            "openlibrary_covers_url": self.openlibrary.covers_url,
            "google_books_api_url": self.google_books.api_url,
            "spotify_rate_limit": "1000/1",
            "deezer_rate_limit": "1000/1",
            "itunes_rate_limit": "1000/1",
            "max_retry_after_seconds": 2.0,
            "lookup_timeout_seconds": 3.0,
        }

    @property
    def standins(self) -> list[StandIn]:
        return [self.spotify, self.deezer, self.itunes]

    @property
    def catalogues(self) -> list[StandIn]:
        """The book catalogues' servers, started with the stores."""
        books = self.openlibrary
        return [books.standin, books.covers_standin, self.google_books.standin]

    def upstream_calls(self) -> int:
        return sum(len(standin.requests) for standin in self.standins)


@pytest.fixture
def music_standins() -> Iterator[Music]:
    catalog = standard_catalog()
    accounts = SpotifyAccounts()
    found = Music(
        catalog, accounts, music.spotify(catalog), music.deezer(catalog), music.itunes(catalog)
    )
    for standin in [accounts.standin, *found.standins, *found.catalogues]:
        standin.start()
    try:
        yield found
    finally:
        for standin in [accounts.standin, *found.standins, *found.catalogues]:
            standin.stop()


@pytest.fixture
def music_settings(tmp_path: Path, music_standins: Music) -> Settings:
    return make_settings(tmp_path, **music_standins.settings)


@pytest.fixture
def finder(music_settings: Settings) -> Iterator[LinkFinder]:
    with service_finder(music_settings) as built:
        yield built


def platform(settings: Settings, kind: type[T]) -> T:
    """A platform's `LinkProvider` as the service wires it, over clients of its own."""
    return build_injector(settings).get(kind)
