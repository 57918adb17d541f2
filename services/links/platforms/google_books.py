"""Google Books (`GOOGLE_BOOKS_API_KEY` optional): a book's page and its cover.

One volumes search: `isbn:` when the post gives an ISBN, else `intitle:"…"` with an
`inauthor:` for each of the author's names (initials left out). Each edition is a
volume: any of them is the work, the oldest preferred (a post's year is not compared
with an edition's). The link is `https://books.google.com/books?id=…`; the cover,
Google's front-cover image of that volume when it has one.
"""

from __future__ import annotations

import re

from injector import inject

from services.links.matching.authors import search_words
from services.links.matching.books import Book, search_title
from services.links.platforms.books import BookProvider, Item
from services.links.platforms.provider import quoted, year_of
from services.links.query import ProviderResult, Query, found
from services.model import LinkMethod
from services.providers.google_books import GoogleBooksApi

SITE = "https://books.google.com"
_VOLUME_ID = re.compile(r"^[A-Za-z0-9_-]{1,40}$")


class GoogleBooksProvider(BookProvider):
    """`google_books`: the volume's page on Google Books."""

    name = "google_books"
    platforms = ("google_books",)

    @inject
    def __init__(self, api: GoogleBooksApi) -> None:
        super().__init__()
        self._api = api

    def by_isbn(self, query: Query) -> list[Book[Item]]:
        return _books(self._api.volumes(f"isbn:{query.isbn}", query.country))

    def search(self, query: Query) -> list[Book[Item]]:
        authors = " ".join(f"inauthor:{name}" for name in search_words(query.artist or "").split())
        text = f"intitle:{quoted(search_title(query.title))} {authors}".strip()
        return _books(self._api.volumes(text, query.country))

    def result(
        self, query: Query, book: Book[Item], confidence: float, method: LinkMethod
    ) -> ProviderResult:
        volume = book.item or {}
        ident = str(volume["id"])
        link = found(
            f"{SITE}/books?id={ident}",
            external_id=ident,
            title=book.title,
            artist=", ".join(book.authors[:3]) or None,
            confidence=confidence,
            method=method,
        )
        images = (volume.get("volumeInfo") or {}).get("imageLinks") or {}
        cover = None
        if isinstance(images, dict) and images.get("thumbnail"):
            cover = (
                f"{SITE}/books/content?id={ident}&printsec=frontcover&img=1&zoom=1&source=gbs_api"
            )
        return ProviderResult(links={"google_books": link}, cover_img=cover)


def _books(volumes: list[Item]) -> list[Book[Item]]:
    """The volumes with an id and a title, as matching reads them."""
    books: list[Book[Item]] = []
    for volume in volumes:
        info = volume.get("volumeInfo")
        if not isinstance(info, dict) or not _VOLUME_ID.match(str(volume.get("id"))):
            continue
        if not isinstance(info.get("title"), str):
            continue
        books.append(
            Book(
                title=info["title"],
                subtitle=str(info.get("subtitle") or ""),
                authors=tuple(str(name) for name in info.get("authors") or [] if name),
                year=year_of(info.get("publishedDate")),
                item=volume,
            )
        )
    return books
