"""What the fuzzers generate for the spec's own string formats."""

from __future__ import annotations

import schemathesis
from hypothesis import strategies as st
from stdnum import ean, isbn


def _whole(prefix: str) -> st.SearchStrategy[str]:
    """ISBN-13s starting with `prefix`, their check digit right."""
    return st.from_regex(rf"{prefix}[0-9]{{9}}", fullmatch=True).map(
        lambda twelve: twelve + ean.calc_check_digit(twelve)
    )


# `format: isbn`: the pattern lets through any 10 or 13 digits, but only those whose
# check digit is right are valid input: a positive case sends one, in each form.
ISBNS = st.one_of(
    _whole("97[89]"),
    _whole("978").map(isbn.to_isbn10),
    _whole("97[89]").map(isbn.format),
)
schemathesis.openapi.format("isbn", ISBNS)
