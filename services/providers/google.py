"""What Google's APIs (YouTube Data, Books) say when they refuse: one error envelope,
`{"error": {"code", "message", "errors": [{"domain", "reason", "message"}]}}`."""

from __future__ import annotations

from typing import Any

import httpx

QUOTA_REASONS = frozenset({"quotaExceeded", "dailyLimitExceeded"})
"""The project's quota for the day is spent: nothing more until midnight Pacific."""
RATE_REASONS = frozenset({"rateLimitExceeded", "userRateLimitExceeded"})
"""Too many requests too fast: worth another try after a while."""


def error_reasons(response: httpx.Response) -> set[str]:
    """`error.errors[].reason` of a Google API error answer (empty if it is not one)."""
    errors = _error(response).get("errors")
    if not isinstance(errors, list):
        return set()
    return {str(e.get("reason")) for e in errors if isinstance(e, dict) and e.get("reason")}


def error_message(response: httpx.Response) -> str:
    """`error.message` of a Google API error answer (empty if it is not one)."""
    message = _error(response).get("message")
    return message if isinstance(message, str) else ""


def _error(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {}
    error = body.get("error") if isinstance(body, dict) else None
    return error if isinstance(error, dict) else {}
