"""Every Prometheus metric of the service, defined once; `GET /metrics` exposes them."""

from __future__ import annotations

from prometheus_client import Counter, Histogram

HTTP_REQUESTS = Counter(
    "recindex_http_requests_total", "HTTP requests answered", ["method", "route", "status"]
)
HTTP_LATENCY = Histogram(
    "recindex_http_request_seconds", "HTTP request latency", ["method", "route"]
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
    "Broker messages by outcome (stored, duplicate, dead_lettered, retried, lookup)",
    ["outcome"],
)
INDEX_LATENCY = Histogram("recindex_index_seconds", "Index operation latency", ["operation"])
