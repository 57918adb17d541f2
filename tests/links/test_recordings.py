"""Re-recordings and masters of another year are other recordings than the post names."""

from __future__ import annotations

import pytest

from services.dedup import fold_text
from services.links.matching.candidates import best
from services.links.matching.model import Candidate
from services.links.matching.recordings import (
    bare_year,
    is_rerecording,
    master_year,
    other_recording,
    without_master_year,
)
from services.links.query import Query

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Love Story (Taylor\u2019s Version)", True),
        ("Fearless (Taylor's Version)", True),
        ("Pour Some Sugar On Me (Re-Recorded)", True),
        ("Tainted Love (New Recording)", True),
        ("Love Story", False),
        ("Hallelujah - Remastered 2011", False),
        ("Despacito (Versión Pop)", False),  # another take: versions.TAKES
    ],
)
def test_a_rerecording_says_so(title: str, expected: bool) -> None:
    assert is_rerecording(fold_text(title)) is expected


def test_years_a_title_carries() -> None:
    assert bare_year(fold_text("Leave (Get Out) - 2018")) == 2018
    assert bare_year(fold_text("The High Road (2018)")) == 2018
    assert bare_year(fold_text("Hey Jude - Remastered 2015")) is None
    assert master_year(fold_text("Come Together - Remastered 2009")) == 2009
    assert master_year(fold_text("Here Comes The Sun (2019 Mix)")) == 2019
    assert master_year(fold_text('"Heroes" (2017 Remaster)')) == 2017
    assert master_year(fold_text("1999")) is None
    assert without_master_year("Here Comes The Sun (2019 Mix)") == "Here Comes The Sun"
    assert without_master_year("Something - Remastered 2009") == "Something"


def test_which_recording() -> None:
    assert other_recording("love story", "love story (taylor's version)") == "re-recording"
    assert other_recording("love story", "love story", "fearless (taylor's version)")
    assert other_recording("love story (taylor's version)", "love story") is not None
    assert other_recording("leave (get out)", "leave (get out) - 2018", year=2004)
    assert other_recording("leave (get out)", "leave (get out) - 2018") is None  # no year
    assert other_recording("x - remastered 2009", "x - 2019 mix") == "master of 2019"
    assert other_recording("x - remastered 2009", "x (2009 remaster)") is None
    assert other_recording("x - remastered 2009", "x") is None


def track(title: str, artist: str, year: int | None = None) -> Query:
    return Query(kind="track", title=title, artist=artist, year=year)


def test_the_original_before_its_rerecording_wherever_the_marker_is() -> None:
    post = track("Love Story", "Taylor Swift", 2008)
    in_album = Candidate("Love Story", ["Taylor Swift"], album="Fearless (Taylor's Version)")
    original = Candidate("Love Story", ["Taylor Swift"], album="Fearless")
    match = best(post, [in_album, original])
    assert match is not None and match[0] is original
    assert best(post, [in_album]) is None


def test_a_later_recording_named_by_its_year_alone() -> None:
    later = Candidate("Rock You Like a Hurricane - 2011", ["Scorpions"], album="Comeblack")
    assert best(track("Rock You Like a Hurricane", "Scorpions", 1984), [later]) is None
    album = Query(kind="album", title="The High Road", artist="JoJo", year=2006)
    assert best(album, [Candidate("The High Road (2018)", ["JoJo"])]) is None


def test_a_remaster_of_another_year_is_refused_and_the_same_year_written_otherwise_is_not() -> None:
    post = track("Come Together - Remastered 2009", "The Beatles")
    mix = Candidate("Come Together - 2019 Mix", ["The Beatles"])
    bracketed = Candidate("Come Together (Remastered 2009)", ["The Beatles"])
    match = best(post, [mix, bracketed])
    assert match is not None and match[0] is bracketed
    assert best(post, [mix]) is None
