"""Search requests for Elasticsearch, built so that user text is only ever data.

No `query_string` or `simple_query_string`: each word of `q` is the `query` of a
`multi_match`, whose analyzer splits it into terms; operators, wildcards, field
names and quotes have no meaning there.
"""

from __future__ import annotations

from typing import Any

from services.dedup import fold_text
from services.index import SearchQuery, search_words
from services.index.cursor import decode_after, finite_number, long_integer
from services.index.es_mapping import DERIVED_FIELDS

# As the embedded index's bm25 weights: title over artist over description.
TEXT_FIELDS = ["folded.title^10", "folded.artist^5", "folded.description"]


def text_query(q: str) -> dict[str, Any] | None:
    """Every word must match (in any of the fields); the last one also as a prefix."""
    words = search_words(fold_text(q))
    if not words:
        return None
    must: list[dict[str, Any]] = [_word(word) for word in words[:-1]]
    last = words[-1]
    must.append(
        {
            "bool": {
                "should": [
                    _word(last),
                    # `and`: a word the analyzer splits (`AC/DC`) needs all its parts here
                    # too (`bool_prefix` is `or` by default: every `AC` would match).
                    {
                        "multi_match": {
                            "query": last,
                            "type": "bool_prefix",
                            "fields": TEXT_FIELDS,
                            "operator": "and",
                        }
                    },
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
        # What only filters use stays on the node: less for it to send and us to parse.
        "_source": {"excludes": list(DERIVED_FIELDS)},
    }
    if query.cursor:
        body["search_after"] = _after(query.cursor, kind)
    return kind, body


def _after(cursor: str, kind: str) -> list[Any]:
    # A relevance page follows a score; a newest page `created_at` in epoch milliseconds.
    return decode_after(cursor, kind, long_integer if kind == "newest" else finite_number)
