"""`reindex` on the three-node cluster (one replica) while writers create, change and
delete, and the node with the primary shard is killed during the copy: every
acknowledged write is in the new index, and nothing deleted comes back.

The window that loses writes is narrow, so the drill makes it happen rather than wait
for it. As the reindex reads its first checkpoint, the replica's writes are held on their
way (the proxy between the nodes), so the primary has counted writes its replica lacks.
Then the primary's node is killed; the replica, promoted, makes those writes again
under a new primary term, with sequence numbers the old primary had counted. A copy
that catches up from the primary's local checkpoint skips them; one that catches up
from the global checkpoint (what every copy has) does not.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from elasticsearch import Elasticsearch

from services.errors import IndexUnavailable
from services.index import es_lease
from services.index.elasticsearch import ElasticsearchIndex
from standins.es_proxy import ElasticsearchProxy
from standins.es_transport_proxy import TransportProxy
from standins.server import Reply, Request
from tests.conftest import elasticsearch_index, elasticsearch_settings, unique_alias
from tests.factories import stored
from tests.index.writers import Writer, operations, pause, resume, start, stop
from tools.es_node import Cluster, Node

pytestmark = [pytest.mark.integration, pytest.mark.cluster]

SEEDED = 400
WRITERS = 4
HELD_CREATES = 12  # made on the primary while its replica's writes are held


def open_index(tmp_path: Path, alias: str, url: str, **client: Any) -> ElasticsearchIndex:
    settings = elasticsearch_settings(
        tmp_path, url, elasticsearch_index=alias, elasticsearch_refresh="false"
    )
    index: ElasticsearchIndex = elasticsearch_index(
        settings, Elasticsearch(url.split(","), **client)
    )
    return index


@pytest.fixture
def alias(cluster: Cluster, tmp_path: Path) -> Iterator[str]:
    name = unique_alias("reindex")
    yield name
    open_index(tmp_path, name, ",".join(cluster.urls), max_retries=3).drop()


def shard_copies(client: Elasticsearch, index: str) -> dict[str, Any]:
    """The copies of the one shard, primary first: each with its sequence numbers."""
    stats = client.indices.stats(index=index, level="shards", metric="docs")
    (copies,) = stats["indices"][index]["shards"].values()
    return _by_role(copies)


def _by_role(copies: list[dict[str, Any]]) -> dict[str, Any]:
    return {"primary" if c["routing"]["primary"] else "replica": c for c in copies}


def node_holding(cluster: Cluster, client: Elasticsearch, index: str, role: str) -> Node:
    node_id = shard_copies(client, index)[role]["routing"]["node"]
    name = client.nodes.info(node_id=node_id)["nodes"][node_id]["name"]
    return next(node for node in cluster.nodes if node.name == name)


def wait_for(condition: Callable[[], bool], what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.2)


@pytest.mark.timeout(600)  # with the cluster's start, or a node's restart after a drill
def test_a_reindex_loses_no_write_when_the_primary_dies_while_its_replica_lags(
    cluster: Cluster,
    links: dict[str, TransportProxy],
    alias: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The held replica may hold the lease's renewals too: the reindex must not stop for it.
    monkeypatch.setattr(es_lease, "LEASE_SECONDS", 300.0)
    # Writers ask any node, and wait as long as a held replica takes.
    writes = open_index(tmp_path, alias, ",".join(cluster.urls), request_timeout=120, max_retries=3)
    seeded = [stored() for _ in range(SEEDED)]
    writes.bulk_load(seeded)
    direct = Elasticsearch(cluster.urls, max_retries=3, request_timeout=60)
    (old,) = writes.admin.indexes()
    # The primary and the replica stay where they are, until the kill.
    direct.indices.put_settings(index=old, settings={"index.routing.rebalance.enable": "none"})
    direct.cluster.health(
        index=old, wait_for_status="green", wait_for_no_relocating_shards=True, timeout="60s"
    )
    metadata = direct.cluster.state(metric="metadata", index=old)["metadata"]["indices"][old]
    first_term = metadata["primary_terms"]["0"]
    primary = node_holding(cluster, direct, old, "primary")
    replica = node_holding(cluster, direct, old, "replica")
    (third,) = [node for node in cluster.nodes if node not in (primary, replica)]
    # Held creates ask the primary's node itself: its death is their failure, and they
    # are made again (acknowledged then) once the reindex has copied its snapshot.
    on_primary = open_index(
        tmp_path,
        alias,
        primary.url,
        request_timeout=120,
        max_retries=0,
        connections_per_node=HELD_CREATES,  # all at once
    )
    on_the_primary_node = Elasticsearch(primary.url)
    held = [stored(title=f"Held {n} - Work") for n in range(HELD_CREATES)]
    held_errors: list[Exception] = []
    writers = [Writer(writes, seeded[n::WRITERS], seed=n) for n in range(WRITERS)]
    seen: dict[str, Any] = {}

    def create_on_the_primary(document: dict[str, Any]) -> None:
        try:
            on_primary.create(document)
        except IndexUnavailable as error:  # the primary's node died first
            held_errors.append(error)

    def hold_the_replica(_: Request) -> None:
        """As the reindex asks for its first checkpoint: writes its replica lacks."""
        links[replica.name].hold_replica_writes()
        for document in held:
            threading.Thread(target=create_on_the_primary, args=(document,), daemon=True).start()

        def made_on_the_primary() -> bool:  # a realtime read of the primary's own copy
            found = on_the_primary_node.mget(
                index=old, ids=[d["id"] for d in held], preference="_only_local", source=False
            )
            return all(doc["found"] for doc in found["docs"])

        wait_for(made_on_the_primary, "the primary to make the held creates")

    def kill_the_primary(reply: Reply) -> Reply:
        """The checkpoint is read: the primary dies before its replica gets the writes."""
        seen["copies"] = _by_role(
            next(iter(json.loads(reply.raw or b"{}")["indices"][old]["shards"].values()))
        )
        pause(writers)
        primary.kill()
        links[replica.name].release()  # what the dead primary sent is dropped
        return reply

    def make_the_held_creates_again(_: Request) -> None:
        """The snapshot is copied: the held creates are made again, on the new primary."""
        wait_for(lambda: len(held_errors) == HELD_CREATES, "the held creates to fail")
        for document in held:
            writes.create(document)
        seen["held"] = [direct.get(index=old, id=d["id"], source=False) for d in held]
        resume(writers)
        done = operations(writers)
        wait_for(lambda: operations(writers) > done + 4 * WRITERS, "writes after the fail-over")

    # The reindex talks to the third node, through a proxy that times the drill.
    proxy = ElasticsearchProxy(third.url)
    proxy.after("GET", rf"^/{old}/_stats", kill_the_primary, first=hold_the_replica)
    proxy.before("GET", rf"^/{old}/_stats", make_the_held_creates_again)
    start(writers)
    try:
        with proxy.standin.running():
            new = open_index(tmp_path, alias, proxy.url, request_timeout=120).reindex()
    finally:
        stop(writers)
        links[replica.name].release()

    # What the drill arranged: the primary had counted writes its replica lacked, and the
    # promoted replica made them again under a new term, with numbers so counted.
    counted = seen["copies"]["primary"]["seq_no"]["local_checkpoint"]
    assert counted > seen["copies"]["replica"]["seq_no"]["local_checkpoint"]
    reused = [
        g for g in seen["held"] if g["_primary_term"] > first_term and g["_seq_no"] <= counted
    ]
    assert reused, seen
    assert [error for writer in writers for error in writer.errors] == []
    reads = open_index(tmp_path, alias, ",".join(cluster.urls), max_retries=3)
    assert reads.admin.indexes() == [new]
    for document in held:
        assert reads.get(document["id"]) == document
    for writer in writers:
        writer.check(reads)
    direct.indices.refresh(index=alias)
    expected = {d["id"] for d in held}.union(*(writer.alive() for writer in writers))
    assert {d["id"] for d in reads.scan()} == expected
