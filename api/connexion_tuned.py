"""Connexion's AsyncApp with each handler's decorators built once per operation.

The one module written against how Connexion works inside: it uses no name Connexion
marks private, but it relies on how Connexion 3.3's app, operations and decorators
fit together, which a release may change without notice. So `api.connexion_app`
imports it only when the installed Connexion is one it was written for, and serves
stock Connexion otherwise.

For every request, Connexion's `AsyncOperation` wraps the handler anew in its
parameter and response decorators (reading its signature, copying its attributes
with `functools.wraps`, three times over) and builds a URI parser; on a GET of one
recommendation that was more work than reading the document (docs/benchmarks.md).
What it builds depends on the operation alone, so here it is built once, and the
request is read as Connexion reads it.

An operation that declares no request body (every GET and DELETE here) takes no body
and no uploaded files: Connexion would still parse the content type, and read the
form, of each such request, though it then passes nothing of them to the handler.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any

from connexion.apps.asynchronous import AsyncApi, AsyncASGIApp
from connexion.decorators.parameter import (
    AsyncParameterDecorator,
    inspect_function_arguments,
    prep_kwargs,
    unwrap_decorators,
)
from connexion.decorators.response import AsyncResponseDecorator
from connexion.frameworks.starlette import Starlette as StarletteFramework
from connexion.jsonifier import Jsonifier
from connexion.lifecycle import ConnexionRequest
from connexion.middleware import ConnexionMiddleware
from connexion.operations import AbstractOperation
from starlette.concurrency import run_in_threadpool
from starlette.types import Receive, Scope, Send


class BodylessParameterDecorator(AsyncParameterDecorator):
    """Connexion's parameter decorator for an operation without a request body: the
    same arguments (path and query parameters), without reading a body or a form."""

    def __call__(self, function: Callable[..., Any]) -> Callable[..., Any]:
        arguments, has_kwargs = inspect_function_arguments(unwrap_decorators(function))

        @functools.wraps(function)
        async def wrapper(request: ConnexionRequest) -> Any:
            kwargs = prep_kwargs(
                request,
                request_body=None,
                files={},
                arguments=arguments,
                has_kwargs=has_kwargs,
                sanitize=self.sanitize_fn,
            )
            return await function(**kwargs)

        return wrapper


def awaitable(handler: Callable[..., Any]) -> Callable[..., Any]:
    """`handler` as a coroutine function; a sync one runs in the thread pool, as in Connexion."""
    if inspect.iscoroutinefunction(handler):
        return handler

    @functools.wraps(handler)  # so the parameter decorator reads `handler`'s signature
    async def in_thread(*args: Any, **kwargs: Any) -> Any:
        return await run_in_threadpool(handler, *args, **kwargs)

    return in_thread


class OnceDecoratedOperation:
    """An operation served as Connexion's `AsyncOperation` serves it, its decorated handler
    and URI parser built when the operation is."""

    def __init__(
        self, operation: AbstractOperation, *, pythonic_params: bool, jsonifier: Jsonifier
    ) -> None:
        self.operation_id = operation.operation_id
        self.uri_parser = operation.uri_parser_class(
            operation.parameters, operation.body_definition()
        )
        parameters = AsyncParameterDecorator
        if not operation.is_request_body_defined:
            parameters = BodylessParameterDecorator
        with_arguments = parameters(framework=StarletteFramework, pythonic_params=pythonic_params)
        with_response = AsyncResponseDecorator(framework=StarletteFramework, jsonifier=jsonifier)
        self.handle = with_response(with_arguments(awaitable(operation.function)))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        # Connexion's decorators read the request from `connexion.context`: the same
        # scope and channel, set by its context middleware, the last before this app.
        request = StarletteFramework.get_request(
            scope=scope, receive=receive, uri_parser=self.uri_parser
        )
        response = await self.handle(request)
        await response(scope, receive, send)


class OnceDecoratedApi(AsyncApi):
    def make_operation(self, operation: AbstractOperation) -> OnceDecoratedOperation:
        return OnceDecoratedOperation(
            operation, pythonic_params=self.pythonic_params, jsonifier=self.jsonifier
        )


class OnceDecoratedASGIApp(AsyncASGIApp):
    """The app inside Connexion's middleware that `AsyncApp` makes, with our operations."""

    api_cls = OnceDecoratedApi


def once_decorated_app(import_name: str, **options: Any) -> ConnexionMiddleware:
    """What `AsyncApp(import_name, **options)` serves, with `OnceDecoratedOperation`s.

    `ConnexionMiddleware` is Connexion's own way to put its middleware (routing,
    security, validation, the lifespan, error handling) around any ASGI app.
    """
    return ConnexionMiddleware(OnceDecoratedASGIApp(), import_name=import_name, **options)
