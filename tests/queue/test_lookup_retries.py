"""Through the broker, a `partial` lookup is asked again with growing delays, like the
in-process BackgroundLookups; at the bound it is acknowledged and stays `partial`."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from services.queue.topology import Topology
from services.settings import Settings
from standins.server import Reply
from tests.conftest import make_settings
from tests.links.conftest import Music, music_standins  # noqa: F401 - a fixture
from tests.queue.conftest import BROKER_URL, Broker, RunningWorker, item
from tests.queue.test_drills import catalogued, wait_for
from tests.queue.test_worker import counted, documents

pytestmark = [pytest.mark.broker, pytest.mark.integration]

StartWorker = Callable[..., RunningWorker]


@pytest.fixture
def queue_settings(tmp_path: Path, topology: Topology, music_standins: Music) -> Settings:  # noqa: F811
    return make_settings(
        tmp_path,
        rabbitmq_url=BROKER_URL,
        rabbitmq_exchange=topology.exchange,
        message_retry_delays=topology.retry_delays,
        message_max_attempts=topology.max_attempts,
        **{**music_standins.settings, "max_retry_after_seconds": 0.3},
    )


def apple_music(settings: Settings) -> tuple[str, str]:
    [doc] = documents(settings)
    return doc["links_status"], doc["links"]["apple_music"]["status"]


def test_a_partial_lookup_is_retried_until_complete(
    broker: Broker,
    start_worker: StartWorker,
    queue_settings: Settings,
    music_standins: Music,  # noqa: F811
) -> None:
    catalogued(music_standins, 1)
    # Every try of the first lookup (the guard's three) meets a 500: iTunes is `error`.
    music_standins.itunes.fail_next(*[Reply({"errorMessage": "down"}, status=500)] * 3)
    start_worker()
    retried, lookups = counted("retried"), counted("lookup")
    broker.publish(item(0))
    [reply] = broker.replies(1)
    assert json.loads(reply["body"])["status"] == 201
    wait_for(lambda: counted("lookup") > lookups, 15, "the lookup to be acknowledged")
    assert counted("retried") == retried + 1  # once partial, then complete
    assert apple_music(queue_settings) == ("complete", "found")
    assert len(documents(queue_settings)) == 1
    assert broker.dead(1, timeout=0.3) == []


def test_a_lookup_partial_at_the_bound_stays_partial_and_is_not_dead_lettered(
    broker: Broker,
    start_worker: StartWorker,
    queue_settings: Settings,
    topology: Topology,
    music_standins: Music,  # noqa: F811
) -> None:
    catalogued(music_standins, 1)
    music_standins.itunes.fail_all(Reply({"errorMessage": "down"}, status=500))
    start_worker()
    retried, lookups = counted("retried"), counted("lookup")
    broker.publish(item(0))
    broker.replies(1)
    wait_for(lambda: counted("lookup") > lookups, 15, "the lookup to be acknowledged")
    assert counted("retried") == retried + topology.max_attempts - 1
    assert apple_music(queue_settings) == ("partial", "error")
    [doc] = documents(queue_settings)
    assert doc["links"]["spotify"]["status"] == doc["links"]["deezer"]["status"] == "found"
    assert broker.dead(1, timeout=0.3) == []
    assert broker.depth(topology.lookup_queue) == 0
