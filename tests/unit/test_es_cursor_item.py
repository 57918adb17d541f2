"""How an Elasticsearch relevance page after a cursor reads its item's score now,
without a server: the requests sent for the answers a node would give."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from services.index import SearchQuery
from services.index.cursor import encode_cursor
from services.index.es_query import CURSOR_ITEM
from services.index.es_search import CURSOR_ITEM_TRIES, ElasticsearchSearch

pytestmark = pytest.mark.unit

PHOBIA = {"id": "b", "title": "Band - Phobia"}


class Node:
    """Answers every search with one hit and the cursor's item at `scores` in turn (None:
    not a result any more); records the bodies."""

    def __init__(self, *scores: float | None) -> None:
        self.scores = list(scores)
        self.bodies: list[dict[str, Any]] = []

    def search(self, **body: Any) -> dict[str, Any]:
        self.bodies.append(copy.deepcopy(body))
        answer: dict[str, Any] = {
            "hits": {
                "total": {"value": 20},
                "hits": [{"_source": PHOBIA, "sort": [1.5, "b"]}],
            },
            "aggregations": {"kind": {"buckets": [{"key": "album", "doc_count": 20}]}},
        }
        if CURSOR_ITEM in body.get("aggs", {}):
            score = self.scores.pop(0) if len(self.scores) > 1 else self.scores[0]
            found = [] if score is None else [{"_id": "a", "_score": score}]
            answer["aggregations"][CURSOR_ITEM] = {"top": {"hits": {"hits": found}}}
        return answer


def _after(score: float) -> SearchQuery:
    return SearchQuery(
        q="phobia", facets=("kind",), cursor=encode_cursor("relevance", [0, score, "a"])
    )


def test_an_unmoved_item_costs_no_request_more() -> None:
    node = Node(2.5)
    page = ElasticsearchSearch(node.search).search(_after(2.5))
    assert [body["search_after"] for body in node.bodies] == [[2.5, "a"]]
    assert set(page.facets) == {"kind"}


def test_a_moved_item_is_searched_after_at_its_score_now() -> None:
    node = Node(2.75, 2.75)
    ElasticsearchSearch(node.search).search(_after(2.5))
    assert [body["search_after"] for body in node.bodies] == [[2.5, "a"], [2.75, "a"]]


def test_an_item_no_longer_a_result_keeps_its_score() -> None:
    node = Node(None)
    ElasticsearchSearch(node.search).search(_after(2.5))
    assert [body["search_after"] for body in node.bodies] == [[2.5, "a"]]


def test_scores_that_keep_moving_stop_after_a_few_tries() -> None:
    node = Node(*[3.0 + n for n in range(10)])
    ElasticsearchSearch(node.search).search(_after(2.5))
    assert len(node.bodies) == CURSOR_ITEM_TRIES


def test_other_orders_read_no_score() -> None:
    node = Node(2.5)
    cursor = encode_cursor("newest", [0, 1767225600000, "a"])
    ElasticsearchSearch(node.search).search(SearchQuery(q="phobia", sort="newest", cursor=cursor))
    assert all(CURSOR_ITEM not in body.get("aggs", {}) for body in node.bodies)
