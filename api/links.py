"""`/links` and the links of one recommendation: look up, look up again, correct."""

from __future__ import annotations

from typing import Any

from injector import inject

from api.anonymous import AnonymousCallers
from api.bulkhead import Bulkhead
from api.responses import Response, json_response
from services.errors import MissingParameter
from services.links.finder import FoundLinks
from services.links.pages import SharePages
from services.links.service import LinkService
from services.model import public_view


class Links:
    """Handlers of `/links` and `/recommendations/{id}/lookup|links` (validated by the spec)."""

    @inject
    def __init__(
        self,
        service: LinkService,
        providers: Bulkhead,
        anonymous: AnonymousCallers,
        pages: SharePages,
    ) -> None:
        self._service = service
        self._providers = providers
        self._anonymous = anonymous
        self._pages = pages

    async def find(
        self,
        title: str | None = None,
        url: str | None = None,
        kind: str = "album",
        artist: str | None = None,
        country: str | None = None,
        isrc: str | None = None,
        upc: str | None = None,
        year: int | None = None,
        isbn: str | None = None,
        user: str | None = None,
    ) -> Response:
        if url is None and not title:
            raise MissingParameter("title", "url")
        # `user` is the key's subject; None only when the operator allows anonymous callers.
        keyed = self._anonymous.keyed(user)
        # On the providers' own threads: a hanging provider never holds the others.
        if url is not None:
            resolved = await self._providers.run(self._service.lookup_link, url, country, keyed)
            body = _links_body(resolved.found)
            body["work"] = resolved.source.work.view()
            body["page_url"] = self._pages.of_link(resolved.source.link)
            return json_response(body)
        found = await self._providers.run(
            self._service.lookup, kind, title or "", artist, country, isrc, upc, year, keyed, isbn
        )
        return json_response(_links_body(found))

    def lookup(self, id: str) -> Response:  # noqa: A002 - the spec's name
        return json_response(public_view(self._service.request_lookup(id)), 202)

    def correct(self, id: str, platform: str, body: dict[str, str]) -> Response:  # noqa: A002
        return json_response(public_view(self._service.correct(id, platform, body)))


def _links_body(found: FoundLinks) -> dict[str, Any]:
    body: dict[str, Any] = {"links": found.links}
    if found.cover_img:
        body["cover_img"] = found.cover_img
    if found.attributions:
        body["attribution"] = "; ".join(found.attributions)
    return body
