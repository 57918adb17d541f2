"""Handler results in the shape Connexion expects, with the content type named."""

from __future__ import annotations

from typing import Any

Response = tuple[Any, int, dict[str, str]]


def json_response(body: Any, status: int = 200, **headers: str) -> Response:
    """`body` as application/json (the spec declares problem+json beside it)."""
    return body, status, {"Content-Type": "application/json", **headers}
