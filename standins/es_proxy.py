"""A proxy in front of a real Elasticsearch node that injects the faults a node cannot be
made to produce on demand: an answer lost after the node applied the request, a time-out
after it applied it, a 5xx or 429, a cluster that is not Elasticsearch at all.

Everything not intercepted is forwarded as it is, so the node's real behaviour is what
the tests see.
"""

from __future__ import annotations

import http.client
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

from standins.server import Reply, Request, StandIn

FORWARDED_HEADERS = ("content-type", "accept", "authorization")


@dataclass
class _Rule:
    method: str
    pattern: re.Pattern[str]
    then: Callable[[Reply], Reply]
    times: int
    forward: bool = True
    first: Callable[[Request], None] | None = None


def _as_is(reply: Reply) -> Reply:
    return reply


def lost(reply: Reply) -> Reply:
    """The node applied the request; its answer never arrives (the connection drops)."""
    return Reply(drop=True)


def late(seconds: float) -> Callable[[Reply], Reply]:
    """The node applied the request; its answer arrives after `seconds` (a client time-out)."""

    def delayed(reply: Reply) -> Reply:
        time.sleep(seconds)
        return reply

    return delayed


class ElasticsearchProxy:
    """`url` is the proxy; `after(...)` changes what the node answered, `standin.fail_next`
    answers without asking the node."""

    def __init__(self, upstream: str) -> None:
        parts = urlsplit(upstream)
        self._host = parts.hostname or "127.0.0.1"
        self._port = parts.port or 9200
        self._rules: list[_Rule] = []
        self._lock = threading.Lock()
        self.standin = StandIn("elasticsearch-proxy")
        for method in ("GET", "POST", "PUT", "DELETE", "HEAD"):
            self.standin.route(method, r"/.*")(self._forward)

    @property
    def url(self) -> str:
        return self.standin.url

    def after(
        self,
        method: str,
        pattern: str,
        then: Callable[[Reply], Reply],
        times: int = 1,
        first: Callable[[Request], None] | None = None,
    ) -> None:
        """For the next `times` requests matching, run `first` when given, forward them,
        then apply `then` to the node's answer."""
        with self._lock:
            self._rules.append(_Rule(method, re.compile(pattern), then, times, first=first))

    def before(
        self, method: str, pattern: str, first: Callable[[Request], None], times: int = 1
    ) -> None:
        """For the next `times` requests matching, run `first` (e.g. wait for an event: a
        request held on its way to the node), then forward them."""
        self.after(method, pattern, _as_is, times, first)

    def instead(self, method: str, pattern: str, reply: Reply, times: int = 1) -> None:
        """Answer the next `times` requests matching with `reply`; the node never sees them."""
        with self._lock:
            self._rules.append(_Rule(method, re.compile(pattern), lambda _: reply, times, False))

    def _rule_for(self, request: Request) -> _Rule | None:
        with self._lock:
            for rule in self._rules:
                if rule.method == request.method and rule.pattern.search(request.path):
                    rule.times -= 1
                    if rule.times <= 0:
                        self._rules.remove(rule)
                    return rule
        return None

    def _forward(self, request: Request) -> Reply:
        rule = self._rule_for(request)
        if rule is None:
            return self.forward(request)
        if rule.first is not None:
            rule.first(request)
        return rule.then(self.forward(request) if rule.forward else Reply())

    def forward(self, request: Request) -> Reply:
        target = request.path + (f"?{urlencode(request.query)}" if request.query else "")
        headers = {k: v for k, v in request.headers.items() if k in FORWARDED_HEADERS}
        connection = http.client.HTTPConnection(self._host, self._port, timeout=60)
        try:
            connection.request(request.method, target, body=request.body or None, headers=headers)
            answer = connection.getresponse()
            body = answer.read()
            kept = {
                name: value
                for name, value in answer.getheaders()
                if name.lower() in ("content-type", "x-elastic-product", "warning")
            }
            return Reply(raw=body, status=answer.status, headers=kept)
        finally:
            connection.close()
