"""One log line and the HTTP metrics for every request, under a request id.

The outermost of our middlewares: it sees every answer, 413s and 404s included.
"""

from __future__ import annotations

import random
import re
import time
from pathlib import Path
from typing import Any

from connexion.middleware.abstract import ROUTING_CONTEXT
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from services.logs import bind_request_id, hot_path_logger, unbind_request_id
from services.metrics import HTTP_LATENCY, HTTP_REQUESTS
from services.spec import read_spec

# The `logger` field, as library records carry it (structlog's direct path has none).
ACCESS_LOGGER = "recindex.access"

REQUEST_ID_HEADER = b"x-request-id"
# An incoming id is kept when it looks like an id (a UUID, a trace id); anything
# else, which could forge log lines or carry a secret, is replaced.
_SANE_REQUEST_ID = re.compile(rb"[A-Za-z0-9._:-]{1,128}")
_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


def routes_by_operation(spec_path: Path) -> dict[str, str]:
    """`operationId` -> path template, e.g. `/recommendations/{id}`, from the spec."""
    spec = read_spec(spec_path)
    routes: dict[str, str] = {}
    for path, operations in spec.get("paths", {}).items():
        for operation in operations.values():
            if isinstance(operation, dict) and "operationId" in operation:
                routes[operation["operationId"]] = path
    return routes


class RequestObservability:
    """Logs each request once (id, method, route, status, latency) and counts it.

    Labels are the spec's route templates, never raw paths: ids in paths would
    make one time series per recommendation and put user input in the logs.
    """

    def __init__(self, app: ASGIApp, spec_path: Path) -> None:
        self._app = app
        self._routes = routes_by_operation(spec_path)
        # Label children by (method, route, status): `labels()` costs a lock and a
        # tuple build per call. Bounded: routes and methods come from the spec.
        self._children: dict[tuple[str, str, str], tuple[Any, Any]] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return
        started = time.perf_counter()
        request_id = _request_id(scope)
        # Connexion's router records the operation in a shallow copy of the scope, so
        # we see it only through a shared `extensions` dict (uvicorn sends none).
        scope.setdefault("extensions", {})
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = [h for h in message.get("headers", []) if h[0] != REQUEST_ID_HEADER]
                headers.append((REQUEST_ID_HEADER, request_id.encode()))
                message = {**message, "headers": headers}
            await send(message)

        token = bind_request_id(request_id)
        try:
            await self._app(scope, receive, send_with_id)
        finally:
            self._record(scope, status, time.perf_counter() - started)
            unbind_request_id(token)

    def _record(self, scope: Scope, status: int, seconds: float) -> None:
        method = scope["method"] if scope["method"] in _METHODS else "OTHER"
        route = self._route(scope)
        key = (method, route, str(status))
        children = self._children.get(key)
        if children is None:
            children = (HTTP_REQUESTS.labels(*key), HTTP_LATENCY.labels(*key))
            self._children[key] = children
        children[0].inc()
        children[1].observe(seconds)
        hot_path_logger().info(
            "request",
            logger=ACCESS_LOGGER,
            method=method,
            route=route,
            status=status,
            duration_ms=round(seconds * 1000, 2),
        )

    def _route(self, scope: Scope) -> str:
        routing: dict[str, Any] = scope.get("extensions", {}).get(ROUTING_CONTEXT, {})
        operation_id = routing.get("operation_id")
        if operation_id in self._routes:
            return self._routes[operation_id]
        path: str = scope.get("path", "")
        # Served by Connexion before routing; everything else is an unknown path.
        if path == "/ui" or path.startswith("/ui/"):
            return "/ui/"
        if path in ("/openapi.json", "/openapi.yaml"):
            return path
        return "unmatched"


def _request_id(scope: Scope) -> str:
    for name, value in scope.get("headers", []):
        if name == REQUEST_ID_HEADER and _SANE_REQUEST_ID.fullmatch(value):
            return str(value.decode("ascii"))
    # 32 hex digits, as uuid4().hex gave: an id tells requests apart, it guards nothing,
    # so the process's PRNG serves (a system call per request cost more than the read).
    return f"{random.getrandbits(128):032x}"
