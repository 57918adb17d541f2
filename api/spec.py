"""The OpenAPI spec as the service hands it to Connexion: read once, as a dict."""

from __future__ import annotations

from typing import Any

from services.spec import read_spec

HTTP_METHODS = frozenset({"get", "put", "post", "delete", "options", "head", "patch", "trace"})


def load_spec() -> dict[str, Any]:
    """spec/openapi.yaml, each path's parameters listed in each of its operations."""
    return parameters_per_operation(read_spec())


def parameters_per_operation(spec: dict[str, Any]) -> dict[str, Any]:
    """`spec` with each path's parameters listed in each of its operations: the same API.

    Connexion 3.3 adds a path's parameters to an operation's own list in place, each
    time one of its middlewares builds the operation: an operation with parameters
    of its own (a GET taking `If-None-Match`) then checked its path's six times over
    on every request. Written out per operation, they are the same on any version.
    """
    for item in spec.get("paths", {}).values():
        shared = item.pop("parameters", [])
        for method, operation in item.items():
            if shared and method in HTTP_METHODS:
                operation["parameters"] = [*operation.get("parameters", []), *shared]
    return spec
