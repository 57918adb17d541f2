"""Works of one artist that share a name: self-titled albums, numbered sequels."""

from __future__ import annotations

from dataclasses import replace

import pytest

from services.links.matching.candidates import best, choose
from services.links.matching.model import Candidate
from services.links.matching.namesakes import numbers, other_album, qualifier
from services.links.query import Query

pytestmark = pytest.mark.unit

C = Candidate


def test_the_numbers_of_a_title() -> None:
    assert numbers("van halen ii") == (2,)
    assert numbers("chicago 2") == numbers("chicago ii")
    assert numbers("the blueprint 3") == (3,)
    assert numbers("led zeppelin iv") == (4,)
    assert numbers("star wars part i") == (1,)
    assert numbers("i will survive") == ()  # a word, not a number
    assert numbers("weezer") == ()


def test_the_qualifier_that_names_one_of_several_albums() -> None:
    assert qualifier("Weezer (Green Album)") == "green"
    assert qualifier("The Beatles [White Album]") == "white"
    assert qualifier("Weezer") is None
    assert qualifier("21 (Deluxe Album)") is None
    assert qualifier("Abbey Road (Full Album)") is None


def test_other_albums_differ_in_year_or_track_count_and_are_no_reissue() -> None:
    def release(title: str, year: int | None, tracks: int | None) -> C[object]:
        return C(title, year=year, track_count=tracks)

    assert other_album(release("Seal", 1991, 11), release("Seal", 1994, 11))
    assert other_album(release("Peter Gabriel", 1977, 10), release("Peter Gabriel", 1978, 11))
    assert not other_album(release("Seal", 1994, 11), release("Seal", 1994, 11))
    assert not other_album(release("X", 1975, 11), release("X (Deluxe)", 2018, 48))
    assert not other_album(release("X", None, None), release("X", 1994, 11))


def album(title: str, artist: str, year: int | None = None) -> Query:
    return Query(kind="album", title=title, artist=artist, year=year)


def test_a_number_makes_another_work() -> None:
    sequel = C("Van Halen II", ["Van Halen"], year=1979)
    assert best(album("Van Halen", "Van Halen", 1978), [sequel]) is None
    assert best(album("The Blueprint", "JAY-Z"), [C("The Blueprint 3", ["JAY-Z"])]) is None
    assert best(album("Chicago II", "Chicago"), [C("Chicago 2", ["Chicago"])]) is not None


def test_another_colour_is_another_album_and_no_colour_may_be_any() -> None:
    post = album("Weezer (Green Album)", "Weezer")
    blue = C("Weezer (Blue Album)", ["Weezer"], year=1994, track_count=10)
    green = C("Weezer (Green Album)", ["Weezer"], year=2001, track_count=10)
    match = best(post, [blue, green])
    assert match is not None and match[0] is green
    assert best(post, [blue]) is None
    assert best(post, [C("Weezer", ["Weezer"], year=2001)]) is not None


def test_same_named_albums_of_different_years_are_ambiguous_without_a_year() -> None:
    older = C("Fleetwood Mac", ["Fleetwood Mac"], year=1968, track_count=12)
    newer = C("Fleetwood Mac", ["Fleetwood Mac"], year=1975, track_count=11)
    post = album("Fleetwood Mac", "Fleetwood Mac")
    assert choose(post, [older, newer]).ambiguous
    match = best(replace(post, year=1975), [older, newer])
    assert match is not None and match[0] is newer
    # Or the year and track count another platform found for it.
    learned = replace(post, release_year=1975, track_count=11)
    match = best(learned, [older, newer])
    assert match is not None and match[0] is newer


def test_candidates_without_a_year_are_tied_for_the_platform_to_date() -> None:
    """Deezer's search answers carry no year: its album pages do."""
    undated = [C("Seal", ["Seal"], track_count=11), C("Seal", ["Seal"], track_count=11)]
    choice = choose(album("Seal", "Seal", 1994), undated)
    assert choice.match is None and choice.ambiguous and choice.tied == tuple(undated)
    assert not choose(album("Seal", "Seal"), undated).tied  # no year here to tell them by
    dated = [replace(undated[0], year=1991), replace(undated[1], year=1994)]
    match = choose(album("Seal", "Seal", 1994), dated).match
    assert match is not None and match[0] is dated[1]


def test_a_post_year_against_undated_takes_on_different_albums_ties_them() -> None:
    post = Query(kind="track", title="Tempted", artist="Squeeze", year=1981)
    takes = [C("Tempted", ["Squeeze"], album=name) for name in ("Spot the Difference", "East")]
    assert choose(post, takes).tied
    assert not choose(replace(post, year=None), takes).tied
