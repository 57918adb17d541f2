"""The second, broader pass: a typo forgiven, a former name, still no decoy."""

from __future__ import annotations

import pytest

from services.links.matching.broad import free_text_forms, one_typo, renamed
from services.links.matching.candidates import best
from services.links.matching.model import Candidate
from services.links.query import Query

pytestmark = pytest.mark.unit

C = Candidate


def test_free_text_by_the_posts_names_then_the_artists_others() -> None:
    forms = free_text_forms("Puff Daddy", "I'll Be Missing You", ("Diddy", "P. Diddy", "Sean"))
    assert forms == [
        "Puff Daddy I'll Be Missing You",
        "Diddy I'll Be Missing You",
        "P. Diddy I'll Be Missing You",
    ]
    assert free_text_forms("방탄소년단", "봄날", ("BTS",)) == ["방탄소년단 봄날"]


@pytest.mark.parametrize(
    ("asked", "offered", "letters", "expected"),
    [
        ("viva la vdia", "viva la vida", 5, False),  # "vdia": four letters
        ("smels like teen spirit", "smells like teen spirit", 5, True),
        ("bon ivre", "bon iver", 4, True),  # two letters swapped
        ("radiohed", "radiohead", 4, True),
        ("hurts", "hurt", 4, False),  # a plural is another title
        ("angle", "angel", 5, True),
        ("creep", "crepe", 5, True),
        ("the killers", "killers", 4, False),  # another word, not a typo
        ("abcde", "vwxyz", 5, False),
    ],
)
def test_one_typo(asked: str, offered: str, letters: int, expected: bool) -> None:
    assert one_typo(asked, offered, letters) is expected


@pytest.mark.parametrize(
    ("asked", "offered", "expected"),
    [
        ("dixie chicks", "chicks", True),
        ("lady antebellum", "lady a", True),
        ("snoop doggy dogg", "snoop dogg", True),
        ("john cougar mellencamp", "john mellencamp", True),
        ("lady gaga", "lady a", False),
        ("puff daddy", "diddy", False),  # nothing shared: only MusicBrainz knows
        ("a b", "a b c", False),  # nothing of four letters shared
    ],
)
def test_renamed(asked: str, offered: str, expected: bool) -> None:
    assert renamed(asked, offered) is expected


def track(title: str, artist: str, broad: bool = True) -> Query:
    return Query(kind="track", title=title, artist=artist, broad=broad)


def test_the_precise_pass_forgives_nothing_the_broad_one_forgives_a_typo() -> None:
    post = track("Angle", "Shaggy")
    assert best(track("Angle", "Shaggy", broad=False), [C("Angel", ["Shaggy"])]) is None
    match = best(post, [C("Angel", ["Shaggy"])])
    assert match is not None and match[1] < 0.9


def test_a_plural_is_another_title_even_in_the_broad_pass() -> None:
    assert best(track("Hurts", "Johnny Cash"), [C("Hurt", ["Johnny Cash"])]) is None


def test_a_former_name_the_store_knows_the_artist_by() -> None:
    """Its free text found "The Chicks" for "Dixie Chicks": "Dixie" is nowhere on it."""
    chicks = C("Wide Open Spaces", ["The Chicks"], album="Wide Open Spaces")
    match = best(track("Wide Open Spaces", "Dixie Chicks"), [chicks])
    assert match is not None and match[1] < 0.9
    assert best(track("Wide Open Spaces", "Dixie Chicks", broad=False), [chicks]) is None


def test_a_name_that_holds_the_posts_and_shows_all_of_it_is_another_artist() -> None:
    other = C("Rare Demos", ["Another Obscure Band"])
    assert best(track("Rare Demos", "Obscure Band"), [other]) is None


def test_the_broad_pass_refuses_decoys_as_ever() -> None:
    post = track("Creep", "Radiohed")
    decoys = [
        C("Creep (Karaoke Version)", ["Radiohead"]),
        C("Creep", ["Scala & Kolacny Brothers"]),
        C("Creep - Live", ["Radiohead"]),
        C("Creep", ["Radiohead Tribute Band"]),
    ]
    assert best(post, decoys) is None
    match = best(post, [*decoys, C("Creep", ["Radiohead"])])
    assert match is not None and match[0].artists == ["Radiohead"]


def test_one_name_of_a_credit_that_gives_several() -> None:
    post = Query(kind="track", title="Peace Train", artist="Cat Stevens")
    assert best(post, [C("Peace Train", ["Yusuf / Cat Stevens"])]) is not None


def test_stylised_names_are_read_as_letters() -> None:
    assert best(track("TiK ToK", "Kesha", broad=False), [C("TiK ToK", ["Ke$ha"])]) is not None
    assert best(track("So What", "Pink", broad=False), [C("So What", ["P!nk"])]) is not None
