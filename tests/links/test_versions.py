"""Which version a title names, and which candidates a post's version refuses."""

from __future__ import annotations

import pytest

from services.dedup import fold_text
from services.links.matching.versions import (
    is_cut,
    is_reissue,
    refused_take,
    takes,
    without_versions,
)

pytestmark = pytest.mark.unit

TAKES = [
    ("Halo", set()),
    ("Halo - Live", {"live"}),
    ("About A Girl (Live At MTV Unplugged, 1993)", {"live", "acoustic"}),
    ("I Am... Yours: An Intimate Performance at Wynn Las Vegas", {"live"}),
    ("The Concert in Central Park", {"live"}),
    ("Live Forever", set()),  # a title, not a take
    ("Live and Let Die", set()),
    ("Creep - Acoustic", {"acoustic"}),
    ("Umbrella (Seamus Haji Remix)", {"remix"}),
    ("Under Pressure (Rah Mix)", {"remix"}),
    ("Sandstorm (Original Mix)", set()),
    ("Here Comes The Sun (2019 Mix)", set()),
    ("Halo (In the Style of Beyoncé) [Karaoke Version]", {"karaoke", "style of", "version"}),
    ("밤편지 (Inst.)", {"instrumental"}),
    ("Yesterday - Take 1", {"take"}),
    ("Yesterday - Anthology 2 Version", {"version"}),
    ("Despacito (Versión Pop)", {"version"}),
    ("残酷な天使のテーゼ (TV Size)", {"altered"}),
    ("STAY (with Justin Bieber) [Sped Up]", {"altered"}),
    ("Bohemian Rhapsody - Remastered 2011", set()),
    ("Get Lucky (Radio Edit)", set()),
    ("Yesterday (Album Version)", set()),
]


@pytest.mark.parametrize(("title", "expected"), TAKES)
def test_takes(title: str, expected: set[str]) -> None:
    assert takes(fold_text(title)) == expected


def test_a_post_naming_a_take_refuses_the_others_and_the_plain_one() -> None:
    live = frozenset({"live"})
    assert refused_take(frozenset(), live) == "live"
    assert refused_take(live, frozenset()) == "not live"
    assert refused_take(live, frozenset({"live", "acoustic"})) is None  # an unplugged session
    assert refused_take(frozenset({"acoustic"}), frozenset({"live", "acoustic"})) is None
    assert refused_take(live, frozenset({"live", "remix"})) == "remix"
    assert refused_take(frozenset({"remix"}), frozenset({"remix"})) is None


def test_reissues_and_cuts_are_the_same_song() -> None:
    assert is_reissue("bohemian rhapsody - remastered 2011") and is_reissue("21 (deluxe edition)")
    assert is_reissue("here comes the sun (2019 mix)")
    assert is_cut("get lucky (radio edit)") and is_cut("sandstorm - extended mix")
    assert not is_reissue("halo") and not is_cut("halo")


def test_titles_without_their_version_parts() -> None:
    assert without_versions("Under Pressure - Remastered 2011") == "Under Pressure"
    assert without_versions("X (Deluxe) - Remastered 2019") == "X"
    assert without_versions("Hotel California - Live on MTV, 1994") == "Hotel California"
    assert without_versions("Blue (Da Ba Dee)") == "Blue (Da Ba Dee)"  # part of the title
