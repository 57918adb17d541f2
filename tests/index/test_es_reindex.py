"""`reindex` on a real node: under a steady mix of writes it loses nothing and brings
nothing back; only one runs at a time; a swap whose answer is lost ends on one index."""

from __future__ import annotations

import contextlib
import random
import threading
import time
from typing import Any

import pytest
from elasticsearch import Elasticsearch

from services.errors import NotFound, ReindexRunning
from services.index.elasticsearch import ElasticsearchIndex
from services.model import utc_now
from standins.es_proxy import ElasticsearchProxy, late
from tests.factories import stored
from tests.index.conftest import IndexFactory

pytestmark = [pytest.mark.integration, pytest.mark.elasticsearch]

SEEDED = 3000
WRITERS = 4


def slowly(_: int) -> None:
    # A copy long enough (about 2 s) for the writers to meet every phase of it.
    time.sleep(0.0007)


class Writer(threading.Thread):
    """Creates, changes, looks up, marks pending and deletes its own documents, and
    remembers what each one must be (None: deleted)."""

    def __init__(self, index: ElasticsearchIndex, owned: list[dict[str, Any]], seed: int) -> None:
        super().__init__(daemon=True)
        self.index = index
        self.expected: dict[str, dict[str, Any] | None] = {d["id"]: d for d in owned}
        self.random = random.Random(seed)
        self.stop = threading.Event()
        self.errors: list[str] = []
        self.operations = 0

    def run(self) -> None:
        while not self.stop.is_set():
            try:
                self.step()
                self.operations += 1
            except Exception as error:  # every failure is the test's finding
                self.errors.append(f"{type(error).__name__}: {error}")

    def step(self) -> None:
        alive = [i for i, d in self.expected.items() if d is not None]
        choice = self.random.random()
        if choice < 0.25 or not alive:
            document = stored(title=f"Writer {self.random.random()} - Work")
            self.index.create(document)
            self.expected[document["id"]] = document
            # Created during a reindex: readable at once, never a 404.
            self.index.get(document["id"])
            return
        target = self.random.choice(alive)
        if choice < 0.45:
            description = f"changed {self.random.random()}"
            self.expected[target] = self.index.update(
                target, lambda doc: {**doc, "description": description}
            )
        elif choice < 0.65:
            platform = self.random.choice(["spotify", "deezer", "apple_music"])
            link = {"status": "not_found", "checked_at": utc_now()}
            self.expected[target] = self.index.set_links(target, {platform: link})
        elif choice < 0.8:
            self.expected[target] = self.index.mark_pending(target)
        else:
            self.index.delete(target)
            self.expected[target] = None


def test_a_reindex_under_a_steady_mix_of_writes_loses_nothing_and_brings_nothing_back(
    open_index: IndexFactory, elasticsearch_url: str
) -> None:
    # Writes as in production: searchable within a second, not refreshed one by one.
    es_index = open_index(elasticsearch_refresh="false")
    seeded = [stored() for _ in range(SEEDED)]
    es_index.bulk_load(seeded)
    writers = [Writer(es_index, seeded[n::WRITERS], seed=n) for n in range(WRITERS)]
    for writer in writers:
        writer.start()
    time.sleep(0.5)
    before = sum(writer.operations for writer in writers)
    new = es_index.reindex(progress=slowly)
    during = sum(writer.operations for writer in writers) - before
    time.sleep(0.5)
    for writer in writers:
        writer.stop.set()
    for writer in writers:
        writer.join(30)
    assert [error for writer in writers for error in writer.errors] == []
    assert during > 200  # the copy met a steady stream of writes
    expected = {i: d for writer in writers for i, d in writer.expected.items()}
    for doc_id, document in expected.items():
        if document is None:
            with pytest.raises(NotFound):
                es_index.get(doc_id)
        else:
            assert es_index.get(doc_id) == document
    Elasticsearch(elasticsearch_url).indices.refresh(index=es_index.admin.alias)
    assert sorted(d["id"] for d in es_index.scan()) == sorted(
        i for i, d in expected.items() if d is not None
    )
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
