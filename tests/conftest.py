"""Shared fixtures: settings for a throwaway data dir, the app and its test client."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from starlette.testclient import TestClient

from app import build_injector, create_app
from services.settings import Settings
from standins.spotify_accounts import SpotifyAccounts

if TYPE_CHECKING:
    from standins.es_transport_proxy import TransportProxy
    from tools.es_node import Cluster

# The Elasticsearch the tests use: one given to pytest (taken out of the environment, so
# that servers and workers started by tests choose their index only as each test says),
# else a node that the `elasticsearch_url` fixture starts once per run.
GIVEN_ELASTICSEARCH_URL = os.environ.pop("ELASTICSEARCH_URL", None)

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
    "musicbrainz_api_url": CLOSED,
    "tidal_api_url": CLOSED,
    "tidal_auth_url": CLOSED,
    "openlibrary_api_url": CLOSED,
    "openlibrary_covers_url": CLOSED,
    "google_books_api_url": CLOSED,
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
def spotify_accounts() -> Iterator[SpotifyAccounts]:
    """Spotify's accounts service stand-in (the app's and users' tokens)."""
    accounts = SpotifyAccounts()
    with accounts.standin.running():
        yield accounts


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
    for item in items:
        # A test on the real node is an `elasticsearch` test, whatever its file says.
        if "elasticsearch_url" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.elasticsearch)
    problems = marker_problems(items)
    if problems:
        raise pytest.UsageError("tests without one kind marker:\n" + "\n".join(problems))


def require_broker() -> bool:
    """In CI the broker tests must run: a missing broker fails them instead of skipping."""
    return bool(os.environ.get("REQUIRE_BROKER") or os.environ.get("CI"))


def require_elasticsearch() -> bool:
    """In CI the Elasticsearch tests must run: a node that cannot start fails them."""
    return bool(os.environ.get("REQUIRE_ELASTICSEARCH") or os.environ.get("CI"))


@pytest.fixture(scope="session")
def elasticsearch_url() -> Iterator[str]:
    """A real Elasticsearch 8: `ELASTICSEARCH_URL` when given, else one node for the run
    (a free port, a private data directory, stopped at the end: `tools/es_node.py`)."""
    if GIVEN_ELASTICSEARCH_URL:
        yield GIVEN_ELASTICSEARCH_URL
        return
    from tools.es_node import NodeError, running_node

    nodes = running_node(name="recindex-test", cluster_name="recindex-test")
    try:
        node = nodes.__enter__()
    except NodeError as error:
        if require_elasticsearch():
            pytest.fail(f"Elasticsearch could not start: {error}")
        pytest.skip(f"Elasticsearch could not start (CI fails here): {error}")
    try:
        yield node.url
    finally:
        nodes.__exit__(None, None, None)


@dataclass
class ClusterDrill:
    """Three nodes of the test node's distribution, one cluster with ports and data of its
    own; every node reaches each other through `links[name]` (a proxy that can hold the
    replica writes sent to that node)."""

    cluster: Cluster
    links: dict[str, TransportProxy]


@pytest.fixture(scope="session")
def es_cluster(elasticsearch_url: str) -> Iterator[ClusterDrill]:
    """The three-node cluster, started once for the run's cluster drills."""
    from standins.es_transport_proxy import TransportProxy
    from tools.es_node import Cluster, private_dir

    base = private_dir("recindex-es-cluster-")
    nodes = Cluster.of(3, base)
    links = {node.name: TransportProxy(node.transport_port).start() for node in nodes.nodes}
    for node in nodes.nodes:
        node.publish_transport_port = links[node.name].port
    try:
        yield ClusterDrill(nodes.start(status="green"), links)
    finally:
        nodes.stop()
        for link in links.values():
            link.stop()
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def cluster(es_cluster: ClusterDrill) -> Iterator[Cluster]:
    """The three-node cluster, whole: a node the previous drill killed is back (started
    again as that drill ended, while other tests ran), and every index has its replica."""
    for link in es_cluster.links.values():
        link.release()
    yield es_cluster.cluster.heal()
    es_cluster.cluster.revive()


@pytest.fixture
def links(es_cluster: ClusterDrill, cluster: Cluster) -> dict[str, TransportProxy]:
    """How the cluster's nodes reach each node, by node name."""
    return es_cluster.links


def drop_elasticsearch(settings: Settings) -> None:
    """Delete what an app on these settings made, once its background work has ended: the
    lifespan's `resume` thread may still be creating the indexes it waits for."""
    import threading

    for thread in threading.enumerate():
        if thread.name == "resume":
            thread.join(timeout=30)
    index = elasticsearch_index(settings)
    index.drop()
    index.close()


def elasticsearch_index(settings: Settings, client: Any = None) -> Any:
    """The `ElasticsearchIndex` of `settings`, as the index module makes it (on its own
    client, or on `client`), for tests that call what only it has (`drop`, `admin`)."""
    from services.index.elasticsearch import ElasticsearchIndex
    from services.index.es_client import elasticsearch_client

    return ElasticsearchIndex(
        client or elasticsearch_client(settings),
        alias=settings.elasticsearch_index,
        refresh=settings.elasticsearch_refresh,
    )


def unique_alias(prefix: str = "test") -> str:
    """An index alias no other test uses (tests share one node)."""
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


BOTH_INDEXES = [
    pytest.param("embedded", marks=pytest.mark.unit),
    pytest.param("elasticsearch", marks=[pytest.mark.integration, pytest.mark.elasticsearch]),
]
"""`params` of a fixture that runs each of its tests on the embedded index (a unit test)
and on the real Elasticsearch node (an integration test)."""


def elasticsearch_settings(tmp_path: Path, url: str, **overrides: object) -> Settings:
    """Settings for the service on Elasticsearch at `url`, under a fresh alias; writes
    are searchable at once (`ELASTICSEARCH_REFRESH=true`) so tests read what they wrote."""
    values: dict[str, object] = {
        "elasticsearch_url": url,
        "elasticsearch_index": unique_alias(),
        "elasticsearch_refresh": "true",
        **overrides,
    }
    return make_settings(tmp_path, **values)


_passed_by_marker = {"broker": 0, "elasticsearch": 0}
REQUIREMENTS = {
    "broker": ("REQUIRE_BROKER", "is RabbitMQ running?"),
    "elasticsearch": ("REQUIRE_ELASTICSEARCH", "could Elasticsearch start?"),
}


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
    program = require_program("redis-server", "apt-get install redis-server (make test does)")
    from tools.ports import free_port

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


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.when == "call" and report.passed:
        for marker in _passed_by_marker:
            if marker in report.keywords:
                _passed_by_marker[marker] += 1


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """With REQUIRE_BROKER / REQUIRE_ELASTICSEARCH (CI), selecting tests of that kind of
    which none passed is a failure."""
    for marker, (variable, question) in REQUIREMENTS.items():
        selected = [item for item in session.items if item.get_closest_marker(marker)]
        if os.environ.get(variable) and selected and _passed_by_marker[marker] == 0:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED
            print(f"\n{variable} is set but no {marker} test passed: {question}")
