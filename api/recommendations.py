"""`/recommendations`: store, read, change, delete and search."""

from __future__ import annotations

from typing import Any

from connexion.exceptions import BadRequestProblem
from connexion.lifecycle import ConnexionResponse
from injector import inject

from api.caching import conditional_json
from api.offload import PointReads
from api.responses import Response, json_response
from services.index import Facet, SearchQuery, Sort
from services.model import public_view, to_utc
from services.recommendations import RecommendationService


def location(recommendation_id: str) -> str:
    return f"/recommendations/{recommendation_id}"


class Recommendations:
    """Handlers of `/recommendations` (the spec has validated every argument)."""

    @inject
    def __init__(self, service: RecommendationService, point_reads: PointReads) -> None:
        self._service = service
        self._point_reads = point_reads

    def create(self, body: dict[str, Any]) -> Response:
        created = self._service.create(body)
        return json_response(public_view(created), 201, Location=location(created["id"]))

    async def get(self, id: str) -> ConnexionResponse:  # noqa: A002 - the spec's name
        # The hottest call: async, so that an embedded-index read skips the thread hop.
        found = await self._point_reads.run(self._service.get, id)
        return conditional_json(public_view(found))

    def update(self, id: str, body: dict[str, Any]) -> Response:  # noqa: A002
        return json_response(public_view(self._service.update(id, body)))

    def delete(self, id: str) -> Response:  # noqa: A002
        self._service.delete(id)
        return None, 204, {}

    def search(
        self,
        q: str | None = None,
        user: str | None = None,
        kind: str | None = None,
        platform: str | None = None,
        external_id: str | None = None,
        created_after: str | None = None,
        created_before: str | None = None,
        sort: Sort | None = None,
        fuzzy: bool = True,
        facets: list[Facet] | None = None,
        highlight: bool = False,
        limit: int = 20,
        cursor: str | None = None,
    ) -> ConnexionResponse:
        query = SearchQuery(
            q=q,
            user=user,
            kind=kind,
            platform=platform,
            external_id=external_id,
            created_after=_moment("created_after", created_after),
            created_before=_moment("created_before", created_before),
            sort=sort,
            fuzzy=fuzzy,
            facets=tuple(dict.fromkeys(facets or ())),
            highlight=highlight,
            limit=limit,
            cursor=cursor,
        )
        page = self._service.search(query)
        body: dict[str, Any] = {
            "items": [public_view(item) for item in page.items],
            "total": page.total,
            "next_cursor": page.next_cursor,
        }
        if query.facets:
            body["facets"] = {
                name: [{"value": c.value, "count": c.count} for c in counts]
                for name, counts in page.facets.items()
            }
        if page.highlights is not None:
            body["highlights"] = page.highlights
        return conditional_json(body)

    def suggestions(self, q: str, limit: int = 10) -> ConnexionResponse:
        found = self._service.suggest(q, limit)
        return conditional_json(
            {"suggestions": [{"text": s.text, "field": s.field, "count": s.count} for s in found]}
        )


def _moment(name: str, timestamp: str | None) -> str | None:
    """A query's timestamp in the stored `…Z` form; one no date can hold (beyond year
    9999 in UTC) is a 400 naming the parameter."""
    if timestamp is None:
        return None
    try:
        return to_utc(timestamp)
    except (ValueError, OverflowError) as error:
        raise BadRequestProblem(detail=f"{name}: {error}") from None
