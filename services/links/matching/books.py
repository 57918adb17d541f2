"""How sure we are that a catalogue's book is the one a post names.

Precision first, as for music: the title and the author must both agree
(`authors`), and a book that is about the work rather than the work (a summary, a
study guide, a workbook, a graphic adaptation, a box set, a sampler) is refused unless
the post asks for one, either way. A subtitle may be given or left out on either side
("Sapiens" is "Sapiens: A Brief History of Humankind"), as may a series note in
brackets, at a small cost, so that the plain title ranks first. Any edition of the
work is the work: among what passes, the best evidence, then the work the catalogue
groups most editions under (Open Library keeps some duplicates), then the oldest (the
original before a reissue).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from services.dedup import fold_text, plain
from services.links.matching.agreement import core_title, similarity
from services.links.matching.authors import (
    SAME_PERSON,
    author_agreement,
    namesakes,
    surname_only,
)
from services.links.matching.candidates import THRESHOLD
from services.links.matching.confidence import of_search

T = TypeVar("T")

TITLE_GATE = 0.9
"""Below it, another book: "Dune" is not "Dune Messiah"."""
SHORTENED = 0.02
"""The cost of a match that needed a subtitle or a bracket left out, on either side."""
AMBIGUITY_MARGIN = 0.01
"""A namesake's book this close to the best makes an author named by surname ambiguous."""

# What a book about the work calls itself. Matched on folded text; `++` keeps a run of
# digits from being tried again shorter.
TAKES: dict[str, re.Pattern[str]] = {
    name: re.compile(pattern)
    for name, pattern in {
        "summary": r"\bsummar(?:y|ies)\b|\bsynopsis\b|\bkey takeaways\b|\bquicklet\b",
        "study guide": (
            r"\bstudy (?:guide|notes)\b|\bspark ?notes\b|\bcliffs? ?notes\b|\byork notes\b"
            r"|\bliterature guide\b|\b(?:readers?|teachers?|students?)'?s? guide\b"
            r"|\blesson plans?\b|\bbook ?rags\b|\bgradesaver\b|\banalysis\b|\btrivia\b|\bquiz\b"
        ),
        "workbook": r"\bworkbook\b|\bcompanion\b|\bjournal\b",
        "adaptation": r"\bgraphic (?:novel|history)\b|\bmanga\b|\bcomics?\b|\bcolou?ring book\b",
        "set": (
            r"\bbox(?:ed)?[ -]?set\b|\bomnibus\b|\bcollection\b|\btrilogy\b|\bbook set\b"
            r"|\b(?:books|volumes|vols) \d++ ?(?:-|to|and|&) ?\d++\b|\b\d++ books? (?:box )?set\b"
        ),
        "sampler": r"\bsampler\b|\bsneak peek\b|\bexcerpts?\b|\bfree preview\b",
    }.items()
}
_ARTICLE = re.compile(r"^(?:the|a|an) ")
_OR = re.compile(r", or ", re.IGNORECASE)  # "The Hobbit, or There and Back Again"


@dataclass(frozen=True, slots=True)
class Book(Generic[T]):
    """A book a catalogue offered, in the terms matching needs; `item` is the raw answer."""

    title: str
    subtitle: str = ""
    authors: tuple[str, ...] = ()
    year: int | None = None
    editions: int = 1
    item: T | None = field(default=None, compare=False)


def takes(text: str) -> frozenset[str]:
    """What kind of book about a work a title names ("Summary of …", "… Box Set")."""
    folded = fold_text(plain(text))
    return frozenset(name for name, pattern in TAKES.items() if pattern.search(folded))


def title_agreement(asked: str, book: Book[Any]) -> float:
    """0..1: the best agreement between the post's title and the book's, in each form
    either side may take, shortened forms at a small cost."""
    offered = _forms(book.title, book.subtitle)
    return max(
        similarity(mine, theirs) - SHORTENED * (short_mine + short_theirs)
        for mine, short_mine in _forms(asked)
        for theirs, short_theirs in offered
    )


def score(asked_title: str, asked_author: str, book: Book[Any], year: int | None) -> float:
    """Confidence 0..1 that the book is the work; 0 for a book about it or another one.
    `year` (the post's) refuses a work first published later than it; None when the
    catalogue's years are its editions' (a later edition is still the work)."""
    if takes(asked_title) != takes(f"{book.title}: {book.subtitle}"):
        return 0.0
    title = title_agreement(asked_title, book)
    author = author_agreement(asked_author, book.authors)
    if title < TITLE_GATE or author < SAME_PERSON:
        return 0.0
    if year and book.year and year < book.year - 1:
        return 0.0  # read before it was written: another work of that name
    return min(1.0, title, author)


def best_book(
    asked_title: str,
    asked_author: str,
    books: Iterable[Book[T]],
    year: int | None = None,
) -> tuple[Book[T], float] | None:
    """The work at or above `THRESHOLD`: best evidence, then the most editions, then the
    oldest; none when an author named by surname alone fits two people's books."""
    scored = [(score(asked_title, asked_author, book, year), book) for book in books]
    passing = [(value, book) for value, book in scored if value >= THRESHOLD]
    if not passing:
        return None
    value, book = max(
        passing,
        key=lambda pair: (round(pair[0], 2), pair[1].editions, -(pair[1].year or 9999)),
    )
    surname = surname_only(asked_author)
    if surname:  # "Tolkien": J.R.R.'s book, unless Christopher's title is as close
        titled = title_agreement(asked_title, book) - AMBIGUITY_MARGIN
        close = [other for _, other in passing if title_agreement(asked_title, other) >= titled]
        if len(set().union(*(namesakes(surname, other.authors) for other in close))) > 1:
            return None
    return book, value


def search_confidence(
    asked_title: str, asked_author: str, book: Book[Any], value: float, year: int | None
) -> float:
    """What a search match proves (`confidence.of_search`), never 1 (an ISBN may be):
    title and author exactly the post's, 0.93, or 0.96 when `year` (the post's, given
    only where the catalogue's year is the work's first publication) is the book's; a
    title or an author that agrees nearly (a subtitle left out, initials), 0.92."""
    return of_search(
        value,
        title=title_agreement(asked_title, book),
        artist=author_agreement(asked_author, book.authors),
        year_agrees=bool(year) and book.year == year,
        corroborated=False,
        trusted=True,
    )


def search_title(title: str) -> str:
    """The title as a search wants it: without a subtitle or a bracketed series note."""
    forms = [text for text, shortened in _raw_forms(title) if shortened] or [title]
    return min(forms, key=len)


def _forms(title: str, subtitle: str = "") -> list[tuple[str, bool]]:
    raw = [(f"{title}: {subtitle}", False), *((t, True) for t, _ in _raw_forms(title))]
    forms = raw if subtitle else _raw_forms(title)
    return [(_comparable(text), shortened) for text, shortened in forms]


def _raw_forms(title: str) -> list[tuple[str, bool]]:
    """A title as written and shortened: before its subtitle (":" or ", or"), without a
    bracket at its end ("Dune (Dune Chronicles, Book 1)")."""
    title = plain(title)
    forms = [(title, False)]
    alternative = _OR.search(title)
    for cut in (title.find(":"), alternative.start() if alternative else -1):
        if cut > 0:
            forms.append((title[:cut].strip(), True))
    if title.endswith(")") and title.rfind("(") > 0:
        forms.append((title[: title.rfind("(")].strip(), True))
    return [(text, shortened) for text, shortened in forms if text]


def _comparable(title: str) -> str:
    # "Moby-Dick" is "Moby Dick"; "Nineteen Eighty-Four", "Nineteen Eighty Four".
    return _ARTICLE.sub("", core_title(title.replace("-", " ")))
