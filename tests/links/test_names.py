"""Artist credits (main artist and guests) and names in other scripts."""

from __future__ import annotations

import pytest

from services.links.matching.names import credit, is_latin, transliterated, without_guests

pytestmark = pytest.mark.unit

# (credit, main artist, guests, set apart for certain)
CREDITS = [
    ("Daft Punk feat. Pharrell Williams", "Daft Punk", ("Pharrell Williams",), True),
    ("Rihanna ft. JAY-Z", "Rihanna", ("JAY-Z",), True),
    ("Coldplay ft Beyoncé", "Coldplay", ("Beyoncé",), True),
    ("Luis Fonsi featuring Daddy Yankee", "Luis Fonsi", ("Daddy Yankee",), True),
    ("Daft Punk (feat. Pharrell Williams & Nile Rodgers)", "Daft Punk",
     ("Pharrell Williams", "Nile Rodgers"), True),
    ("Calvin Harris x Dua Lipa", "Calvin Harris", ("Dua Lipa",), False),
    ("Shawn Mendes, Camila Cabello", "Shawn Mendes", ("Camila Cabello",), False),
    ("The Kid LAROI with Justin Bieber", "The Kid LAROI", ("Justin Bieber",), False),
    ("benny blanco, Halsey & Khalid", "benny blanco", ("Halsey", "Khalid"), False),
    # Names that only look like credits: the whole credit stays a reading in matching.
    ("Simon & Garfunkel", "Simon", ("Garfunkel",), False),
    ("Earth, Wind & Fire", "Earth", ("Wind", "Fire"), False),
    # An X that ends a name, or starts one, is no marker; neither is "and" or "+".
    ("Lil Nas X", "Lil Nas X", (), True),
    ("X Japan", "X Japan", (), True),
    ("Marina and the Diamonds", "Marina and the Diamonds", (), True),
    ("Florence + the Machine", "Florence + the Machine", (), True),
    ("Sigur Rós", "Sigur Rós", (), True),
]  # fmt: skip


@pytest.mark.parametrize(("text", "main", "guests", "certain"), CREDITS)
def test_credits(text: str, main: str, guests: tuple[str, ...], certain: bool) -> None:
    found = credit(text)
    assert (found.main, found.guests, found.certain) == (main, guests, certain)
    assert found.full == text


def test_a_title_loses_its_guests_for_searching() -> None:
    assert without_guests("Get Lucky (feat. Pharrell Williams)") == "Get Lucky"
    assert without_guests("Song feat. Someone") == "Song"
    assert without_guests("Left Behind") == "Left Behind"


def test_scripts() -> None:
    assert is_latin("Sigur Rós") and is_latin("Beyoncé") and is_latin("AC/DC")
    assert not is_latin("Кино") and not is_latin("아이유") and not is_latin("YOASOBI 夜に駆ける")


def test_transliterations_guide_searches() -> None:
    assert transliterated("Кино") == "Kino"
    assert transliterated("夜に駆ける") == "Yoru ni kakeru"
    # Kanji alone read as Japanese only in a Japanese context.
    assert transliterated("高橋洋子", in_japanese=True) == "Takahashi Yoko"
    assert transliterated("高橋洋子") == "GaoQiaoYangZi"
