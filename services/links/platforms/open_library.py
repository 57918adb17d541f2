"""Open Library (no key): a book's work page, and its cover from the Covers API.

One search finds works, every edition grouped under one: by ISBN (`/search.json?isbn=`)
when the post gives one, else by title and author (`title=`, `author=` with the
author's names but not initials, which catalogues spell in too many ways). The link is
the work's page, `https://openlibrary.org/works/OL…W`; the cover, the work's cover by
its id (`OPENLIBRARY_COVERS_URL/b/id/{cover_i}-L.jpg`), which Open Library serves to
browsers without a per-client limit.
"""

from __future__ import annotations

import re

from injector import inject

from services.links.matching.authors import search_words
from services.links.matching.books import Book, search_title
from services.links.platforms.books import BookProvider, Item
from services.links.query import ProviderResult, Query, found
from services.model import LinkMethod
from services.providers.openlibrary import OpenLibraryApi

SITE = "https://openlibrary.org"
_WORK_KEY = re.compile(r"^(?:/works/)?(OL[0-9]{1,12}W)$")


class OpenLibraryProvider(BookProvider):
    """`open_library`: the work's page on Open Library."""

    name = "open_library"
    platforms = ("open_library",)
    first_published = True

    @inject
    def __init__(self, api: OpenLibraryApi) -> None:
        super().__init__()
        self._api = api

    def by_isbn(self, query: Query) -> list[Book[Item]]:
        return _books(self._api.search(isbn=query.isbn or ""))

    def search(self, query: Query) -> list[Book[Item]]:
        author = search_words(query.artist or "")
        return _books(self._api.search(title=search_title(query.title), author=author))

    def result(
        self, query: Query, book: Book[Item], confidence: float, method: LinkMethod
    ) -> ProviderResult:
        doc = book.item or {}
        ident = work_id(doc)
        link = found(
            f"{SITE}/works/{ident}",
            external_id=ident,
            title=book.title,
            artist=", ".join(book.authors[:3]) or None,
            confidence=confidence,
            method=method,
        )
        cover = doc.get("cover_i")
        cover_img = self._api.cover_url(cover) if isinstance(cover, int) and cover > 0 else None
        return ProviderResult(links={"open_library": link}, cover_img=cover_img)


def work_id(doc: Item) -> str:
    """`OL27448W` of a document whose key is `/works/OL27448W` ("" when it is not a work's)."""
    key = _WORK_KEY.match(str(doc.get("key") or ""))
    return key.group(1) if key else ""


def _books(docs: list[Item]) -> list[Book[Item]]:
    """The works among the documents, as matching reads them."""
    books: list[Book[Item]] = []
    for doc in docs:
        if not work_id(doc) or not isinstance(doc.get("title"), str):
            continue
        year = doc.get("first_publish_year")
        editions = doc.get("edition_count")
        books.append(
            Book(
                title=doc["title"],
                subtitle=str(doc.get("subtitle") or ""),
                authors=tuple(str(name) for name in doc.get("author_name") or [] if name),
                year=year if isinstance(year, int) else None,
                editions=editions if isinstance(editions, int) else 1,
                item=doc,
            )
        )
    return books
