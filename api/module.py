"""The HTTP API's own wiring: where point reads run, the providers' bulkhead, readiness."""

from __future__ import annotations

from injector import Injector, Module, provider, singleton

from api.bulkhead import Bulkhead
from api.offload import InlinePointReads, PointReads
from services.index import RecommendationIndex
from services.readiness import Check, Readiness
from services.settings import Settings


class ApiModule(Module):
    """Binds what the API's handlers and its lifespan use beside the domain's services."""

    @singleton
    @provider
    def point_reads(self, settings: Settings) -> PointReads:
        # Inline on the event loop only where a read cannot block it: the embedded index.
        return PointReads() if settings.elasticsearch_url else InlinePointReads()

    @singleton
    @provider
    def providers_bulkhead(self, settings: Settings) -> Bulkhead:
        # A slot frees up within a lookup's time-out: that is when to come back.
        return Bulkhead(settings.provider_requests_at_once, settings.lookup_timeout_seconds)

    @singleton
    @provider
    def readiness(
        self, settings: Settings, index: RecommendationIndex, injector: Injector
    ) -> Readiness:
        checks: dict[str, Check] = {"index": index.ping}
        if settings.rabbitmq_url:
            from services.queue.pool import PublisherPool

            # A pooled connection: none opened per check.
            checks["broker"] = injector.get(PublisherPool).check
        # Only Elasticsearch pauses writes (a reindex's write block).
        return Readiness(checks, writes=getattr(index, "writes_paused", None))
