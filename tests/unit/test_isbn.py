"""ISBNs as recindex keeps them: the check digit checked, one form (ISBN-13)."""

from __future__ import annotations

import pytest

from services.errors import InvalidIsbn
from services.isbn import checked_isbn, isbn_forms

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("0-306-40615-2", "9780306406157"),
        ("0306406152", "9780306406157"),
        ("978-0-306-40615-7", "9780306406157"),
        ("9780306406157", "9780306406157"),
        ("0-8044-2957-x", "9780804429573"),  # an X check digit, in either case
        ("979-10-90636-07-1", "9791090636071"),  # 979: no ISBN-10 exists
    ],
)
def test_an_isbn_10_or_13_with_or_without_hyphens_is_kept_as_isbn_13(given: str, kept: str) -> None:
    assert checked_isbn(given) == kept


@pytest.mark.parametrize("given", ["0-306-40615-3", "9780306406158", "0306406125", "97803064061"])
def test_a_wrong_check_digit_or_length_is_refused(given: str) -> None:
    with pytest.raises(InvalidIsbn) as refused:
        checked_isbn(given)
    assert refused.value.value == given
    assert given in str(refused.value)


def test_both_forms_of_a_978_isbn_and_one_of_a_979() -> None:
    assert isbn_forms("9780306406157") == ("9780306406157", "0306406152")
    assert isbn_forms("9791090636071") == ("9791090636071",)
