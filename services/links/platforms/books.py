"""What the book platforms share: by ISBN when the post gives one, else by title and
author, and the same rules for what is the work (`services.links.matching.books`).

An ISBN names one edition, and any edition of the work is the work: the book it finds
is taken when its title agrees with the post's. When it does not, the ISBN may be
another book's (the author's next one, pasted by mistake) or a translation's that the
catalogue lists under the original title: the title and the author decide then, as
without an ISBN. Without an author or an ISBN nothing is searched: a title alone
cannot tell same-titled books apart.
"""

from __future__ import annotations

from typing import Any

from services.links.matching.books import (
    TITLE_GATE,
    Book,
    best_book,
    search_confidence,
    title_agreement,
)
from services.links.matching.confidence import PROVEN, of_identifier
from services.links.platforms.provider import BaseProvider
from services.links.query import ProviderResult, Query, missing
from services.model import LinkMethod

BOOK_KINDS = frozenset({"book"})
NO_AUTHOR = "a title alone cannot tell same-titled books apart: give the author or the ISBN"

Item = dict[str, Any]


class BookProvider(BaseProvider):
    """A book platform: a subclass says how to ask (`by_isbn`, `search`) and what to
    answer for the book found (`result`)."""

    kinds = BOOK_KINDS
    first_published = False
    """Whether the catalogue's year is the work's first publication (Open Library's
    works), not an edition's: then a post's earlier year refuses it."""

    def lookup(self, query: Query) -> ProviderResult:
        if query.isbn:
            found = self._identified(query)
            if found is not None:
                return found
        if not query.artist:
            return ProviderResult(
                links={p: missing("not_found", NO_AUTHOR) for p in self.platforms}
            )
        year = query.year if self.first_published else None
        match = best_book(query.title, query.artist, self.search(query), year)
        if match is None:
            return self._not_found()
        book, value = match
        confidence = search_confidence(query.title, query.artist, book, value, year)
        return self.result(query, book, confidence, "search")

    def by_isbn(self, query: Query) -> list[Book[Item]]:
        """The books the catalogue lists under the query's ISBN."""
        raise NotImplementedError

    def search(self, query: Query) -> list[Book[Item]]:
        """The books a search by the query's title and author finds, best first."""
        raise NotImplementedError

    def result(
        self, query: Query, book: Book[Item], confidence: float, method: LinkMethod
    ) -> ProviderResult:
        raise NotImplementedError

    def _identified(self, query: Query) -> ProviderResult | None:
        books = self.by_isbn(query)
        match = max(books, key=lambda book: title_agreement(query.title, book), default=None)
        if match is None or title_agreement(query.title, match) < TITLE_GATE:
            return None
        # The post's own identifier, the title agreeing: proven, as by an ISRC or a UPC.
        return self.result(query, match, of_identifier(PROVEN, title_agrees=True), "isbn")
