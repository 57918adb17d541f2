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
    """The item does not fit the schema (messages; HTTP input is checked by the spec)."""


class IndexUnavailable(RecindexError):
    """The index does not answer; the caller should retry later."""

    retry_after_seconds = 5


class ProviderUnavailable(RecindexError):
    """A platform's API is down, throttling us, or answering garbage."""

    def __init__(self, provider: str, detail: str, retry_after: float | None = None) -> None:
        super().__init__(f"{provider}: {detail}")
        self.provider = provider
        self.detail = detail
        self.retry_after = retry_after
