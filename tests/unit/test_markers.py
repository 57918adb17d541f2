"""Tests that cannot hide: one kind marker each, and no skip in CI for a missing program."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests.conftest import marker_problems

pytestmark = pytest.mark.unit


@dataclass
class FakeItem:
    nodeid: str
    markers: tuple[str, ...]

    def get_closest_marker(self, name: str) -> object | None:
        return name if name in self.markers else None


def test_a_test_without_a_kind_or_with_two_is_reported() -> None:
    items = [
        FakeItem("tests/a.py::test_unit", ("unit",)),
        FakeItem("tests/b.py::test_broker", ("broker", "integration")),
        FakeItem("tests/c.py::test_nothing", ()),
        FakeItem("tests/d.py::test_both", ("unit", "integration")),
        FakeItem("tests/e.py::test_needs_only", ("elasticsearch",)),
    ]
    problems = marker_problems(items)  # type: ignore[arg-type]
    assert problems == [
        "tests/c.py::test_nothing: no kind (mark it `unit` or `integration`)",
        "tests/d.py::test_both: unit and integration (mark it `unit` or `integration`)",
        "tests/e.py::test_needs_only: no kind (mark it `unit` or `integration`)",
    ]


def test_every_collected_test_of_this_session_has_one_kind(request: pytest.FixtureRequest) -> None:
    assert marker_problems(request.session.items) == []


def test_a_missing_program_skips_here_and_fails_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    from tests import conftest

    monkeypatch.setattr(conftest.shutil, "which", lambda name: None)
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("REQUIRE_BROKER", raising=False)
    with pytest.raises(pytest.skip.Exception, match="rabbitmq-server is not installed"):
        conftest.require_program("rabbitmq-server", "apt-get install rabbitmq-server")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI runs every test"):
        conftest.require_program("rabbitmq-server", "apt-get install rabbitmq-server")
    monkeypatch.setattr(conftest.shutil, "which", lambda name: f"/usr/sbin/{name}")
    assert conftest.require_program("rabbitmq-server", "") == "/usr/sbin/rabbitmq-server"
