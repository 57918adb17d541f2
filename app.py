"""The composition root: settings -> injector -> Connexion app. The one place choices are made."""

from __future__ import annotations

import contextlib
import importlib
import inspect
import threading
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import anyio.to_thread
import yaml
from connexion.apps.abstract import AbstractApp
from connexion.middleware import MiddlewarePosition
from connexion.options import SwaggerUIOptions
from connexion.resolver import Resolver
from injector import Injector, Module, provider, singleton

from api.anonymous import AnonymousCallers
from api.auth import ApiKeyChecker, api_key_security
from api.bulkhead import Bulkhead
from api.limits import BodySizeLimit
from api.observability import RequestObservability
from api.offload import InlinePointReads, PointReads
from api.operations import ServiceApp
from api.problems import ERRORS, answer
from api.responses import OrjsonJsonifier
from api.validation import validator_map
from services.accounts.embedded import EmbeddedTokenStore
from services.accounts.tokens import TokenStore
from services.accounts.videos import MusicVideoFinder, PlaylistVideos, YouTubeVideoFinder
from services.index import RecommendationIndex
from services.index.embedded import EmbeddedIndex
from services.index.es_client import API_THREADS
from services.index.measured import MeasuredIndex
from services.links.cache import LookupCache
from services.links.finder import LinkFinder
from services.links.registry import build_providers, make_guard
from services.links.spotify_api import SpotifyApi
from services.links.youtube_client import YouTubeSearch
from services.logs import configure_from_settings
from services.lookups.runner import LookupRunner
from services.lookups.scheduling import (
    BackgroundLookups,
    LookupScheduler,
    resume_when_index_answers,
)
from services.readiness import Readiness
from services.settings import Settings
from services.shutdown import Shutdown

if TYPE_CHECKING:
    from services.queue.pool import PublisherPool

SPEC_DIR = Path(__file__).parent / "spec"


class CoreModule(Module):
    """Binds every service, choosing implementations from settings."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._elasticsearch_client: Any = None
        self._pool: PublisherPool | None = None

    def configure(self, binder: Any) -> None:
        binder.bind(Settings, to=self._settings)

    def _elasticsearch(self) -> Any:
        """One client (one connection pool) for the index and the token store."""
        if self._elasticsearch_client is None:
            from services.index.es_client import elasticsearch_client

            self._elasticsearch_client = elasticsearch_client(self._settings)
        return self._elasticsearch_client

    @singleton
    @provider
    def index(self, settings: Settings) -> RecommendationIndex:
        if settings.elasticsearch_url:
            from services.index.elasticsearch import ElasticsearchIndex

            return MeasuredIndex(ElasticsearchIndex.from_settings(settings, self._elasticsearch()))
        # MeasuredIndex: every implementation is timed alike (INDEX_LATENCY).
        return MeasuredIndex(EmbeddedIndex(settings.embedded_db_path))

    @singleton
    @provider
    def point_reads(self, settings: Settings) -> PointReads:
        return PointReads() if settings.elasticsearch_url else InlinePointReads()

    @singleton
    @provider
    def providers_bulkhead(self, settings: Settings) -> Bulkhead:
        # A slot frees up within a lookup's time-out: that is when to come back.
        return Bulkhead(settings.provider_requests_at_once, settings.lookup_timeout_seconds)

    @singleton
    @provider
    def shutdown(self) -> Shutdown:
        return Shutdown()

    @singleton
    @provider
    def spotify(self, settings: Settings) -> SpotifyApi:
        # One per process: the links provider and accounts share its connections and app token.
        return SpotifyApi(settings)

    @singleton
    @provider
    def link_finder(
        self, settings: Settings, shutdown: Shutdown, spotify: SpotifyApi
    ) -> LinkFinder:
        # One finder, so `GET /links` and stored recommendations share its cache.
        return LinkFinder(
            providers=build_providers(settings, shutdown, spotify),
            cache=LookupCache(settings.lookup_cache_ttl_seconds),
            country=settings.lookup_country,
            # The worker's lookup threads; in the API, background lookups and /links.
            lookups_at_once=max(settings.worker_lookup_threads, 16),
        )

    def _publishers(self, settings: Settings) -> PublisherPool | None:
        """This process's broker connections (one pool for lookups and readiness); None
        without RABBITMQ_URL. Closed with the lookups (`BrokerLookups.close`)."""
        if self._pool is None and settings.rabbitmq_url:
            from services.queue.pool import PublisherPool
            from services.queue.topology import Topology

            self._pool = PublisherPool(
                settings.rabbitmq_url,
                Topology.from_settings(settings),
                size=settings.rabbitmq_publish_connections,
                idle_seconds=settings.rabbitmq_idle_seconds,
            )
        return self._pool

    @singleton
    @provider
    def lookups(
        self, settings: Settings, runner: LookupRunner, index: RecommendationIndex
    ) -> LookupScheduler:
        publishers = self._publishers(settings)
        if publishers is not None:
            # Through the broker, so a lookup outlives the process that asked for it.
            from services.queue.lookups import BrokerLookups

            return BrokerLookups(publishers, index)
        return BackgroundLookups(runner, index)

    @singleton
    @provider
    def readiness(self, settings: Settings, index: RecommendationIndex) -> Readiness:
        checks = {"index": index.ping}
        publishers = self._publishers(settings)
        if publishers is not None:
            checks["broker"] = publishers.check  # a pooled connection: none opened per check
        # Only Elasticsearch pauses writes (a reindex's write block).
        return Readiness(checks, writes=getattr(index, "writes_paused", None))

    @singleton
    @provider
    def token_store(self, settings: Settings) -> TokenStore:
        # Spotify tokens live in the index in use, beside the recommendations.
        if settings.elasticsearch_url:
            from services.accounts.elasticsearch import ElasticsearchTokenStore

            return ElasticsearchTokenStore.from_settings(settings, self._elasticsearch())
        return EmbeddedTokenStore(settings.embedded_db_path)

    @singleton
    @provider
    def music_videos(self, settings: Settings, shutdown: Shutdown) -> MusicVideoFinder:
        # The links package's YouTube search: its rate limit and daily budget are shared.
        limit = settings.youtube_rate_limit
        guard = make_guard(settings, shutdown, "youtube", limit, person_waiting=True)
        return YouTubeVideoFinder(YouTubeSearch(settings, guard), settings.lookup_cache_ttl_seconds)


def build_injector(settings: Settings | None = None) -> Injector:
    return Injector([CoreModule(settings or Settings())])


class InjectorResolver(Resolver):
    """Resolves `operationId` `module.Class.method` to a method of an injected instance."""

    def __init__(self, injector: Injector) -> None:
        super().__init__(function_resolver=self._handler)
        self._injector = injector

    def _handler(self, operation_id: str) -> Callable[..., Any]:
        module_name, class_name, method_name = operation_id.rsplit(".", 2)
        handler_class = getattr(importlib.import_module(module_name), class_name)
        return with_signature_known(getattr(self._injector.get(handler_class), method_name))


def with_signature_known(method: Callable[..., Any]) -> Callable[..., Any]:
    """`method` as a plain function carrying its signature.

    Connexion reads a handler's signature on every request, to pick its arguments,
    and a bound method's is built anew each time (more so with many parameters, as
    a search has); a function's `__signature__`, when set, is read instead.
    """
    handler: Callable[..., Any]
    if inspect.iscoroutinefunction(method):

        async def handler(*args: Any, **kwargs: Any) -> Any:
            return await method(*args, **kwargs)

    else:

        def handler(*args: Any, **kwargs: Any) -> Any:
            return method(*args, **kwargs)

    # Not functools.wraps: Connexion follows `__wrapped__` back to the bound method.
    handler.__name__, handler.__qualname__ = method.__name__, method.__qualname__
    handler.__doc__ = method.__doc__
    handler.__signature__ = inspect.signature(method)  # type: ignore[union-attr]
    return handler


def limit_blocking_threads(settings: Settings) -> None:
    """Size the thread pool that runs sync handlers (default 40 threads).

    With the embedded index the work is CPU-bound on this process's cores, so
    threads beyond a few only add memory: each keeps its own SQLite connection
    and page cache.
    A remote index waits on the network, where more threads do help.
    """
    threads = API_THREADS if settings.elasticsearch_url else 8
    anyio.to_thread.current_default_thread_limiter().total_tokens = threads


def load_spec() -> dict[str, Any]:
    # libyaml's loader when present: several times faster than the pure-Python one.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    spec: dict[str, Any] = yaml.load((SPEC_DIR / "openapi.yaml").read_text(), Loader=loader)
    return parameters_per_operation(spec)


HTTP_METHODS = frozenset({"get", "put", "post", "delete", "options", "head", "patch", "trace"})


def parameters_per_operation(spec: dict[str, Any]) -> dict[str, Any]:
    """`spec` with each path's parameters listed in each of its operations: the same API.

    Connexion 3.3 adds a path's parameters to an operation's own list in place, each
    time one of its middlewares builds the operation: an operation with parameters
    of its own (a GET taking `If-None-Match`) then checked its path's six times over
    on every request.
    """
    for item in spec.get("paths", {}).values():
        shared = item.pop("parameters", [])
        for method, operation in item.items():
            if shared and method in HTTP_METHODS:
                operation["parameters"] = [*operation.get("parameters", []), *shared]
    return spec


def create_app(
    injector: Injector | None = None, app_class: type[AbstractApp] = ServiceApp
) -> AbstractApp:
    """The HTTP API; `uvicorn --factory app:create_app` serves it.

    `app_class` exists for `make bench`, which measures Connexion's FlaskApp beside
    the AsyncApp we serve with (docs/benchmarks.md, "Why AsyncApp").
    """
    injector = injector or build_injector()
    settings = injector.get(Settings)
    configure_from_settings(settings)

    @contextlib.asynccontextmanager
    async def lifespan(_: Any) -> AsyncIterator[None]:
        limit_blocking_threads(settings)
        scheduler = injector.get(LookupScheduler)  # type: ignore[type-abstract]
        shutdown = injector.get(Shutdown)
        shutdown.reset()
        readiness = injector.get(Readiness)
        readiness.start()
        # Resuming reads the index: off the event loop, and not delaying readiness.
        threading.Thread(
            target=resume_when_index_answers, args=(scheduler, shutdown), name="resume", daemon=True
        ).start()
        yield
        # Lookups waiting for a rate limit end now, as `error`: retried after the restart.
        shutdown.begin()
        readiness.stop()
        scheduler.close()
        injector.get(LinkFinder).close()
        injector.get(RecommendationIndex).close()  # type: ignore[type-abstract]
        injector.get(TokenStore).close()  # type: ignore[type-abstract]
        injector.get(PlaylistVideos).close()
        injector.get(SpotifyApi).close()

    app = app_class(
        __name__,
        specification_dir=SPEC_DIR,
        security_map={"apiKey": api_key_security(injector.get(ApiKeyChecker))},
        lifespan=lifespan,
        jsonifier=OrjsonJsonifier(),
    )
    app.add_api(
        injector.get(AnonymousCallers).open_spec(load_spec()),
        resolver=InjectorResolver(injector),
        strict_validation=True,
        validator_map=validator_map(),
        swagger_ui_options=SwaggerUIOptions(swagger_ui=True, swagger_ui_path="/ui"),
    )
    for error in ERRORS:
        app.add_error_handler(error, answer)
    # Added first, so outermost: it logs and counts the 413s of the limit below too.
    app.add_middleware(
        RequestObservability,
        position=MiddlewarePosition.BEFORE_EXCEPTION,
        spec_path=SPEC_DIR / "openapi.yaml",
    )
    app.add_middleware(
        BodySizeLimit,
        position=MiddlewarePosition.BEFORE_EXCEPTION,
        max_bytes=settings.max_body_bytes,
    )
    return app
