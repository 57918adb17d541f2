"""A Google Books API v1 stand-in: the volumes search (`/books/v1/volumes?q=…`).

Answers Google's documented JSON: `{"kind": "books#volumes", "totalItems", "items"}`,
with `items` left out when nothing is found, each volume (`volume(...)`) one edition
with its `volumeInfo` (title, subtitle, authors, publishedDate, industryIdentifiers,
imageLinks, links). The query's `intitle:` terms must all be in a volume's title or
subtitle, `inauthor:` ones in one author's name, `isbn:` one of its ISBNs (either
form), free words anywhere; results come in catalogue order. Errors come in Google's
envelope: a wrong key is 400 `keyInvalid`, a request without `country` 403
`unknownLocation` (Google cannot always place the caller), and `rate_limited()`,
`daily_limit_exceeded()`, `per_day_quota()` are its throttling answers.
"""

from __future__ import annotations

import re
from typing import Any

from services.isbn import isbn_forms
from standins.catalog import words
from standins.server import Reply, Request, StandIn
from standins.youtube import error

Item = dict[str, Any]

_TERM = re.compile(r'(?:(\w+):)?(?:"([^"]*)"|(\S+))')


def volume(
    ident: str,
    title: str,
    authors: tuple[str, ...] | str,
    date: str | None,
    *,
    subtitle: str = "",
    isbns: tuple[str, ...] = (),
    cover: bool = True,
) -> Item:
    """One edition as a `books#volume`; `isbns` are ISBN-13s (an ISBN-10 is added for
    the 978 range, as Google lists both)."""
    content = f"http://books.google.com/books/content?id={ident}&printsec=frontcover"
    info: Item = {
        "title": title,
        "authors": [authors] if isinstance(authors, str) else list(authors),
        "publisher": "A Publisher",
        "description": "",
        "industryIdentifiers": [
            {"type": "ISBN_13" if len(form) == 13 else "ISBN_10", "identifier": form}
            for isbn in isbns
            for form in isbn_forms(isbn)
        ],
        "readingModes": {"text": False, "image": False},
        "pageCount": 320,
        "printType": "BOOK",
        "maturityRating": "NOT_MATURE",
        "language": "en",
        "previewLink": f"http://books.google.com/books?id={ident}&printsec=frontcover&source=gbs_api",
        "infoLink": f"http://books.google.com/books?id={ident}&source=gbs_api",
        "canonicalVolumeLink": f"https://books.google.com/books/about/x.html?id={ident}",
    }
    if date is not None:
        info["publishedDate"] = date
    if subtitle:
        info["subtitle"] = subtitle
    if cover:
        info["imageLinks"] = {
            "smallThumbnail": f"{content}&img=1&zoom=5&edge=curl&source=gbs_api",
            "thumbnail": f"{content}&img=1&zoom=1&edge=curl&source=gbs_api",
        }
    return {
        "kind": "books#volume",
        "id": ident,
        "etag": f"etag-{ident}",
        "selfLink": f"https://www.googleapis.com/books/v1/volumes/{ident}",
        "volumeInfo": info,
        "saleInfo": {"country": "US", "saleability": "NOT_FOR_SALE", "isEbook": False},
        "accessInfo": {"country": "US", "viewability": "NO_PAGES", "embeddable": False},
    }


def rate_limited() -> Reply:
    return error(429, "rateLimitExceeded", "Rate Limit Exceeded", "usageLimits")


def daily_limit_exceeded() -> Reply:
    return error(403, "dailyLimitExceeded", "Daily Limit Exceeded", "usageLimits")


def per_day_quota() -> Reply:
    """Google's newer answer to a spent day: a 429 `rateLimitExceeded` naming the day."""
    message = (
        "Quota exceeded for quota metric 'Queries' and limit 'Queries per day' of service "
        "'books.googleapis.com' for consumer 'project_number:1'."
    )
    return error(429, "rateLimitExceeded", message, "global")


def backend_error() -> Reply:
    return error(503, "backendError", "Backend Error", "global")


class GoogleBooksStandIn:
    """`volumes` answer searches; with `key` set, a request with another key is refused
    (one without a key is served, as Google serves anonymous callers)."""

    def __init__(self, volumes: list[Item] | None = None, key: str | None = None) -> None:
        self.volumes: list[Item] = list(volumes or [])
        self.key = key
        self.standin = StandIn("google_books")
        self.standin.route("GET", "/books/v1/volumes")(self._volumes)

    @property
    def api_url(self) -> str:
        return self.standin.url + "/books/v1"

    def searches(self) -> list[Request]:
        return self.standin.requests_to("/volumes$")

    def _volumes(self, request: Request) -> Reply:
        sent = request.headers.get("x-goog-api-key") or request.query.get("key")
        if sent is not None and sent != self.key:
            return error(
                400, "keyInvalid", "API key not valid. Please pass a valid API key.", "global"
            )
        if not request.query.get("country"):
            message = "Cannot determine user location for geographically restricted operation."
            return error(403, "unknownLocation", message, "global")
        terms = _terms(request.query.get("q", ""))
        found = [item for item in self.volumes if terms and _matches(item, terms)]
        limit = int(request.query.get("maxResults") or 10)
        body: Item = {"kind": "books#volumes", "totalItems": len(found)}
        if found:
            body["items"] = found[:limit]
        return Reply(body)


def _terms(q: str) -> list[tuple[str, str]]:
    return [(field or "", quoted or bare) for field, quoted, bare in _TERM.findall(q)]


def _matches(item: Item, terms: list[tuple[str, str]]) -> bool:
    info = item["volumeInfo"]
    title = words(f"{info['title']} {info.get('subtitle', '')}")
    authors = [words(name) for name in info["authors"]]
    isbns = {entry["identifier"] for entry in info["industryIdentifiers"]}
    everything = title.union(*authors)
    for field, value in terms:
        wanted = words(value)
        held = {
            "intitle": wanted <= title,
            "inauthor": any(wanted <= name for name in authors),
            "isbn": value.replace("-", "") in isbns,
        }.get(field, wanted <= everything)
        if not held:
            return False
    return True
