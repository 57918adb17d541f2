"""When a recommendation's found links change, an event is handed to the outbox."""

from __future__ import annotations

import logging

from injector import inject

from services.errors import IndexUnavailable, NotFound
from services.index import RecommendationIndex
from services.model import Recommendation
from services.webhooks.events import LinksEvent, links_changed, links_fingerprint
from services.webhooks.outbox import Outbox

log = logging.getLogger(__name__)


class LinkNotifications:
    """Tells of links found or changed, at least once.

    The document keeps which found links it last handed over (`links_notified`, never
    served), written only once the outbox holds the event: an event that could not be
    handed over (`NotificationsUnavailable`, an outbox that cannot be written) fails the
    lookup that stored the links, and its next try finds the links still untold. So a
    lookup retried or run again tells what is new, and one that finds the same links
    again tells nothing.
    """

    @inject
    def __init__(self, index: RecommendationIndex, outbox: Outbox) -> None:
        self._index = index
        self._outbox = outbox

    def links_stored(self, recommendation: Recommendation) -> None:
        """Called with the document as a write of links left it."""
        if not self._outbox.active or not links_changed(recommendation):
            return
        event = LinksEvent.of(recommendation)
        self._outbox.put(event)
        told = links_fingerprint(recommendation)
        try:
            self._index.update(recommendation["id"], lambda doc: {**doc, "links_notified": told})
        except NotFound:
            pass  # deleted meanwhile: the event is on its way all the same
        except IndexUnavailable as error:
            # The event is handed over: the worst now is telling it once more later.
            log.warning(
                "notified links not recorded",
                extra={"recommendation_id": recommendation["id"], "error": str(error)},
            )
