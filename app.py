"""The composition root: settings -> injector -> Connexion app. The one place choices are made."""

from __future__ import annotations

import contextlib
import importlib
import threading
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

from connexion import AsyncApp
from connexion.apps.abstract import AbstractApp
from connexion.middleware import MiddlewarePosition
from connexion.options import SwaggerUIOptions
from connexion.resolver import Resolver
from injector import Injector, Module, provider, singleton

from api.auth import ApiKeyChecker, api_key_security
from api.limits import BodySizeLimit
from api.problems import HANDLERS
from api.validation import CompiledParameterValidator
from services.index import RecommendationIndex
from services.index.embedded import EmbeddedIndex
from services.links.finder import LinkFinder
from services.lookups.runner import LookupRunner
from services.lookups.scheduling import BackgroundLookups, LookupScheduler
from services.readiness import Readiness
from services.settings import Settings

SPEC_DIR = Path(__file__).parent / "spec"


class CoreModule(Module):
    """Binds every service, choosing implementations from settings."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings

    def configure(self, binder: Any) -> None:
        binder.bind(Settings, to=self._settings)

    @singleton
    @provider
    def index(self, settings: Settings) -> RecommendationIndex:
        if settings.elasticsearch_url:
            from services.index.elasticsearch import ElasticsearchIndex

            return ElasticsearchIndex.from_settings(settings)
        return EmbeddedIndex(settings.embedded_db_path)

    @singleton
    @provider
    def link_finder(self, settings: Settings) -> LinkFinder:
        return LinkFinder(providers=[])

    @singleton
    @provider
    def lookups(self, runner: LookupRunner, index: RecommendationIndex) -> LookupScheduler:
        return BackgroundLookups(runner, index)

    @singleton
    @provider
    def readiness(self, index: RecommendationIndex) -> Readiness:
        return Readiness({"index": index.ping})


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
        return getattr(self._injector.get(handler_class), method_name)  # type: ignore[no-any-return]


def create_app(
    injector: Injector | None = None, app_class: type[AbstractApp] = AsyncApp
) -> AbstractApp:
    """The HTTP API; `uvicorn --factory app:create_app` serves it.

    `app_class` exists for `make bench`, which measures Connexion's FlaskApp beside
    the AsyncApp we serve with (README, "Why AsyncApp").
    """
    injector = injector or build_injector()
    settings = injector.get(Settings)

    @contextlib.asynccontextmanager
    async def lifespan(_: Any) -> AsyncIterator[None]:
        scheduler = injector.get(LookupScheduler)  # type: ignore[type-abstract]
        # Resuming reads the index: off the event loop, and not delaying readiness.
        threading.Thread(target=scheduler.resume_pending, name="resume", daemon=True).start()
        yield
        scheduler.close()
        injector.get(RecommendationIndex).close()  # type: ignore[type-abstract]

    app = app_class(
        __name__,
        specification_dir=SPEC_DIR,
        security_map={"apiKey": api_key_security(injector.get(ApiKeyChecker))},
        lifespan=lifespan,
    )
    app.add_api(
        "openapi.yaml",
        resolver=InjectorResolver(injector),
        strict_validation=True,
        validator_map={"parameter": CompiledParameterValidator},
        swagger_ui_options=SwaggerUIOptions(swagger_ui=True, swagger_ui_path="/ui"),
    )
    for error, handler in HANDLERS.items():
        app.add_error_handler(error, handler)
    app.add_middleware(
        BodySizeLimit,
        position=MiddlewarePosition.BEFORE_EXCEPTION,
        max_bytes=settings.max_body_bytes,
    )
    return app
