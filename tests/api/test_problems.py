"""The one table from error class to problem+json, read directly."""

from __future__ import annotations

import json

import pytest

from api.problems import ERRORS, PROBLEMS, answer
from services.errors import BrokerUnavailable, ProviderUnavailable, RecindexError, ReindexRunning

pytestmark = pytest.mark.unit


class _Url:
    path = "/links"


class _Request:
    url = _Url()


def test_every_error_class_has_a_row_that_always_answers() -> None:
    # `answer` is registered for these classes; a row with `when` may decline an error,
    # so each class needs one without it.
    for error in ERRORS:
        assert any(row.error is error and row.when is None for row in PROBLEMS), error


# Raised only where no HTTP request waits: the operator commands (`cli.main` reports
# them) and the worker (its broker connection).
NEVER_HTTP = {ReindexRunning, BrokerUnavailable}


def _subclasses(base: type[RecindexError]) -> set[type[RecindexError]]:
    found = set(base.__subclasses__())
    for subclass in list(found):
        found |= _subclasses(subclass)
    return found


def test_every_domain_error_a_request_can_meet_has_a_row() -> None:
    # `InvalidRecommendation` had none: a timestamp beyond the year 9999 in UTC, or a
    # document the Elasticsearch mapping refused, was a 500 instead of a 400.
    for error in _subclasses(RecindexError):
        if any(issubclass(error, never) for never in NEVER_HTTP):
            continue  # a reindex's `LeaseLost` is a `ReindexRunning`: the command's
        assert any(issubclass(error, row) for row in ERRORS), error


def test_a_throttled_provider_says_when_to_come_back_rounded_up() -> None:
    throttled = answer(_Request(), ProviderUnavailable("youtube", "rate limited", 0.4))
    assert throttled.status_code == 503
    assert throttled.headers["Retry-After"] == "1"
    body = json.loads(throttled.body)
    assert body == {
        "type": "https://recindex.dev/problems/provider-unavailable",
        "title": "youtube unavailable",
        "detail": "youtube did not answer usefully: rate limited",
        "status": 503,
        "source": "youtube",
    }
    broken = answer(_Request(), ProviderUnavailable("youtube", "HTTP 500"))
    assert broken.status_code == 502 and "Retry-After" not in broken.headers


def test_a_correction_whose_notification_the_broker_refused_says_to_send_it_again() -> None:
    from services.webhooks.outbox import NotificationsUnavailable

    refused = answer(_Request(), NotificationsUnavailable("event not handed to the broker"))
    assert refused.status_code == 503
    assert refused.headers["Retry-After"] == "5"
    assert json.loads(refused.body)["type"].endswith("/notifications-unavailable")
