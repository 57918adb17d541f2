"""Where a film or series streams, from TMDB v3: search, then the title's watch providers.

TMDB's watch providers are JustWatch's data, and TMDB's terms require crediting
JustWatch wherever they are shown: every result that carries provider links also
carries `attribution`. TMDB gives no deep links into Netflix & co., only its own
JustWatch-powered "where to watch" page for the country, so that page is the
`url` of every provider link. Only ways to watch without buying the title are
links (`flatrate`, `free`, `ads`): a store that rents it is not "on" that platform.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from anyascii import anyascii

from services.dedup import fold_text
from services.links.matching.agreement import core_title, similarity
from services.links.matching.candidates import THRESHOLD
from services.links.matching.confidence import EXACT_NAMES, YEAR_AGREES
from services.links.platforms.provider import BaseProvider, year_of
from services.links.query import JUSTWATCH_ATTRIBUTION, ProviderResult, Query, found
from services.model import SCREEN_KINDS, LinkMethod
from services.platforms import tmdb_platform
from services.providers.guard import Broken
from services.providers.tmdb import TmdbApi

Item = dict[str, Any]

SITE = "https://www.themoviedb.org"
POSTER_BASE = "https://image.tmdb.org/t/p/w500"
CATEGORIES = ("flatrate", "free", "ads")
MAX_OTHER_PLATFORMS = 50
TITLE_SIMILARITY = 0.9
SEARCH_CEILING = EXACT_NAMES + YEAR_AGREES
"""A title found by a search, its year agreeing, is proven at most so (never 1.0)."""
AMBIGUITY_VOTES = 3
"""Without a year, the most-voted of same-titled works wins only by this factor."""

_FIELDS = {
    # kind -> (path, title, original title, date, year filter)
    "movie": ("movie", "title", "original_title", "release_date", "year"),
    "series": ("tv", "name", "original_name", "first_air_date", "first_air_date_year"),
}
# A search from every start; each fails within six characters unless it ends the title.
_YEAR_AT_END = re.compile(r"[\(\[](?P<year>(?:18|19|20)\d\d)[\)\]]$")
# "Netflix basic with Ads" is Netflix; "Amazon Prime Video with Ads" is Prime Video.
_WITH_ADS = re.compile(r"(?<!\s)\s+(?:basic\s+|standard\s+)?with\s+ads$")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


class TmdbProvider(BaseProvider):
    """`tmdb` (the title itself) and one link per streaming platform in the country; the
    providers off the closed list (`services.platforms`) by name in `tmdb`'s
    `other_platforms`."""

    name = "tmdb"
    platforms = ("tmdb",)
    kinds = SCREEN_KINDS

    def __init__(self, api: TmdbApi | None) -> None:
        super().__init__(None if api else "TMDB_API_KEY is not set")
        self._api = api

    @property
    def configured(self) -> bool:
        """Whether there is a key to ask TMDB with."""
        return self._api is not None

    def lookup(self, query: Query) -> ProviderResult:
        query = with_title_year(query)
        path, _, _, _, year_filter = _FIELDS[query.kind]
        params: dict[str, Any] = {"query": query.title, "include_adult": "false"}
        if query.year:
            params[year_filter] = query.year
        items = _results(self._get(f"search/{path}", params))
        match = best_title(query, items)
        if match is None:
            return self._not_found()
        item, confidence = match
        return self.title_result(query, item, confidence, "search")

    def title_result(
        self, query: Query, item: Item, confidence: float, method: LinkMethod
    ) -> ProviderResult:
        """The links of a title TMDB knows (`item`, a search result or the title itself):
        its TMDB page and the platforms that stream it in the query's country."""
        path, title_field, _, _, _ = _FIELDS[query.kind]
        ident, title = item["id"], str(item.get(title_field) or query.title)
        page = f"{SITE}/{path}/{ident}"
        links = {
            "tmdb": found(
                page,
                external_id=str(ident),
                title=title,
                artist=None,
                confidence=confidence,
                method=method,
            )
        }
        answer = self._get(f"{path}/{ident}/watch/providers", {}, missing_ok=True) or {}
        country = (answer.get("results") or {}).get(query.country) or {}
        watch_page = country.get("link") or f"{page}/watch?locale={query.country}"
        others: list[str] = []  # providers off the closed list of platforms, by name
        for category in CATEGORIES:
            for entry in country.get(category) or []:
                name, provider_id = entry.get("provider_name"), entry.get("provider_id")
                platform = tmdb_platform(platform_name(name, provider_id), provider_id)
                if platform is None:
                    other = " ".join(str(name or f"TMDB provider {provider_id}").split())
                    if other not in others and len(others) < MAX_OTHER_PLATFORMS:
                        others.append(other[:100])
                elif platform not in links:
                    links[platform] = found(
                        watch_page,
                        external_id=str(ident),
                        title=title,
                        artist=None,
                        confidence=confidence,
                        method="search",
                    )
        if others:
            links["tmdb"]["other_platforms"] = others
        poster = item.get("poster_path")
        return ProviderResult(
            links=links,
            cover_img=f"{POSTER_BASE}{poster}" if isinstance(poster, str) and poster else None,
            attribution=JUSTWATCH_ATTRIBUTION if len(links) > 1 or others else None,
        )

    def _get(self, path: str, params: dict[str, Any], missing_ok: bool = False) -> Any:
        api = self._api
        assert api is not None
        try:
            return api.get(path, params, missing_ok=missing_ok)
        except Broken as fault:
            if fault.detail.startswith("HTTP 401"):
                # TMDB answers `{"status_code": 7, "status_message": "Invalid API key..."}`.
                raise Broken("TMDB refused TMDB_API_KEY (HTTP 401)") from None
            raise


def best_title(query: Query, items: list[Item]) -> tuple[Item, float] | None:
    """The title asked for, by title similarity and year; None when unsure.

    Same-titled works (remakes) are told apart by the year; without one, the most
    voted wins only when it clearly dominates, else nothing is claimed.
    """
    scored = sorted(((title_score(query, item), item) for item in items), key=lambda pair: -pair[0])
    passing = [(value, item) for value, item in scored if value >= THRESHOLD]
    if not passing:
        return None
    if len(passing) > 1 and not query.year:
        passing.sort(key=lambda pair: -_votes(pair[1]))
        if _votes(passing[0][1]) < AMBIGUITY_VOTES * max(1, _votes(passing[1][1])):
            return None
    value, item = passing[0]
    return item, min(SEARCH_CEILING, value)


def title_score(query: Query, item: Item) -> float:
    """0..1: title (or original title) similarity, adjusted by the year when one is asked."""
    _, title_field, original_field, date_field, _ = _FIELDS[query.kind]
    titles = [str(item.get(field) or "") for field in (title_field, original_field)]
    wanted = core_title(query.title)
    value = (
        max(similarity(wanted, core_title(title)) for title in titles if title)
        if any(titles)
        else 0.0
    )
    if value < TITLE_SIMILARITY:
        return 0.0
    year = year_of(item.get(date_field))
    if not query.year:
        return value * 0.95  # a title alone is never quite certain
    if year is None:
        return value * 0.85
    gap = abs(query.year - year)
    if gap > 1:
        return 0.0
    return value - 0.05 * gap


def with_title_year(query: Query) -> Query:
    """A trailing year is the year: TMDB finds no "Heat (1995)", but "Heat" of 1995."""
    found_year = _YEAR_AT_END.search(query.title)
    title = query.title[: found_year.start()].strip() if found_year else ""
    if not found_year or not title:
        return query
    return replace(query, title=title, year=query.year or int(found_year["year"]))


def platform_name(name: Any, provider_id: Any) -> str:
    """A TMDB provider as a platform name: "Amazon Prime Video" -> `amazon_prime_video`."""
    text = _WITH_ADS.sub("", fold_text(anyascii(str(name or ""))))
    text = text.replace("+", " plus ")
    slug = _NOT_SLUG.sub("_", text).strip("_")[:40].strip("_")
    return slug or f"tmdb_{provider_id}"


def _results(answer: Any) -> list[Item]:
    if not isinstance(answer, dict) or not isinstance(answer.get("results"), list):
        raise Broken("malformed answer from tmdb")
    return [item for item in answer["results"] if isinstance(item, dict) and item.get("id")]


def _votes(item: Item) -> float:
    value = item.get("vote_count") or 0
    return float(value) if isinstance(value, int | float) else 0.0
