"""`ElasticsearchIndex` against the in-memory stand-in: first use, duplicates, reindex."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from services.errors import DuplicateRecommendation, IndexUnavailable
from services.index import SearchQuery
from services.index.elasticsearch import ElasticsearchIndex
from tests.factories import stored
from tests.standins.elasticsearch import FakeElasticsearch, error

pytestmark = pytest.mark.unit


@pytest.fixture
def fake() -> Iterator[FakeElasticsearch]:
    es = FakeElasticsearch()
    with es.standin.running():
        yield es


@pytest.fixture
def index(fake: FakeElasticsearch) -> Iterator[ElasticsearchIndex]:
    es_index = ElasticsearchIndex(url=fake.standin.url, alias="recs")
    yield es_index
    es_index.close()


def test_no_request_before_first_use_then_index_and_alias_in_one_call(
    fake: FakeElasticsearch, index: ElasticsearchIndex
) -> None:
    assert fake.standin.requests == []
    index.ping()
    creates = [r for r in fake.standin.requests if r.method == "PUT" and "/_" not in r.path]
    assert [r.path for r in creates] == ["/recs-keys", "/recs-v1-initial"]
    body = creates[1].json()
    assert body["aliases"] == {"recs": {}}
    assert body["mappings"]["dynamic"] == "strict"
    assert fake.resolve("recs") == ["recs-v1-initial"]
    # A second process finding everything in place creates nothing.
    other = ElasticsearchIndex(url=fake.standin.url, alias="recs")
    other.ping()
    assert fake.resolve("recs") == ["recs-v1-initial"]
    other.close()


def test_create_conflict_is_a_duplicate_with_the_existing_id(index: ElasticsearchIndex) -> None:
    document = stored()
    index.create(document)
    with pytest.raises(DuplicateRecommendation) as raised:
        index.create(dict(document))
    assert raised.value.existing_id == document["id"]


def test_a_changed_key_still_blocks_its_twin(index: ElasticsearchIndex) -> None:
    first = stored(title="A - One")
    index.create(first)
    renamed = {**first, "title": "A - Uno", "dedup_key": "user|album|a|uno"}
    index.replace(renamed)
    twin = stored(title="X - Y")
    twin["dedup_key"] = renamed["dedup_key"]
    with pytest.raises(DuplicateRecommendation) as raised:
        index.create(twin)
    assert raised.value.existing_id == first["id"]
    # The old key was given back: the original work may be stored again... as a clash of ids.
    with pytest.raises(DuplicateRecommendation):
        index.create(stored(title="A - One"))


def test_server_errors_and_overload_are_unavailable(
    fake: FakeElasticsearch, index: ElasticsearchIndex
) -> None:
    index.ping()
    # The client retries 429/502/503/504 once (max_retries=1) before giving up.
    for status, times in ((500, 1), (503, 2), (429, 2), (502, 2)):
        fake.standin.fail_next(*[error(status, "es_rejected_execution_exception", "busy")] * times)
        with pytest.raises(IndexUnavailable):
            index.search(SearchQuery(q="x"))
    assert index.search(SearchQuery(q="x")).total == 0


def test_reindex_copies_then_swaps_the_alias_in_one_call_then_drops_the_old(
    fake: FakeElasticsearch, index: ElasticsearchIndex
) -> None:
    documents = [stored() for _ in range(30)]
    index.bulk_load(documents)
    steps: list[int] = []
    new = index.reindex(progress=steps.append)
    assert new.startswith("recs-v1-") and new != "recs-v1-initial"
    assert sum(steps) == 30
    assert fake.alias_actions == [
        [
            {"remove": {"index": "recs-v1-initial", "alias": "recs"}},
            {"add": {"index": new, "alias": "recs"}},
        ]
    ]
    swap = next(i for i, r in enumerate(fake.standin.requests) if r.path == "/_aliases")
    drop = next(
        i
        for i, r in enumerate(fake.standin.requests)
        if r.method == "DELETE" and r.path == "/recs-v1-initial"
    )
    assert swap < drop
    assert "recs-v1-initial" not in fake.indices
    assert sorted(d["id"] for d in index.scan()) == sorted(d["id"] for d in documents)
    assert index.search(SearchQuery()).total == 30


def test_a_failed_swap_keeps_the_old_index_and_deletes_the_new(
    fake: FakeElasticsearch, index: ElasticsearchIndex
) -> None:
    index.bulk_load([stored() for _ in range(3)])
    fake.swap_error = error(500, "illegal_state_exception", "swap failed")
    with pytest.raises(IndexUnavailable):
        index.reindex()
    assert fake.resolve("recs") == ["recs-v1-initial"]
    assert sorted(fake.indices) == ["recs-keys", "recs-v1-initial"]
    assert index.search(SearchQuery()).total == 3


def test_writes_made_while_copying_are_carried_over(
    fake: FakeElasticsearch, index: ElasticsearchIndex
) -> None:
    kept, changed, deleted = stored(), stored(), stored()
    index.bulk_load([kept, changed, deleted])
    added = stored()
    done: list[int] = []

    def write_while_copying(step: int) -> None:
        # The scroll's snapshot is taken: these reach the old index only.
        if not done:
            index.create(added)
            index.set_links(changed["id"], {"deezer": {"status": "not_found"}})
            index.delete(deleted["id"])
        done.append(step)

    index.reindex(progress=write_while_copying)
    ids = sorted(d["id"] for d in index.scan())
    assert ids == sorted([kept["id"], changed["id"], added["id"]])
    assert index.get(changed["id"])["links"] == {"deezer": {"status": "not_found"}}
    assert len(fake.indices) == 2  # the new index and the keys


def test_concurrent_twins_leave_the_key_claimed_by_the_stored_one(
    fake: FakeElasticsearch, index: ElasticsearchIndex
) -> None:
    import threading

    from services.dedup import recommendation_id

    document = stored()
    barrier = threading.Barrier(12)
    outcomes: list[str] = []

    def create() -> None:
        barrier.wait()
        try:
            index.create(dict(document))
            outcomes.append("created")
        except DuplicateRecommendation:
            outcomes.append("duplicate")

    threads = [threading.Thread(target=create) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["created"] + ["duplicate"] * 11
    claim = fake.indices["recs-keys"]["docs"][recommendation_id(document["dedup_key"])]
    assert claim["source"] == {"owner": document["id"]}


def test_concurrent_link_merges_all_land_and_replaces_never_fail(
    index: ElasticsearchIndex,
) -> None:
    import threading

    document = stored()
    index.create(document)
    platforms = [f"platform{n}" for n in range(8)]
    errors: list[BaseException] = []

    def run_all(work: object) -> None:
        def guarded(platform: str) -> None:
            try:
                work(platform)  # type: ignore[operator]
            except BaseException as error:
                errors.append(error)

        threads = [threading.Thread(target=guarded, args=(p,)) for p in platforms]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    run_all(lambda p: index.set_links(document["id"], {p: {"status": "not_found"}}))
    assert errors == []
    # Every merge re-read what the others wrote (if_seq_no, retried on conflict).
    assert set(index.get(document["id"])["links"]) == set(platforms)
    run_all(lambda p: index.replace({**index.get(document["id"]), "description": p}))
    assert errors == []
    assert index.get(document["id"])["description"] in platforms


def test_bulk_load_skips_what_the_strict_mapping_refuses(
    fake: FakeElasticsearch, index: ElasticsearchIndex
) -> None:
    from services.dedup import recommendation_id

    good = stored()
    odd = stored(links={"spotify": {"status": "found", "popularity": 3}})
    assert index.bulk_load([good, odd]) == 1
    assert [d["id"] for d in index.scan()] == [good["id"]]
    # The refused one's duplicate key was given back.
    assert recommendation_id(odd["dedup_key"]) not in fake.indices["recs-keys"]["docs"]


def test_a_document_the_mapping_refuses_is_invalid_not_unavailable(
    index: ElasticsearchIndex,
) -> None:
    from services.errors import InvalidRecommendation

    document = stored()
    index.create(document)
    with pytest.raises(InvalidRecommendation):
        index.set_links(document["id"], {"spotify": {"status": "found", "popularity": 3}})
    with pytest.raises(InvalidRecommendation):
        index.create(stored(mood="happy"))
    assert [d["id"] for d in index.scan()] == [document["id"]]


def test_id_lists_page_past_the_result_window(
    index: ElasticsearchIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    import services.index.elasticsearch as es_module

    monkeypatch.setattr(es_module, "MAX_RESULT_WINDOW", 4)
    documents = [stored(updated_at=f"2026-01-01T00:00:{n:02d}.000Z") for n in range(10)]
    index.bulk_load(documents)
    assert index.pending_ids(limit=100_000) == [d["id"] for d in documents]
    assert index.pending_ids(limit=6) == [d["id"] for d in documents[:6]]


def test_token_store_creates_its_index_once_across_processes(fake: FakeElasticsearch) -> None:
    from elasticsearch import Elasticsearch

    from services.accounts.elasticsearch import ElasticsearchTokenStore
    from services.accounts.tokens import LinkedAccount

    stores = [
        ElasticsearchTokenStore(Elasticsearch(fake.standin.url), "recs-accounts") for _ in range(2)
    ]
    assert fake.standin.requests == []  # nothing at construction
    account = LinkedAccount("ana", "linked", "sealed", 1.0, 2.0)  # type: ignore[arg-type]
    for store in stores:
        store.save_account(account)
    assert stores[1].get_account("ana") == account
    assert [r.path for r in fake.standin.requests if r.method == "PUT" and "/_" not in r.path] == [
        "/recs-accounts",
        "/recs-accounts",
    ]
    for store in stores:
        store.close()
