"""The composition root: settings -> injector -> Connexion app. The one place choices are made."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import AsyncIterator
from typing import Any

from connexion.apps.abstract import AbstractApp
from connexion.middleware import MiddlewarePosition
from connexion.options import SwaggerUIOptions
from injector import Injector

from api.anonymous import AnonymousCallers
from api.auth import ApiKeyChecker, security_map
from api.connexion_app import ConnexionApp, connexion_app
from api.cors import NowPlayingCors
from api.limits import BodySizeLimit
from api.module import ApiModule
from api.observability import RequestObservability
from api.offload import limit_blocking_threads
from api.problems import ERRORS, answer
from api.resolver import InjectorResolver
from api.responses import OrjsonJsonifier
from api.spec import load_spec
from api.validation import validator_map
from services.accounts.module import AccountsModule
from services.closing import Closing
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
from services.spec import SPEC_DIR, SPEC_PATH
from services.webhooks.deliverer import Deliverer
from services.webhooks.module import WebhooksModule


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
        WebhooksModule(),
        ApiModule(),
    ]
    return Injector(modules)


def create_app(
    injector: Injector | None = None, app_class: type[AbstractApp] | None = None
) -> ConnexionApp:
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
        # Without a broker, webhook deliveries wait in the outbox this process sends from.
        injector.get(Deliverer).start()  # type: ignore[type-abstract]
        # Resuming reads the index: off the event loop, and not delaying readiness.
        threading.Thread(
            target=resume_when_index_answers, args=(scheduler, shutdown), name="resume", daemon=True
        ).start()
        yield
        # Lookups waiting for a rate limit end now, as `error`: retried after the restart.
        shutdown.begin()
        readiness.stop()
        injector.get(Closing).close_all()

    options: dict[str, Any] = {
        "specification_dir": SPEC_DIR,
        "security_map": security_map(injector.get(ApiKeyChecker)),
        "lifespan": lifespan,
        "jsonifier": OrjsonJsonifier(),
    }
    app = (
        app_class(__name__, **options)
        if app_class
        else connexion_app(__name__, settings, **options)
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
        spec_path=SPEC_PATH,
    )
    app.add_middleware(NowPlayingCors, position=MiddlewarePosition.BEFORE_EXCEPTION)
    app.add_middleware(
        BodySizeLimit,
        position=MiddlewarePosition.BEFORE_EXCEPTION,
        max_bytes=settings.max_body_bytes,
    )
    return app
