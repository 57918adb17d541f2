"""Pages to share, as HTML a person opens from a chat: `/r/{id}`, a stored recommendation."""

from __future__ import annotations

from connexion import request
from connexion.lifecycle import ConnexionResponse
from injector import inject

from api.caching import conditional
from api.offload import PointReads
from services.errors import NotFound
from services.pages.render import HTML_TYPE, not_found_page, page_headers, share_page
from services.pages.view import page_of_recommendation
from services.recommendations import RecommendationService


class Pages:
    """Handlers of the pages to share (the spec has validated every argument)."""

    @inject
    def __init__(self, service: RecommendationService, point_reads: PointReads) -> None:
        self._service = service
        self._point_reads = point_reads

    async def recommendation(self, id: str) -> ConnexionResponse:  # noqa: A002 - the spec's name
        try:
            found = await self._point_reads.run(self._service.get, id)
        except NotFound:
            # A person followed the link: a page that says so, not a problem document.
            return html_response(not_found_page(), 404)
        page = share_page(page_of_recommendation(found), own_url())
        return conditional(page.encode(), HTML_TYPE, page_headers())


def own_url() -> str:
    """This page's absolute address, as the client asked for it (without a query)."""
    return str(request.url.replace(query="", fragment=""))


def html_response(html: str, status: int) -> ConnexionResponse:
    return ConnexionResponse(
        status_code=status, body=html.encode(), content_type=HTML_TYPE, headers=page_headers()
    )
