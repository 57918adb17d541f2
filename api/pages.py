"""Pages to share, as HTML a person opens from a chat: `/r/{id}`, a stored recommendation;
`/s/{platform}/{kind}/{id}`, a work looked up by its link."""

from __future__ import annotations

from connexion import request
from connexion.lifecycle import ConnexionResponse
from injector import inject

from api.anonymous import AnonymousCallers, refuse_a_wrong_key
from api.bulkhead import Bulkhead
from api.caching import conditional
from api.offload import PointReads
from api.problems import explain
from services.errors import NotFound, RecindexError
from services.links.pages import SharePages
from services.links.service import LinkService
from services.links.sources.urls import link_of
from services.pages.render import (
    HTML_TYPE,
    message_page,
    not_found_page,
    page_headers,
    share_page,
)
from services.pages.view import page_of_recommendation, page_of_work
from services.recommendations import RecommendationService

CLOSED = (
    "Not open to visitors",
    "This server looks works up by their links only for its own clients, so it has no"
    " page to show here. Ask whoever shared the link for the platform's own link.",
)


class Pages:
    """Handlers of the pages to share (the spec has validated every argument)."""

    @inject
    def __init__(
        self,
        recommendations: RecommendationService,
        point_reads: PointReads,
        links: LinkService,
        providers: Bulkhead,
        anonymous: AnonymousCallers,
        addresses: SharePages,
    ) -> None:
        self._recommendations = recommendations
        self._point_reads = point_reads
        self._links = links
        self._providers = providers
        self._anonymous = anonymous
        self._addresses = addresses

    async def recommendation(self, id: str) -> ConnexionResponse:  # noqa: A002 - the spec's name
        try:
            found = await self._point_reads.run(self._recommendations.get, id)
        except NotFound:
            # A person followed the link: a page that says so, not a problem document.
            return html_response(not_found_page(), 404)
        except RecindexError as error:
            return error_page(error)
        page = page_of_recommendation(found)
        html = share_page(page, self._addresses.of_recommendation(id))
        return conditional(html.encode(), HTML_TYPE, page_headers())

    async def work(
        self,
        platform: str,
        kind: str,
        id: str,  # noqa: A002 - the spec's name
        user: str | None = None,
    ) -> ConnexionResponse:
        # `user` is the key's subject. Without a key, opening the page looks the work up
        # only where `GET /links` would (LINKS_ANONYMOUS_RATE_LIMIT), counted the same way.
        if user is None and not self._anonymous.allowed:
            refuse_a_wrong_key()  # a program's wrong key: its problem+json 401
            return html_response(message_page(*CLOSED), 401)
        try:
            link = link_of(platform, kind, id)
            keyed = self._anonymous.keyed(user)
            resolved = await self._providers.run(self._links.resolve_link, link, None, keyed)
        except RecindexError as error:
            return error_page(error)
        work = resolved.source.work
        page = page_of_work(
            kind=work.kind,
            title=work.title,
            artist=work.artist,
            cover=work.cover or resolved.found.cover_img,
            links=resolved.found.links,
            attribution="; ".join(resolved.found.attributions) or None,
        )
        html = share_page(page, self._addresses.of_link(link))
        return conditional(html.encode(), HTML_TYPE, page_headers())


def error_page(error: RecindexError) -> ConnexionResponse:
    """What `GET /links` or a read would answer as a problem, as a page for a person: the
    same status, title, detail and `Retry-After`."""
    explained = explain(error, request.url.path)
    if explained is None:
        raise error
    retry = {k: v for k, v in explained.headers.items() if k == "Retry-After"}
    page = message_page(explained.title, explained.detail)
    return html_response(page, explained.status, retry)


def html_response(
    html: str, status: int, headers: dict[str, str] | None = None
) -> ConnexionResponse:
    return ConnexionResponse(
        status_code=status,
        body=html.encode(),
        content_type=HTML_TYPE,
        headers={**page_headers(), **(headers or {})},
    )
