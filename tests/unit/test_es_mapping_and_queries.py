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
from services.index.es_query import search_body, text_query
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


def _strings(node: Any) -> list[str]:
    if isinstance(node, dict):
        return [s for value in node.values() for s in _strings(value)]
    if isinstance(node, list):
        return [s for value in node for s in _strings(value)]
    return [node] if isinstance(node, str) else []


def test_user_text_only_ever_lands_in_a_multi_match_query_string() -> None:
    hostile = 'title:x OR * && " {"script": 1}'
    _, body = search_body(SearchQuery(q=hostile))
    dumped = json.dumps(body)
    assert "query_string" not in dumped and "simple_query_string" not in dumped
    assert "script" not in json.dumps(body["sort"])
    # Each word of the user's text appears only as the `query` of a multi_match.
    queries: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "multi_match":
                    queries.append(value["query"])
                    assert set(value) <= {"query", "type", "fields", "operator", "zero_terms_query"}
                else:
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(body["query"])
    # Folded as the indexed text is (`folded.*`): case and accents.
    words = fold_text(hostile).split()
    assert set(queries) == set(words)
    every_string = _strings(body["query"])
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
    kind, body = search_body(SearchQuery(user="ana", kind="album", platform="netflix", limit=5))
    assert kind == "newest"
    assert body["query"]["bool"]["filter"] == [
        {"term": {"user": "ana"}},
        {"term": {"kind": "album"}},
        {"term": {"found_platforms": "netflix"}},
    ]
    assert body["sort"] == [{"created_at": "desc"}, {"id": "desc"}]
    assert body["size"] == 6 and body["track_total_hits"] is True
    kind, body = search_body(SearchQuery(q="echo"))
    assert kind == "relevance" and body["sort"][0] == {"_score": "desc"}


def test_hits_leave_what_only_filters_use_on_the_node() -> None:
    _, body = search_body(SearchQuery(q="echo"))
    document = to_source(stored(title="Écho"))
    sent = {name: value for name, value in document.items()
            if name not in body["_source"]["excludes"]}  # fmt: skip
    assert from_source(document) == sent


def test_cursor_becomes_search_after_and_forged_ones_are_refused() -> None:
    cursor = encode_cursor("newest", [1767225600000, "abc"])
    _, body = search_body(SearchQuery(cursor=cursor))
    assert body["search_after"] == [1767225600000, "abc"]
    for forged in ([{"script": "x"}, "abc"], ["2026", "abc"], [1, 2], [1]):
        with pytest.raises(InvalidCursor):
            search_body(SearchQuery(cursor=encode_cursor("newest", forged)))
    with pytest.raises(InvalidCursor):
        search_body(SearchQuery(q="x", cursor=cursor))
