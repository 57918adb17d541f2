"""The index's wiring: the embedded index, or Elasticsearch when `ELASTICSEARCH_URL` is set."""

from __future__ import annotations

from injector import Injector, Module, provider, singleton

from services.closing import Closing
from services.index import RecommendationIndex
from services.index.embedded import EmbeddedIndex
from services.index.es_client import ElasticsearchClient
from services.index.measured import MeasuredIndex
from services.settings import Settings


class IndexModule(Module):
    """Binds the `RecommendationIndex` and, with Elasticsearch, the one client of the cluster."""

    @singleton
    @provider
    def elasticsearch(self, settings: Settings, closing: Closing) -> ElasticsearchClient:
        """One client (one connection pool) for the index and the token store."""
        return closing.register(ElasticsearchClient(settings))

    @singleton
    @provider
    def index(
        self, settings: Settings, injector: Injector, closing: Closing
    ) -> RecommendationIndex:
        if settings.elasticsearch_url:
            # Imported only when it is the index.
            from services.index.elasticsearch import ElasticsearchIndex

            client = injector.get(ElasticsearchClient).as_client()
            chosen: RecommendationIndex = ElasticsearchIndex(
                client, alias=settings.elasticsearch_index, refresh=settings.elasticsearch_refresh
            )
        else:
            chosen = EmbeddedIndex(settings.embedded_db_path)
        # Every implementation is timed alike (INDEX_LATENCY).
        return closing.register(MeasuredIndex(chosen))
