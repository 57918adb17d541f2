"""A small threaded HTTP server whose routes answer like a platform's API.

Each stand-in module registers routes on a `StandIn`; tests start it on a free
port, point the provider's `*_API_URL` at `standin.url`, and can inject faults
(delays, status codes, `Retry-After`, garbage) and read what was requested.
"""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


@dataclass
class Request:
    """What the stand-in received."""

    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes
    match: dict[str, str] = field(default_factory=dict)

    def json(self) -> Any:
        return json.loads(self.body or b"null")

    def form(self) -> dict[str, str]:
        return {key: values[0] for key, values in parse_qs(self.body.decode()).items()}


@dataclass
class Reply:
    """An answer: JSON body (or raw bytes), status and headers."""

    body: Any = None
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    raw: bytes | None = None
    # Close the connection without answering: an answer lost on the way back.
    drop: bool = False


Handler = Callable[[Request], Reply]


class StandIn:
    """Routes by method and path regex (named groups land in `request.match`)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.requests: list[Request] = []
        self.delay_seconds = 0.0
        self._routes: list[tuple[str, re.Pattern[str], Handler]] = []
        self._faults: list[Reply] = []
        self._outage: Reply | None = None
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None

    def route(self, method: str, pattern: str) -> Callable[[Handler], Handler]:
        def register(handler: Handler) -> Handler:
            self._routes.append((method, re.compile(pattern + "$"), handler))
            return handler

        return register

    def fail_next(self, *replies: Reply) -> None:
        """Answer the next requests with these replies, in order, whatever they ask."""
        with self._lock:
            self._faults.extend(replies)

    def fail_all(self, reply: Reply | None) -> None:
        """Answer every request with `reply` until called with None: an outage of a while."""
        with self._lock:
            self._outage = reply

    def requests_to(self, pattern: str) -> list[Request]:
        return [request for request in self.requests if re.search(pattern, request.path)]

    @property
    def url(self) -> str:
        assert self._server is not None, "start the stand-in first"
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> StandIn:
        self._server = _Server(("127.0.0.1", 0), _handler_class(self))
        # A short poll keeps `stop()` (which waits for the next poll) from slowing tests.
        server = self._server
        threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        ).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    @contextmanager
    def running(self) -> Iterator[StandIn]:
        self.start()
        try:
            yield self
        finally:
            self.stop()

    def _answer(self, request: Request) -> Reply:
        with self._lock:
            self.requests.append(request)
            fault = self._faults.pop(0) if self._faults else self._outage
        if self.delay_seconds:
            time.sleep(self.delay_seconds)
        if fault is not None:
            return fault
        for method, pattern, handler in self._routes:
            found = pattern.match(request.path)
            if method == request.method and found:
                request.match = found.groupdict()
                return handler(request)
        return Reply({"error": {"status": 404, "message": "Not found (stand-in)"}}, status=404)


class _Server(ThreadingHTTPServer):
    # The default backlog of 5 makes the 6th of many parallel connects wait for a SYN
    # retry (about a second): parallel-lookup timings would measure the kernel.
    request_queue_size = 128
    daemon_threads = True


def _handler_class(standin: StandIn) -> type[BaseHTTPRequestHandler]:
    class StandInHandler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # Headers and body go out in two writes: with Nagle's algorithm the body waits for
        # the client's delayed ACK (40 ms a request on Linux), which would time the kernel.
        disable_nagle_algorithm = True

        def _serve(self) -> None:
            parts = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            request = Request(
                method=self.command,
                path=parts.path,
                query={key: values[0] for key, values in parse_qs(parts.query).items()},
                headers={key.lower(): value for key, value in self.headers.items()},
                body=self.rfile.read(length) if length else b"",
            )
            reply = standin._answer(request)
            if reply.drop:
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return
            payload = reply.raw if reply.raw is not None else json.dumps(reply.body).encode()
            self.send_response(reply.status)
            headers = {"Content-Type": "application/json; charset=utf-8", **reply.headers}
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _serve

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib name
            pass

    return StandInHandler
