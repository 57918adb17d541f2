"""Deezer's public API (no key): field search, `/track/isrc:…` and `/album/upc:…`."""

from __future__ import annotations

from typing import Any

from injector import inject

from services.links.matching.candidates import best, choose
from services.links.matching.model import Candidate, Choice
from services.links.platforms.provider import (
    BaseProvider,
    broad_choice,
    by_identifier,
    first_choice,
    quoted,
    upc_variants,
    year_of,
)
from services.links.query import ProviderResult, Query, found
from services.model import LinkMethod
from services.providers.deezer import DeezerApi
from services.providers.guard import Broken, Fault

Item = dict[str, Any]

MOST_DATED = 6
"""Same-named candidates dated one page each at most (an artist's self-titled albums)."""


class DeezerProvider(BaseProvider):
    """Gives ISRC and UPC; answers errors as HTTP 200 with `{"error": {"code": …}}`."""

    name = "deezer"
    platforms = ("deezer",)
    gives_identifiers = True
    uses_identifiers = True

    @inject
    def __init__(self, api: DeezerApi) -> None:
        super().__init__()
        self._api = api

    def lookup(self, query: Query) -> ProviderResult:
        if query.kind == "artist":
            return self._artist(query)
        if query.identifier:
            result = self._by_identifier(query)
            if result is not None:
                return result
        field = "album" if query.kind == "album" else "track"

        def search(artist: str, title: str) -> list[Candidate[Item]]:
            q = f"{field}:{quoted(title)}"
            if artist:
                q = f"artist:{quoted(artist)} {q}"
            items = self._data(self._get(f"search/{field}", {"q": q, "limit": 25}))
            return [_candidate(item, field) for item in items]

        def free_text(text: str) -> list[Candidate[Item]]:
            items = self._data(self._get(f"search/{field}", {"q": text, "limit": 25}))
            return [_candidate(item, field) for item in items]

        choice = first_choice(query, search, again=query.broad)
        if query.broad and not (choice.match or choice.ambiguous):
            choice = broad_choice(query, free_text)
        choice = self._dated(query, choice, field)
        if choice.match is None:
            return self._not_found(choice)
        item = choice.match[0].item or {}
        full = item if "release_date" in item else None
        return self._result(query, item, choice.match[1], "search", full=full)

    def _dated(self, query: Query, choice: Choice[Item], field: str) -> Choice[Item]:
        """Deezer's search answers carry no year: same-named candidates that a year may
        tell apart are chosen again with their album or track page's year."""
        if not choice.tied or len(choice.tied) > MOST_DATED:
            return choice
        dated = [{**c.item, **self._detail(field, c.item["id"])} for c in choice.tied if c.item]
        return choose(query, [_candidate(item, field) for item in dated])

    def _by_identifier(self, query: Query) -> ProviderResult | None:
        if query.kind == "album":
            paths = [f"album/upc:{value}" for value in upc_variants(query.upc or "")]
        else:
            paths = [f"track/isrc:{query.isrc}"]
        for path in paths:
            item = self._get(path, {})
            if item and item.get("id"):
                field = "album" if query.kind == "album" else "track"
                found = _candidate(item, field)
                confidence = by_identifier(query, found, query.identifier_proof)
                if confidence is None:
                    return None
                method: LinkMethod = "upc" if query.kind == "album" else "isrc"
                return self._result(query, item, confidence, method, full=item)
        return None

    def _artist(self, query: Query) -> ProviderResult:
        items = self._data(self._get("search/artist", {"q": query.title, "limit": 10}))
        match = best(query, [Candidate(title=item["name"], item=item) for item in items])
        if match is None:
            return self._not_found()
        item = match[0].item or {}
        link = found(
            item["link"],
            external_id=str(item["id"]),
            title=item["name"],
            artist=item["name"],
            confidence=match[1],
            method="search",
            app_uri=f"deezer://www.deezer.com/artist/{item['id']}",
        )
        return ProviderResult(links={"deezer": link}, cover_img=item.get("picture_xl"))

    def _result(
        self,
        query: Query,
        item: Item,
        confidence: float,
        method: LinkMethod,
        full: Item | None = None,
    ) -> ProviderResult:
        kind = "album" if query.kind == "album" else "track"
        # Search answers carry no ISRC/UPC; the item itself does.
        detail = full if full is not None else self._detail(kind, item["id"])
        album = item.get("album") or {}
        link = found(
            item["link"],
            external_id=str(item["id"]),
            title=item["title"],
            artist=(item.get("artist") or {}).get("name"),
            confidence=confidence,
            method=method,
            app_uri=f"deezer://www.deezer.com/{kind}/{item['id']}",
        )
        cover = item.get("cover_xl") if kind == "album" else album.get("cover_xl")
        return ProviderResult(
            links={"deezer": link},
            isrc=detail.get("isrc") if kind == "track" else None,
            upc=detail.get("upc") if kind == "album" else None,
            cover_img=cover,
            title=item["title"],
            duration_ms=item["duration"] * 1000 if item.get("duration") else None,
            year=year_of(detail.get("release_date")) if kind == "album" else None,
            track_count=detail.get("nb_tracks") if kind == "album" else None,
        )

    def _detail(self, kind: str, item_id: object) -> Item:
        """The full album or track, for its identifier; the match stands without it."""
        try:
            detail = self._get(f"{kind}/{item_id}", {})
        except Fault:
            return {}
        return detail if isinstance(detail, dict) else {}

    def _get(self, path: str, params: dict[str, Any]) -> Any:
        return self._api.get(path, params, missing_ok=True)

    @staticmethod
    def _data(answer: Any) -> list[Item]:
        if answer is None:
            return []
        if not isinstance(answer, dict) or not isinstance(answer.get("data"), list):
            raise Broken("malformed answer from deezer")
        return [item for item in answer["data"] if isinstance(item, dict)]


def _candidate(item: Item, field: str) -> Candidate[Item]:
    album = item.get("album") or {}
    title = item["title"]
    if field == "track" and item.get("title_version") and item["title_version"] not in title:
        title = f"{title} {item['title_version']}"  # "(Live)" lives in title_version
    return Candidate(
        title=title,
        artists=[(item.get("artist") or {}).get("name", "")],
        year=year_of(item.get("release_date")),  # only on album and track pages
        duration_ms=item["duration"] * 1000 if item.get("duration") else None,
        record_type=item.get("record_type"),
        album=album.get("title") if field == "track" else None,
        track_count=item.get("nb_tracks") if field == "album" else None,
        item=item,
    )
