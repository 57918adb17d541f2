"""The book matching table: its vocabulary (a post, how each catalogue shelves the work,
the decoys shelved before it), its world (the Open Library and Google Books stand-ins
filled from the cases) and its score, beside the music table's (`standins.table`).

A case names the work as each catalogue lists it (`work`); a catalogue absent from
`work` does not have it, so any link there is wrong. Open Library lists a work once
(its key is right); Google Books lists each edition as a volume (any of them is right).
Decoys come first in both catalogues, so a search answers them first.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, cast

from stdnum import ean

from services.links.finder import LinkFinder
from services.links.query import Query
from services.model import Recommendation
from services.recommendations import artist_from_title, with_checked_isbn
from standins.google_books import GoogleBooksStandIn, volume
from standins.openlibrary import OpenLibraryStandIn, work
from standins.world import Outcome, Score, offline_settings, service_finder, verdict

OPEN_LIBRARY, GOOGLE_BOOKS = "open_library", "google_books"
BOOK_PLATFORMS = (OPEN_LIBRARY, GOOGLE_BOOKS)
BOOK_KINDS = ("authors", "titles", "decoys", "editions", "isbn", "plain")
"""The kinds of trouble books bring, and `plain` books beside them."""


def isbn13(first_twelve: str) -> str:
    """An ISBN-13 made whole with its check digit (cases name made-up editions)."""
    return first_twelve + str(ean.calc_check_digit(first_twelve))


@dataclass(frozen=True)
class BookPost:
    """What someone recommended, as the community posts it (`"Author - Title"` splits)."""

    title: str
    author: str | None = None
    isbn: str | None = None
    year: int | None = None

    def query(self, country: str = "US") -> Query:
        fields: dict[str, Any] = {"kind": "book", "title": self.title, "isbn": self.isbn}
        fields["artist"] = self.author or artist_from_title("book", self.title)
        fields["year"] = self.year
        document = {name: value for name, value in with_checked_isbn(fields).items() if value}
        return Query.of(cast(Recommendation, document), country)


@dataclass(frozen=True)
class Edition:
    """One Google Books volume of a work: its year, ISBN-13, and a title of its own."""

    year: int | None
    isbn: str | None = None
    title: str | None = None
    subtitle: str | None = None
    cover: bool = True


@dataclass(frozen=True)
class Shelved:
    """A book as one catalogue lists it; `on` restricts a decoy to some catalogues."""

    title: str
    authors: tuple[str, ...] | str
    year: int | None = 2000  # first published (Open Library's `first_publish_year`)
    subtitle: str = ""
    isbns: tuple[str, ...] = ()  # the ISBN-13s of its editions (Open Library)
    editions: tuple[Edition, ...] = ()  # Google's volumes; one of `year` when none
    edition_count: int = 10
    cover: bool = True
    on: tuple[str, ...] = BOOK_PLATFORMS

    def but(self, **changes: Any) -> Shelved:
        return replace(self, **changes)


@dataclass(frozen=True)
class BookCase:
    kind: str
    name: str
    post: BookPost
    work: Mapping[str, Shelved] = field(default_factory=dict)
    decoys: tuple[Shelved, ...] = ()
    # Platforms whose expected link recindex is known to miss, and why.
    known_misses: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        assert self.kind in BOOK_KINDS, self.kind
        assert set(self.work) <= set(BOOK_PLATFORMS), self.work


def both(shelved: Shelved, **per_platform: Shelved | dict[str, Any] | None) -> dict[str, Shelved]:
    """The work in both catalogues, `open_library=`/`google_books=` changing (a dict of
    changes or another listing) or removing (None) how one lists it."""
    found: dict[str, Shelved] = {}
    for platform in BOOK_PLATFORMS:
        change = per_platform.get(platform, {})
        if change is not None:
            found[platform] = shelved.but(**change) if isinstance(change, dict) else change
    return found


class BookWorld:
    """The stand-ins of one book table; `running()` starts and stops them."""

    def __init__(self, cases: Sequence[BookCase]) -> None:
        self.cases = list(cases)
        assert len({case.name for case in self.cases}) == len(self.cases), "case names repeat"
        self.openlibrary = OpenLibraryStandIn()
        self.google = GoogleBooksStandIn()
        self.expected: dict[tuple[str, str], frozenset[str]] = {}
        self._made = 0
        self._shelved: dict[tuple[str, Shelved], list[str]] = {}
        for case in self.cases:
            for decoy in case.decoys:
                for platform in decoy.on:
                    self._shelve(platform, decoy)
            for platform, shelved in case.work.items():
                self._shelve(platform, shelved)
        for case in self.cases:
            for platform in BOOK_PLATFORMS:
                shelved = case.work.get(platform)
                self.expected[case.name, platform] = frozenset(
                    ident
                    for (where, other), ids in self._shelved.items()
                    if shelved and where == platform and _same_work(platform, shelved, other)
                    for ident in ids
                )

    @property
    def providers(self) -> dict[str, Any]:
        return {OPEN_LIBRARY: self.openlibrary.standin, GOOGLE_BOOKS: self.google.standin}

    @contextmanager
    def running(self) -> Iterator[BookWorld]:
        self.openlibrary.start()
        self.google.standin.start()
        try:
            yield self
        finally:
            self.openlibrary.stop()
            self.google.standin.stop()

    def finder(self, data_dir: Path) -> AbstractContextManager[LinkFinder]:
        """The service's finder over both stand-ins, its cache off."""
        settings = offline_settings(
            data_dir,
            openlibrary_api_url=self.openlibrary.api_url,
            openlibrary_covers_url=self.openlibrary.covers_url,
            google_books_api_url=self.google.api_url,
            openlibrary_rate_limit="100000/1",
            google_books_rate_limit="100000/1",
            max_retry_after_seconds=2.0,
            lookup_timeout_seconds=5.0,
            lookup_cache_ttl_seconds=0,
        )
        return service_finder(settings)

    def _shelve(self, platform: str, shelved: Shelved) -> list[str]:
        """The ids of the book on that platform, shelved at its first mention (a book two
        cases name is one book)."""
        if (platform, shelved) not in self._shelved:
            self._shelved[platform, shelved] = self._add(platform, shelved)
        return self._shelved[platform, shelved]

    def _add(self, platform: str, shelved: Shelved) -> list[str]:
        self._made += 1
        n = self._made
        if platform == OPEN_LIBRARY:
            cover = 1000 + n if shelved.cover else None
            self.openlibrary.works.append(
                work(
                    n,
                    shelved.title,
                    shelved.authors,
                    shelved.year,
                    subtitle=shelved.subtitle,
                    cover=cover,
                    editions=shelved.edition_count,
                    isbns=shelved.isbns,
                )
            )
            return [f"OL{n}W"]
        editions = shelved.editions or (Edition(shelved.year),)
        ids = []
        for number, edition in enumerate(editions):
            ident = f"gb{n}x{number}"
            ids.append(ident)
            self.google.volumes.append(
                volume(
                    ident,
                    edition.title or shelved.title,
                    shelved.authors,
                    str(edition.year) if edition.year else None,
                    subtitle=shelved.subtitle if edition.subtitle is None else edition.subtitle,
                    isbns=(edition.isbn,) if edition.isbn else (),
                    cover=edition.cover and shelved.cover,
                )
            )
        return ids


def _same_work(platform: str, one: Shelved, other: Shelved) -> bool:
    """Whether two listings are one work: on Google Books, whatever their editions; on
    Open Library, unless one is a duplicate record (fewer editions) of the other."""
    same = (one.title, one.authors, one.year) == (other.title, other.authors, other.year)
    return same and (platform == GOOGLE_BOOKS or one.edition_count == other.edition_count)


def run_books(world: BookWorld, finder: LinkFinder) -> Score:
    """Each case looked up once, in order (the finder's cache should be off)."""
    score = Score(calls={name: [] for name in world.providers})
    for case in world.cases:
        before = {name: len(standin.requests) for name, standin in world.providers.items()}
        links = finder.find_query(case.post.query()).links
        for name, standin in world.providers.items():
            score.calls[name].append(len(standin.requests) - before[name])
        for platform in BOOK_PLATFORMS:
            expected = world.expected[case.name, platform]
            outcome, got = verdict(links.get(platform), expected)
            score.outcomes.append(Outcome(case, platform, outcome, got, expected))  # type: ignore[arg-type]
    return score
