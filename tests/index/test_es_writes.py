"""Writes on a real node: duplicate keys, lost answers, a missing alias, refused documents."""

from __future__ import annotations

import json
import time

import pytest
from elasticsearch import Elasticsearch

from services.dedup import recommendation_id
from services.errors import (
    DuplicateRecommendation,
    IndexUnavailable,
    InvalidRecommendation,
    NotFound,
)
from services.index import LoadReport, SearchQuery
from services.index.elasticsearch import ElasticsearchIndex
from services.index.es_bulk import BULK_CHUNK, BULK_THREADS
from services.index.es_keys import CLAIM_GRACE_SECONDS, now_ms
from standins.es_proxy import ElasticsearchProxy, lost
from tests.factories import stored
from tests.index.conftest import IndexFactory

pytestmark = [pytest.mark.integration, pytest.mark.elasticsearch]


def test_an_import_batch_holding_one_key_twice_creates_it_once(
    es_index: ElasticsearchIndex,
) -> None:
    first = stored(title="Air - Moon Safari")
    # The same work under another id (an export from before a key change, or edited).
    twin = {**stored(title="Air - Moon Safari"), "id": "another-id-for-the-same-work"}
    assert es_index.bulk_load([first, twin, stored()]).created == 2
    assert sorted(d["id"] for d in es_index.scan()) == sorted(
        [first["id"], *[d["id"] for d in es_index.scan() if d["id"] != first["id"]]]
    )
    assert "another-id-for-the-same-work" not in {d["id"] for d in es_index.scan()}


def test_an_import_respects_keys_held_either_way(es_index: ElasticsearchIndex) -> None:
    native = stored(title="Björk - Homogenic")
    es_index.create(native)
    renamed = stored(title="Björk - Debut")
    es_index.create(renamed)
    vespertine = stored(title="Björk - Vespertine")
    # `renamed` now holds Vespertine's key through a claim (its id is Debut's hash).
    es_index.update(
        renamed["id"],
        lambda doc: {**doc, "title": vespertine["title"], "dedup_key": vespertine["dedup_key"]},
    )
    # An export line of Homogenic under another id, and Vespertine under its own id.
    foreign = {**stored(title="Björk - Homogenic"), "id": "imported-elsewhere"}
    assert es_index.bulk_load([foreign, vespertine]) == LoadReport(0)
    with pytest.raises(NotFound):
        es_index.get(vespertine["id"])
    with pytest.raises(NotFound):
        es_index.get("imported-elsewhere")


def test_the_next_batches_are_written_while_one_is_settled(
    open_index: IndexFactory, proxy: ElasticsearchProxy
) -> None:
    # An import's batch once ended in an empty pipeline: its claims were read, and only
    # then was the next batch sent. Here the first batch's claims read is held until the
    # node has been sent the batches after it (or 5 s have passed).
    index = open_index(url=proxy.url)
    index.ping()

    def bulk_requests() -> int:
        return sum(1 for r in proxy.standin.requests if r.path.endswith("/_bulk"))

    seen: list[int] = []

    def hold(_: object) -> None:
        deadline = time.monotonic() + 5
        while bulk_requests() < 3 and time.monotonic() < deadline:
            time.sleep(0.01)
        seen.append(bulk_requests())

    proxy.before("POST", r"-keys/_refresh$", hold)
    batches = [[stored() for _ in range(BULK_CHUNK)] for _ in range(3)]
    assert [report.created for report in index.bulk_load_batches(batches)] == [BULK_CHUNK] * 3
    assert seen == [3]


def test_a_stream_of_batches_that_fails_stops_taking_batches(
    open_index: IndexFactory, proxy: ElasticsearchProxy
) -> None:
    # The client's `parallel_bulk`, once a chunk failed, still sends every action it can
    # take: an import whose first batch fails must not go on writing the rest of its
    # file unreported.
    from standins.server import Reply

    index = open_index(url=proxy.url)
    index.ping()
    failed = {"error": {"type": "illegal_state_exception", "reason": "disk"}, "status": 500}
    proxy.instead("PUT", r"/_bulk$", Reply(failed, status=500))
    batches = [[stored() for _ in range(600)] for _ in range(20)]
    with pytest.raises(IndexUnavailable):
        list(index.bulk_load_batches(batches))
    bulk_requests = [r for r in proxy.standin.requests if r.path.endswith("/_bulk")]
    # The failed chunk and those in flight or ready with it; not the 24 of the stream.
    assert 1 <= len(bulk_requests) <= BULK_THREADS + 1


def test_a_claim_counts_only_while_its_holder_still_holds_that_key(
    es_index: ElasticsearchIndex, elasticsearch_url: str
) -> None:
    holder = stored(title="Holder - One")
    es_index.create(holder)
    newcomer = stored(title="Newcomer - Two")
    # A claim left behind: its holder exists, but under another key (a lost release).
    Elasticsearch(elasticsearch_url).index(
        index=f"{es_index.admin.alias}-keys",
        id=recommendation_id(newcomer["dedup_key"]),
        document={"owner": holder["id"]},
        refresh=True,
    )
    es_index.create(newcomer)
    assert es_index.get(newcomer["id"]) == newcomer
    with pytest.raises(DuplicateRecommendation) as raised:
        es_index.create({**stored(title="Newcomer - Two"), "id": "a-twin"})
    assert raised.value.existing_id == newcomer["id"]


def test_an_import_takes_over_a_stale_claim_as_one_create_does(
    es_index: ElasticsearchIndex, elasticsearch_url: str
) -> None:
    # Claims left behind: one whose holder never stored its document, one whose holder
    # holds another key now; both older than the grace. The bulk load counted their
    # documents as duplicates, forever; and a young claim's stays in `create`'s hands.
    holder = stored(title="Holder - Three")
    es_index.create(holder)
    orphaned = {**stored(title="Orphan - One"), "id": "imported-orphan"}
    moved = {**stored(title="Moved - Two"), "id": "imported-moved"}
    old = now_ms() - int(CLAIM_GRACE_SECONDS * 1000) - 1000
    client = Elasticsearch(elasticsearch_url)
    for document, owner in ((orphaned, "never-stored"), (moved, holder["id"])):
        client.index(
            index=es_index.admin.keys,
            id=recommendation_id(document["dedup_key"]),
            document={"owner": owner, "claimed_at": old},
            refresh=True,
        )
    assert es_index.bulk_load([orphaned, moved]) == LoadReport(2)
    assert es_index.get("imported-orphan")["title"] == "Orphan - One"
    assert es_index.get("imported-moved")["title"] == "Moved - Two"
    with pytest.raises(DuplicateRecommendation) as raised:
        es_index.create(stored(title="Orphan - One"))
    assert raised.value.existing_id == "imported-orphan"


def test_a_create_whose_answer_was_lost_and_retried_is_created_not_a_duplicate(
    open_index: IndexFactory, proxy: ElasticsearchProxy
) -> None:
    index = open_index(url=proxy.url)
    index.ping()
    document = stored()
    # The node stores it; the 201 is lost; the client sends the create again (409).
    proxy.after("PUT", rf"^/{index.admin.alias}/_create/", lost)
    index.create(document)
    assert index.get(document["id"]) == document


def test_writes_need_the_alias_and_its_absence_is_unavailable_not_not_found(
    es_index: ElasticsearchIndex, elasticsearch_url: str
) -> None:
    kept = stored()
    es_index.create(kept)
    client = Elasticsearch(elasticsearch_url)
    (concrete,) = es_index.admin.indexes()
    client.indices.delete_alias(index=concrete, name=es_index.admin.alias)
    with pytest.raises(IndexUnavailable):
        es_index.create(stored())
    with pytest.raises(IndexUnavailable):
        es_index.get(kept["id"])
    # No concrete index with a dynamic mapping was made in the alias's place.
    assert not client.indices.exists(index=es_index.admin.alias)


def test_platforms_off_the_closed_list_never_grow_the_mapping(
    es_index: ElasticsearchIndex, elasticsearch_url: str
) -> None:
    # Each platform name was mapped (ten fields) until the 5,000-field limit refused every
    # write, lookup and reindex. Names off the closed list (an old export imported) are
    # kept in `_source`, unmapped; a reindex copies them as they are.
    document = stored(kind="movie")
    es_index.create(document)
    client = Elasticsearch(elasticsearch_url)

    def mapped_fields() -> int:
        [mapping] = client.indices.get_mapping(index=es_index.admin.alias).body.values()
        return json.dumps(mapping).count('"type"')

    before = mapped_fields()
    link = {"status": "found", "url": "https://example.com/x", "title": "T", "artist": "A"}
    many = {f"provider_{n}": link for n in range(1000)}
    changed = es_index.set_links(document["id"], {**many, "netflix": link})
    assert es_index.get(document["id"]) == changed
    assert mapped_fields() == before
    assert es_index.search(SearchQuery(platform="netflix")).total == 1
    es_index.reindex()
    assert es_index.get(document["id"]) == changed
    assert es_index.search(SearchQuery(platform="provider_7")).total == 1


def test_the_field_limit_as_older_8x_nodes_report_it_is_refused_too(
    open_index: IndexFactory, proxy: ElasticsearchProxy
) -> None:
    from standins.server import Reply

    # 8.19 reports the limit as `document_parsing_exception`; earlier 8.x releases as a
    # top-level `illegal_argument_exception`.
    index = open_index(url=proxy.url)
    document = stored()
    index.create(document)
    reason = "Limit of total fields [5000] has been exceeded while adding new fields [7]"
    refused = {"error": {"type": "illegal_argument_exception", "reason": reason}, "status": 400}
    proxy.instead("PUT", rf"/_doc/{document['id']}$", Reply(refused, status=400))
    with pytest.raises(InvalidRecommendation, match="Limit of total fields"):
        index.set_links(document["id"], {"provider_x": {"status": "not_found"}})


def test_a_cluster_refusing_our_credentials_is_unavailable(
    open_index: IndexFactory, proxy: ElasticsearchProxy
) -> None:
    from standins.server import Reply

    index = open_index(url=proxy.url)
    index.ping()
    for status, kind in ((401, "security_exception"), (403, "security_exception")):
        proxy.standin.fail_next(
            Reply({"error": {"type": kind, "reason": "refused"}, "status": status}, status=status)
        )
        with pytest.raises(IndexUnavailable):
            index.get("some-id")


def test_a_server_that_is_not_elasticsearch_is_unavailable(open_index: IndexFactory) -> None:
    from standins.server import Reply, StandIn

    impostor = StandIn("not-elasticsearch")
    for method in ("GET", "PUT", "POST", "HEAD"):
        impostor.route(method, r"/.*")(lambda request: Reply({"acknowledged": True}))
    with impostor.running():
        index = open_index(url=impostor.url)
        with pytest.raises(IndexUnavailable):
            index.get("some-id")


@pytest.mark.parametrize(
    ("kind", "after"),
    [
        ("relevance", [0, float("nan"), "x"]),
        ("relevance", [0, float("inf"), "x"]),
        ("newest", [0, 10**30, "x"]),
        ("newest", [0, -(10**19), "x"]),
        ("newest", [0, 1.5, "x"]),
        ("oldest", [1, 10**30, "x"]),
    ],
)
def test_forged_cursors_are_refused_before_reaching_the_node(
    es_index: ElasticsearchIndex, kind: str, after: list[object]
) -> None:
    from services.index import SearchQuery
    from services.index.cursor import InvalidCursor, encode_cursor

    es_index.create(stored(title="Muse - Showbiz"))
    query = SearchQuery(
        q="muse" if kind == "relevance" else None, cursor=encode_cursor(kind, after)
    )
    with pytest.raises(InvalidCursor):
        es_index.search(query)
