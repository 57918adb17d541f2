"""`Readiness.writes`: whether the index takes writes, beside the checks, never a check."""

from __future__ import annotations

import pytest

from services.errors import IndexUnavailable
from services.readiness import Readiness

pytestmark = pytest.mark.unit


def ok() -> None:
    pass


def test_writes_are_accepted_without_a_probe_and_unknown_before_the_first_round() -> None:
    readiness = Readiness({"index": ok})
    assert readiness.writes() == "unknown"
    readiness.check_now()
    assert readiness.writes() == readiness.writes(detailed=True) == "accepted"


def test_paused_writes_say_why_to_operators_only_and_leave_the_checks_ok() -> None:
    readiness = Readiness({"index": ok}, writes=lambda: "recommendations-v2-x refuses writes")
    assert readiness.check_now() == {"index": "ok"}
    assert readiness.writes() == "paused"
    assert readiness.writes(detailed=True) == "paused: recommendations-v2-x refuses writes"


def test_a_probe_that_fails_makes_writes_unknown_with_its_secrets_redacted() -> None:
    def down() -> str | None:
        raise IndexUnavailable("http://elastic:hunter2@es:9200 does not answer")

    readiness = Readiness({"index": ok}, writes=down)
    readiness.check_now()
    assert readiness.writes() == "unknown"
    assert "hunter2" not in readiness.writes(detailed=True)
    assert readiness.writes(detailed=True).startswith("unknown: ")
