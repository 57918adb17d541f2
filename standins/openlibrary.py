"""An Open Library stand-in: the Search API (`/search.json`) and, on a host of its own as
on openlibrary.org, the Covers API (`/b/id/{id}-{S,M,L}.jpg`).

A search answers Open Library's documented JSON, `{"start", "num_found", "numFound",
"docs"}`, each work (`work(...)`) holding only the `fields` asked for, in catalogue
order (so decoys listed first rank first). `title=` matches works holding every word of
it in their title or subtitle, `author=` every word in one author's name, `isbn=` an
ISBN (either form) of one of its editions, `q=` every word anywhere. Like Open Library
it answers 403 (nginx's HTML page) to a client whose User-Agent names no contact, and
its throttling as `{"status": 429, "message": …}`. The Covers API answers a PNG for a
known cover; for another id a blank image, or 404 with `?default=false`.
"""

from __future__ import annotations

from typing import Any

from services.isbn import isbn_forms
from standins.catalog import words
from standins.images import png
from standins.server import Reply, Request, StandIn

Item = dict[str, Any]

FORBIDDEN_PAGE = (
    b"<html><head><title>403 Forbidden</title></head><body><center><h1>403 Forbidden</h1>"
    b"</center><hr><center>nginx</center></body></html>"
)


def work(
    ident: int,
    title: str,
    authors: tuple[str, ...] | str,
    year: int | None,
    *,
    subtitle: str = "",
    cover: int | None = None,
    editions: int = 1,
    isbns: tuple[str, ...] = (),
) -> Item:
    """A work as a search document: `key` `/works/OL{ident}W`; `isbns` are ISBN-13s, listed
    in both forms as Open Library does."""
    doc: Item = {
        "key": f"/works/OL{ident}W",
        "type": "work",
        "title": title,
        "author_name": [authors] if isinstance(authors, str) else list(authors),
        "author_key": [f"OL{ident}A"],
        "edition_count": editions,
        "isbn": [form for isbn in isbns for form in isbn_forms(isbn)],
        "language": ["eng"],
        "has_fulltext": False,
    }
    if year is not None:
        doc["first_publish_year"] = year
    if subtitle:
        doc["subtitle"] = subtitle
    if cover is not None:
        doc["cover_i"] = cover
    return doc


def throttled(retry_after: int | None = None) -> Reply:
    """Open Library's front refusing a client that asks too often."""
    body = {
        "status": 429,
        "message": "Too Many Requests. Consider using https://openlibrary.org/developers/dumps.",
    }
    headers = {"Retry-After": str(retry_after)} if retry_after is not None else {}
    return Reply(body, status=429, headers=headers)


def unavailable() -> Reply:
    page = b"<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>"
    return Reply(status=503, raw=page, headers={"Content-Type": "text/html"})


class OpenLibraryStandIn:
    """`works` answer searches; `covers` are the cover ids the Covers API knows."""

    def __init__(self, works: list[Item] | None = None) -> None:
        self.works: list[Item] = list(works or [])
        self.standin = StandIn("openlibrary")
        self.covers_standin = StandIn("openlibrary-covers")
        self.standin.route("GET", "/search.json")(self._search)
        self.covers_standin.route("GET", r"/b/id/(?P<id>\d+)-(?P<size>[SML])\.jpg")(self._cover)

    @property
    def api_url(self) -> str:
        return self.standin.url

    @property
    def covers_url(self) -> str:
        return self.covers_standin.url

    def searches(self) -> list[Request]:
        return self.standin.requests_to("/search.json$")

    def start(self) -> OpenLibraryStandIn:
        self.standin.start()
        self.covers_standin.start()
        return self

    def stop(self) -> None:
        self.standin.stop()
        self.covers_standin.stop()

    def _search(self, request: Request) -> Reply:
        agent = request.headers.get("user-agent", "")
        if "http" not in agent and "@" not in agent:
            return Reply(status=403, raw=FORBIDDEN_PAGE, headers={"Content-Type": "text/html"})
        found = [doc for doc in self.works if _matches(doc, request.query)]
        limit = int(request.query.get("limit") or 100)
        fields = request.query.get("fields", "*").split(",")
        docs = [_only(doc, fields) for doc in found[:limit]]
        body = {
            "numFound": len(found),
            "start": 0,
            "numFoundExact": True,
            "num_found": len(found),
            "q": request.query.get("q", ""),
            "offset": None,
            "docs": docs,
        }
        return Reply(body)

    def _cover(self, request: Request) -> Reply:
        known = {doc.get("cover_i") for doc in self.works}
        if int(request.match["id"]) in known:
            shade = int(request.match["id"]) % 200
            return Reply(raw=png(shade, 100, 200 - shade), headers={"Content-Type": "image/jpeg"})
        if request.query.get("default") == "false":
            return Reply(status=404, raw=b"Not Found", headers={"Content-Type": "text/plain"})
        return Reply(raw=png(255, 255, 255, size=1), headers={"Content-Type": "image/jpeg"})


def _matches(doc: Item, query: dict[str, str]) -> bool:
    title_words = words(f"{doc['title']} {doc.get('subtitle', '')}")
    everything = words(" ".join([doc["title"], doc.get("subtitle", ""), *doc["author_name"]]))
    checks = {
        "title": lambda wanted: words(wanted) <= title_words,
        "author": lambda wanted: any(words(wanted) <= words(n) for n in doc["author_name"]),
        "isbn": lambda wanted: wanted.replace("-", "") in doc["isbn"],
        "q": lambda wanted: words(wanted) <= everything,
    }
    asked = [(name, value) for name, value in query.items() if name in checks]
    return bool(asked) and all(checks[name](value) for name, value in asked)


def _only(doc: Item, fields: list[str]) -> Item:
    if "*" in fields:
        return dict(doc)
    return {name: doc[name] for name in fields if name in doc}
