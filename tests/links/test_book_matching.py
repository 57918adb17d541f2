"""Book matching on its own: authors written every way, titles with and without their
subtitles, books about the work, editions; the rules the book table is tuned on."""

from __future__ import annotations

import pytest

from services.links.matching.authors import author_agreement, readings, search_words
from services.links.matching.books import Book, best_book, score, search_title, takes

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("asked", "offered"),
    [
        ("Tolkien, J.R.R.", "J. R. R. Tolkien"),
        ("JRR Tolkien", "J.R.R. Tolkien"),
        ("Le Guin, Ursula K.", "Ursula K. Le Guin"),
        ("Ursula Le Guin", "Ursula K. Le Guin"),
        ("J. K. Rowling", "Joanne K. Rowling"),
        ("Gabriel Garcia Marquez", "Gabriel García Márquez"),
        ("HARPER LEE", "Harper Lee"),
        ("Neil Gaiman & Terry Pratchett", "Terry Pratchett"),
        ("Douglas Preston and Lincoln Child", "Lincoln Child"),
        ("Martin Luther King, Jr.", "Martin Luther King"),
    ],
)
def test_one_author_written_two_ways_agrees(asked: str, offered: str) -> None:
    assert author_agreement(asked, (offered,)) >= 0.9


@pytest.mark.parametrize(
    ("asked", "offered"),
    [
        ("Frank Herbert", "Brian Herbert"),
        ("J.R.R. Tolkien", "Christopher Tolkien"),
        ("Stephen King", "Owen King"),
        ("John Smith", "Jane Smith"),
        ("Tolkien", "Tolkien Society"),
    ],
)
def test_a_relative_or_a_namesake_does_not(asked: str, offered: str) -> None:
    assert author_agreement(asked, (offered,)) < 0.9


def test_an_inverted_name_is_read_the_right_way_round_and_searched_without_initials() -> None:
    assert readings("Tolkien, J.R.R.") == ["J.R.R. Tolkien"]
    assert readings("Neil Gaiman, Terry Pratchett")[:2] == ["Neil Gaiman", "Terry Pratchett"]
    assert search_words("Tolkien, J.R.R.") == "tolkien"
    assert search_words("Ursula K. Le Guin") == "ursula le guin"


@pytest.mark.parametrize(
    ("title", "found"),
    [
        ("Summary of Atomic Habits", {"summary"}),
        ("Animal Farm (SparkNotes Literature Guide)", {"study guide"}),
        ("The Hunger Games Trilogy Boxed Set", {"set"}),
        ("Harry Potter: Books 1-7", {"set"}),
        ("Sapiens: A Graphic History", {"adaptation"}),
        ("Atomic Habits Workbook", {"workbook"}),
        ("Gone Girl: Free Preview", {"sampler"}),
        ("The Hitchhiker's Guide to the Galaxy", set()),
        ("Pride and Prejudice (Penguin Classics)", set()),
    ],
)
def test_what_kind_of_book_about_a_work_a_title_names(title: str, found: set[str]) -> None:
    assert takes(title) == found


def book(
    title: str,
    author: str = "Yuval Noah Harari",
    subtitle: str = "",
    year: int = 2011,
    editions: int = 1,
) -> Book[str]:
    return Book(title, subtitle, (author,), year, editions, item=f"{title}: {subtitle} ({year})")


def test_a_subtitle_left_out_on_either_side_costs_a_little() -> None:
    full = book("Sapiens", subtitle="A Brief History of Humankind")
    assert score("Sapiens", "Yuval Noah Harari", full, None) == pytest.approx(0.98)
    assert score("Sapiens: A Brief History of Humankind", "Yuval Noah Harari", full, None) == 1.0
    assert score(
        "Sapiens: A Brief History of Humankind", "Yuval Noah Harari", book("Sapiens"), None
    ) == pytest.approx(0.98)


@pytest.mark.parametrize(
    ("asked", "offered"),
    [
        ("Sapiens", book("Sapiens", subtitle="A Graphic History")),  # a book about it
        ("Sapiens: A Graphic History", book("Sapiens")),  # and the other way round
        ("Dune", book("Dune Messiah", "Frank Herbert")),  # a sequel
        ("Sapiens", book("Sapiens", author="Brian Herbert")),  # another author's
    ],
)
def test_another_book_scores_nothing(asked: str, offered: Book[str]) -> None:
    author = "Frank Herbert" if asked == "Dune" else "Yuval Noah Harari"
    assert score(asked, author, offered, None) == 0.0


def test_a_work_first_published_after_the_year_of_the_post_is_another() -> None:
    later = book("Sapiens", year=2019)
    assert score("Sapiens", "Yuval Noah Harari", later, 2011) == 0.0
    assert score("Sapiens", "Yuval Noah Harari", later, 2019) == 1.0
    assert score("Sapiens", "Yuval Noah Harari", later, None) == 1.0  # an edition's year


def test_among_editions_the_most_grouped_then_the_oldest_wins() -> None:
    duplicate, canonical = book("Sapiens", editions=2), book("Sapiens", editions=90)
    newer, older = book("Sapiens", year=2015), book("Sapiens", year=2011)
    assert best_book("Sapiens", "Yuval Noah Harari", [duplicate, canonical]) == (canonical, 1.0)
    assert best_book("Sapiens", "Yuval Noah Harari", [newer, older]) == (older, 1.0)


def test_a_surname_alone_is_enough_unless_a_namesake_wrote_the_title_too() -> None:
    stephens, owens = book("It", "Stephen King", year=1986), book("It", "Owen King", year=2010)
    assert best_book("It", "King", [stephens]) == (stephens, 0.9)
    assert best_book("It", "King", [owens, stephens]) is None
    assert best_book("It", "Stephen King", [owens, stephens]) == (stephens, 1.0)


def test_a_search_leaves_subtitles_and_series_notes_out() -> None:
    assert search_title("Sapiens: A Brief History of Humankind") == "Sapiens"
    assert search_title("Dune (Dune Chronicles, Book 1)") == "Dune"
    assert search_title("The Hobbit, or There and Back Again") == "The Hobbit"
    assert search_title("Beloved") == "Beloved"
