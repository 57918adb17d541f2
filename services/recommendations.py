"""What can be done with recommendations, whichever index and transport is in use."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any, cast

from injector import inject

from services.dedup import duplicate_key, recommendation_id
from services.errors import DuplicateRecommendation, InvalidRecommendation, NotFound
from services.highlights import highlights
from services.index import RecommendationIndex, SearchPage, SearchQuery, Suggestion
from services.isbn import checked_isbn
from services.lookups.scheduling import LookupScheduler
from services.model import Link, LinkCorrection, Recommendation, to_utc, utc_now

# What the work is: a change to any of them looks its links up again.
WORK_FIELDS = ("title", "artist", "kind", "year", "isrc", "upc", "isbn")

AUTHORED_KINDS = frozenset({"album", "track", "book"})
"""Kinds whose title may be written `Artist - Work` (for a book, `Author - Title`)."""

# "Artist - Album", also with the en and em dashes people type on phones.
# The artist ends in a letter: the spaces before the dash are then tried once.
_ARTIST_TITLE = re.compile(r"^(?P<artist>.*?\S)\s+[-\u2013\u2014]\s+(?P<work>.+)$")


def artist_from_title(kind: str, title: str) -> str | None:
    """The artist (a book's author) of a title written `Artist - Work`, or None."""
    if kind not in AUTHORED_KINDS:
        return None
    match = _ARTIST_TITLE.match(title.strip())
    return match.group("artist").strip() if match else None


def with_checked_isbn(fields: dict[str, Any]) -> dict[str, Any]:
    """The fields with their `isbn` as an ISBN-13 (`InvalidIsbn` when its check digit
    is wrong: the spec checks only its shape)."""
    if not fields.get("isbn"):
        return dict(fields)
    return {**fields, "isbn": checked_isbn(fields["isbn"])}


def _timestamp(fields: dict[str, Any], name: str) -> str | None:
    """The field's timestamp in UTC; `InvalidRecommendation` naming it when it has none
    (the spec checks the format: this is the range, which RFC 3339 leaves open)."""
    value = fields.get(name)
    if not value:
        return None
    try:
        return to_utc(value)
    except ValueError as error:
        raise InvalidRecommendation(f"{name}: {error}") from None


class RecommendationService:
    """Creates, changes and finds recommendations; starts their link lookups."""

    @inject
    def __init__(self, index: RecommendationIndex, lookups: LookupScheduler) -> None:
        self._index = index
        self._lookups = lookups

    def create(
        self,
        fields: dict[str, Any],
        source_message_id: str | None = None,
        links: dict[str, Link] | None = None,
    ) -> Recommendation:
        """Store a new recommendation (`pending`) and schedule its lookup.

        `links` are ones known already (e.g. the Spotify track a user is playing).
        `DuplicateRecommendation` when its duplicate key exists already.
        """
        now = utc_now()
        # The fields are JSON the spec (or the crawler message schema) validated.
        document = cast(Recommendation, with_checked_isbn(fields))
        if not document.get("artist"):
            document.pop("artist", None)
            artist = artist_from_title(document["kind"], document["title"])
            if artist:
                document["artist"] = artist
        document["created_at"] = _timestamp(fields, "created_at") or now
        document["updated_at"] = now
        document["links_status"] = "pending"
        document["links"] = dict(links or {})
        document["dedup_key"] = duplicate_key(document)
        document["id"] = recommendation_id(document["dedup_key"])
        if source_message_id:
            document["source_message_id"] = source_message_id
        try:
            # Usually the key's own id; the next one when a renamed document holds that.
            document["id"] = self._index.create(document)
        except DuplicateRecommendation as duplicate:
            replayed = self._replayed(duplicate.existing_id, source_message_id)
            if replayed is None:
                raise
            return replayed
        self._lookups.schedule(document["id"])
        return document

    def _replayed(self, existing_id: str, source_message_id: str | None) -> Recommendation | None:
        """The document a redelivered message stored already (the worker died before its
        ack), so that the message answers 201 again instead of a 409 against itself."""
        if not source_message_id:
            return None
        try:
            existing = self._index.get(existing_id)
        except NotFound:
            return None
        if existing.get("source_message_id") != source_message_id:
            return None
        if existing.get("links_status") == "pending":
            # Its lookup may have been lost with the process that stored it.
            self._lookups.schedule(existing_id)
        return existing

    def get(self, recommendation_id: str) -> Recommendation:
        return self._index.get(recommendation_id)

    def update(self, recommendation_id: str, changes: dict[str, Any]) -> Recommendation:
        """Apply a client's changes; a change to what the work is starts a new lookup.

        The changes are applied to the document as stored at the moment of the write
        (`RecommendationIndex.update`), so links a lookup stores meanwhile are kept.
        """
        relookup = False
        checked = with_checked_isbn(changes)

        def apply(current: Recommendation) -> Recommendation:
            nonlocal relookup
            changed = cast(Recommendation, {**current, **checked, "updated_at": utc_now()})
            changed["dedup_key"] = duplicate_key(changed)
            relookup = any(changed.get(field) != current.get(field) for field in WORK_FIELDS)
            if relookup:
                changed["links_status"] = "pending"
            return changed

        changed = self._index.update(recommendation_id, apply)
        if relookup:
            self._lookups.schedule(recommendation_id)
        return changed

    def delete(self, recommendation_id: str) -> None:
        self._index.delete(recommendation_id)

    def search(self, query: SearchQuery) -> SearchPage:
        """A page of results, its matched words marked when `query.highlight` asks."""
        page = self._index.search(query)
        if not query.highlight:
            return page
        return replace(page, highlights=highlights(query.q or "", page.items, page.typos))

    def suggest(self, prefix: str, limit: int) -> list[Suggestion]:
        return self._index.suggest(prefix, limit)

    def request_lookup(self, recommendation_id: str) -> Recommendation:
        """Look the links up again (manual corrections are kept)."""
        document = self._index.mark_pending(recommendation_id)
        self._lookups.schedule(recommendation_id)
        return document

    def correct_link(
        self, recommendation_id: str, platform: str, correction: LinkCorrection
    ) -> Recommendation:
        """A person's correction: kept by every later lookup."""
        manual: Link = {
            **correction,
            "status": "found",
            "method": "manual",
            "confidence": 1.0,
            "checked_at": utc_now(),
        }
        return self._index.set_links(recommendation_id, {platform: manual})
