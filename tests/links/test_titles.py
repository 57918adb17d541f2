"""Words the stores add to a title or leave out: none of them makes another work."""

from __future__ import annotations

import pytest

from services.links.matching.agreement import core_title
from services.links.matching.candidates import best
from services.links.matching.model import Candidate
from services.links.matching.titles import soundtrack_kind, without_store_words
from services.links.query import Query

pytestmark = pytest.mark.unit

STORE_WORDS = [
    ("Interstellar (Original Motion Picture Soundtrack)", "Interstellar"),
    ("Inception (Music from the Motion Picture)", "Inception"),
    ("Drive (Original Soundtrack)", "Drive"),
    ("Titanic OST", "Titanic"),
    ('Let It Go - From "Frozen"/Soundtrack Version', "Let It Go"),
    ('Let It Go (From "Frozen"/Soundtrack Version)', "Let It Go"),
    ('My Heart Will Go On - Love Theme from "Titanic"', "My Heart Will Go On"),
    ("Purple Rain Deluxe (Expanded Edition)", "Purple Rain"),
    ("Born This Way (International Special Edition Version)", "Born This Way"),
    # Not what a store adds: takes, titles, brackets that belong to the name.
    ("Creep (Live)", "Creep (Live)"),
    ("Blue (Da Ba Dee) - Gabry Ponte Ice Pop Mix", "Blue (Da Ba Dee) - Gabry Ponte Ice Pop Mix"),
    ("Deluxe", "Deluxe"),
    ("Live from the Moon", "Live from the Moon"),
    ("Hallelujah (Live from Glastonbury)", "Hallelujah (Live from Glastonbury)"),
    ("Creep (Live Edition)", "Creep (Live Edition)"),
]


@pytest.mark.parametrize(("title", "expected"), STORE_WORDS)
def test_what_stores_add_is_dropped(title: str, expected: str) -> None:
    assert without_store_words(title) == expected


def test_a_soundtrack_says_whether_it_is_the_score() -> None:
    assert soundtrack_kind("La La Land (Original Motion Picture Score)") == "score"
    assert soundtrack_kind("La La Land (Original Motion Picture Soundtrack)") == "soundtrack"
    assert soundtrack_kind("Frozen OST") == "soundtrack"
    assert soundtrack_kind("La La Land") is None
    assert soundtrack_kind("Purple Rain Deluxe") is None


def test_core_titles_agree_across_the_store_words() -> None:
    assert core_title("Interstellar (Original Motion Picture Soundtrack)") == "interstellar"
    assert core_title('Let It Go - From "Frozen"/Soundtrack Version') == "let it go"


def album(title: str, artist: str) -> Query:
    return Query(kind="album", title=title, artist=artist)


def track(title: str, artist: str) -> Query:
    return Query(kind="track", title=title, artist=artist)


def test_a_soundtrack_matches_the_bare_title_either_way() -> None:
    soundtrack = Candidate("Interstellar (Original Motion Picture Soundtrack)", ["Hans Zimmer"])
    assert best(album("Interstellar", "Hans Zimmer"), [soundtrack]) is not None
    bare = Candidate("La La Land", ["Justin Hurwitz"])
    post = album("La La Land (Original Motion Picture Soundtrack)", "Justin Hurwitz")
    assert best(post, [bare]) is not None


def test_the_score_is_not_the_soundtrack() -> None:
    score = Candidate("La La Land (Original Motion Picture Score)", ["Justin Hurwitz"])
    post = album("La La Land (Original Motion Picture Soundtrack)", "Justin Hurwitz")
    assert best(post, [score]) is None


def test_a_soundtrack_version_is_the_song_and_a_single_version_of_another_artist_is_not() -> None:
    film = Candidate('Let It Go - From "Frozen"/Soundtrack Version', ["Idina Menzel"])
    single = Candidate('Let It Go (From "Frozen"/Single Version)', ["Demi Lovato"])
    match = best(track("Let It Go", "Idina Menzel"), [single, film])
    assert match is not None and match[0] is film


def test_an_edition_named_a_version_is_the_album() -> None:
    edition = Candidate("Born This Way (International Special Edition Version)", ["Lady Gaga"])
    assert best(album("Born This Way", "Lady Gaga"), [edition]) is not None
    assert (
        best(
            album("Born This Way", "Lady Gaga"),
            [Candidate("Born This Way (Live Version)", ["Lady Gaga"])],
        )
        is None
    )


def test_a_leading_the_left_out_by_the_post_costs_little() -> None:
    the = Candidate("The Scientist", ["Coldplay"])
    match = best(track("Scientist", "Coldplay"), [the])
    assert match is not None and 0.9 < match[1] < 1.0
    assert best(track("The Scientist", "Coldplay"), [Candidate("Scientist", ["Coldplay"])])
    # A same-named title of another artist stays another work.
    assert best(track("Scientist", "Coldplay"), [Candidate("The Scientist", ["Someone"])]) is None
