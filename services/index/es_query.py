"""Search requests for Elasticsearch, built so that user text is only ever data.

No `query_string` or `simple_query_string`: each word of `q` is the `query` of a
`multi_match`, whose analyzer splits it into terms; operators, wildcards, field
names and quotes have no meaning there.
"""

from __future__ import annotations

from typing import Any

from services.index import SearchQuery
from services.index.cursor import InvalidCursor, decode_cursor

# As the embedded index's bm25 weights: title over artist over description.
TEXT_FIELDS = ["title^10", "artist^5", "description"]


def text_query(q: str) -> dict[str, Any] | None:
    """Every word must match (in any of the fields); the last one also as a prefix."""
    words = q.split()
    if not words:
        return None
    must: list[dict[str, Any]] = [_word(word) for word in words[:-1]]
    last = words[-1]
    must.append(
        {
            "bool": {
                "should": [
                    _word(last),
                    {"multi_match": {"query": last, "type": "bool_prefix", "fields": TEXT_FIELDS}},
                ],
                "minimum_should_match": 1,
            }
        }
    )
    return {"bool": {"must": must}}


def _word(word: str) -> dict[str, Any]:
    # `operator: and`: a word the analyzer splits (`AC/DC`) needs all its parts; a word
    # that analyzes to nothing (`(((`) matches nothing, as in the embedded index.
    return {
        "multi_match": {
            "query": word,
            "type": "most_fields",
            "fields": TEXT_FIELDS,
            "operator": "and",
            "zero_terms_query": "none",
        }
    }


def filters(query: SearchQuery) -> list[dict[str, Any]]:
    """Exact filters, in filter context (not scored)."""
    found: list[dict[str, Any]] = []
    if query.user is not None:
        found.append({"term": {"user": query.user}})
    if query.kind is not None:
        found.append({"term": {"kind": query.kind}})
    if query.platform is not None:
        found.append({"term": {"found_platforms": query.platform}})
    return found


def search_body(query: SearchQuery) -> tuple[str, dict[str, Any]]:
    """The cursor kind and the body of a `search` call for one page (`limit + 1` hits)."""
    text = text_query(query.q) if query.q else None
    bool_query: dict[str, Any] = {"filter": filters(query)}
    if text is not None:
        bool_query["must"] = [text]
        kind = "relevance"
        sort: list[Any] = [{"_score": "desc"}, {"id": "asc"}]
    else:
        kind = "newest"
        sort = [{"created_at": "desc"}, {"id": "desc"}]
    body: dict[str, Any] = {
        "query": {"bool": bool_query},
        "sort": sort,
        "size": query.limit + 1,
        "track_total_hits": True,
    }
    if query.cursor:
        body["search_after"] = _after(query.cursor, kind)
    return kind, body


def _after(cursor: str, kind: str) -> list[Any]:
    """The cursor's sort values, checked: Elasticsearch must never see a forged type."""
    after = decode_cursor(cursor, kind)
    valid = (
        len(after) == 2
        and isinstance(after[0], int | float)
        and not isinstance(after[0], bool)
        and isinstance(after[1], str)
    )
    if not valid:
        raise InvalidCursor("the cursor does not belong to this search")
    return after
