"""The Elasticsearch mapping of a recommendation: explicit, strict, URLs as exact keywords.

Search clients rely on these field names (README, "Elasticsearch for search clients").
Bump `MAPPING_VERSION` when a change needs a reindex (`python -m cli reindex`).
"""

from __future__ import annotations

from typing import Any, Literal, cast

import orjson

from services.dedup import fold_text
from services.errors import InvalidRecommendation
from services.json_input import unstorable
from services.model import Recommendation, found_platforms, oldest_lookup
from services.platforms import PLATFORMS

MAPPING_VERSION = 6

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
    # Names, as many as TMDB reports: one keyword field for them all.
    "other_platforms": {"type": "keyword", "ignore_above": 256},
}
# A platform's link: exactly the fields above; anything else is refused.
LINK: dict[str, Any] = {"type": "object", "dynamic": "strict", "properties": LINK_FIELDS}


MAPPING: dict[str, Any] = {
    "dynamic": "strict",
    "properties": {
        "id": KEYWORD,
        "dedup_key": KEYWORD,
        "source_message_id": KEYWORD,
        "user": KEYWORD,
        "kind": KEYWORD,
        "kind_inferred_from": KEYWORD,
        "external_id": KEYWORD,
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
        "indexed_at": DATE,
        "links_status": KEYWORD,
        # Which found links were last handed to notifications (services/webhooks): read
        # with the document, never searched.
        "links_notified": {"type": "keyword", "index": False, "doc_values": False},
        # The closed list of platforms (`services.platforms`), mapped here and nowhere
        # else: a name off the list (stored before the list was closed, or imported) is
        # kept in `_source` and never mapped (`dynamic: false`), so no document can grow
        # the mapping towards the total-fields limit.
        "links": {
            "type": "object",
            "dynamic": False,
            "properties": {platform: LINK for platform in PLATFORMS},
        },
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
    # Platforms x link fields (about 600) stay under the default 1,000; the limit is
    # kept where version 2 had it, so that a reindex from it never meets a lower one.
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
    """The stored `_source`: the document plus what filters need, derived once here.

    `InvalidRecommendation` for what the client cannot send or no answer could give back:
    text that is not Unicode (a lone surrogate: Elasticsearch would keep it, and then no
    answer can be written) or an integer beyond 64 bits (the client's orjson cannot
    write it, and it would fail the whole bulk request). SQLite refuses both at once;
    both indexes refuse them alike."""
    _as_json(recommendation, recommendation)
    return _with_derived(recommendation)


def source_json(recommendation: Recommendation) -> bytes:
    """`to_source` written as JSON, refused alike: a bulk request sends these bytes as
    they are (the client forwards a body that is already bytes), so checking a document
    and writing it for the node is one `orjson.dumps`, not two (docs/profiles.md)."""
    return _as_json(_with_derived(recommendation), recommendation)


def _with_derived(recommendation: Recommendation) -> dict[str, Any]:
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


def _as_json(value: Any, recommendation: Recommendation) -> bytes:
    """`value` as JSON; `InvalidRecommendation` naming the place when it cannot be. One
    `orjson.dumps` finds a lone surrogate and an integer beyond 64 bits alike: the walk
    that names the place cost a bulk load more than its writes, so it runs only then."""
    try:
        return orjson.dumps(value)
    except orjson.JSONEncodeError as error:
        problem = unstorable(recommendation) or str(error)
        raise InvalidRecommendation(f"the index refused it: {problem}") from None


def from_source(source: dict[str, Any]) -> Recommendation:
    """The document as stored by the service, without the derived fields (a `_source`
    holds only what `to_source` wrote, so it is a `Recommendation` again)."""
    return cast(
        "Recommendation",
        {name: value for name, value in source.items() if name not in DERIVED_FIELDS},
    )
