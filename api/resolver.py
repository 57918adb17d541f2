"""How Connexion finds a handler: an `operationId` resolved to a method of an injected object."""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable
from typing import Any

from connexion.resolver import Resolver
from injector import Injector


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

    Stock Connexion reads a handler's signature on every request, to pick its
    arguments, and a bound method's is built anew each time (more so with many
    parameters, as a search has); a function's `__signature__`, when set, is read
    instead.
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
