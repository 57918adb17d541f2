"""Searches of the embedded index: FTS5 queries in the order, tiers and cursors that
`services.index.text` defines for both indexes.

Relevance is FTS5's `rank` with the bm25 weights given by a `rank MATCH` constraint, and
the page is chosen from the full-text table alone (rank and rowid, `LIMIT`) before any
document is read: a word in a third of all documents ranks them without reading them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from services.dedup import fold_text
from services.index import FacetCount, SearchPage, SearchQuery, Sort, Suggestion
from services.index.cursor import decode_after, encode_cursor, finite_number, long_integer, text
from services.index.embedded_terms import fts_fold
from services.index.text import (
    FACET_SIZE,
    TYPO_THRESHOLD,
    order_of,
    raw_words,
    search_words,
    typo_allowance,
)
from services.model import Recommendation

Read = Callable[[str, list[Any]], list[tuple[Any, ...]]]
Decode = Callable[[str], Recommendation]
Variants = Callable[[str, int], list[str]]
"""Stored words within so many edits of a word (`embedded_terms.Vocabulary`)."""

# bm25 weights: a word in the title counts more than in the artist, than in the description.
RANK = "bm25(10.0, 5.0, 1.0)"
FTS = "recommendations_fts"
JOINED = f"{FTS} f JOIN recommendations r ON r.rowid = f.rowid"
FACET_SQL = {
    "kind": ("r.kind", ""),
    "user": ("r.user", ""),
    "platform": ("p.platform", " JOIN recommendation_platforms p ON p.id = r.id"),
}


def phrase(word: str) -> str:
    """A word as a quoted FTS5 string: no query syntax gets through."""
    return '"' + word.replace('"', '""') + '"'


def fts_query(q: str) -> str | None:
    """Every word of `q` (quoted), the last one also as a prefix; None without words."""
    words = raw_words(q)
    if not words:
        return None
    return " AND ".join(phrase(word) + ("*" if n == len(words) - 1 else "")
                        for n, word in enumerate(words))  # fmt: skip


def typo_query(q: str, variants: Variants) -> str | None:
    """`fts_query` with each word widened to the stored words within its typos; None
    when no word has another within reach."""
    words = raw_words(q)
    groups, widened = [], False
    for n, word in enumerate(words):
        exact = phrase(word) + ("*" if n == len(words) - 1 else "")
        edits = typo_allowance(fold_text(word))
        others = [v for v in variants(word, edits) if v != fts_fold(word)] if edits else []
        widened = widened or bool(others)
        groups.append(f"({' OR '.join([exact, *map(phrase, others)])})" if others else exact)
    return " AND ".join(groups) if widened else None


EXTERNAL_ID = "json_extract(r.doc, '$.external_id')"
"""The client's own id, as the `recommendations_external_id` index reads it."""


@dataclass(frozen=True)
class Conditions:
    """The filters of a search, on `recommendations r`."""

    where: list[str]
    params: list[Any]

    @classmethod
    def of(cls, query: SearchQuery) -> Conditions:
        where: list[str] = []
        params: list[Any] = []
        for column in ("user", "kind"):
            value = getattr(query, column)
            if value is not None:
                where.append(f"r.{column} = ?")
                params.append(value)
        if query.platform is not None:
            where.append(
                "EXISTS (SELECT 1 FROM recommendation_platforms p"
                " WHERE p.platform = ? AND p.id = r.id)"
            )
            params.append(query.platform)
        if query.external_id is not None:
            # Read from the document, through an index on that expression: no column
            # to add to files made before it.
            where.append(f"{EXTERNAL_ID} = ?")
            params.append(query.external_id)
        if query.created_after is not None:
            where.append("r.created_at > ?")
            params.append(query.created_after)
        if query.created_before is not None:
            where.append("r.created_at < ?")
            params.append(query.created_before)
        return cls(where, params)


def _where(conditions: list[str]) -> str:
    return f"WHERE {' AND '.join(conditions)}" if conditions else ""


class EmbeddedSearch:
    """One way to run every search on the embedded index's tables."""

    def __init__(self, read: Read, variants: Variants, decode: Decode) -> None:
        self._read = read
        self._variants = variants
        self._decode = decode

    def search(self, query: SearchQuery) -> SearchPage:
        filters = Conditions.of(query)
        has_words = bool(query.q and search_words(query.q))
        exact = fts_query(query.q) if query.q and has_words else None
        order = order_of(query)
        tier, after = 0, None
        if query.cursor:
            tier, *after = decode_after(query.cursor, order, *_checks(order))
        total = self._count(exact, filters)
        typos = None
        if exact and query.fuzzy and total < TYPO_THRESHOLD:
            typos = typo_query(query.q or "", self._variants)
        tiers = [exact] if typos is None else [exact, f"({typos}) NOT ({exact})"]
        rows: list[tuple[Any, ...]] = []  # (tier, doc, sort value, tie-break)
        for number, match in enumerate(tiers):
            wanted = query.limit + 1 - len(rows)
            if number < tier or wanted <= 0 or (number == 0 and not total):
                continue
            page = self._page(match, filters, order, after if number == tier else None, wanted)
            rows += [(number, *row) for row in page]
        if typos is not None:
            total = self._count(typos, filters)
        items = [row[1] for row in rows[: query.limit]]
        next_cursor = None
        if len(rows) > query.limit:
            last = rows[query.limit - 1]
            next_cursor = encode_cursor(order, [last[0], last[2], last[3]])
        facets = {name: self._facet(name, typos or exact, filters) for name in query.facets}
        return SearchPage(
            items=[self._decode(item) for item in items],
            total=total,
            next_cursor=next_cursor,
            facets=facets,
            typos=typos is not None,
        )

    def suggest(self, prefix: str, limit: int) -> list[Suggestion]:
        match = fts_query(prefix)
        if match is None:
            return []
        found: list[Suggestion] = []
        for field in ("title", "artist"):
            rows = self._read(
                f"SELECT r.{field}, count(*) AS n FROM {JOINED}"
                f" WHERE {FTS} MATCH ? AND r.{field} != ''"
                f" GROUP BY r.{field} ORDER BY n DESC, r.{field} LIMIT ?",
                [f"{field} : ({match})", limit],
            )
            found += [Suggestion(text=value, field=field, count=n) for value, n in rows]
        found.sort(key=lambda s: (-s.count, s.text, s.field))
        return found[:limit]

    # -- pieces ---------------------------------------------------------------

    def _count(self, match: str | None, filters: Conditions) -> int:
        if match is None:
            sql = f"SELECT count(*) FROM recommendations r {_where(filters.where)}"
            return int(self._read(sql, filters.params)[0][0])
        # Without filters the full-text table alone knows the count, without the join.
        source = JOINED if filters.where else FTS
        sql = f"SELECT count(*) FROM {source} {_where([f'{FTS} MATCH ?', *filters.where])}"
        return int(self._read(sql, [match, *filters.params])[0][0])

    def _page(
        self,
        match: str | None,
        filters: Conditions,
        order: Sort,
        after: list[Any] | None,
        limit: int,
    ) -> list[tuple[Any, ...]]:
        """Up to `limit` rows `(doc, sort value, tie-break)` after `after`, in `order`."""
        where, params = list(filters.where), list(filters.params)
        if order == "relevance":
            source = JOINED if where else f"{FTS} f"
            where[:0] = [f"{FTS} MATCH ?", "f.rank MATCH ?"]
            params[:0] = [match, RANK]
            if after:
                rank, rowid = after
                # After the item the cursor points at, by its rank now: a write since
                # (a document more or less) moved every rank, not their order. Its
                # rank when the cursor was made if it is no longer a result.
                anchor = f"SELECT f.rank FROM {source} {_where([*where, 'f.rowid = ?'])}"
                where.append(f"(f.rank, f.rowid) > (coalesce(({anchor}), ?), ?)")
                params += [*params, rowid, rank, rowid]
            chosen = (
                f"SELECT f.rowid AS k, f.rank AS s, f.rowid AS t FROM {source} {_where(where)}"
                " ORDER BY f.rank, f.rowid LIMIT ?"
            )
            direction = ""
        else:
            if match is not None:
                where.insert(0, f"r.rowid IN (SELECT rowid FROM {FTS} WHERE {FTS} MATCH ?)")
                params.insert(0, match)
            direction = " DESC" if order == "newest" else ""
            if after:
                beyond = "<" if order == "newest" else ">"
                where.append(f"(r.created_at {beyond} ? OR (r.created_at = ? AND r.id {beyond} ?))")
                params += [after[0], after[0], after[1]]
            chosen = (
                f"SELECT r.rowid AS k, r.created_at AS s, r.id AS t FROM recommendations r"
                f" {_where(where)} ORDER BY r.created_at{direction}, r.id{direction} LIMIT ?"
            )
        # The documents of the chosen page only, in its order.
        sql = (
            f"SELECT r.doc, p.s, p.t FROM ({chosen}) p JOIN recommendations r ON r.rowid = p.k"
            f" ORDER BY p.s{direction}, p.t{direction}"
        )
        return self._read(sql, [*params, limit])

    def _facet(self, name: str, match: str | None, filters: Conditions) -> list[FacetCount]:
        column, join = FACET_SQL[name]
        where, params = list(filters.where), list(filters.params)
        source = "recommendations r"
        if match is not None:
            source = JOINED
            where.insert(0, f"{FTS} MATCH ?")
            params.insert(0, match)
        rows = self._read(
            f"SELECT {column} AS v, count(*) AS n FROM {source}{join} {_where(where)}"
            " GROUP BY v ORDER BY n DESC, v LIMIT ?",
            [*params, FACET_SIZE],
        )
        return [FacetCount(value=value, count=count) for value, count in rows]


def _checks(order: Sort) -> tuple[Callable[[Any], bool], Callable[[Any], bool]]:
    """What a cursor of this order holds: a rank and a rowid, or a timestamp and an id."""
    return (finite_number, long_integer) if order == "relevance" else (text, text)
