"""Marking the matched words of a search in its results."""

from __future__ import annotations

import pytest

from services.highlights import Marker, highlights
from tests.factories import stored

pytestmark = pytest.mark.unit


def test_matched_words_are_marked_as_stored_accents_and_case_folded() -> None:
    marker = Marker("beyonce LEMON", typos=False)
    assert marker.mark("Beyoncé - Lemonade") == "<mark>Beyoncé</mark> - <mark>Lemonade</mark>"
    # Only the last word is a prefix.
    assert Marker("beyon lemonade", typos=False).mark("Beyoncé - Lemonade") == (
        "Beyoncé - <mark>Lemonade</mark>"
    )
    assert marker.mark("Something else") is None


def test_the_text_is_escaped_html_whatever_it_holds() -> None:
    marked = Marker("script", typos=False).mark("<script>alert(\"x\")</script> & 'co'")
    assert marked == (
        "&lt;<mark>script</mark>&gt;alert(&quot;x&quot;)&lt;/<mark>script</mark>&gt;"
        " &amp; &#x27;co&#x27;"
    )
    # A query cannot inject markup either: its words only choose what is marked.
    assert Marker("<b>", typos=False).mark("b <b>") == "<mark>b</mark> &lt;<mark>b</mark>&gt;"


def test_words_within_typos_are_marked_only_when_the_search_went_that_far() -> None:
    text = "Breaking Benjamin - Phobia"
    assert Marker("breking", typos=True).mark(text) == "<mark>Breaking</mark> Benjamin - Phobia"
    assert Marker("breking", typos=False).mark(text) is None
    # Two letters wrong in a word of five: too far, as for the search.
    assert Marker("phxbxa", typos=True).mark(text) == "Breaking Benjamin - <mark>Phobia</mark>"
    assert Marker("muzze", typos=True).mark("Muse") is None


def test_every_part_of_a_split_word_is_marked() -> None:
    assert Marker("ac/dc", typos=False).mark("AC/DC - Back in Black") == (
        "<mark>AC</mark>/<mark>DC</mark> - Back in Black"
    )


def test_highlights_name_each_result_and_only_its_marked_fields() -> None:
    first = stored(title="Muse - Absolution", description="space rock", artist="Muse")
    second = stored(title="Placebo - Meds", description="Muse once supported them")
    assert highlights("muse", [first, second], typos=False) == {
        first["id"]: {"title": "<mark>Muse</mark> - Absolution", "artist": "<mark>Muse</mark>"},
        second["id"]: {"description": "<mark>Muse</mark> once supported them"},
    }
    assert highlights("", [first], typos=False) == {first["id"]: {}}
