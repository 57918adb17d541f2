"""The Elasticsearch mapping and the search bodies we send, without a server."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from services.dedup import fold_text
from services.index import SearchQuery
from services.index.cursor import InvalidCursor, encode_cursor
from services.index.es_mapping import LINK_FIELDS, MAPPING, SETTINGS, from_source, to_source
from services.index.es_query import search_body, suggestion_body, text_query, typo_query
from services.index.text import MAX_EXPANSIONS
from services.platforms import PLATFORMS
from tests.factories import stored

pytestmark = pytest.mark.unit


def test_mapping_is_strict_and_every_url_is_an_exact_keyword() -> None:
    assert MAPPING["dynamic"] == "strict"
    fields = MAPPING["properties"]
    for url_field in ("reclink", "img"):
        assert fields[url_field]["type"] == "keyword"
    assert LINK_FIELDS["url"]["type"] == "keyword"
    assert LINK_FIELDS["app_uri"]["type"] == "keyword"
    assert MAPPING["properties"]["links"]["properties"]["spotify"]["properties"] == LINK_FIELDS


def _fields(properties: dict[str, Any]) -> int:
    """Mapped fields as Elasticsearch counts them against `total_fields`."""
    return sum(
        1 + len(field.get("fields", {})) + _fields(field.get("properties", {}))
        for field in properties.values()
    )


def test_the_closed_list_of_platforms_is_mapped_and_nothing_else_under_links() -> None:
    # Any `[a-z0-9_]{1,40}` platform was mapped by templates, ten fields each, until the
    # 5,000-field limit failed every write, lookup and reindex of the index.
    links = MAPPING["properties"]["links"]
    assert links["dynamic"] is False and "dynamic_templates" not in MAPPING
    assert tuple(links["properties"]) == PLATFORMS
    assert all(link["dynamic"] == "strict" for link in links["properties"].values())
    assert _fields(MAPPING["properties"]) < 1000 < SETTINGS["mapping"]["total_fields"]["limit"]


def test_the_spec_and_the_contract_name_the_same_closed_list() -> None:
    from app import load_spec

    spec = load_spec()
    assert tuple(spec["components"]["schemas"]["Platform"]["enum"]) == PLATFORMS
    contract = (Path(__file__).parents[2] / "docs" / "contract.md").read_text()
    assert all(f"`{platform}`" in contract for platform in PLATFORMS)


def test_titles_and_artists_are_words_plus_exact_keyword() -> None:
    for name in ("title", "artist"):
        field = MAPPING["properties"][name]
        assert field["type"] == "text"
        assert field["fields"]["keyword"]["type"] == "keyword"
    for name in ("user", "kind", "id", "links_status", "dedup_key"):
        assert MAPPING["properties"][name]["type"] == "keyword"
    for name in ("created_at", "updated_at"):
        assert MAPPING["properties"][name]["type"] == "date"


def test_the_mapping_needs_no_analysis_module() -> None:
    # No custom analyzers or filters: a cluster without `analysis-common` (Elastic's
    # integration-test distribution) takes it as production clusters do.
    assert "analysis" not in SETTINGS
    assert "analyzer" not in json.dumps(MAPPING)


def test_the_searched_text_is_folded_at_write_time() -> None:
    document = stored(title="Sigur Rós - Ágætis byrjun", description="Íslensk")
    assert to_source(document)["folded"] == {
        "title": "sigur ros - agaetis byrjun",
        "description": "islensk",
    }


def test_every_stored_field_is_mapped() -> None:
    document = stored(
        artist="A",
        description="d",
        img="https://i.example/x.jpg",
        reclink="https://c.example/p",
        year=2006,
        isrc="USAT20612345",
        upc="093624",
    )
    mapped = MAPPING["properties"].keys()
    assert set(to_source(document)) <= mapped
    assert from_source(to_source(document)) == document


MULTI_MATCH_OPTIONS = {"query", "type", "fields", "operator", "zero_terms_query", "fuzziness",
                       "max_expansions", "prefix_length"}  # fmt: skip


def _strings(node: Any) -> list[str]:
    if isinstance(node, dict):
        return [s for value in node.values() for s in _strings(value)]
    if isinstance(node, list):
        return [s for value in node for s in _strings(value)]
    return [node] if isinstance(node, str) else []


@pytest.mark.parametrize("built_by", ["exact", "typos", "suggestions"])
def test_user_text_only_ever_lands_in_a_multi_match_query_string(built_by: str) -> None:
    hostile = 'title:x OR * && " {"script": 1} breking'
    body = {
        "exact": lambda: search_body(SearchQuery(q=hostile)).body,
        "typos": lambda: {"query": typo_query(hostile), "sort": []},
        "suggestions": lambda: suggestion_body(hostile, 10),
    }[built_by]()
    assert body is not None
    dumped = json.dumps(body)
    assert "query_string" not in dumped and "simple_query_string" not in dumped
    assert "script" not in json.dumps(body.get("sort", []))
    # Each word of the user's text appears only as the `query` of a multi_match.
    queries: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "multi_match":
                    queries.append(value["query"])
                    assert set(value) <= MULTI_MATCH_OPTIONS
                else:
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(body["query"])
    walk(body.get("aggs", {}))
    # Folded as the indexed text is (`folded.*`): case and accents.
    words = fold_text(hostile).split()
    assert set(queries) == set(words)
    every_string = _strings([body["query"], body.get("aggs", {})])
    for word in words:
        assert every_string.count(word) == queries.count(word)


def test_words_all_must_match_and_the_last_is_a_prefix() -> None:
    query = text_query("breaking phob")
    assert query is not None
    first, last = query["bool"]["must"]
    assert first["multi_match"]["operator"] == "and"
    assert first["multi_match"]["fields"] == [
        "folded.title^10",
        "folded.artist^5",
        "folded.description",
    ]
    prefix = last["bool"]["should"][1]["multi_match"]
    assert prefix["type"] == "bool_prefix" and prefix["query"] == "phob"
    assert prefix["operator"] == "and"
    assert text_query("   ") is None


def test_filters_are_exact_terms_and_sort_depends_on_q() -> None:
    first = search_body(
        SearchQuery(
            user="ana",
            kind="album",
            platform="netflix",
            created_after="2026-01-01T00:00:00.000Z",
            created_before="2026-02-01T00:00:00.000Z",
            limit=5,
        )
    )
    body = first.body
    assert first.order == "newest"
    assert body["query"]["bool"]["filter"] == [
        {"term": {"user": "ana"}},
        {"term": {"kind": "album"}},
        {"term": {"found_platforms": "netflix"}},
        {"range": {"created_at": {"gt": "2026-01-01T00:00:00.000Z",
                                  "lt": "2026-02-01T00:00:00.000Z"}}},
    ]  # fmt: skip
    assert body["sort"] == [{"created_at": "desc"}, {"id": "desc"}]
    assert body["size"] == 6 and body["track_total_hits"] is True
    first = search_body(SearchQuery(q="echo"))
    assert first.order == "relevance" and first.body["sort"][0] == {"_score": "desc"}
    assert search_body(SearchQuery(q="echo", sort="oldest")).body["sort"] == [
        {"created_at": "asc"},
        {"id": "asc"},
    ]
    assert search_body(SearchQuery(sort="relevance")).order == "newest"


def test_facets_are_terms_aggregations_of_the_same_request() -> None:
    body = search_body(SearchQuery(q="echo", facets=("kind", "platform", "user"))).body
    assert body["aggs"] == {
        "kind": {"terms": {"field": "kind", "size": 20}},
        "platform": {"terms": {"field": "found_platforms", "size": 20}},
        "user": {"terms": {"field": "user", "size": 20}},
    }


def test_only_words_that_may_have_typos_get_a_fuzzy_clause() -> None:
    # Two letters or fewer, or a word the analyzer would split: typed as it is.
    assert typo_query("ab ac/dc") is None
    query = typo_query("ab breking")
    assert query is not None
    short, long = query["bool"]["must"]
    assert "fuzziness" not in json.dumps(short)
    fuzzy = long["bool"]["should"][1]["multi_match"]
    assert (fuzzy["query"], fuzzy["fuzziness"], fuzzy["max_expansions"]) == (
        "breking",
        2,
        MAX_EXPANSIONS,
    )


def test_hits_leave_what_only_filters_use_on_the_node() -> None:
    body = search_body(SearchQuery(q="echo")).body
    document = to_source(stored(title="Écho"))
    sent = {name: value for name, value in document.items()
            if name not in body["_source"]["excludes"]}  # fmt: skip
    assert from_source(document) == sent


def test_cursor_becomes_search_after_and_forged_ones_are_refused() -> None:
    cursor = encode_cursor("newest", [0, 1767225600000, "abc"])
    assert search_body(SearchQuery(cursor=cursor)).body["search_after"] == [1767225600000, "abc"]
    typos = search_body(
        SearchQuery(q="x", sort="newest", cursor=encode_cursor("newest", [1, 5, "a"]))
    )
    assert (typos.tier, typos.after, typos.body["size"]) == (1, [5, "a"], 0)
    assert "search_after" not in typos.body
    for forged in (
        [0, {"script": "x"}, "abc"],
        [0, "2026", "abc"],
        [0, 1, 2],
        [2, 1, "abc"],
        [True, 1, "abc"],
        [1767225600000, "abc"],
        [0],
    ):
        with pytest.raises(InvalidCursor):
            search_body(SearchQuery(cursor=encode_cursor("newest", forged)))
    with pytest.raises(InvalidCursor):
        search_body(SearchQuery(q="x", cursor=cursor))
