"""`/recommendations`: store, read, change, delete and search."""

from __future__ import annotations

from typing import Any

from connexion.lifecycle import ConnexionResponse
from injector import inject

from api.caching import conditional_json
from api.offload import PointReads
from api.responses import Response, json_response
from services.index import SearchQuery
from services.model import public_view
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
        limit: int = 20,
        cursor: str | None = None,
    ) -> ConnexionResponse:
        page = self._service.search(
            SearchQuery(
                q=q,
                user=user,
                kind=kind,
                platform=platform,
                external_id=external_id,
                limit=limit,
                cursor=cursor,
            )
        )
        items = [public_view(item) for item in page.items]
        return conditional_json(
            {"items": items, "total": page.total, "next_cursor": page.next_cursor}
        )
