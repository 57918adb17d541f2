"""The worker against the real RabbitMQ: replies, duplicates, poison, retries, reconnects."""

from __future__ import annotations

import json
import subprocess
import threading
import time
from collections.abc import Callable
from typing import Any

import pika
import pytest
from injector import Injector, InstanceProvider

from app import build_injector
from services.errors import IndexUnavailable
from services.index import RecommendationIndex
from services.index.embedded import EmbeddedIndex
from services.metrics import MESSAGES
from services.providers.rate_limits import LIMITS_FILE
from services.queue.topology import ATTEMPTS, REASON
from services.queue.worker import build_worker, consume_until_stopped
from services.settings import Settings
from tests.closing import open_files, recording
from tests.conftest import elasticsearch_index
from tests.queue.conftest import BROKER_URL, Broker, RunningWorker, item

pytestmark = [pytest.mark.broker, pytest.mark.integration]

StartWorker = Callable[..., RunningWorker]


def documents(settings: Settings) -> list[dict[str, Any]]:
    """Every document stored, on whichever index the settings choose."""
    if settings.elasticsearch_url:
        remote = elasticsearch_index(settings)
        try:
            remote.ping()  # the indexes exist
            remote.admin.refresh()
            return list(remote.scan())
        finally:
            remote.close()
    index = EmbeddedIndex(settings.embedded_db_path)
    try:
        return list(index.scan())
    finally:
        index.close()


def counted(outcome: str) -> float:
    return float(MESSAGES.labels(outcome=outcome)._value.get())


def test_stores_an_item_and_replies_201(broker: Broker, start_worker: StartWorker) -> None:
    start_worker()
    consumed, stored = counted("consumed"), counted("stored")
    correlation_id = broker.publish(item(1))
    [reply] = broker.replies(1)
    assert counted("consumed") > consumed
    assert counted("stored") == stored + 1
    answer = json.loads(reply["body"])
    assert reply["correlation_id"] == correlation_id
    assert answer["status"] == 201
    assert answer["id"]
    assert broker.depth(broker.topology.discovered_queue) == 0


def test_a_duplicate_is_acknowledged_and_answered_409(
    broker: Broker, start_worker: StartWorker, queue_settings: Settings
) -> None:
    start_worker()
    broker.publish(item(1))
    [first] = broker.replies(1)
    broker.publish(item(1))
    [second] = broker.replies(1)
    assert json.loads(second["body"])["status"] == 409
    assert json.loads(second["body"])["id"] == json.loads(first["body"])["id"]
    time.sleep(0.3)
    assert broker.depth(broker.topology.discovered_queue) == 0
    assert broker.depth(broker.topology.dead) == 0
    assert len(documents(queue_settings)) == 1


def test_poison_is_dead_lettered_with_its_reason_while_others_flow(
    broker: Broker, start_worker: StartWorker, queue_settings: Settings
) -> None:
    start_worker()
    broker.publish(b"{not json")
    broker.publish({"title": "no user", "kind": "album"})
    for number in range(5):
        broker.publish(item(number))
    replies = [json.loads(reply["body"]) for reply in broker.replies(7)]
    assert sorted(reply["status"] for reply in replies) == [201] * 5 + [400] * 2
    dead = broker.dead(2)
    reasons = sorted(str(message["headers"][REASON]) for message in dead)
    assert reasons[0].startswith("does not match the RecommendationInput schema")
    assert "'user' is a required property" in reasons[0]
    assert reasons[1].startswith("not JSON")
    assert {message["body"] for message in dead} == {
        b"{not json",
        json.dumps({"title": "no user", "kind": "album"}).encode(),
    }
    assert len(documents(queue_settings)) == 5


def test_a_message_with_a_bad_url_is_dead_lettered_naming_the_field(
    broker: Broker, start_worker: StartWorker, queue_settings: Settings
) -> None:
    start_worker()
    broker.publish(item(1, reclink="https://forum.example/post\x01/1"))
    broker.publish(item(2, img="javascript:alert(1)"))
    replies = [json.loads(reply["body"]) for reply in broker.replies(2)]
    assert [reply["status"] for reply in replies] == [400, 400]
    reasons = sorted(str(message["headers"][REASON]) for message in broker.dead(2))
    assert reasons[0].startswith("does not match the RecommendationInput schema: img:")
    assert reasons[1].startswith("does not match the RecommendationInput schema: reclink:")
    assert documents(queue_settings) == []


def test_input_python_cannot_read_is_dead_lettered_at_once_naming_where(
    broker: Broker, start_worker: StartWorker, queue_settings: Settings
) -> None:
    # Each was a 500 over HTTP, and here an exception retried until the attempts ran out.
    start_worker()
    bad = {
        "port": json.dumps(item(1, reclink="https://forum.example:99999/p/1")).encode(),
        "ipv6": json.dumps(item(2, img="http://[::1/cover.jpg")).encode(),
        "date": json.dumps(item(3, created_at="9999-12-31T23:59:59-23:59")).encode(),
        "deep": b'{"title": ' + b"[" * 60_000,
        "surrogate": json.dumps(item(4, description="\ud800")).encode(),
    }
    for name, body in bad.items():
        broker.publish(body, message_id=name)
    replies = [json.loads(reply["body"]) for reply in broker.replies(len(bad))]
    assert [reply["status"] for reply in replies] == [400] * len(bad)
    dead = {message["message_id"]: message for message in broker.dead(len(bad))}
    reasons = {name: str(message["headers"][REASON]) for name, message in dead.items()}
    assert "reclink:" in reasons["port"]
    assert "img:" in reasons["ipv6"]
    assert reasons["date"].startswith("created_at:")
    assert "nested deeper than" in reasons["deep"]
    assert reasons["surrogate"].startswith("description: holds a lone surrogate")
    assert [message["headers"].get(ATTEMPTS, 0) for message in dead.values()] == [0] * len(bad)
    assert documents(queue_settings) == []


class FlakyIndex:
    """The real index, unavailable for its first `failures` writes."""

    def __init__(self, index: RecommendationIndex, failures: int) -> None:
        self._index = index
        self.failures = failures
        self.calls = 0

    def create(self, recommendation: dict[str, Any]) -> str:
        self.calls += 1
        if self.calls <= self.failures:
            raise IndexUnavailable("index down (test)")
        return self._index.create(recommendation)  # type: ignore[arg-type]

    def __getattr__(self, name: str) -> Any:
        return getattr(self._index, name)


def flaky(failures: int) -> Callable[[Injector], FlakyIndex]:
    holder: dict[str, FlakyIndex] = {}

    def configure(injector: Injector) -> None:
        real = injector.get(RecommendationIndex)  # type: ignore[type-abstract]
        holder["index"] = FlakyIndex(real, failures)
        injector.binder.bind(
            RecommendationIndex,  # type: ignore[type-abstract]
            to=InstanceProvider(holder["index"]),
        )

    configure.holder = holder  # type: ignore[attr-defined]
    return configure  # type: ignore[return-value]


def test_a_transient_failure_is_retried_with_back_off_then_stored(
    broker: Broker, start_worker: StartWorker, queue_settings: Settings
) -> None:
    configure = flaky(failures=2)
    start_worker(configure)
    started = time.monotonic()
    broker.publish(item(1))
    [reply] = broker.replies(1)
    assert json.loads(reply["body"])["status"] == 201
    # Two retries through the delay queues (0.2 s, then 0.4 s), not a hot loop.
    assert time.monotonic() - started >= 0.55
    assert configure.holder["index"].calls == 3  # type: ignore[attr-defined]
    assert len(documents(queue_settings)) == 1
    assert broker.depth(broker.topology.dead) == 0


def test_a_lasting_failure_is_dead_lettered_after_max_attempts(
    broker: Broker, start_worker: StartWorker, queue_settings: Settings
) -> None:
    start_worker(flaky(failures=100))
    broker.publish(item(1))
    [reply] = broker.replies(1)
    assert json.loads(reply["body"])["status"] == 503
    [dead] = broker.dead(1)
    assert dead["headers"][ATTEMPTS] == 2
    assert "gave up after 3 attempts: index down (test)" in str(dead["headers"][REASON])
    assert documents(queue_settings) == []


def test_a_retry_whose_delay_queue_is_gone_keeps_its_message(
    broker: Broker, start_worker: StartWorker, queue_settings: Settings
) -> None:
    configure = flaky(failures=1)
    start_worker(configure)
    delay_queue = broker.topology.retry_queue(1, broker.topology.discovered_queue)
    broker.channel.queue_delete(delay_queue)  # an operator's mistake, a policy, a bug
    broker.publish(item(1))
    [reply] = broker.replies(1)
    assert json.loads(reply["body"])["status"] == 201  # not dropped with its lost retry copy
    assert len(documents(queue_settings)) == 1
    broker.channel.queue_declare(delay_queue, passive=True)  # declared again by the worker


def wait_for_queue(name: str, timeout: float = 10) -> bool:
    """Whether the queue exists within `timeout` (asked on connections of its own: asking
    for a missing queue closes the channel)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        connection = pika.BlockingConnection(pika.URLParameters(BROKER_URL))
        try:
            connection.channel().queue_declare(name, passive=True)
            return True
        except pika.exceptions.ChannelClosedByBroker:
            time.sleep(0.05)
        finally:
            if connection.is_open:
                connection.close()
    return False


def test_a_dead_letter_without_its_queue_is_kept_until_it_lands(
    broker: Broker, start_worker: StartWorker
) -> None:
    broker.channel.queue_delete(broker.topology.dead)
    start_worker()  # declares the topology at its start: delete the queue again after
    broker.channel.queue_delete(broker.topology.dead)
    broker.publish(b"{poison")
    assert wait_for_queue(broker.topology.dead), "the worker did not declare it again"
    [dead] = broker.dead(1)
    assert dead["body"] == b"{poison"
    assert str(dead["headers"][REASON]).startswith("not JSON")


def _close_connections(name: str) -> int:
    """Close the broker side of every connection with this name, as a network fault would."""
    listed = subprocess.run(
        ["rabbitmqctl", "-q", "list_connections", "pid", "client_properties"],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    ).stdout
    pids = [line.split("\t")[0] for line in listed.splitlines() if name in line]
    for pid in pids:
        subprocess.run(
            ["rabbitmqctl", "-q", "close_connection", pid, "test: dropped connection"],
            capture_output=True,
            timeout=30,
            check=True,
        )
    return len(pids)


def test_a_dropped_connection_is_recovered(
    broker: Broker, start_worker: StartWorker, queue_settings: Settings
) -> None:
    name = f"{broker.topology.exchange}-worker"
    worker = start_worker(name=name)
    broker.publish(item(1))
    assert len(broker.replies(1)) == 1
    assert _close_connections(name) >= 1
    deadline = time.monotonic() + 10
    while worker.worker.ready and time.monotonic() < deadline:
        time.sleep(0.05)
    assert worker.worker.wait_ready(10), "the worker did not reconnect"
    for number in range(2, 6):
        broker.publish(item(number))
    assert len(broker.replies(4)) == 4
    assert len(documents(queue_settings)) == 5


class SlowIndex:
    """The real index, taking `seconds` for each write: a slow lookup stands in."""

    def __init__(self, index: RecommendationIndex, seconds: float) -> None:
        self._index = index
        self._seconds = seconds

    def create(self, recommendation: dict[str, Any]) -> str:
        time.sleep(self._seconds)
        return self._index.create(recommendation)  # type: ignore[arg-type]

    def __getattr__(self, name: str) -> Any:
        return getattr(self._index, name)


def _connections_named(name: str) -> list[tuple[str, int]]:
    """(the broker's id, the heartbeat in seconds) of each connection with this name."""
    listed = subprocess.run(
        ["rabbitmqctl", "-q", "list_connections", "pid", "timeout", "client_properties"],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    ).stdout
    found = []
    for line in listed.splitlines():
        fields = line.split("\t")
        if len(fields) >= 3 and name in fields[2]:
            found.append((fields[0], int(fields[1])))
    return found


def test_heartbeats_keep_flowing_while_messages_are_slow(
    broker: Broker, start_worker: StartWorker, queue_settings: Settings
) -> None:
    # A 1 s heartbeat: the broker drops a connection silent for ~2 s.
    settings = queue_settings.model_copy(
        update={"rabbitmq_url": queue_settings.rabbitmq_url + "?heartbeat=1"}
    )

    def configure(injector: Injector) -> None:
        injector.binder.bind(Settings, to=settings)
        real = injector.get(RecommendationIndex)  # type: ignore[type-abstract]
        injector.binder.bind(
            RecommendationIndex,  # type: ignore[type-abstract]
            to=InstanceProvider(SlowIndex(real, seconds=4)),
        )

    name = f"{broker.topology.exchange}-slow-items"
    start_worker(configure, name=name.removesuffix("-items"))
    [(connection, heartbeat)] = _connections_named(name)
    assert heartbeat == 1
    broker.publish(item(1))
    broker.publish(item(2))
    replies = broker.replies(2, timeout=15)
    assert sorted(json.loads(reply["body"])["status"] for reply in replies) == [201, 201]
    # The same connection all along: it was never dropped for silence and reopened.
    assert _connections_named(name) == [(connection, 1)]


def test_a_stopped_worker_closes_everything_its_modules_opened(
    broker: Broker, queue_settings: Settings
) -> None:
    injector = build_injector(queue_settings)
    closing = recording(injector)
    worker = build_worker(injector, name=f"{broker.topology.exchange}-worker")
    stopped_cleanly: list[bool] = []
    thread = threading.Thread(
        target=lambda: stopped_cleanly.append(consume_until_stopped(injector, worker)),
        daemon=True,
    )
    thread.start()
    assert worker.wait_ready(10), "the worker did not start consuming"
    broker.publish(item(1))
    assert json.loads(broker.replies(1)[0]["body"])["status"] == 201
    worker.stop()
    thread.join(timeout=20)
    assert stopped_cleanly == [True]
    assert len(closing.resources) > 3
    assert closing.unclosed() == []
    assert open_files(queue_settings.data_dir / LIMITS_FILE) == []
