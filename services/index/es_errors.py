"""What Elasticsearch's answers mean for the service: one mapping for every call.

- The cluster down, overloaded, refusing our credentials, not Elasticsearch at all, or
  missing the alias (a reindex gone wrong, never "no such recommendation"):
  `IndexUnavailable`, a 503 with `Retry-After`, retried by the worker.
- A write that meets a write block (a reindex moving the alias): `WritesPaused`, the
  same at once, never waited for on a request thread.
- A document the mapping refuses (a strict field, the field limit): `InvalidRecommendation`,
  a 400 for the caller and a dead letter for the worker.
- A missing document (404 without an error type) and version conflicts (409) pass
  through as the client raised them: their callers decide what they mean.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from elasticsearch import ApiError, TransportError, UnsupportedProductError

from services.errors import IndexUnavailable, InvalidRecommendation, WritesPaused

# Error types of a write whose document is wrong, not of an index that is down.
REFUSED_DOCUMENT = frozenset(
    {
        "document_parsing_exception",
        "strict_dynamic_mapping_exception",
        "mapper_parsing_exception",
        "illegal_argument_exception",  # e.g. "Limit of total fields [5000] has been exceeded"
    }
)
MISSING_INDEX = "index_not_found_exception"
WRITE_BLOCK = "cluster_block_exception"


def error_type(error: ApiError) -> str:
    return str(error.error) if isinstance(error.error, str) else ""


class IndexMissing(IndexUnavailable):
    """The index (or the alias) named in the request does not exist."""


@contextlib.contextmanager
def outages(writing: bool = False) -> Iterator[None]:
    """Map the client's errors as the module says; `writing`: a 400 is about the document."""
    try:
        yield
    except UnsupportedProductError as error:
        raise IndexUnavailable(
            f"elasticsearch: the server is not Elasticsearch: {error}"
        ) from error
    except ApiError as error:
        status = int(error.meta.status)
        kind = error_type(error)
        if status == 403 and kind == WRITE_BLOCK:
            raise WritesPaused(f"elasticsearch: {_reason(error)}") from error
        # 408: a health check that timed out; 401/403: our credentials are refused.
        if status >= 500 or status in (401, 403, 408, 429):
            raise IndexUnavailable(f"elasticsearch: {status} {kind}: {_reason(error)}") from error
        if kind == MISSING_INDEX:
            raise IndexMissing(f"elasticsearch: the index is missing: {_reason(error)}") from error
        if writing and status == 400 and kind in REFUSED_DOCUMENT:
            raise InvalidRecommendation(
                f"elasticsearch refused the document: {_reason(error)}"
            ) from error
        raise
    except TransportError as error:
        raise IndexUnavailable(f"elasticsearch: {error}") from error


def _reason(error: ApiError) -> str:
    body = error.body if isinstance(error.body, dict) else {}
    cause = body.get("error", {})
    return str(cause.get("reason", error.message)) if isinstance(cause, dict) else str(error)
