"""Operator commands whose index or broker is down say which, without its password, and fail."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from services.index.embedded import EmbeddedIndex
from tests.conftest import offline_environment
from tests.factories import stored
from tools.ports import free_port

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "s3cret-pa55"


def cli(data_dir: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cli", *args],
        cwd=ROOT,
        env={
            **os.environ,
            **offline_environment(),
            "DATA_DIR": str(data_dir),
            "ELASTICSEARCH_URL": "",
            "RABBITMQ_URL": "",
            "LOG_JSON": "false",
            **env,
        },
        capture_output=True,
        text=True,
        timeout=60,
    )


def closed_url(scheme: str) -> str:
    """A URL with credentials to a port where nothing listens."""
    return f"{scheme}://operator:{PASSWORD}@127.0.0.1:{free_port()}/"


def test_relookup_with_the_broker_down_names_it_and_exits_4(tmp_path: Path) -> None:
    index = EmbeddedIndex(tmp_path / "recindex.sqlite3")
    index.create(stored())
    index.close()
    url = closed_url("amqp")
    done = cli(tmp_path, "relookup", "--quiet", RABBITMQ_URL=url)
    assert done.returncode == 4, done.stdout + done.stderr
    assert "broker unavailable (RABBITMQ_URL amqp://operator:[redacted]@127.0.0.1:" in done.stderr
    assert "scheduled" not in done.stdout
    assert PASSWORD not in done.stdout + done.stderr


@pytest.mark.parametrize("command", [["relookup", "--quiet"], ["export"], ["reindex", "--quiet"]])
def test_index_commands_with_elasticsearch_down_name_it_and_exit_3(
    tmp_path: Path, command: list[str]
) -> None:
    done = cli(tmp_path, *command, ELASTICSEARCH_URL=closed_url("http"))
    assert done.returncode == 3, done.stdout + done.stderr
    assert "index unavailable (http://operator:[redacted]@127.0.0.1:" in done.stderr
    assert PASSWORD not in done.stdout + done.stderr


def test_the_worker_with_the_broker_down_at_its_start_exits_4(tmp_path: Path) -> None:
    done = cli(tmp_path, "worker", RABBITMQ_URL=closed_url("amqp"))
    assert done.returncode == 4, done.stdout + done.stderr
    assert "broker unavailable (RABBITMQ_URL amqp://operator:[redacted]@" in done.stderr
    assert PASSWORD not in done.stdout + done.stderr
