"""The one table from error class to problem+json, read directly."""

from __future__ import annotations

import json

import pytest

from api.problems import ERRORS, PROBLEMS, answer
from services.errors import ProviderUnavailable

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
