"""The accounts' wiring: where users' tokens are kept, and playlist videos' threads."""

from __future__ import annotations

from injector import Injector, Module, provider, singleton

from services.accounts.embedded import EmbeddedTokenStore
from services.accounts.sharing import SharingStore
from services.accounts.sharing_embedded import EmbeddedSharingStore
from services.accounts.spotify import SpotifyAccounts
from services.accounts.tokens import TokenStore
from services.accounts.videos import MusicVideoFinder, PlaylistVideos
from services.closing import Closing
from services.index.es_client import ElasticsearchClient
from services.settings import Settings


class AccountsModule(Module):
    """Binds the `TokenStore` and `SharingStore` (in the index in use) and `PlaylistVideos`."""

    @singleton
    @provider
    def token_store(self, settings: Settings, injector: Injector, closing: Closing) -> TokenStore:
        # Spotify tokens live in the index in use, beside the recommendations.
        store: TokenStore
        if settings.elasticsearch_url:
            from services.accounts.elasticsearch import ElasticsearchTokenStore

            client = injector.get(ElasticsearchClient)
            store = ElasticsearchTokenStore(client, f"{settings.elasticsearch_index}-accounts")
        else:
            store = EmbeddedTokenStore(settings.embedded_db_path)
        return closing.register(store)

    @singleton
    @provider
    def sharing_store(
        self, settings: Settings, injector: Injector, closing: Closing
    ) -> SharingStore:
        # Who may read a user's now playing: beside the tokens, in the index in use.
        store: SharingStore
        if settings.elasticsearch_url:
            from services.accounts.sharing_elasticsearch import ElasticsearchSharingStore

            client = injector.get(ElasticsearchClient)
            store = ElasticsearchSharingStore(client, f"{settings.elasticsearch_index}-sharing")
        else:
            store = EmbeddedSharingStore(settings.embedded_db_path)
        return closing.register(store)

    @singleton
    @provider
    def playlist_videos(
        self, spotify: SpotifyAccounts, finder: MusicVideoFinder, closing: Closing
    ) -> PlaylistVideos:
        return closing.register(PlaylistVideos(spotify, finder))
