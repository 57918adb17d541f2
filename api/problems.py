"""Domain exceptions as problem+json answers: the one place they are mapped."""

from __future__ import annotations

import math

from connexion.lifecycle import ConnexionRequest, ConnexionResponse
from connexion.problem import problem

from services.errors import (
    AccountNotLinked,
    AccountRevoked,
    AccountsNotConfigured,
    AuthorizationFailed,
    AuthorizationStateInvalid,
    DuplicateRecommendation,
    IndexUnavailable,
    NotFound,
    NothingPlaying,
    Overloaded,
    ProviderUnavailable,
    RateLimited,
    UnknownPlatform,
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


def overloaded(request: ConnexionRequest, error: Exception) -> ConnexionResponse:
    assert isinstance(error, Overloaded)
    return problem(
        503,
        "Busy",
        f"{error}; try again after Retry-After seconds.",
        type=PROBLEM_BASE + "busy",
        headers={"Retry-After": str(math.ceil(error.retry_after))},
    )


def rate_limited(request: ConnexionRequest, error: Exception) -> ConnexionResponse:
    assert isinstance(error, RateLimited)
    return problem(
        429,
        "Too many requests",
        f"{error}; send an X-API-Key, or try again after Retry-After seconds.",
        type=PROBLEM_BASE + "rate-limited",
        headers={"Retry-After": str(math.ceil(error.retry_after))},
    )


def unknown_platform(request: ConnexionRequest, error: Exception) -> ConnexionResponse:
    assert isinstance(error, UnknownPlatform)
    return problem(
        400,
        "Unknown platform",
        str(error),
        type=PROBLEM_BASE + "unknown-platform",
        ext={"known": list(error.known)},
    )


def account_not_linked(request: ConnexionRequest, error: Exception) -> ConnexionResponse:
    assert isinstance(error, AccountNotLinked)
    return problem(
        404,
        "Spotify account not linked",
        f"{error.user} has not linked a Spotify account;"
        f" POST /users/{error.user}/spotify/authorization to link one.",
        type=PROBLEM_BASE + "spotify-not-linked",
    )


def account_revoked(request: ConnexionRequest, error: Exception) -> ConnexionResponse:
    assert isinstance(error, AccountRevoked)
    return problem(
        409,
        "Spotify link revoked",
        f"Spotify no longer accepts the link of {error.user} (access was revoked);"
        f" link again with POST /users/{error.user}/spotify/authorization.",
        type=PROBLEM_BASE + "spotify-link-revoked",
        ext={"link_again": f"/users/{error.user}/spotify/authorization"},
    )


def accounts_not_configured(request: ConnexionRequest, error: Exception) -> ConnexionResponse:
    assert isinstance(error, AccountsNotConfigured)
    return problem(
        503,
        "Spotify accounts not configured",
        f"The operator must set {error.setting}: {error.detail}.",
        type=PROBLEM_BASE + "accounts-not-configured",
        ext={"setting": error.setting},
    )


def authorization_state_invalid(request: ConnexionRequest, error: Exception) -> ConnexionResponse:
    return problem(
        400,
        "Authorization state refused",
        f"{error}; start again with POST /users/{{user}}/spotify/authorization.",
        type=PROBLEM_BASE + "authorization-state-invalid",
    )


def authorization_failed(request: ConnexionRequest, error: Exception) -> ConnexionResponse:
    assert isinstance(error, AuthorizationFailed)
    declined = error.error == "access_denied"
    kind = "spotify-access-denied" if declined else "spotify-authorization-failed"
    return problem(
        403 if declined else 400,
        "Spotify access denied" if declined else "Spotify authorization failed",
        "The Spotify user declined to link the account." if declined else error.detail,
        type=PROBLEM_BASE + kind,
        ext={"spotify_error": error.error},
    )


def nothing_playing(request: ConnexionRequest, error: Exception) -> ConnexionResponse:
    return problem(404, "Nothing playing", str(error), type=PROBLEM_BASE + "nothing-playing")


HANDLERS: dict[type[Exception], object] = {
    DuplicateRecommendation: duplicate,
    NotFound: not_found,
    InvalidCursor: invalid_cursor,
    IndexUnavailable: index_unavailable,
    ProviderUnavailable: provider_unavailable,
    Overloaded: overloaded,
    RateLimited: rate_limited,
    UnknownPlatform: unknown_platform,
    AccountNotLinked: account_not_linked,
    AccountRevoked: account_revoked,
    AccountsNotConfigured: accounts_not_configured,
    AuthorizationStateInvalid: authorization_state_invalid,
    AuthorizationFailed: authorization_failed,
    NothingPlaying: nothing_playing,
}
