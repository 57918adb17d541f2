"""`reindex` on a real node: under a steady mix of writes it loses nothing and brings
nothing back; only one runs at a time; a swap whose answer is lost ends on one index."""

from __future__ import annotations

import contextlib
import threading
import time

import pytest
from elasticsearch import BadRequestError, Elasticsearch

from services.errors import ReindexRunning
from services.index import es_lease
from services.index.elasticsearch import ElasticsearchIndex
from standins.es_proxy import ElasticsearchProxy, late, lost
from standins.server import Reply
from tests.factories import stored
from tests.index.conftest import IndexFactory
from tests.index.writers import Writer, operations, start, stop

pytestmark = [pytest.mark.integration, pytest.mark.elasticsearch]

SEEDED = 3000
WRITERS = 4


def slowly(_: int) -> None:
    # A copy long enough (about 2 s) for the writers to meet every phase of it.
    time.sleep(0.0007)


def test_a_reindex_under_a_steady_mix_of_writes_loses_nothing_and_brings_nothing_back(
    open_index: IndexFactory, elasticsearch_url: str
) -> None:
    # Writes as in production: searchable within a second, not refreshed one by one.
    es_index = open_index(elasticsearch_refresh="false")
    seeded = [stored() for _ in range(SEEDED)]
    es_index.bulk_load(seeded)
    writers = [Writer(es_index, seeded[n::WRITERS], seed=n) for n in range(WRITERS)]
    start(writers)
    time.sleep(0.5)
    before = operations(writers)
    new = es_index.reindex(progress=slowly)
    during = operations(writers) - before
    time.sleep(0.5)
    stop(writers)
    assert [error for writer in writers for error in writer.errors] == []
    assert during > 200  # the copy met a steady stream of writes
    for writer in writers:
        writer.check(es_index)
    Elasticsearch(elasticsearch_url).indices.refresh(index=es_index.admin.alias)
    assert {d["id"] for d in es_index.scan()} == set().union(*(w.alive() for w in writers))
    assert es_index.admin.indexes() == [new]


def test_of_two_reindexes_at_once_one_runs_and_the_other_says_why(
    open_index: IndexFactory,
) -> None:
    first, second = open_index(), open_index()
    first.bulk_load([stored() for _ in range(1500)])
    outcomes: list[str] = []
    barrier = threading.Barrier(2)

    def reindex(index: ElasticsearchIndex) -> None:
        barrier.wait()
        try:
            index.reindex(progress=slowly)
            outcomes.append("done")
        except ReindexRunning as running:
            outcomes.append(f"refused: {running}")

    threads = [threading.Thread(target=reindex, args=(i,)) for i in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(o.split(":")[0] for o in outcomes) == ["done", "refused"]
    assert "another reindex" in next(o for o in outcomes if o.startswith("refused"))
    assert len(first.admin.indexes()) == 1
    document = stored()
    second.create(document)
    assert first.get(document["id"]) == document


def test_a_swap_applied_but_timed_out_ends_on_one_whole_index(
    open_index: IndexFactory, proxy: ElasticsearchProxy, elasticsearch_url: str
) -> None:
    direct = open_index()
    documents = [stored() for _ in range(50)]
    direct.bulk_load(documents)
    # A client that gives up after 2 s, as the service's does after 10.
    through_proxy = open_index(client=Elasticsearch(proxy.url, request_timeout=2))
    # The node swaps the alias; its answer comes after the client gave up.
    proxy.after("POST", r"^/_aliases$", late(3))
    with contextlib.suppress(Exception):
        through_proxy.reindex()
    assert len(direct.admin.indexes()) == 1
    assert sorted(d["id"] for d in direct.scan()) == sorted(d["id"] for d in documents)
    later = stored()
    direct.create(later)
    assert direct.get(later["id"]) == later
    assert Elasticsearch(elasticsearch_url).indices.exists_alias(name=direct.admin.alias)


def test_a_swap_applied_whose_lost_answer_the_client_sends_again_keeps_the_new_index(
    open_index: IndexFactory, proxy: ElasticsearchProxy, elasticsearch_url: str
) -> None:
    direct = open_index()
    documents = [stored() for _ in range(50)]
    direct.bulk_load(documents)
    # The node swaps the alias; the answer is lost, and the service's client sends the
    # swap again, which the node refuses: the old index no longer has the alias.
    proxy.after("POST", r"^/_aliases$", lost)
    new = open_index(url=proxy.url).reindex()
    assert direct.admin.indexes() == [new]
    assert direct.admin.versions() == [new]
    Elasticsearch(elasticsearch_url).indices.refresh(index=direct.admin.alias)
    assert {d["id"] for d in direct.scan()} == {d["id"] for d in documents}
    later = stored()
    direct.create(later)
    assert direct.get(later["id"]) == later


def test_a_reindex_whose_swap_fails_leaves_the_old_index_whole_and_writable(
    open_index: IndexFactory, proxy: ElasticsearchProxy
) -> None:
    direct = open_index()
    documents = [stored() for _ in range(50)]
    direct.bulk_load(documents)
    (old,) = direct.admin.indexes()
    refused = {"error": {"type": "illegal_argument_exception", "reason": "refused"}, "status": 400}
    proxy.instead("POST", r"^/_aliases$", Reply(refused, status=400))  # the node never sees it
    with pytest.raises(BadRequestError):
        open_index(url=proxy.url).reindex()
    assert direct.admin.indexes() == [old]
    assert direct.admin.versions() == [old]  # the new index is deleted
    later = stored()
    direct.create(later)  # the block is lifted
    assert {d["id"] for d in direct.scan()} == {d["id"] for d in [*documents, later]}


def test_a_reindex_that_outlives_its_lease_stops_before_it_swaps(
    open_index: IndexFactory,
    proxy: ElasticsearchProxy,
    elasticsearch_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The first reindex stalls after its write block (a pause, a partition) and cannot
    renew its lease; a second one takes the lease over and lifts the block, and a write
    lands on the old index. The first must not swap and delete the old index then."""
    monkeypatch.setattr(es_lease, "LEASE_SECONDS", 3.0)
    monkeypatch.setattr(es_lease, "RENEW_EVERY_SECONDS", 0.3)
    monkeypatch.setattr(es_lease, "WATCH_EVERY_SECONDS", 0.1)
    direct = open_index()
    documents = [stored() for _ in range(50)]
    direct.bulk_load(documents)
    (old,) = direct.admin.indexes()
    node = Elasticsearch(elasticsearch_url)
    alias, keys = direct.admin.alias, direct.admin.keys
    first_done = threading.Event()
    later = stored()
    outcomes: dict[str, object] = {}

    def second_reindex() -> None:
        def after_the_first(_: int) -> None:
            first_done.wait(60)  # the second copies until the first has gone on

        try:
            outcomes["second"] = open_index().reindex(progress=after_the_first)
        except Exception as error:  # the test's finding
            outcomes["second"] = error

    second = threading.Thread(target=second_reindex, daemon=True)

    def stall(reply: Reply) -> Reply:
        """After the first's block: cut it off from the cluster for longer than its lease."""
        settings = node.indices.get_settings(index=old, name="index.blocks.write")
        if not settings.body.get(old, {}).get("settings"):
            return reply  # the refresh before the block
        proxy.instead("PUT", rf"^/{keys}/_doc/", Reply({"error": "cut off"}, status=503), 1000)
        time.sleep(es_lease.LEASE_SECONDS + 0.5)
        second.start()
        deadline = time.monotonic() + 30
        while node.indices.get_settings(index=old, name="index.blocks.write").body.get(old):
            assert time.monotonic() < deadline, "the second reindex did not lift the block"
            time.sleep(0.1)
        direct.create(later)  # acknowledged: on the old index, now writable again
        return reply

    proxy.after("POST", rf"^/{alias}-v\d+-\d+/_refresh$", stall, times=2)
    try:
        outcomes["first"] = open_index(url=proxy.url).reindex()
    except Exception as error:  # the test's finding
        outcomes["first"] = error
    first_done.set()
    second.join(60)
    assert isinstance(outcomes["first"], ReindexRunning), outcomes  # it lost its lease
    new = outcomes["second"]
    assert isinstance(new, str), outcomes
    assert direct.admin.indexes() == [new]
    assert direct.admin.versions() == [new]
    assert direct.get(later["id"]) == later
    node.indices.refresh(index=alias)
    assert {d["id"] for d in direct.scan()} == {d["id"] for d in [*documents, later]}
