"""The Elasticsearch mapping of a recommendation: explicit, strict, URLs as exact keywords.

Search clients rely on these field names (README, "Elasticsearch for search clients").
Bump `MAPPING_VERSION` when a change needs a reindex (`python -m cli reindex`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal, cast

if TYPE_CHECKING:
    from services.model import Recommendation

MAPPING_VERSION = 3

KEYWORD: dict[str, Any] = {"type": "keyword"}
# A URL is matched exactly (`term` on the whole string), never split into words.
URL: dict[str, Any] = {"type": "keyword", "ignore_above": 4096}
DATE: dict[str, Any] = {"type": "date", "format": "strict_date_optional_time"}
# Words for search (the `standard` analyzer: Unicode word breaks, lower case), plus the
# exact value (`title.keyword`) for terms and sorting.
WORDS_AND_EXACT: dict[str, Any] = {
    "type": "text",
    "fields": {"keyword": {"type": "keyword", "ignore_above": 1024}},
}
WORDS: dict[str, Any] = {"type": "text"}

# The text fields that `q` searches, folded in Python (`services.dedup.fold_text`) into
# `folded.<field>` at write time, and `q` folded alike. Not with an `asciifolding` filter:
# that lives in the `analysis-common` module, which a cluster need not have (Elastic's
# integration-test distribution has none), so the mapping needs nothing beyond the core.
FOLDED_FIELDS: tuple[Literal["title", "artist", "description"], ...] = (
    "title",
    "artist",
    "description",
)

# Every field a link can have (spec `Link`): one set per platform.
LINK_FIELDS: dict[str, dict[str, Any]] = {
    "status": KEYWORD,
    "url": URL,
    "external_id": KEYWORD,
    "title": WORDS_AND_EXACT,
    "artist": WORDS_AND_EXACT,
    "app_uri": URL,
    "confidence": {"type": "float"},
    "method": KEYWORD,
    "detail": {"type": "text", "index": False},
    "checked_at": DATE,
}


def _link_templates() -> list[dict[str, Any]]:
    """Platforms are open-ended (TMDB reports providers such as `netflix`), so each
    platform's object is mapped by templates on `links.<platform>.<field>`; a field
    outside the spec's `Link` is refused, as `dynamic: strict` refuses it elsewhere."""
    templates: list[dict[str, Any]] = [
        {
            "link_platform": {
                "path_match": "links.*",
                # `*` spans dots: without this, `links.a.b` objects would nest freely.
                "path_unmatch": "links.*.*",
                "match_mapping_type": "object",
                "mapping": {"type": "object"},
            }
        },
    ]
    for name, mapping in LINK_FIELDS.items():
        templates.append({f"link_{name}": {"path_match": f"links.*.{name}", "mapping": mapping}})
    # Anything else under a platform: refused by the `strict` object it lands in.
    templates.append(
        {
            "link_unknown": {
                "path_match": "links.*.*",
                "mapping": {"type": "object", "dynamic": "strict"},
            }
        }
    )
    return templates


MAPPING: dict[str, Any] = {
    "dynamic": "strict",
    "dynamic_templates": _link_templates(),
    "properties": {
        "id": KEYWORD,
        "dedup_key": KEYWORD,
        "source_message_id": KEYWORD,
        "user": KEYWORD,
        "kind": KEYWORD,
        "title": WORDS_AND_EXACT,
        "artist": WORDS_AND_EXACT,
        "description": WORDS,
        "img": URL,
        "reclink": URL,
        "year": {"type": "integer"},
        "isrc": KEYWORD,
        "upc": KEYWORD,
        "isbn": KEYWORD,
        "attribution": {"type": "text", "index": False},
        "created_at": DATE,
        "updated_at": DATE,
        "links_status": KEYWORD,
        "links": {"type": "object", "dynamic": True},
        # Derived at write time (never returned): what searches and filters need.
        "folded": {
            "type": "object",
            "dynamic": "strict",
            "properties": {name: WORDS for name in FOLDED_FIELDS},
        },
        "found_platforms": KEYWORD,
        "links_checked_at": DATE,
        # Written by a create only: tells a create the client sent twice from a twin's.
        "create_token": {"type": "keyword", "index": False, "doc_values": False},
    },
}

# One shard (a reindex follows its sequence numbers; see es_reindex), and one replica
# once there is a second node: a single node stays green, not yellow.
SMALL_INDEX_SETTINGS: dict[str, Any] = {"number_of_shards": 1, "auto_expand_replicas": "0-1"}
SETTINGS: dict[str, Any] = {
    **SMALL_INDEX_SETTINGS,
    # Platforms x link fields: well above the default 1,000 once TMDB providers appear.
    "mapping": {"total_fields": {"limit": 5000}},
}

CREATE_TOKEN = "create_token"
DERIVED_FIELDS = ("folded", "found_platforms", "links_checked_at", CREATE_TOKEN)

# The companion index that makes duplicate keys unique: `_id` = the key's hash.
# `claimed_at`: epoch milliseconds; a young claim is never taken over (es_keys).
KEYS_MAPPING: dict[str, Any] = {
    "dynamic": "strict",
    "properties": {"owner": KEYWORD, "claimed_at": {"type": "date", "format": "epoch_millis"}},
}


def to_source(recommendation: Recommendation) -> dict[str, Any]:
    """The stored `_source`: the document plus what filters need, derived once here."""
    from services.dedup import fold_text
    from services.model import found_platforms, oldest_lookup

    return {
        **recommendation,
        "folded": {
            name: fold_text(recommendation[name])
            for name in FOLDED_FIELDS
            if recommendation.get(name)
        },
        "found_platforms": found_platforms(recommendation),
        "links_checked_at": oldest_lookup(recommendation),
    }


def from_source(source: dict[str, Any]) -> Recommendation:
    """The document as stored by the service, without the derived fields (a `_source`
    holds only what `to_source` wrote, so it is a `Recommendation` again)."""
    return cast(
        "Recommendation",
        {name: value for name, value in source.items() if name not in DERIVED_FIELDS},
    )
