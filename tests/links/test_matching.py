"""A table of tricky matching cases: which candidate is the work, or none."""

from __future__ import annotations

import pytest

from services.links.agreement import core_title
from services.links.matching import THRESHOLD, Candidate, best, score
from services.links.query import Query

pytestmark = pytest.mark.unit

C = Candidate


def album(title: str, artist: str | None = None, year: int | None = None) -> Query:
    return Query(kind="album", title=title, artist=artist, year=year)


def track(title: str, artist: str | None = None) -> Query:
    return Query(kind="track", title=title, artist=artist)


# (case, query, candidates, the title+artist of the expected match or None)
CASES = [
    (
        "decoys only",
        track("The Diary of Jane", "Breaking Benjamin"),
        [
            C("The Diary of Jane (Karaoke Version)", ["Breaking Benjamin"]),
            C("The Diary of Jane", ["Sing Along Band"], album="In the Style of Breaking Benjamin"),
            C("The Diary of Jane - Tribute to Breaking Benjamin", ["Rock Heroes"]),
            C("The Diary of Jane (8-Bit Version)", ["8-Bit Arcade"]),
            C("The Diary of Jane (Instrumental)", ["Breaking Benjamin"]),
            C("The Diary of Jane - Live", ["Breaking Benjamin"]),
            C("The Diary of Jane", ["Breaking Benjamin"], album="Live at Rock am Ring"),
            C("The Diary of Jane (Cover)", ["Somebody"]),
        ],
        None,
    ),
    (
        "remaster folded",
        album("Abbey Road", "The Beatles", 1969),
        [C("Abbey Road (Remastered 2019)", ["The Beatles"], year=2019, record_type="album")],
        ("Abbey Road (Remastered 2019)", "The Beatles"),
    ),
    (
        "deluxe folded, single refused",
        album("21", "Adele"),
        [
            C("21 - Single", ["Adele"], record_type="single"),
            C("21 (Deluxe Edition)", ["Adele"], record_type="album"),
        ],
        ("21 (Deluxe Edition)", "Adele"),
    ),
    (
        "single refused for an album",
        album("Phobia", "Breaking Benjamin"),
        [C("Phobia", ["Breaking Benjamin"], record_type="single")],
        None,
    ),
    (
        "feat. folded",
        track("Umbrella", "Rihanna"),
        [C("Umbrella (feat. JAY-Z)", ["Rihanna", "JAY-Z"], album="Good Girl Gone Bad")],
        ("Umbrella (feat. JAY-Z)", "Rihanna"),
    ),
    (
        "studio take before live",
        track("Creep", "Radiohead"),
        [
            C("Creep - Live at Glastonbury", ["Radiohead"]),
            C("Creep", ["Radiohead"], album="Pablo Honey", record_type="album"),
        ],
        ("Creep", "Radiohead"),
    ),
    (
        "live asked for",
        track("Creep (Live)", "Radiohead"),
        [C("Creep (Live)", ["Radiohead"], album="Live at Glastonbury")],
        ("Creep (Live)", "Radiohead"),
    ),
    (
        "japanese",
        album("初恋", "宇多田ヒカル"),
        [C("初恋", ["宇多田ヒカル"]), C("初恋", ["村下孝蔵"])],
        ("初恋", "宇多田ヒカル"),
    ),
    (
        "cyrillic",
        album("Группа крови", "Кино"),
        [C("Группа крови", ["Кино"]), C("Группа крови", ["Ария"])],
        ("Группа крови", "Кино"),
    ),
    (
        "arabic",
        track("سألوني الناس", "فيروز"),
        [C("سألوني الناس", ["فيروز"])],
        ("سألوني الناس", "فيروز"),
    ),
    (
        "accents",
        album("Agaetis byrjun", "Sigur Ros"),
        [C("Ágætis byrjun", ["Sigur Rós"])],
        ("Ágætis byrjun", "Sigur Rós"),
    ),
    (
        "accents in the query",
        album("Lemonade", "Beyoncé"),
        [C("Lemonade", ["Beyonce"])],
        ("Lemonade", "Beyonce"),
    ),
    (
        "same title, different artist",
        album("Phobia", "Breaking Benjamin"),
        [C("Phobia", ["The Kinks"], year=1993)],
        None,
    ),
    (
        "same title, the right artist among others",
        album("Phobia", "Breaking Benjamin"),
        [C("Phobia", ["The Kinks"]), C("Phobia", ["Breaking Benjamin"])],
        ("Phobia", "Breaking Benjamin"),
    ),
    (
        "near-miss title is another song",
        track("Hurt", "Johnny Cash"),
        [C("Hurts", ["Johnny Cash"])],
        None,
    ),
    (
        "the track on its album before a compilation",
        track("Bohemian Rhapsody", "Queen"),
        [
            C("Bohemian Rhapsody", ["Queen"], album="Greatest Hits", record_type="compilation"),
            C("Bohemian Rhapsody", ["Queen"], album="A Night at the Opera", record_type="album"),
        ],
        ("Bohemian Rhapsody", "Queen"),
    ),
    (
        "the track on its album before its single",
        track("Phobia", "Breaking Benjamin"),
        [
            C("Phobia", ["Breaking Benjamin"], album="Phobia", record_type="single"),
            C("Phobia", ["Breaking Benjamin"], album="Phobia (album)", record_type="album"),
        ],
        ("Phobia", "Breaking Benjamin"),
    ),
    (
        "a compilation album asked for",
        album("Greatest Hits", "Queen"),
        [C("Greatest Hits", ["Queen"], record_type="compilation")],
        ("Greatest Hits", "Queen"),
    ),
    (
        "and / ampersand, leading The",
        album("Bridge over Troubled Water", "Simon and Garfunkel"),
        [C("Bridge Over Troubled Water", ["Simon & Garfunkel"])],
        ("Bridge Over Troubled Water", "Simon & Garfunkel"),
    ),
    ("no artist: never sure", album("Phobia"), [C("Phobia", ["Breaking Benjamin"])], None),
]


@pytest.mark.parametrize(
    ("query", "candidates", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_matching_table(
    query: Query, candidates: list[Candidate[object]], expected: tuple[str, str] | None
) -> None:
    match = best(query, candidates)
    if expected is None:
        assert match is None, f"matched {match}"
        return
    assert match is not None
    assert (match[0].title, match[0].artists[0]) == expected
    if len({(c.title, c.artists[0]) for c in candidates}) < len(candidates):
        assert match[0].record_type != "single"  # same names: the album take wins
    assert match[1] >= THRESHOLD


def test_edition_noise_is_folded() -> None:
    assert core_title("Abbey Road (Remastered 2019)") == "abbey road"
    assert core_title("21 [Deluxe Edition]") == "21"
    assert core_title("Umbrella (feat. JAY-Z)") == "umbrella"
    assert core_title("Let It Be - Remastered 2009") == "let it be"
    assert core_title("Song feat. Someone") == "song"


def test_the_artist_page_matches_the_artist_not_a_tribute() -> None:
    query = Query(kind="artist", title="Breaking Benjamin")
    assert score(query, C("Breaking Benjamin")) == 1.0
    assert score(query, C("Breaking Benjamin Tribute Band")) == 0.0
