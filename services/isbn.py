"""A book's ISBN as recindex keeps it: checked, and in one form (ISBN-13).

The spec lets through 10 or 13 digits (the last of ten may be `X`), hyphens allowed;
only the check digit tells a mistyped ISBN from a real one, and a wrong ISBN would
find another book, so it is refused (`InvalidIsbn`: a 400 naming `isbn`, or a dead
letter). The checking is python-stdnum's.
"""

from __future__ import annotations

from stdnum import isbn as stdnum_isbn
from stdnum.exceptions import ValidationError

from services.errors import InvalidIsbn


def checked_isbn(value: str) -> str:
    """`value` as an ISBN-13 without hyphens (`0-261-10320-2` -> `9780261103207`);
    `InvalidIsbn` when its check digit (or its length) is wrong."""
    try:
        return str(stdnum_isbn.to_isbn13(stdnum_isbn.validate(value)))
    except ValidationError as error:
        raise InvalidIsbn(value, str(error)) from None


def isbn_forms(isbn13: str) -> tuple[str, ...]:
    """An ISBN-13 and, for one of the 978 range, its ISBN-10: catalogues list either."""
    if not isbn13.startswith("978"):
        return (isbn13,)
    return (isbn13, str(stdnum_isbn.to_isbn10(isbn13)))
