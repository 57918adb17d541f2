"""Search requests for Elasticsearch, built so that user text is only ever data.

No `query_string` or `simple_query_string`: each word of `q` is the `query` of a
`multi_match`, whose analyzer splits it into terms; operators, wildcards, field
names and quotes have no meaning there. Words, typos and orders are those of
`services.index.text`, which the embedded index follows too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from services.index import Facet, SearchQuery, Sort
from services.index.cursor import SortValue, decode_after, finite_number, long_integer, text
from services.index.es_mapping import DERIVED_FIELDS
from services.index.text import (
    FACET_SIZE,
    MAX_EXPANSIONS,
    order_of,
    search_words,
    typo_allowance,
)

# As the embedded index's bm25 weights: title over artist over description.
TEXT_FIELDS = ["folded.title^10", "folded.artist^5", "folded.description"]
SORTS: dict[Sort, list[dict[str, str]]] = {
    "relevance": [{"_score": "desc"}, {"id": "asc"}],
    "newest": [{"created_at": "desc"}, {"id": "desc"}],
    "oldest": [{"created_at": "asc"}, {"id": "asc"}],
}
FACET_FIELDS: dict[Facet, str] = {"kind": "kind", "platform": "found_platforms", "user": "user"}


def text_query(q: str, fields: list[str] = TEXT_FIELDS) -> dict[str, Any] | None:
    """Every word must match (in any of the fields); the last one also as a prefix."""
    words = search_words(q)
    if not words:
        return None
    last = len(words) - 1
    return {"bool": {"must": [_exact(word, fields, n == last) for n, word in enumerate(words)]}}


def typo_query(q: str, fields: list[str] = TEXT_FIELDS) -> dict[str, Any] | None:
    """`text_query` with every word also matching within its typos; None when no word
    may have any."""
    words = search_words(q)
    if not any(typo_allowance(word) for word in words):
        return None
    last = len(words) - 1
    return {
        "bool": {"must": [_within_typos(word, fields, n == last) for n, word in enumerate(words)]}
    }


def _exact(word: str, fields: list[str], last: bool) -> dict[str, Any]:
    if not last:
        return _word(word, fields)
    return _either(
        _word(word, fields),
        # `and`: a word the analyzer splits (`AC/DC`) needs all its parts here too
        # (`bool_prefix` is `or` by default: every `AC` would match).
        {
            "multi_match": {
                "query": word,
                "type": "bool_prefix",
                "fields": fields,
                "operator": "and",
            }
        },
    )


def _within_typos(word: str, fields: list[str], last: bool) -> dict[str, Any]:
    edits = typo_allowance(word)
    if not edits:
        return _exact(word, fields, last)
    # The allowance computed here (as `fuzziness: AUTO` would), so that both indexes
    # allow the same; `max_expansions` as the embedded index's vocabulary picks.
    fuzzy = {
        "multi_match": {
            "query": word,
            "type": "most_fields",
            "fields": fields,
            "operator": "and",
            "fuzziness": edits,
            "max_expansions": MAX_EXPANSIONS,
            "prefix_length": 0,
        }
    }
    return _either(_exact(word, fields, last), fuzzy)


def _either(*clauses: dict[str, Any]) -> dict[str, Any]:
    return {"bool": {"should": list(clauses), "minimum_should_match": 1}}


def _word(word: str, fields: list[str]) -> dict[str, Any]:
    # `operator: and`: a word the analyzer splits (`AC/DC`) needs all its parts; a word
    # that analyzes to nothing (`(((`) matches nothing, as in the embedded index.
    return {
        "multi_match": {
            "query": word,
            "type": "most_fields",
            "fields": fields,
            "operator": "and",
            "zero_terms_query": "none",
        }
    }


def filters(query: SearchQuery) -> list[dict[str, Any]]:
    """Exact filters, in filter context (not scored); both date bounds exclusive."""
    found: list[dict[str, Any]] = []
    if query.user is not None:
        found.append({"term": {"user": query.user}})
    if query.kind is not None:
        found.append({"term": {"kind": query.kind}})
    if query.platform is not None:
        found.append({"term": {"found_platforms": query.platform}})
    if query.external_id is not None:
        found.append({"term": {"external_id": query.external_id}})
    created: dict[str, str] = {}
    if query.created_after is not None:
        created["gt"] = query.created_after
    if query.created_before is not None:
        created["lt"] = query.created_before
    if created:
        found.append({"range": {"created_at": created}})
    return found


def cursor_checks(order: Sort) -> tuple[SortValue, SortValue]:
    """What a cursor of this order holds: a score, or a date as epoch milliseconds, and an id."""
    return (finite_number if order == "relevance" else long_integer), text


def page_body(
    query: SearchQuery,
    order: Sort,
    match: dict[str, Any] | None,
    size: int,
    after: list[Any] | None = None,
    unless: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """One search: the documents that `match` (and not `unless`) and pass the filters,
    `size` of them after `after` in `order`, their total, and the facets asked for."""
    bool_query: dict[str, Any] = {"filter": filters(query)}
    if match is not None:
        bool_query["must"] = [match]
    if unless is not None:
        bool_query["must_not"] = [unless]
    body: dict[str, Any] = {
        "query": {"bool": bool_query},
        "sort": SORTS[order],
        "size": size,
        "track_total_hits": True,
        # What only filters use stays on the node: less for it to send and us to parse.
        "_source": {"excludes": list(DERIVED_FIELDS)},
    }
    if query.facets:
        body["aggs"] = facet_aggregations(query.facets)
    if after:
        body["search_after"] = after
    return body


CURSOR_ITEM = "cursor_item"
"""The aggregation of a relevance page that reads the score, now, of the item its cursor
points after (`cursor_item_aggregation`)."""


def cursor_item_aggregation(item_id: str) -> dict[str, Any]:
    """The score now of the document `item_id` if it is still a result: aggregations see
    every match (not only those after `search_after`), scored as the page's hits are."""
    top = {"top_hits": {"size": 1, "_source": False}}
    return {"filter": {"ids": {"values": [item_id]}}, "aggs": {"top": top}}


def facet_aggregations(facets: tuple[Facet, ...]) -> dict[str, Any]:
    """A `terms` aggregation per facet: the most frequent values first, then by value."""
    return {name: {"terms": {"field": FACET_FIELDS[name], "size": FACET_SIZE}} for name in facets}


@dataclass(frozen=True)
class FirstSearch:
    """The first request of a search, and where its cursor points: `tier` 1 is the typo
    matches, after every exact one (`after` is then theirs, and `body` only counts)."""

    order: Sort
    tier: int
    after: list[Any] | None
    body: dict[str, Any]
    exact: dict[str, Any] | None
    """The words as typed, as a query; None without words."""


def search_body(query: SearchQuery) -> FirstSearch:
    """The first request of a search: the exact matches' page (`limit + 1` hits) and
    total. Alone when the words as typed find enough; typo matches need a second
    (`services.index.es_search`)."""
    order = order_of(query)
    match = text_query(query.q) if query.q else None
    tier, after = 0, None
    if query.cursor:
        tier, *after = decode_after(query.cursor, order, *cursor_checks(order))
    body = page_body(query, order, match, query.limit + 1 if tier == 0 else 0)
    if tier == 0 and after:
        body["search_after"] = after
    return FirstSearch(order, tier, after, body, match)


def suggestion_body(prefix: str, limit: int) -> dict[str, Any] | None:
    """Titles and artists whose words match `prefix` (the last word as a prefix), each
    counted over the documents that have it; None when `prefix` has no words."""
    aggregations: dict[str, Any] = {}
    for field in ("title", "artist"):
        match = text_query(prefix, [f"folded.{field}"])
        if match is None:
            return None
        top = {"terms": {"field": f"{field}.keyword", "size": limit}}
        aggregations[field] = {"filter": match, "aggs": {"top": top}}
    either = [aggregation["filter"] for aggregation in aggregations.values()]
    return {
        "size": 0,
        "track_total_hits": False,
        "query": {"bool": {"should": either, "minimum_should_match": 1}},
        "aggs": aggregations,
    }
