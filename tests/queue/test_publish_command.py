"""`python -m cli publish`: confirmed messages, counts, and a non-zero exit on failure."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.queue.conftest import BROKER_URL, Broker, item

pytestmark = [pytest.mark.broker, pytest.mark.integration]

ROOT = Path(__file__).resolve().parents[2]


def publish(exchange: str, url: str, stdin: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "RABBITMQ_URL": url, "RABBITMQ_EXCHANGE": exchange, "LOG_JSON": "false"}
    return subprocess.run(
        [sys.executable, "-m", "cli", "publish", "--quiet"],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_publishes_json_lines_from_stdin_with_ids(broker: Broker) -> None:
    lines = "\n".join(json.dumps(item(n)) for n in range(3)) + "\n\nnot json\n"
    done = publish(broker.topology.exchange, BROKER_URL, lines)
    assert done.returncode == 0, done.stderr
    assert "confirmed 4, failed 0" in done.stdout
    queued = broker._drain(broker.topology.discovered_queue, 4, timeout=5)
    assert len({message["message_id"] for message in queued}) == 4


def test_a_broker_that_is_down_is_named_and_exits_4(broker: Broker) -> None:
    done = publish(broker.topology.exchange, "amqp://crawler:s3cret@127.0.0.1:9/%2F", "{}\n")
    assert done.returncode == 4
    assert "broker unavailable (RABBITMQ_URL amqp://crawler:[redacted]@127.0.0.1:9/%2F)" in (
        done.stderr
    )
    assert "s3cret" not in done.stderr + done.stdout
