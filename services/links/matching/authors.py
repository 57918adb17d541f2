"""A book's author as people and catalogues write it: "J.R.R. Tolkien", "J. R. R. Tolkien",
"JRR Tolkien" and "Tolkien, J.R.R." are one person; "Christopher Tolkien" and "Brian
Herbert" are not the authors of *The Hobbit* and *Dune*.

A name is read as given names and a surname (with its particles: "Ursula K. Le Guin"
is Le Guin, "Ludwig van Beethoven" van Beethoven), initials joined ("jrr tolkien"). Two
names agree when they are nearly the same text, or share the surname and given names
that agree where both give them (an initial agrees with a name it begins).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from services.dedup import fold_text, plain
from services.links.matching.agreement import similarity

SAME_NAME = 0.92
"""Names this similar are one, spelt two ways ("Steven"/"Stephen" King, accents)."""
SAME_PERSON = 0.9
"""The agreement of a surname and given names that agree as far as both go (or of a
surname alone, which a namesake's book of that title makes ambiguous)."""

PARTICLES = frozenset({"le", "la", "de", "del", "della", "di", "da", "van", "von", "der", "du"})
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "phd", "md"})

# Several authors: "Neil Gaiman & Terry Pratchett", "A and B", "A; B", "A with B".
_SEVERAL = re.compile(r"(?<!\s)\s*(?:;|&|\band\b|\bwith\b)\s*", re.IGNORECASE)
_NOT_A_LETTER = re.compile(r"[^\w\s]+")
_APOSTROPHE = re.compile(r"['\u2019]")
_CAPITALS = re.compile(r"[A-Z]{2,3}")


@dataclass(frozen=True, slots=True)
class Person:
    """A name read as given names (initials or whole) and a surname."""

    given: tuple[str, ...]
    surname: str

    @property
    def full(self) -> str:
        initials = "".join(name for name in self.given if len(name) == 1)
        names = [name for name in self.given if len(name) > 1]
        return " ".join(part for part in (initials, *names, self.surname) if part)


@lru_cache(maxsize=4096)
def person(name: str) -> Person:
    """`J.R.R. Tolkien`, `JRR Tolkien` -> given (j, r, r), surname `tolkien`."""
    text = _APOSTROPHE.sub("", plain(name))
    # "JRR Tolkien": three initials; "Ng" and "Le" are names, and so is "LEE" in "HARPER LEE".
    capitals_are_initials = any(char.islower() for char in text)
    tokens: list[str] = []
    for token in text.split():
        spelt = capitals_are_initials and _CAPITALS.fullmatch(token)
        for part in list(token) if spelt else [token]:
            tokens += _NOT_A_LETTER.sub(" ", fold_text(part)).split()
    while tokens and tokens[-1] in SUFFIXES:
        tokens.pop()
    if not tokens:
        return Person((), "")
    end = len(tokens) - 1
    start = end
    while start > 0 and tokens[start - 1] in PARTICLES:
        start -= 1
    return Person(tuple(tokens[:start]), " ".join(tokens[start:]))


def readings(text: str) -> list[str]:
    """The people an author credit may name, the main one first: "Tolkien, J.R.R." is
    "J.R.R. Tolkien"; "Neil Gaiman, Terry Pratchett" and "A & B" are two people."""
    text = plain(text)
    found: list[str] = []
    for part in _SEVERAL.split(text):
        pieces = [piece.strip() for piece in part.split(",") if piece.strip()]
        inverted = len(pieces) == 2 and not _is_suffix(pieces[1])
        if len(pieces) > 1 and all(len(piece.split()) > 1 for piece in pieces):
            found += pieces  # a list of whole names: "Neil Gaiman, Terry Pratchett"
        if inverted:
            found.append(f"{pieces[1]} {pieces[0]}")  # or "Surname, Given": "Le Guin, Ursula K."
        elif len(pieces) < 2 or not all(len(piece.split()) > 1 for piece in pieces):
            found.append(" ".join(pieces))
    return [name for name in dict.fromkeys(found) if name]


def search_words(text: str) -> str:
    """The main author as a search wants it: names without initials ("J.R.R. Tolkien"
    -> "Tolkien"), which catalogues spell in too many ways."""
    main = person((readings(text) or [text])[0])
    return " ".join([*(name for name in main.given if len(name) > 1), main.surname])


def author_agreement(asked: str, offered: tuple[str, ...]) -> float:
    """0..1: how well the best of the people a post names agrees with one of the book's."""
    return max(
        (_agreement(person(a), person(b)) for a in readings(asked) for b in offered if b),
        default=0.0,
    )


def surname_only(text: str) -> str | None:
    """The surname when a post names its author by it alone ("Tolkien - The Hobbit")."""
    main = person((readings(text) or [text])[0])
    return main.surname if main.surname and not main.given else None


def namesakes(surname: str, authors: Iterable[str]) -> set[str]:
    """The different people of that surname among a book's authors."""
    return {person(name).full for name in authors if person(name).surname == surname}


def _agreement(left: Person, right: Person) -> float:
    whole = similarity(left.full, right.full)
    if whole >= SAME_NAME or left.surname != right.surname or not right.given:
        return whole
    if not left.given:
        return SAME_PERSON  # the surname alone: `best_book` refuses it among namesakes
    pairs = list(zip(left.given, right.given, strict=False))
    for mine, theirs in pairs:
        if len(mine) > 1 and len(theirs) > 1:
            if similarity(mine, theirs) < SAME_NAME:
                return whole
        elif mine[0] != theirs[0]:
            return whole
    return max(whole, SAME_PERSON)


def _is_suffix(text: str) -> bool:
    return fold_text(_NOT_A_LETTER.sub("", text)) in SUFFIXES
