"""`/links` and the links of one recommendation: look up, look up again, correct."""

from __future__ import annotations

from typing import Any

from injector import inject

from api.anonymous import AnonymousCallers, client_address, refuse_a_wrong_key
from api.bulkhead import Bulkhead
from api.responses import Response, json_response
from services.links.service import LinkService
from services.model import public_view


class Links:
    """Handlers of `/links` and `/recommendations/{id}/lookup|links` (validated by the spec)."""

    @inject
    def __init__(
        self, service: LinkService, providers: Bulkhead, anonymous: AnonymousCallers
    ) -> None:
        self._service = service
        self._providers = providers
        self._anonymous = anonymous

    async def find(
        self,
        title: str,
        kind: str = "album",
        artist: str | None = None,
        country: str | None = None,
        isrc: str | None = None,
        upc: str | None = None,
        year: int | None = None,
        isbn: str | None = None,
        user: str | None = None,
    ) -> Response:
        # `user` is the key's subject; None only when the operator allows anonymous callers.
        keyed = user is not None
        if not keyed:
            refuse_a_wrong_key()
            self._anonymous.admit(client_address())
        # On the providers' own threads: a hanging provider never holds the others.
        found = await self._providers.run(
            self._service.lookup, kind, title, artist, country, isrc, upc, year, keyed, isbn
        )
        body: dict[str, Any] = {"links": found.links}
        if found.cover_img:
            body["cover_img"] = found.cover_img
        if found.attributions:
            body["attribution"] = "; ".join(found.attributions)
        return json_response(body)

    def lookup(self, id: str) -> Response:  # noqa: A002 - the spec's name
        return json_response(public_view(self._service.request_lookup(id)), 202)

    def correct(self, id: str, platform: str, body: dict[str, str]) -> Response:  # noqa: A002
        return json_response(public_view(self._service.correct(id, platform, body)))
