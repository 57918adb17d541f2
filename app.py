"""The composition root: settings -> injector -> Connexion app. The one place choices are made."""

from __future__ import annotations

import contextlib
import importlib
import inspect
import threading
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import anyio.to_thread
import yaml
from connexion.apps.abstract import AbstractApp
from connexion.middleware import MiddlewarePosition
from connexion.options import SwaggerUIOptions
from connexion.resolver import Resolver
from injector import Injector

from api.anonymous import AnonymousCallers
from api.auth import ApiKeyChecker, api_key_security
from api.cors import NowPlayingCors
from api.limits import BodySizeLimit
from api.module import ApiModule
from api.observability import RequestObservability
from api.operations import ServiceApp
from api.problems import ERRORS, answer
from api.responses import OrjsonJsonifier
from api.validation import validator_map
from services.accounts.module import AccountsModule
from services.closing import Closing
from services.index.es_client import API_THREADS
from services.index.module import IndexModule
from services.links.module import LinksModule
from services.logs import configure_from_settings
from services.lookups.module import LookupsModule
from services.lookups.scheduling import LookupScheduler, resume_when_index_answers
from services.providers.module import ProvidersModule
from services.queue.module import QueueModule
from services.readiness import Readiness
from services.settings import Settings
from services.shutdown import Shutdown

SPEC_DIR = Path(__file__).parent / "spec"


def build_injector(settings: Settings | None = None) -> Injector:
    """Every service of the process: one module per domain, each choosing its
    implementations from settings. The API, the worker and the commands all start here."""
    settings = settings or Settings()
    modules: list[Any] = [
        lambda binder: binder.bind(Settings, to=settings),
        IndexModule(),
        ProvidersModule(),
        LinksModule(),
        LookupsModule(),
        AccountsModule(),
        QueueModule(),
        ApiModule(),
    ]
    return Injector(modules)


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
        injector.get(Closing).close_all()

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
    app.add_middleware(NowPlayingCors, position=MiddlewarePosition.BEFORE_EXCEPTION)
    app.add_middleware(
        BodySizeLimit,
        position=MiddlewarePosition.BEFORE_EXCEPTION,
        max_bytes=settings.max_body_bytes,
    )
    return app
