"""Searches on Elasticsearch: pages in the order, tiers and cursors of
`services.index.text`, from the bodies of `es_query`.

A search is one request when the words as typed find enough; typo matches, when they
are searched, take a second (the page's rest and their count) and, with facets, a third
(the facets over both tiers). A relevance page after a cursor whose item's score has
moved since (`ElasticsearchSearch._page`) sends its request once more.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from services.index import FacetCount, SearchPage, SearchQuery, Sort, Suggestion
from services.index.cursor import encode_cursor
from services.index.es_mapping import from_source
from services.index.es_query import (
    CURSOR_ITEM,
    FirstSearch,
    cursor_item_aggregation,
    page_body,
    search_body,
    suggestion_body,
    typo_query,
)
from services.index.text import TYPO_THRESHOLD

# Each write refreshed between a page's requests may move the scores again: a few
# tries, then the page as the last one found it.
CURSOR_ITEM_TRIES = 3
Search = Callable[..., dict[str, Any]]
"""The client's `search` on the alias, keyword arguments as the body's members."""


class ElasticsearchSearch:
    """Runs searches and suggestions through one `search` call."""

    def __init__(self, search: Search) -> None:
        self._search = search

    def search(self, query: SearchQuery) -> SearchPage:
        first = search_body(query)
        answer = self._page(first.order, first.body)
        hits = [(0, hit) for hit in answer["hits"]["hits"]]
        total = _total(answer)
        facets = _facets(answer)
        typos = None
        if first.exact is not None and query.fuzzy and total < TYPO_THRESHOLD:
            typos = typo_query(query.q or "")
        if typos is not None:
            answer = self._page(first.order, typo_body(query, first, len(hits)))
            hits += [(1, hit) for hit in answer["hits"]["hits"]]
            total += _total(answer)
            if query.facets:
                both = page_body(query, first.order, typos, 0)
                facets = _facets(self._search(**both))
        next_cursor = None
        if len(hits) > query.limit:
            tier, last = hits[query.limit - 1]
            next_cursor = encode_cursor(first.order, [tier, *last["sort"]])
        return SearchPage(
            items=[from_source(hit["_source"]) for _, hit in hits[: query.limit]],
            total=total,
            next_cursor=next_cursor,
            facets=facets,
            typos=typos is not None,
        )

    def _page(self, order: Sort, body: dict[str, Any]) -> dict[str, Any]:
        """The answer to `body`; for a relevance page after a cursor, the page after the
        cursor's item at its score now.

        A write since the cursor was made (a new document, or the deleted copy an update
        leaves until a merge) changes the statistics of BM25 and so every score, not the
        order of unchanged documents: after the item's old score, every match or none
        would come. The page's request also reads the item's score now (in the same
        searcher as its hits); when it differs from the one searched after, the request
        is sent again after it. An item no longer a result keeps its old score."""
        after = body.get("search_after")
        if order != "relevance" or not after:
            return self._search(**body)
        body["aggs"] = {**body.get("aggs", {}), CURSOR_ITEM: cursor_item_aggregation(after[1])}
        for _ in range(CURSOR_ITEM_TRIES):
            answer = self._search(**body)
            score = _item_score(answer)
            if score is None or score == body["search_after"][0]:
                break
            body["search_after"] = [score, after[1]]
        answer["aggregations"].pop(CURSOR_ITEM)
        return answer

    def suggest(self, prefix: str, limit: int) -> list[Suggestion]:
        body = suggestion_body(prefix, limit)
        if body is None:
            return []
        aggregations = self._search(**body)["aggregations"]
        found = [
            Suggestion(text=bucket["key"], field=field, count=bucket["doc_count"])
            for field in ("title", "artist")
            for bucket in aggregations[field]["top"]["buckets"]
        ]
        found.sort(key=lambda s: (-s.count, s.text, s.field))
        return found[:limit]


def typo_body(query: SearchQuery, first: FirstSearch, found: int) -> dict[str, Any]:
    """The second request of a search whose words as typed found fewer than
    `TYPO_THRESHOLD`: the typo matches' share of the page, after the `found` exact
    ones (or after the cursor, when it points among them), and their total."""
    typos = typo_query(query.q or "")
    wanted = max(query.limit + 1 - found, 0)
    after = first.after if first.tier == 1 else None
    body = page_body(query, first.order, typos, wanted, after, unless=first.exact)
    body.pop("aggs", None)  # facets count both tiers: a request of their own
    return body


def _item_score(answer: dict[str, Any]) -> float | None:
    hits = answer["aggregations"][CURSOR_ITEM]["top"]["hits"]["hits"]
    return float(hits[0]["_score"]) if hits else None


def _total(answer: dict[str, Any]) -> int:
    return int(answer["hits"]["total"]["value"])


def _facets(answer: dict[str, Any]) -> dict[Any, list[FacetCount]]:
    return {
        name: [FacetCount(value=b["key"], count=b["doc_count"]) for b in aggregation["buckets"]]
        for name, aggregation in answer.get("aggregations", {}).items()
    }
