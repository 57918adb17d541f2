"""A TMDB v3 stand-in: `/search/movie`, `/search/tv`, `/{movie,tv}/{id}` and
`/{movie,tv}/{id}/watch/providers`.

Answers TMDB's documented JSON: paged search results, watch providers per
country with the JustWatch-powered `link`, and `{"status_code": …}` errors.
"""

from __future__ import annotations

from typing import Any

from standins.server import Reply, Request, StandIn

Item = dict[str, Any]


def movie(ident: int, title: str, date: str, votes: int = 1000, poster: str | None = None) -> Item:
    return {
        "adult": False,
        "id": ident,
        "title": title,
        "original_title": title,
        "original_language": "en",
        "release_date": date,
        "poster_path": poster,
        "popularity": votes / 100,
        "vote_count": votes,
        "vote_average": 7.5,
        "overview": "",
        "genre_ids": [18],
    }


def series(ident: int, name: str, date: str, votes: int = 1000, poster: str | None = None) -> Item:
    return {
        "id": ident,
        "name": name,
        "original_name": name,
        "original_language": "en",
        "first_air_date": date,
        "poster_path": poster,
        "popularity": votes / 100,
        "vote_count": votes,
        "vote_average": 8.0,
        "overview": "",
        "origin_country": ["US"],
    }


def provider(ident: int, name: str, priority: int = 1) -> Item:
    return {
        "logo_path": f"/logo{ident}.jpg",
        "provider_id": ident,
        "provider_name": name,
        "display_priority": priority,
    }


def status_error(http_status: int, code: int, message: str) -> Reply:
    """TMDB's error body, e.g. 401 `{"status_code": 7, "status_message": "Invalid API key…"}`."""
    body = {"success": False, "status_code": code, "status_message": message}
    return Reply(body, status=http_status)


def invalid_key() -> Reply:
    return status_error(401, 7, "Invalid API key: You must be granted a valid key.")


class TmdbStandIn:
    """`movies`/`tv` answer searches (filtered by `year`/`first_air_date_year`);
    `providers[(path, id)]` is the `results` of a title's watch providers."""

    def __init__(self) -> None:
        self.standin = StandIn("tmdb")
        self.movies: list[Item] = []
        self.tv: list[Item] = []
        self.providers: dict[tuple[str, int], dict[str, Item]] = {}
        self.standin.route("GET", "/3/search/(?P<path>movie|tv)")(self._search)
        self.standin.route("GET", r"/3/(?P<path>movie|tv)/(?P<id>\d+)/watch/providers")(
            self._providers
        )
        self.standin.route("GET", r"/3/(?P<path>movie|tv)/(?P<id>\d+)")(self._title)

    @property
    def api_url(self) -> str:
        return self.standin.url + "/3"

    def _search(self, request: Request) -> Reply:
        if not _authorized(request):
            return invalid_key()
        path = request.match["path"]
        items = self.movies if path == "movie" else self.tv
        year = request.query.get("year" if path == "movie" else "first_air_date_year")
        date_field = "release_date" if path == "movie" else "first_air_date"
        words = request.query["query"].lower().split()
        found = [
            item
            for item in items
            if all(word in str(item.get("title") or item.get("name")).lower() for word in words)
            and (not year or str(item.get(date_field, "")).startswith(year))
        ]
        return Reply({"page": 1, "results": found, "total_pages": 1, "total_results": len(found)})

    def _title(self, request: Request) -> Reply:
        """A film's or series' details: its search result's fields and a few more."""
        if not _authorized(request):
            return invalid_key()
        items = self.movies if request.match["path"] == "movie" else self.tv
        item = next((i for i in items if i["id"] == int(request.match["id"])), None)
        if item is None:
            return status_error(404, 34, "The resource you requested could not be found.")
        extra: Item = {"genres": [{"id": 18, "name": "Drama"}], "status": "Released"}
        if request.match["path"] == "movie":
            extra.update(runtime=120, imdb_id="tt0000000", tagline="")
        else:
            extra.update(number_of_seasons=1, number_of_episodes=10, in_production=False)
        return Reply({**{k: v for k, v in item.items() if k != "genre_ids"}, **extra})

    def _providers(self, request: Request) -> Reply:
        key = (request.match["path"], int(request.match["id"]))
        if key not in self.providers:
            return status_error(404, 34, "The resource you requested could not be found.")
        return Reply({"id": key[1], "results": self.providers[key]})


def _authorized(request: Request) -> bool:
    """The stand-in's key (`tmdb-key`) in `api_key`, or a read access token."""
    bearer = request.headers.get("authorization", "").startswith("Bearer ")
    return request.query.get("api_key") == "tmdb-key" or bearer


def country(path: str, ident: int, locale: str, **categories: list[Item]) -> Item:
    """One country's entry: TMDB's own "where to watch" page, then the categories."""
    return {
        "link": f"https://www.themoviedb.org/{path}/{ident}-title/watch?locale={locale}",
        **categories,
    }
