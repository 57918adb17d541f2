"""TIDAL's catalogue (`providers.tidal`): tracks by ISRC, albums by barcode, else a search.

TIDAL's search takes free text only (no field filters, unlike Spotify's and Deezer's):
artist and title are asked together and matching chooses among what comes back, decoys
included; the broader pass asks the same search with the artist's other names and
matches by the broad rules. Its answers carry the identifiers, so a match gives ISRC or
UPC to the others without another call.
"""

from __future__ import annotations

from injector import inject

from services.links.matching.model import Candidate
from services.links.platforms.provider import (
    BaseProvider,
    broad_choice,
    by_identifier,
    first_choice,
    upc_variants,
    year_of,
)
from services.links.query import ProviderResult, Query, found
from services.model import LinkMethod
from services.providers.tidal import Kind, TidalApi, TidalItem

WEB = "https://tidal.com/browse"


def web_url(kind: str, item_id: str) -> str:
    """The page a TIDAL track or album is shared as (`tidal.com/browse/track/ID`)."""
    return f"{WEB}/{kind}/{item_id}"


def app_uri(kind: str, item_id: str) -> str:
    """The deep link TIDAL's apps open (`tidal://track/ID`)."""
    return f"tidal://{kind}/{item_id}"


class TidalProvider(BaseProvider):
    """Gives ISRC (tracks) and UPC (albums) to the others, and looks works up by them."""

    name = "tidal"
    platforms = ("tidal",)
    kinds = frozenset({"album", "track"})
    gives_identifiers = True
    uses_identifiers = True

    @inject
    def __init__(self, api: TidalApi) -> None:
        super().__init__(None if api.has_credentials else "TIDAL_CLIENT_ID/SECRET are not set")
        self._api = api

    def lookup(self, query: Query) -> ProviderResult:
        kind: Kind = "album" if query.kind == "album" else "track"
        if query.identifier:
            result = self._by_identifier(query, kind)
            if result is not None:
                return result

        def free_text(text: str) -> list[Candidate[TidalItem]]:
            return [_candidate(item) for item in self._api.search(kind, text, query.country)]

        def search(artist: str, title: str) -> list[Candidate[TidalItem]]:
            return free_text(f"{artist} {title}".strip())

        choice = first_choice(query, search, again=query.broad)
        if query.broad and not (choice.match or choice.ambiguous):
            choice = broad_choice(query, free_text)
        if choice.match is None or choice.match[0].item is None:
            return self._not_found(choice)
        return self._result(choice.match[0].item, choice.match[1], "search")

    def _by_identifier(self, query: Query, kind: Kind) -> ProviderResult | None:
        """What the identifier finds; None (search instead) when it finds nothing, or a
        work that contradicts the post (the match that gave it was wrong)."""
        method: LinkMethod = "upc" if kind == "album" else "isrc"
        values = upc_variants(query.upc or "") if kind == "album" else [query.isrc or ""]
        for value in values:
            if kind == "album":
                items = self._api.by_barcode(value, query.country)
            else:
                items = self._api.by_isrc(value, query.country)
            if items:
                item = items[0]
                confidence = by_identifier(query, _candidate(item), query.identifier_proof)
                return None if confidence is None else self._result(item, confidence, method)
        return None

    def _result(self, item: TidalItem, confidence: float, method: LinkMethod) -> ProviderResult:
        link = found(
            web_url(item.kind, item.id),
            external_id=item.id,
            title=item.full_title,
            artist=", ".join(item.artists) or None,
            confidence=confidence,
            method=method,
            app_uri=app_uri(item.kind, item.id),
        )
        return ProviderResult(
            links={"tidal": link},
            isrc=item.isrc,
            upc=item.barcode,
            cover_img=item.cover,
            title=item.full_title,
            duration_ms=item.duration_ms if item.kind == "track" else None,
            year=year_of(item.release_date) if item.kind == "album" else None,
            track_count=item.track_count if item.kind == "album" else None,
        )


def _candidate(item: TidalItem) -> Candidate[TidalItem]:
    return Candidate(
        title=item.full_title,
        artists=item.artists,
        year=year_of(item.release_date),
        duration_ms=item.duration_ms if item.kind == "track" else None,
        record_type=(item.album_type or "").lower() or None,
        album=item.album,
        track_count=item.track_count if item.kind == "album" else None,
        item=item,
    )
