"""Shared fixtures: settings for a throwaway data dir, the app and its test client."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from app import build_injector, create_app
from services.settings import Settings

API_KEY = "test-key"
AUTH = {"X-API-Key": API_KEY}

# No test may reach a real host: every provider URL points at a closed local port
# unless a test points it at its own stand-in.
CLOSED = "http://127.0.0.1:9"
OFFLINE = {
    "spotify_api_url": CLOSED,
    "spotify_accounts_url": CLOSED,
    "youtube_api_url": CLOSED,
    "deezer_api_url": CLOSED,
    "itunes_api_url": CLOSED,
    "tmdb_api_url": CLOSED,
}


def offline_environment() -> dict[str, str]:
    """`OFFLINE` as the environment of a server or worker subprocess."""
    return {key.upper(): value for key, value in OFFLINE.items()}


def make_settings(tmp_path: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "data_dir": tmp_path,
        "api_keys": API_KEY,
        "elasticsearch_url": None,
        "rabbitmq_url": None,
        "log_json": False,
        **OFFLINE,
        **overrides,
    }
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path)


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(build_injector(settings))) as test_client:
        yield test_client


KINDS = ("unit", "integration")
"""Every test is one of these (pyproject's markers); `make test-unit` selects by them."""


def marker_problems(items: list[pytest.Item]) -> list[str]:
    """Tests whose kind is missing or ambiguous: they would hide from `-m unit` and the rest."""
    problems = []
    for item in items:
        kinds = [kind for kind in KINDS if item.get_closest_marker(kind)]
        if len(kinds) != 1:
            found = " and ".join(kinds) or "no kind"
            problems.append(f"{item.nodeid}: {found} (mark it `unit` or `integration`)")
    return problems


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    problems = marker_problems(items)
    if problems:
        raise pytest.UsageError("tests without one kind marker:\n" + "\n".join(problems))


def require_broker() -> bool:
    """In CI the broker tests must run: a missing broker fails them instead of skipping."""
    return bool(os.environ.get("REQUIRE_BROKER") or os.environ.get("CI"))


def require_program(name: str, hint: str) -> str:
    """The path of the program `name`; when it is missing, a skip here and a failure in CI
    (`CI` or `REQUIRE_BROKER` set), where a test that cannot run must not look like a pass."""
    path = shutil.which(name)
    if path:
        return path
    message = f"{name} is not installed: {hint}"
    if require_broker():
        pytest.fail(f"{message} (CI runs every test)")
    pytest.skip(message)


@pytest.fixture
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A private redis-server on a free port with its own directory, stopped afterwards."""
    program = require_program("redis-server", "apt-get install redis-server (.ci/run does)")
    from bench.measure import free_port

    port = free_port()
    directory = tmp_path_factory.mktemp("redis")
    options = ["--port", str(port), "--bind", "127.0.0.1", "--dir", str(directory)]
    options += ["--save", "", "--appendonly", "no"]  # nothing written: a throwaway store
    process = subprocess.Popen(
        [program, *options],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", port)) == 0:
                    break
            assert process.poll() is None and time.monotonic() < deadline, "redis did not start"
            time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(10)


_broker_tests_passed = 0


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    global _broker_tests_passed
    if report.when == "call" and report.passed and "broker" in report.keywords:
        _broker_tests_passed += 1


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """With REQUIRE_BROKER (CI), selecting broker tests of which none passed is a failure."""
    selected = [item for item in session.items if item.get_closest_marker("broker")]
    if os.environ.get("REQUIRE_BROKER") and selected and _broker_tests_passed == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
        print("\nREQUIRE_BROKER is set but no broker test passed: is RabbitMQ running?")
