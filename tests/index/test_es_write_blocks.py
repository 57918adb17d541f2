"""A reindex's write block on the real node: writes that meet it answer 503 with
`Retry-After` at once (the API) or are retried through the delay queues (the worker),
reads go on, `/ready` says so; a block left by a reindex that was killed is lifted by the
next process to start, or by the next reindex, and a block whose reindex is alive is not."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from elasticsearch import Elasticsearch
from starlette.testclient import TestClient

from app import build_injector, create_app
from services.errors import WritesPaused
from services.index import es_lease
from services.index.elasticsearch import ElasticsearchIndex
from services.index.es_lease import LEASE_ID
from services.queue.handler import MessageHandler
from standins.es_proxy import ElasticsearchProxy
from standins.server import Reply
from tests.conftest import AUTH, elasticsearch_settings, offline_environment
from tests.factories import recommendation_input, stored
from tests.index.conftest import IndexFactory
from tests.queue.test_handler import ITEM, message

pytestmark = [pytest.mark.integration, pytest.mark.elasticsearch]

ROOT = Path(__file__).resolve().parents[2]
AT_ONCE_SECONDS = 2.0  # a write that met the block answered without waiting for it


@pytest.fixture(autouse=True)
def short_lease(monkeypatch: pytest.MonkeyPatch) -> None:
    """Leases judged over seconds, not half a minute (this process's watchers)."""
    monkeypatch.setattr(es_lease, "LEASE_SECONDS", 3.0)
    monkeypatch.setattr(es_lease, "RENEW_EVERY_SECONDS", 0.3)
    monkeypatch.setattr(es_lease, "WATCH_EVERY_SECONDS", 0.1)


class LiveReindex(threading.Thread):
    """What a live reindex shows others: a write block on the index behind the alias, and
    its lease in the keys index, written again every few tenths of a second."""

    def __init__(self, url: str, index: ElasticsearchIndex) -> None:
        super().__init__(daemon=True)
        self.client = Elasticsearch(url)
        self.keys = index.admin.keys
        self.stop = threading.Event()
        (self.behind,) = index.admin.indexes()

    def run(self) -> None:
        while not self.stop.wait(0.2):
            self.client.index(index=self.keys, id=LEASE_ID, document=self.lease())

    def lease(self) -> dict[str, object]:
        return {"owner": "a live reindex", "claimed_at": int(time.time() * 1000)}

    def __enter__(self) -> LiveReindex:
        self.client.index(index=self.keys, id=LEASE_ID, document=self.lease())
        self.client.indices.add_block(index=self.behind, block="write")
        self.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.stop.set()
        self.join()


def write_blocked(url: str, alias: str) -> list[str]:
    """The alias's indexes that refuse writes, as the node says."""
    found = Elasticsearch(url).indices.get_settings(
        index=alias, name="index.blocks.write", flat_settings=True
    )
    return sorted(
        index
        for index, body in found.body.items()
        if body["settings"].get("index.blocks.write") == "true"
    )


@pytest.fixture
def blocked(open_index: IndexFactory, elasticsearch_url: str) -> Iterator[ElasticsearchIndex]:
    """An index whose writes a live reindex blocks."""
    index = open_index()
    index.create(stored())
    with LiveReindex(elasticsearch_url, index):
        yield index


def test_writes_meeting_a_block_answer_503_at_once_while_reads_go_on_and_ready_says_so(
    blocked: ElasticsearchIndex, tmp_path: Path, elasticsearch_url: str
) -> None:
    settings = elasticsearch_settings(
        tmp_path, elasticsearch_url, elasticsearch_index=blocked.admin.alias
    )
    (existing,) = list(blocked.scan())
    with TestClient(create_app(build_injector(settings))) as api:
        writes = [
            lambda: api.post("/recommendations", json=recommendation_input(), headers=AUTH),
            lambda: api.patch(
                f"/recommendations/{existing['id']}", json={"description": "x"}, headers=AUTH
            ),
            lambda: api.delete(f"/recommendations/{existing['id']}", headers=AUTH),
        ]
        for write in writes:
            started = time.monotonic()
            answer = write()
            assert time.monotonic() - started < AT_ONCE_SECONDS
            assert answer.status_code == 503
            assert answer.headers["Retry-After"] == "1"
            assert answer.json()["type"].endswith("/index-writes-paused")
        read = api.get(f"/recommendations/{existing['id']}")
        assert (read.status_code, read.json()["title"]) == (200, existing["title"])
        assert api.get("/recommendations").status_code == 200
        ready = api.get("/ready")
        assert (ready.status_code, ready.json()["writes"]) == (200, "paused")
        assert "refuses writes" in api.get("/ready", headers=AUTH).json()["writes"]
        # The reindex that holds the block is alive: no process lifts it.
        time.sleep(es_lease.LEASE_SECONDS * 2)
        assert write_blocked(elasticsearch_url, blocked.admin.alias) == blocked.admin.indexes()
        assert (
            api.post("/recommendations", json=recommendation_input(), headers=AUTH).status_code
            == 503
        )


def test_a_worker_message_meeting_a_block_is_retried_at_once(
    blocked: ElasticsearchIndex, tmp_path: Path, elasticsearch_url: str
) -> None:
    settings = elasticsearch_settings(
        tmp_path, elasticsearch_url, elasticsearch_index=blocked.admin.alias
    )
    handler = build_injector(settings).get(MessageHandler)
    started = time.monotonic()
    outcome = handler.handle(message(ITEM, attempts=0))
    assert time.monotonic() - started < AT_ONCE_SECONDS
    assert outcome.action == "retry"  # through the delay queues, as any transient failure


def killed_at_its_block(index: ElasticsearchIndex, proxy: ElasticsearchProxy, url: str) -> str:
    """What `cli reindex`, killed while its write block is on, leaves: the block, its lease,
    the index it was building. Returns the index behind the alias."""
    (old,) = index.admin.indexes()
    process: list[subprocess.Popen[bytes]] = []

    def kill(reply: Reply) -> Reply:
        process[0].send_signal(signal.SIGKILL)
        process[0].wait(30)
        return reply

    proxy.after("PUT", rf"^/{old}/_block/write$", kill)
    environment = {
        **os.environ,
        **offline_environment(),
        "ELASTICSEARCH_URL": proxy.url,
        "ELASTICSEARCH_INDEX": index.admin.alias,
        "RABBITMQ_URL": "",
    }
    command = [sys.executable, "-m", "cli", "reindex", "--quiet"]
    process.append(subprocess.Popen(command, cwd=ROOT, env=environment))
    assert process[0].wait(120) == -signal.SIGKILL
    assert write_blocked(url, index.admin.alias) == [old]
    assert len(index.admin.versions()) == 2  # and the index it was building
    return old


def test_a_block_left_by_a_killed_reindex_is_lifted_by_the_next_process_to_start(
    open_index: IndexFactory, proxy: ElasticsearchProxy, elasticsearch_url: str
) -> None:
    index = open_index()
    documents = [stored() for _ in range(20)]
    index.bulk_load(documents)
    old = killed_at_its_block(index, proxy, elasticsearch_url)
    started = open_index()  # another process, starting
    began = time.monotonic()
    with pytest.raises(WritesPaused):  # at once, while the lease is judged
        started.create(stored())
    assert time.monotonic() - began < AT_ONCE_SECONDS
    deadline = time.monotonic() + es_lease.LEASE_SECONDS + 10
    while started.admin.versions() != [old] and time.monotonic() < deadline:
        time.sleep(0.1)
    assert started.admin.versions() == [old]  # what the killed reindex built is gone
    assert write_blocked(elasticsearch_url, index.admin.alias) == []
    later = stored()
    started.create(later)
    assert {d["id"] for d in started.scan()} == {d["id"] for d in [*documents, later]}


def test_a_block_left_by_a_killed_reindex_is_lifted_by_the_next_reindex(
    open_index: IndexFactory, proxy: ElasticsearchProxy, elasticsearch_url: str
) -> None:
    index = open_index()
    documents = [stored() for _ in range(20)]
    index.bulk_load(documents)
    old = killed_at_its_block(index, proxy, elasticsearch_url)
    new = open_index().reindex()
    assert index.admin.indexes() == [new]
    assert index.admin.versions() == [new]
    Elasticsearch(elasticsearch_url).indices.refresh(index=index.admin.alias)
    assert {d["id"] for d in index.scan()} == {d["id"] for d in documents}
    index.create(stored())
    assert old != new
