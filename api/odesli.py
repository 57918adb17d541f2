"""`GET /v1-alpha.1/links`: Odesli's (song.link's) API, for the clients written for it."""

from __future__ import annotations

from injector import inject

from api.anonymous import AnonymousCallers
from api.bulkhead import Bulkhead
from api.responses import Response, json_response
from services.links.odesli import odesli_answer, odesli_link
from services.links.pages import SharePages
from services.links.service import LinkService


class Odesli:
    """The handler of Odesli's one endpoint (validated by the spec)."""

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

    async def links(
        self,
        url: str | None = None,
        userCountry: str | None = None,
        platform: str | None = None,
        type: str | None = None,  # noqa: A002 - Odesli's name
        id: str | None = None,  # noqa: A002 - Odesli's name
        songIfSingle: bool | None = None,  # accepted, not applied (the spec says)
        key: str | None = None,
        user: str | None = None,
    ) -> Response:
        link = odesli_link(url, platform, type, id)
        # `user` is the key's subject (from X-API-Key or `key`); None only for anonymous callers.
        keyed = self._anonymous.keyed(user, key)
        country = (userCountry or self._service.country).upper()
        resolved = await self._providers.run(self._service.resolve_link, link, country, keyed)
        return json_response(odesli_answer(resolved, country, self._pages.of_link(link)))
