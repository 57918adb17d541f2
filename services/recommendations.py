"""What can be done with recommendations, whichever index and transport is in use."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, cast

from injector import inject

from services.dedup import KEY_FIELDS, duplicate_key, recommendation_id
from services.errors import DuplicateRecommendation, InvalidRecommendation, NotFound
from services.highlights import highlights
from services.index import RecommendationIndex, SearchPage, SearchQuery, Suggestion
from services.isbn import checked_isbn
from services.lookups.scheduling import LookupScheduler
from services.model import (
    UNKNOWN,
    Link,
    LinkCorrection,
    Recommendation,
    artist_from_title,
    to_utc,
    utc_now,
    without_source_links,
)
from services.webhooks.notifications import LinkNotifications

# What the work is: a change to any of them looks its links up again (a reclink that is
# a platform link names the work by its id).
WORK_FIELDS = ("title", "artist", "kind", "year", "isrc", "upc", "isbn", "reclink")
# The client's own id of a recommendation, under either of the names the community uses.
EXTERNAL_ID_NAMES = ("id", "recommendation_id")


def external_id(fields: dict[str, Any]) -> str | None:
    """The client's own id (`id` or `recommendation_id`, text or a whole number) as text."""
    for name in EXTERNAL_ID_NAMES:
        value = fields.get(name)
        if value is not None:
            return str(value)
    return None


def with_checked_isbn(fields: dict[str, Any]) -> dict[str, Any]:
    """The fields with their `isbn` as an ISBN-13 (`InvalidIsbn` when its check digit
    is wrong: the spec checks only its shape)."""
    if not fields.get("isbn"):
        return dict(fields)
    return {**fields, "isbn": checked_isbn(fields["isbn"])}


def _forget_the_old_reclink(changed: Recommendation) -> None:
    """What the old reclink alone said goes with it: its own link (`source`), which
    nothing names any more, and the kind it named (placed again from the new one)."""
    if "links" in changed:
        changed["links"] = without_source_links(changed["links"])
    if changed.get("kind_inferred_from") == "reclink":
        changed["kind"] = UNKNOWN
        del changed["kind_inferred_from"]


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
    def __init__(
        self,
        index: RecommendationIndex,
        lookups: LookupScheduler,
        notifications: LinkNotifications,
    ) -> None:
        self._index = index
        self._lookups = lookups
        self._notifications = notifications

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
        # The fields are JSON the spec (or the crawler message schema) validated; the
        # client's id is its own, never ours.
        posted = {name: value for name, value in fields.items() if name not in EXTERNAL_ID_NAMES}
        document = cast(Recommendation, with_checked_isbn(posted))
        document["kind"] = fields.get("kind") or UNKNOWN
        client_id = external_id(fields)
        if client_id is not None:
            document["external_id"] = client_id
        if not document.get("artist"):
            document.pop("artist", None)
            artist = artist_from_title(document["kind"], document["title"])
            if artist:
                document["artist"] = artist
        document["created_at"] = _timestamp(fields, "created_at") or now
        # The source's own times, kept; ours is `indexed_at`.
        document["updated_at"] = _timestamp(fields, "updated_at") or document["created_at"]
        document["indexed_at"] = now
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
        sent_update = _timestamp(changes, "updated_at")

        def apply(current: Recommendation) -> Recommendation:
            nonlocal relookup
            now = utc_now()
            changed = cast(Recommendation, {**current, **checked, "indexed_at": now})
            changed["updated_at"] = sent_update or now
            if "kind" in changes:
                # The client named it (`unknown` asks recindex to place the work again).
                changed.pop("kind_inferred_from", None)
            if KEY_FIELDS.intersection(changes):
                # Only then: a kind recindex inferred is no part of the key (`posted_kind`).
                changed["dedup_key"] = duplicate_key(changed)
            relookup = any(changed.get(field) != current.get(field) for field in WORK_FIELDS)
            if relookup:
                changed["links_status"] = "pending"
            if changed.get("reclink") != current.get("reclink"):
                _forget_the_old_reclink(changed)
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
        """A person's correction: kept by every later lookup, and told of as links are."""
        manual: Link = {
            **correction,
            "status": "found",
            "method": "manual",
            "confidence": 1.0,
            "checked_at": utc_now(),
        }
        corrected = self._index.set_links(recommendation_id, {platform: manual})
        self._notifications.links_stored(corrected)
        return corrected
