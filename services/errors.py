"""The domain's exceptions, mapped to problem+json once, at the HTTP edge."""

from __future__ import annotations


class RecindexError(Exception):
    """Base of every error the domain raises on purpose."""


class NotFound(RecindexError):
    """The recommendation (or other resource) does not exist."""


class DuplicateRecommendation(RecindexError):
    """A recommendation with the same duplicate key exists already."""

    def __init__(self, existing_id: str) -> None:
        super().__init__(f"the same recommendation exists already as {existing_id}")
        self.existing_id = existing_id


class InvalidRecommendation(RecindexError):
    """The item cannot be stored as it is: a value the spec's schema cannot rule out (a
    timestamp beyond the year 9999 in UTC), or one the index refuses; the message names
    the field. A 400 over HTTP, a dead letter for a message, a refused line for import."""


class IndexUnavailable(RecindexError):
    """The index does not answer; the caller should retry later."""

    retry_after_seconds = 5


class WritesPaused(IndexUnavailable):
    """The index takes no writes for a moment: a reindex is moving the alias to a new
    index. Nothing was written; the same write succeeds after `retry_after_seconds`."""

    retry_after_seconds = 1


class ReindexRunning(RecindexError):
    """Another reindex holds the lease; only one may run at a time."""


class BrokerUnavailable(RecindexError):
    """RabbitMQ does not answer or refused a message; the caller should retry later."""


class Overloaded(RecindexError):
    """Every slot for provider-bound requests is taken; the caller should retry later."""

    def __init__(self, detail: str, retry_after: float) -> None:
        super().__init__(detail)
        self.retry_after = retry_after


class RateLimited(RecindexError):
    """A client without an API key asked more often than `LINKS_ANONYMOUS_RATE_LIMIT`."""

    def __init__(self, detail: str, retry_after: float) -> None:
        super().__init__(detail)
        self.retry_after = retry_after


class UnknownPlatform(RecindexError):
    """A link was given for a platform that does not exist for the work's kind."""

    def __init__(self, platform: str, known: tuple[str, ...]) -> None:
        super().__init__(f"unknown platform {platform!r}; one of: {', '.join(known)}")
        self.platform = platform
        self.known = known


class MissingParameter(RecindexError):
    """A request lacks one of several parameters, which the spec cannot require alone."""

    def __init__(self, *names: str) -> None:
        super().__init__(f"one of {', '.join(names)} is required")
        self.names = names


class UnreadableLink(RecindexError):
    """A link that names no track, album, film or series of a platform recindex reads."""

    def __init__(self, reason: str, readable: tuple[str, ...] = ()) -> None:
        super().__init__(reason)
        self.reason = reason
        self.readable = readable  # the platforms whose links are read


class WorkNotFound(RecindexError):
    """A platform link whose id the platform does not know (or no longer has)."""

    def __init__(self, platform: str, kind: str, ident: str) -> None:
        super().__init__(f"{platform} has no {kind} {ident}")
        self.platform = platform
        self.kind = kind
        self.ident = ident


class ProviderUnavailable(RecindexError):
    """A platform's API is down, throttling us, or answering garbage."""

    def __init__(self, provider: str, detail: str, retry_after: float | None = None) -> None:
        super().__init__(f"{provider}: {detail}")
        self.provider = provider
        self.detail = detail
        self.retry_after = retry_after


class AccountsNotConfigured(RecindexError):
    """Spotify accounts need a setting the operator has not given (e.g. TOKEN_ENCRYPTION_KEY)."""

    def __init__(self, setting: str, detail: str) -> None:
        super().__init__(f"{setting}: {detail}")
        self.setting = setting
        self.detail = detail


class AccountNotLinked(RecindexError):
    """The user has not linked a Spotify account."""

    def __init__(self, user: str) -> None:
        super().__init__(f"{user} has no linked Spotify account")
        self.user = user


class AccountRevoked(RecindexError):
    """Spotify no longer honours the user's link (access revoked); they must link again."""

    def __init__(self, user: str) -> None:
        super().__init__(f"Spotify revoked the link of {user}")
        self.user = user


class AuthorizationStateInvalid(RecindexError):
    """The callback's `state` is unknown, expired or already used."""


class AuthorizationFailed(RecindexError):
    """Spotify refused the authorization (the user declined, or the code was bad)."""

    def __init__(self, error: str, detail: str) -> None:
        super().__init__(f"{error}: {detail}")
        self.error = error
        self.detail = detail


class NothingPlaying(RecindexError):
    """The user's Spotify plays nothing that can be recommended."""


class InvalidIsbn(RecindexError):
    """An `isbn` the spec's pattern lets through but whose check digit is wrong."""

    def __init__(self, value: str, reason: str) -> None:
        super().__init__(f"{value!r} is not an ISBN: {reason}")
        self.value = value
