"""Handler results in the shape Connexion expects, and how every JSON answer is written."""

from __future__ import annotations

from typing import Any

import orjson
from connexion.jsonifier import Jsonifier

Response = tuple[Any, int, dict[str, str]]


def json_response(body: Any, status: int = 200, **headers: str) -> Response:
    """`body` as application/json (the spec declares problem+json beside it)."""
    return body, status, {"Content-Type": "application/json", **headers}


def json_bytes(body: Any) -> bytes:
    """`body` as compact JSON, by orjson: a fraction of the `json` module's cost, which
    shows on every page of search results (docs/benchmarks.md)."""
    return orjson.dumps(body, option=orjson.OPT_NON_STR_KEYS)


class OrjsonJsonifier(Jsonifier):
    """Connexion's serializer of handler results, writing with `json_bytes`."""

    def dumps(self, data: Any, **kwargs: Any) -> str:
        return json_bytes(data).decode()
