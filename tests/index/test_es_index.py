"""`ElasticsearchIndex` on the real node: first use, duplicate keys, outages, refusals."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable

import pytest
from elasticsearch import Elasticsearch

from services.dedup import recommendation_id
from services.errors import (
    DuplicateRecommendation,
    IndexUnavailable,
    InvalidRecommendation,
    NotFound,
)
from services.index import SearchQuery
from services.index.elasticsearch import ElasticsearchIndex
from services.index.es_admin import first_name
from standins.es_proxy import ElasticsearchProxy
from standins.server import Reply
from tests.factories import stored
from tests.index.conftest import IndexFactory

pytestmark = [pytest.mark.integration, pytest.mark.elasticsearch]


def in_threads(count: int, work: Callable[[int], None]) -> list[BaseException]:
    """Run `work(n)` in `count` threads released together; the errors they raised."""
    barrier = threading.Barrier(count)
    errors: list[BaseException] = []

    def run(n: int) -> None:
        barrier.wait()
        try:
            work(n)
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_nothing_is_asked_before_first_use_then_the_alias_comes_with_its_mapping(
    open_index: IndexFactory, proxy: ElasticsearchProxy, elasticsearch_url: str
) -> None:
    index = open_index(url=proxy.url)
    assert proxy.standin.requests == []
    index.ping()
    creates = [r.path for r in proxy.standin.requests if r.method == "PUT"]
    alias = index.admin.alias
    assert creates == [f"/{alias}-keys", f"/{first_name(alias)}"]
    client = Elasticsearch(elasticsearch_url)
    assert list(client.indices.get_alias(name=alias)) == [first_name(alias)]
    assert client.indices.get_mapping(index=alias)[first_name(alias)]["mappings"]["dynamic"] == (
        "strict"
    )
    # Processes starting together agree on one index.
    assert in_threads(6, lambda _: open_index().ping()) == []
    assert index.admin.versions() == [first_name(alias)]


def test_a_changed_key_blocks_its_twin_and_frees_the_old_one(
    es_index: ElasticsearchIndex,
) -> None:
    first = stored(title="A - One")
    es_index.create(first)
    renamed_key = stored(title="A - Uno")["dedup_key"]
    es_index.update(first["id"], lambda doc: {**doc, "title": "A - Uno", "dedup_key": renamed_key})
    twin = {**stored(title="X - Y"), "dedup_key": renamed_key}
    with pytest.raises(DuplicateRecommendation) as raised:
        es_index.create(twin)
    assert raised.value.existing_id == first["id"]
    # The old key was given back: the same work again is a new recommendation, under the
    # key's next id (its own id is the renamed one's), and then a duplicate of that one.
    again = es_index.create(stored(title="A - One"))
    assert again != first["id"]
    with pytest.raises(DuplicateRecommendation) as raised:
        es_index.create(stored(title="A - One"))
    assert raised.value.existing_id == again


def test_concurrent_twins_store_one_which_is_its_own_claim(
    es_index: ElasticsearchIndex, elasticsearch_url: str
) -> None:
    document = stored()
    outcomes: list[str] = []

    def create(_: int) -> None:
        try:
            es_index.create(dict(document))
            outcomes.append("created")
        except DuplicateRecommendation:
            outcomes.append("duplicate")

    assert in_threads(12, create) == []
    assert sorted(outcomes) == ["created"] + ["duplicate"] * 11
    assert es_index.get(document["id"]) == document
    # Its id is its key's hash: no claim elsewhere is needed (nor left behind).
    claims = Elasticsearch(elasticsearch_url).options(ignore_status=404)
    assert not claims.get(index=es_index.admin.keys, id=recommendation_id(document["dedup_key"]))[
        "found"
    ]


def test_concurrent_link_merges_all_land(es_index: ElasticsearchIndex) -> None:
    document = stored()
    es_index.create(document)
    platforms = [f"platform{n}" for n in range(8)]

    def merge(n: int) -> None:
        es_index.set_links(document["id"], {platforms[n]: {"status": "not_found"}})

    assert in_threads(len(platforms), merge) == []
    assert set(es_index.get(document["id"])["links"]) == set(platforms)


def test_server_errors_and_overload_are_unavailable(
    open_index: IndexFactory, proxy: ElasticsearchProxy
) -> None:
    index = open_index(url=proxy.url)
    index.ping()
    # The client tries 429/502/503/504 twice (max_retries=1) before giving up.
    for status, times in ((500, 1), (503, 2), (429, 2), (502, 2)):
        busy = {"error": {"type": "es_rejected_execution_exception", "reason": "busy"}}
        proxy.standin.fail_next(*[Reply({**busy, "status": status}, status=status)] * times)
        with pytest.raises(IndexUnavailable):
            index.search(SearchQuery(q="x"))
    assert index.search(SearchQuery(q="x")).total == 0


def test_a_failed_swap_keeps_the_old_index_and_deletes_the_new(
    open_index: IndexFactory, proxy: ElasticsearchProxy
) -> None:
    index = open_index(url=proxy.url)
    index.bulk_load([stored() for _ in range(3)])
    failed = {"error": {"type": "illegal_state_exception", "reason": "swap failed"}}
    proxy.instead("POST", r"^/_aliases$", Reply({**failed, "status": 500}, 500))
    with pytest.raises(IndexUnavailable):
        index.reindex()
    assert index.admin.indexes() == [first_name(index.admin.alias)]
    assert index.admin.versions() == [first_name(index.admin.alias)]
    assert index.search(SearchQuery()).total == 3


def test_bulk_load_reports_what_the_strict_mapping_refuses_and_frees_its_key(
    es_index: ElasticsearchIndex, elasticsearch_url: str
) -> None:
    good = stored()
    odd = stored(links={"spotify": {"status": "found", "popularity": 3}})
    report = es_index.bulk_load([good, odd])
    # Refused, and said so: not counted among the duplicates (created + refused = 2).
    assert report.created == 1
    [(position, why)] = report.refused
    assert position == 1 and "popularity" in why
    assert [d["id"] for d in es_index.scan()] == [good["id"]]
    claims = Elasticsearch(elasticsearch_url).options(ignore_status=404)
    assert not claims.get(index=es_index.admin.keys, id=recommendation_id(odd["dedup_key"]))[
        "found"
    ]


@pytest.mark.parametrize("ids", ["the work's own", "ids of their own"])
def test_bulk_load_stores_the_next_of_a_work_whose_first_the_mapping_refuses(
    es_index: ElasticsearchIndex, ids: str
) -> None:
    # Of documents sharing a key only the first is written in bulk; when the node refuses
    # it, the next of the same work is stored, as creating them one by one would.
    good = stored(title="Portishead - Dummy")
    odd = {**good, "links": {"spotify": {"status": "found", "popularity": 3}}}
    if ids == "ids of their own":
        odd, good = {**odd, "id": "imported-odd"}, {**good, "id": "imported-good"}
    report = es_index.bulk_load([odd, good, stored()])
    assert report.created == 2
    [(position, why)] = report.refused
    assert position == 0 and "popularity" in why
    assert es_index.get(good["id"])["links"] == {}


def test_a_document_the_mapping_refuses_is_invalid_not_unavailable(
    es_index: ElasticsearchIndex,
) -> None:
    document = stored()
    es_index.create(document)
    with pytest.raises(InvalidRecommendation):
        es_index.set_links(document["id"], {"spotify": {"status": "found", "popularity": 3}})
    with pytest.raises(InvalidRecommendation):
        es_index.create(stored(mood="happy"))
    assert [d["id"] for d in es_index.scan()] == [document["id"]]


def test_id_lists_page_past_the_result_window(
    es_index: ElasticsearchIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    import services.index.elasticsearch as es_module

    monkeypatch.setattr(es_module, "MAX_RESULT_WINDOW", 4)
    documents = [stored(updated_at=f"2026-01-01T00:00:{n:02d}.000Z") for n in range(10)]
    es_index.bulk_load(documents)
    assert es_index.pending_ids(limit=100_000) == [d["id"] for d in documents]
    assert es_index.pending_ids(limit=6) == [d["id"] for d in documents[:6]]


def test_a_new_work_and_a_change_onto_its_key_never_both_hold_it(
    es_index: ElasticsearchIndex,
) -> None:
    for round_ in range(15):
        new = stored(title=f"Race {round_} - New Work")
        other = stored(title=f"Race {round_} - Other Work")
        es_index.create(other)

        def race(n: int, new: dict[str, object] = new, other: dict[str, object] = other) -> None:
            if n == 0:
                es_index.create(new)  # type: ignore[arg-type]
            else:
                es_index.update(
                    str(other["id"]),
                    lambda doc: {**doc, "title": new["title"], "dedup_key": new["dedup_key"]},
                )

        errors = in_threads(2, race)
        # One of them may be refused (409), or asked to try again (503); never both stored.
        assert all(isinstance(e, DuplicateRecommendation | IndexUnavailable) for e in errors)
        holders = []
        for doc_id in (new["id"], other["id"]):
            with contextlib.suppress(NotFound):
                if es_index.get(doc_id)["dedup_key"] == new["dedup_key"]:
                    holders.append(doc_id)
        assert len(holders) <= 1, (round_, errors)
