"""The lookups' wiring: in this process's threads, or through RabbitMQ with `RABBITMQ_URL`."""

from __future__ import annotations

from injector import Injector, Module, provider, singleton

from services.closing import Closing
from services.index import RecommendationIndex
from services.links.sources.urls import LinkKinds
from services.lookups.kinds import ReclinkKinds
from services.lookups.scheduling import BackgroundLookups, LookupScheduler
from services.settings import Settings


class LookupsModule(Module):
    """Binds the `LookupScheduler`, and what a reclink says of a work's kind."""

    @singleton
    @provider
    def reclink_kinds(self) -> ReclinkKinds:
        # The parser of platform links: asked before any provider.
        return LinkKinds()

    @singleton
    @provider
    def scheduler(
        self, settings: Settings, injector: Injector, index: RecommendationIndex, closing: Closing
    ) -> LookupScheduler:
        scheduler: LookupScheduler
        if settings.rabbitmq_url:
            # Through the broker, so a lookup outlives the process that asked for it.
            from services.queue.lookups import BrokerLookups
            from services.queue.pool import PublisherPool

            scheduler = BrokerLookups(injector.get(PublisherPool), index)
        else:
            from services.lookups.runner import LookupRunner

            scheduler = BackgroundLookups(injector.get(LookupRunner), index)
        return closing.register(scheduler)
