"""The one way to build an Elasticsearch client from settings: hosts, credentials, TLS.

Elasticsearch 8 clusters have security on by default: an API key
(`ELASTICSEARCH_API_KEY`), or a user and password (`ELASTICSEARCH_USERNAME` and
`ELASTICSEARCH_PASSWORD`, or inside the URL), over TLS verified against the system's
CAs or `ELASTICSEARCH_CA_CERTS`. Certificates are verified unless the operator turns it
off. Building a client does no I/O: it connects on its first request.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, cast

from services.reopening import Reopening
from services.settings import Settings

if TYPE_CHECKING:
    from elasticsearch import Elasticsearch

log = logging.getLogger(__name__)
# The transport logs every request at INFO: a second line beside our access line, for
# each search, with every thread queueing on the log handler's lock for it. Its
# warnings (a retry, a node marked dead) still reach the log.
logging.getLogger("elastic_transport.transport").setLevel(logging.WARNING)

REQUEST_TIMEOUT_SECONDS = 10.0
# A connection per thread that may call at once: the API's blocking pool and point reads,
# or the worker's message and lookup threads. With fewer, threads queue for a connection
# inside the client and a slow request holds up unrelated ones.
API_THREADS = 40


def connections_needed(settings: Settings) -> int:
    return max(API_THREADS, settings.worker_threads + settings.worker_lookup_threads)


def hosts(url: str) -> list[str]:
    """`ELASTICSEARCH_URL`'s nodes: one URL, or several separated by commas."""
    return [part.strip() for part in url.split(",") if part.strip()]


class ElasticsearchClient(Reopening["Elasticsearch"]):
    """The process's one client of the cluster (one connection pool, shared by the index
    and the token store), made at its first use and made again after `close`."""

    def __init__(self, settings: Settings) -> None:
        super().__init__(lambda: _connect(settings))

    def as_client(self) -> Elasticsearch:
        """Itself, typed as the client it stands in for (its attributes are the client's)."""
        return cast("Elasticsearch", self)


def elasticsearch_client(settings: Settings) -> Elasticsearch:
    """A client for the cluster, made at its first use and made again after `close`."""
    return ElasticsearchClient(settings).as_client()


def _connect(settings: Settings) -> Elasticsearch:
    # Only imported when it is the index.
    from elasticsearch import Elasticsearch

    from services.index.es_serializers import serializers

    assert settings.elasticsearch_url, "ELASTICSEARCH_URL is not set"
    options: dict[str, Any] = {
        "request_timeout": REQUEST_TIMEOUT_SECONDS,
        "max_retries": 1,
        "connections_per_node": connections_needed(settings),
        "verify_certs": settings.elasticsearch_verify_certs,
        # Another node of the cluster answers when one is down (one URL per node).
        "retry_on_status": (429, 502, 503, 504),
        # orjson, for JSON (the client's documented serializer: a search's answer is read
        # several times faster than by the json module) and for the bulk API's NDJSON.
        "serializers": serializers(),
    }
    if settings.elasticsearch_api_key is not None:
        options["api_key"] = settings.elasticsearch_api_key.get_secret_value()
    elif settings.elasticsearch_username:
        password = settings.elasticsearch_password
        options["basic_auth"] = (
            settings.elasticsearch_username,
            password.get_secret_value() if password else "",
        )
    if settings.elasticsearch_ca_certs is not None:
        options["ca_certs"] = str(settings.elasticsearch_ca_certs)
    if not settings.elasticsearch_verify_certs:
        # The operator chose it: said once here, not in a warning per request.
        log.warning("elasticsearch certificates are not verified (ELASTICSEARCH_VERIFY_CERTS)")
        options["ssl_show_warn"] = False
    return Elasticsearch(hosts(settings.elasticsearch_url), **options)
