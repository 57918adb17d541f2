"""Domain exceptions as problem+json answers: one table, one handler, at the HTTP edge."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

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
    InvalidIsbn,
    InvalidRecommendation,
    MissingParameter,
    NotFound,
    NothingPlaying,
    Overloaded,
    ProviderUnavailable,
    RateLimited,
    UnknownPlatform,
    UnreadableLink,
    WorkNotFound,
    WritesPaused,
)
from services.index.cursor import InvalidCursor
from services.webhooks.outbox import NotificationsUnavailable

PROBLEM_BASE = "https://recindex.dev/problems/"

E = TypeVar("E", bound=Exception)


@dataclass(frozen=True)
class Explained:
    """An error as answers tell it: status, title, detail, headers and extra members."""

    status: int
    slug: str
    title: str
    detail: str
    headers: dict[str, str]
    extra: dict[str, Any] | None


@dataclass(frozen=True)
class Problem(Generic[E]):
    """How one error class answers: `detail` and `title` are `str.format` templates of
    `error` and `path` (the request's); `when` picks between rows of the same class."""

    error: type[E]
    status: int
    slug: str
    title: str
    detail: str = "{error}"
    when: Callable[[E], bool] | None = None
    extra: Callable[[E], dict[str, Any]] | None = None
    retry_after: Callable[[E], float | None] | None = None
    location: Callable[[E], str] | None = None

    def explain(self, error: Exception, path: str) -> Explained | None:
        """What to answer for `error`, or None when this row is not for it."""
        if not isinstance(error, self.error) or (self.when and not self.when(error)):
            return None
        headers: dict[str, str] = {}
        seconds = self.retry_after(error) if self.retry_after else None
        if seconds is not None:
            # Rounded up: a client that comes back on time finds the way open.
            headers["Retry-After"] = str(math.ceil(seconds))
        if self.location is not None:
            headers["Location"] = self.location(error)
        return Explained(
            self.status,
            self.slug,
            self.title.format(error=error),
            self.detail.format(error=error, path=path),
            headers,
            self.extra(error) if self.extra else None,
        )


def _authorization(user: str) -> str:
    return f"/users/{user}/spotify/authorization"


def _declined(error: AuthorizationFailed) -> bool:
    return error.error == "access_denied"


# Not annotated as `tuple[Problem[Any], ...]`: so that mypy infers each row's error class
# and checks the attributes its lambdas read.
PROBLEMS = (
    Problem(
        DuplicateRecommendation,
        409,
        "duplicate",
        "Duplicate recommendation",
        extra=lambda error: {"existing_id": error.existing_id},
        location=lambda error: f"/recommendations/{error.existing_id}",
    ),
    Problem(NotFound, 404, "not-found", "Not found", "Nothing is stored at {path}."),
    Problem(InvalidCursor, 400, "invalid-cursor", "Bad Request", "cursor: {error}"),
    Problem(InvalidIsbn, 400, "invalid-isbn", "Bad Request", "isbn: {error}"),
    Problem(InvalidRecommendation, 400, "invalid-recommendation", "Bad Request"),
    Problem(
        WritesPaused,
        503,
        "index-writes-paused",
        "Index writes paused",
        "The index takes no writes for a moment (a reindex is moving it to a new one);"
        " nothing was written: send the same request again after Retry-After seconds.",
        retry_after=lambda error: error.retry_after_seconds,
    ),
    Problem(
        NotificationsUnavailable,
        503,
        "notifications-unavailable",
        "Notifications unavailable",
        "The change is stored, but the broker did not take its notification; send the"
        " same request again after Retry-After seconds (the notification goes then).",
        retry_after=lambda error: 5,
    ),
    Problem(
        IndexUnavailable,
        503,
        "index-unavailable",
        "Index unavailable",
        "The index does not answer; try again shortly.",
        retry_after=lambda error: error.retry_after_seconds,
    ),
    # Throttled (it says when to come back): 503; broken or answering garbage: 502.
    Problem(
        ProviderUnavailable,
        503,
        "provider-unavailable",
        "{error.provider} unavailable",
        "{error.provider} did not answer usefully: {error.detail}",
        when=lambda error: bool(error.retry_after),
        extra=lambda error: {"source": error.provider},
        retry_after=lambda error: error.retry_after,
    ),
    Problem(
        ProviderUnavailable,
        502,
        "provider-unavailable",
        "{error.provider} unavailable",
        "{error.provider} did not answer usefully: {error.detail}",
        extra=lambda error: {"source": error.provider},
    ),
    Problem(
        Overloaded,
        503,
        "busy",
        "Busy",
        "{error}; try again after Retry-After seconds.",
        retry_after=lambda error: error.retry_after,
    ),
    Problem(
        RateLimited,
        429,
        "rate-limited",
        "Too many requests",
        "{error}; send an X-API-Key, or try again after Retry-After seconds.",
        retry_after=lambda error: error.retry_after,
    ),
    Problem(
        UnknownPlatform,
        400,
        "unknown-platform",
        "Unknown platform",
        extra=lambda error: {"known": list(error.known)},
    ),
    Problem(
        AccountNotLinked,
        404,
        "spotify-not-linked",
        "Spotify account not linked",
        "{error.user} has not linked a Spotify account;"
        " POST /users/{error.user}/spotify/authorization to link one.",
    ),
    Problem(
        AccountRevoked,
        409,
        "spotify-link-revoked",
        "Spotify link revoked",
        "Spotify no longer accepts the link of {error.user} (access was revoked);"
        " link again with POST /users/{error.user}/spotify/authorization.",
        extra=lambda error: {"link_again": _authorization(error.user)},
    ),
    Problem(
        AccountsNotConfigured,
        503,
        "accounts-not-configured",
        "Spotify accounts not configured",
        "The operator must set {error.setting}: {error.detail}.",
        extra=lambda error: {"setting": error.setting},
    ),
    Problem(
        AuthorizationStateInvalid,
        400,
        "authorization-state-invalid",
        "Authorization state refused",
        "{error}; start again with POST /users/{{user}}/spotify/authorization.",
    ),
    Problem(
        AuthorizationFailed,
        403,
        "spotify-access-denied",
        "Spotify access denied",
        "The Spotify user declined to link the account.",
        when=_declined,
        extra=lambda error: {"spotify_error": error.error},
    ),
    Problem(
        AuthorizationFailed,
        400,
        "spotify-authorization-failed",
        "Spotify authorization failed",
        "{error.detail}",
        extra=lambda error: {"spotify_error": error.error},
    ),
    Problem(NothingPlaying, 404, "nothing-playing", "Nothing playing"),
    Problem(
        MissingParameter,
        400,
        "missing-parameter",
        "Bad Request",
        extra=lambda error: {"parameters": list(error.names)},
    ),
    # Odesli's `statusCode` and `code` beside ours, for the clients of its API.
    Problem(
        UnreadableLink,
        400,
        "unreadable-link",
        "Unreadable link",
        "{error.reason}. recindex reads links to tracks and albums of Spotify, Deezer,"
        " Apple Music and iTunes, YouTube, YouTube Music and TIDAL, and to films and"
        " series of TMDB; it never fetches the URL itself.",
        extra=lambda error: {
            "readable": list(error.readable),
            "statusCode": 400,
            "code": "could_not_resolve_entity",
        },
    ),
    Problem(
        WorkNotFound,
        404,
        "unknown-work",
        "Not on the platform",
        "{error}: the link's id is not (or no longer) on its platform.",
        extra=lambda error: {
            "platform": error.platform,
            "statusCode": 404,
            "code": "could_not_fetch_entity_data",
        },
    ),
)
"""Every domain error a client may meet: the first row that matches answers."""

ERRORS: tuple[type[Exception], ...] = tuple(dict.fromkeys(row.error for row in PROBLEMS))
"""The classes `answer` is registered for (any other exception stays a 500)."""


def explain(error: Exception, path: str) -> Explained | None:
    """How the first row that matches `error` tells it (a page shows it as HTML)."""
    for row in PROBLEMS:
        explained = row.explain(error, path)
        if explained is not None:
            return explained
    return None


def answer(request: ConnexionRequest, error: Exception) -> ConnexionResponse:
    """The one error handler: the problem+json of the first row that matches `error`."""
    explained = explain(error, request.url.path)
    if explained is None:
        raise error  # registered for `ERRORS` only, and each has a row without `when`
    return problem(
        explained.status,
        explained.title,
        explained.detail,
        type=PROBLEM_BASE + explained.slug,
        headers=explained.headers or None,
        ext=explained.extra,
    )
