"""Every Prometheus metric of the service, defined once; `GET /metrics` exposes them."""

from __future__ import annotations

import os

from prometheus_client import (
    CONTENT_TYPE_PLAIN_0_0_4,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    disable_created_metrics,
    generate_latest,
    start_http_server,
)
from prometheus_client.multiprocess import MultiProcessCollector

# `*_created` series double what a scrape carries and no dashboard here reads them.
disable_created_metrics()

HTTP_REQUESTS = Counter(
    "recindex_http_requests_total", "HTTP requests answered", ["method", "route", "status"]
)
HTTP_LATENCY = Histogram(
    "recindex_http_request_seconds", "HTTP request latency", ["method", "route", "status"]
)
LOOKUPS = Counter(
    "recindex_lookups_total",
    "Provider lookups by outcome (found, not_found, error, skipped)",
    ["provider", "outcome"],
)
LOOKUP_LATENCY = Histogram("recindex_lookup_seconds", "Provider lookup latency", ["provider"])
CACHE = Counter("recindex_lookup_cache_total", "Lookup cache hits and misses", ["result"])
MESSAGES = Counter(
    "recindex_messages_total",
    "Broker messages: consumed, and each by outcome (stored, duplicate, lookup, retried,"
    " dead_lettered)",
    ["outcome"],
)
INDEX_LATENCY = Histogram("recindex_index_seconds", "Index operation latency", ["operation"])
WEBHOOK_DELIVERIES = Counter(
    "recindex_webhook_deliveries_total",
    "Webhook deliveries to WEBHOOK_URL receivers by outcome (delivered, retried, dead_lettered,"
    " skipped)",
    ["outcome"],
)
WEBHOOK_LATENCY = Histogram(
    "recindex_webhook_seconds", "Webhook request latency, redirects included"
)

# The classic text format every Prometheus reads (the spec declares this type);
# our metric names need none of the escaping of the newer 1.0.0 format.
CONTENT_TYPE = CONTENT_TYPE_PLAIN_0_0_4


def exposition() -> tuple[bytes, str]:
    """The text format of every metric, and its content type.

    With several worker processes (`WEB_CONCURRENCY` > 1) each keeps its own
    values; `cli serve` then sets `PROMETHEUS_MULTIPROC_DIR`, each process writes
    its values there, and any worker answering a scrape sums them all.
    """
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return generate_latest(registry), CONTENT_TYPE
    return generate_latest(REGISTRY), CONTENT_TYPE


def serve_metrics(host: str, port: int) -> None:
    """Serve `/metrics` on a daemon thread, for processes without an HTTP API (`worker`)."""
    start_http_server(port, addr=host)
