"""Domain exceptions as problem+json answers: the one place they are mapped."""

from __future__ import annotations

from connexion.lifecycle import ConnexionRequest, ConnexionResponse
from connexion.problem import problem

from services.errors import (
    DuplicateRecommendation,
    IndexUnavailable,
    NotFound,
    ProviderUnavailable,
)
from services.index.cursor import InvalidCursor

PROBLEM_BASE = "https://recindex.dev/problems/"


def duplicate(request: ConnexionRequest, error: Exception) -> ConnexionResponse:
    assert isinstance(error, DuplicateRecommendation)
    location = f"/recommendations/{error.existing_id}"
    return problem(
        409,
        "Duplicate recommendation",
        str(error),
        type=PROBLEM_BASE + "duplicate",
        headers={"Location": location},
        ext={"existing_id": error.existing_id},
    )


def not_found(request: ConnexionRequest, error: Exception) -> ConnexionResponse:
    return problem(
        404,
        "Not found",
        f"Nothing is stored at {request.url.path}.",
        type=PROBLEM_BASE + "not-found",
    )


def invalid_cursor(request: ConnexionRequest, error: Exception) -> ConnexionResponse:
    return problem(400, "Bad Request", f"cursor: {error}", type=PROBLEM_BASE + "invalid-cursor")


def index_unavailable(request: ConnexionRequest, error: Exception) -> ConnexionResponse:
    retry_after = IndexUnavailable.retry_after_seconds
    return problem(
        503,
        "Index unavailable",
        "The index does not answer; try again shortly.",
        type=PROBLEM_BASE + "index-unavailable",
        headers={"Retry-After": str(retry_after)},
    )


def provider_unavailable(request: ConnexionRequest, error: Exception) -> ConnexionResponse:
    assert isinstance(error, ProviderUnavailable)
    headers = {"Retry-After": str(int(error.retry_after))} if error.retry_after else None
    status = 503 if error.retry_after else 502
    return problem(
        status,
        f"{error.provider} unavailable",
        f"{error.provider} did not answer usefully: {error.detail}",
        type=PROBLEM_BASE + "provider-unavailable",
        headers=headers,
        ext={"source": error.provider},
    )


def undecodable_body(request: ConnexionRequest, error: Exception) -> ConnexionResponse:
    # Connexion decodes JSON bodies as UTF-8 before validating them and lets this escape.
    return problem(
        400,
        "Bad Request",
        "The request body is not UTF-8 encoded JSON.",
        type=PROBLEM_BASE + "encoding",
    )


HANDLERS: dict[type[Exception], object] = {
    UnicodeDecodeError: undecodable_body,
    DuplicateRecommendation: duplicate,
    NotFound: not_found,
    InvalidCursor: invalid_cursor,
    IndexUnavailable: index_unavailable,
    ProviderUnavailable: provider_unavailable,
}
