"""Connexion's `AsyncApp`, with each handler's decorators built once per operation.

For every request, Connexion's `AsyncOperation` wraps the handler anew in its
parameter and response decorators (reading its signature, copying its attributes
with `functools.wraps`, three times over): on a GET of one recommendation that was
more work than reading the document (docs/benchmarks.md). What it builds depends on
the operation alone, so `ServiceApp` builds it once; the request is still read from
the request's own context on every call, exactly as Connexion does.

An operation that declares no request body (every GET and DELETE here) takes no body
and no uploaded files: Connexion would still parse the content type, and read the
form, of each such request, though it then passes nothing of them to the handler.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from typing import Any

from connexion import AsyncApp
from connexion.apps.asynchronous import AsyncApi, AsyncOperation
from connexion.context import receive, scope
from connexion.decorators import StarletteDecorator
from connexion.decorators.parameter import (
    AsyncParameterDecorator,
    inspect_function_arguments,
    prep_kwargs,
    unwrap_decorators,
)
from connexion.lifecycle import ConnexionRequest
from connexion.operations import AbstractOperation


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


class BodylessDecorator(StarletteDecorator):
    @property
    def _parameter_decorator_cls(self) -> type[AsyncParameterDecorator]:
        return BodylessParameterDecorator


class OnceDecoratedOperation(AsyncOperation):
    """An operation whose handler is decorated on first use, then reused."""

    takes_body = True

    @functools.cached_property
    def fn(self) -> Callable[[], Awaitable[Any]]:  # type: ignore[override]
        decorator_class = StarletteDecorator
        if not self.takes_body:
            decorator_class = BodylessDecorator
        decorator = decorator_class(pythonic_params=self.pythonic_params, jsonifier=self.jsonifier)
        decorated = decorator.decorate(self._fn)

        async def handle() -> Any:
            # What Connexion's `ASGIDecorator` does per request, less the decorating.
            request = decorator.framework.get_request(
                uri_parser=decorator.uri_parser, scope=scope, receive=receive
            )
            return await decorated(request)

        return handle


class OnceDecoratedApi(AsyncApi):
    def make_operation(self, operation: AbstractOperation) -> AsyncOperation:
        once = OnceDecoratedOperation.from_operation(
            operation, pythonic_params=self.pythonic_params, jsonifier=self.jsonifier
        )
        once.takes_body = operation.is_request_body_defined
        return once


class ServiceApp(AsyncApp):
    """The `AsyncApp` the service runs on, its APIs made of `OnceDecoratedOperation`s."""

    def __init__(self, import_name: str, **kwargs: Any) -> None:
        super().__init__(import_name, **kwargs)
        # The APIs are built from this class when the middleware stack is (first request).
        self._middleware_app.api_cls = OnceDecoratedApi
