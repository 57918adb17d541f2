"""`docker-compose.yml` and the Dockerfile, read as data (no Docker needed)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def services() -> dict[str, Any]:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    found: dict[str, Any] = compose["services"]
    return found


def test_the_four_services_and_their_images(services: dict[str, Any]) -> None:
    assert set(services) == {"elasticsearch", "rabbitmq", "api", "worker"}
    assert re.fullmatch(
        r"docker\.elastic\.co/elasticsearch/elasticsearch:8\.\d+\.\d+",
        services["elasticsearch"]["image"],
    )
    assert services["rabbitmq"]["image"] == "rabbitmq:3-management"
    assert services["api"]["build"] == "."
    assert services["worker"]["image"] == services["api"]["image"]


def test_elasticsearch_is_a_single_open_node_with_a_bounded_heap(services: dict[str, Any]) -> None:
    env = services["elasticsearch"]["environment"]
    assert env["discovery.type"] == "single-node"
    assert env["xpack.security.enabled"] == "false"
    assert "-Xmx" in env["ES_JAVA_OPTS"] and "-Xms" in env["ES_JAVA_OPTS"]


def test_healthchecks(services: dict[str, Any]) -> None:
    assert "_cluster/health" in " ".join(services["elasticsearch"]["healthcheck"]["test"])
    assert services["rabbitmq"]["healthcheck"]["test"][-3:] == [
        "rabbitmq-diagnostics",
        "-q",
        "ping",
    ]
    assert "/ready" in " ".join(services["api"]["healthcheck"]["test"])
    assert services["worker"]["healthcheck"] == {"disable": True}


def test_start_order_waits_for_healthy_dependencies(services: dict[str, Any]) -> None:
    for name in ("api", "worker"):
        depends = services[name]["depends_on"]
        for dependency in ("elasticsearch", "rabbitmq"):
            assert depends[dependency] == {"condition": "service_healthy"}
    assert services["worker"]["depends_on"]["api"] == {"condition": "service_healthy"}


def test_api_and_worker_use_the_broker_and_the_index(services: dict[str, Any]) -> None:
    for name in ("api", "worker"):
        env = services[name]["environment"]
        assert env["ELASTICSEARCH_URL"] == "http://elasticsearch:9200"
        assert env["RABBITMQ_URL"].startswith("amqp://") and "@rabbitmq:5672" in env["RABBITMQ_URL"]
        assert env["API_KEYS"].startswith("${API_KEYS")
    assert services["api"]["command"] == ["serve"]
    assert services["worker"]["command"] == ["worker"]
    assert services["api"]["environment"]["HOST"] == "0.0.0.0"
    assert "8080:8080" in services["api"]["ports"]


def test_dockerfile_is_multi_stage_and_runs_as_a_user_not_root() -> None:
    lines = [line.strip() for line in (ROOT / "Dockerfile").read_text().splitlines()]
    stages = [i for i, line in enumerate(lines) if line.upper().startswith("FROM ")]
    assert len(stages) >= 2
    final = lines[stages[-1] :]
    assert any(line.startswith("COPY --from=") for line in final)
    users = [line.split()[1] for line in final if line.startswith("USER ")]
    assert users and users[-1] not in ("root", "0", "0:0")
    # What the image runs and its health check are run in tests/integration/test_serve.py.
    assert ".env" in (ROOT / ".dockerignore").read_text().split()
