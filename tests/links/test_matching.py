"""A table of tricky matching cases: which candidate is the work, or none."""

from __future__ import annotations

from dataclasses import replace

import pytest

from services.links.matching.agreement import core_title
from services.links.matching.candidates import THRESHOLD, best, choose, score
from services.links.matching.model import Candidate
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
    # -- featured artists (issue 13) --
    (
        "feat. in the post, guests in the platform's credits",
        track("Get Lucky", "Daft Punk feat. Pharrell Williams"),
        [
            C("Get Lucky", ["Daft Punk Tribute Band"]),
            C("Get Lucky (feat. Pharrell Williams)", ["Daft Punk", "Pharrell Williams"]),
        ],
        ("Get Lucky (feat. Pharrell Williams)", "Daft Punk"),
    ),
    (
        "ft. in the post, the guest nowhere on the platform",
        track("Umbrella", "Rihanna ft. JAY-Z"),
        [C("Umbrella", ["The Baseballs"]), C("Umbrella", ["Rihanna"])],
        ("Umbrella", "Rihanna"),
    ),
    (
        "x in the post, & in the platform's artist name",
        track("One Kiss", "Calvin Harris x Dua Lipa"),
        [C("One Kiss", ["Calvin Harris & Dua Lipa"])],
        ("One Kiss", "Calvin Harris & Dua Lipa"),
    ),
    (
        "a duo's & is no guest marker: the whole name beats its first word",
        track("The Boxer", "Simon & Garfunkel"),
        [C("The Boxer", ["Simon"], duration_ms=200_000), C("The Boxer", ["Simon & Garfunkel"])],
        ("The Boxer", "Simon & Garfunkel"),
    ),
    (
        "with in the post's title",
        track("Stay (with Justin Bieber)", "The Kid LAROI"),
        [C("STAY", ["The Kid LAROI", "Justin Bieber"])],
        ("STAY", "The Kid LAROI"),
    ),
    (
        "the guest alone is not the artist",
        track("Get Lucky", "Daft Punk feat. Pharrell Williams"),
        [C("Get Lucky", ["Pharrell Williams"])],
        None,
    ),
    # -- other scripts --
    (
        "an alias another platform gave is the artist",
        replace(track("Dynamite", "방탄소년단"), aliases=("BTS",)),
        [C("Dynamite", ["Taio Cruz"]), C("Dynamite", ["BTS"])],
        ("Dynamite", "BTS"),
    ),
    (
        "a transliteration alone proves nothing",
        track("Кукушка", "Кино"),
        [C("Kukushka", ["Kino"], duration_ms=401_000)],
        None,
    ),
    (
        "a transliteration with the length identified elsewhere",
        replace(track("Кукушка", "Кино"), duration_ms=401_000),
        [
            C("Kukushka", ["Kino"], duration_ms=420_000),
            C("Kukushka", ["Kino"], duration_ms=401_000),
        ],
        ("Kukushka", "Kino"),
    ),
    (
        "a bilingual title matches in either script",
        track("Gangnam Style", "PSY"),
        [C("Gangnam Style (강남스타일)", ["PSY"])],
        ("Gangnam Style (강남스타일)", "PSY"),
    ),
    # -- versions --
    (
        "a live album makes its tracks live",
        track("Halo", "Beyonce"),
        [
            C(
                "Halo",
                ["Beyoncé"],
                album="I Am... Yours: An Intimate Performance at Wynn Las Vegas",
            ),
            C("Halo", ["Beyoncé"], album="I AM...SASHA FIERCE"),
        ],
        ("Halo", "Beyoncé"),
    ),
    (
        "the original before its radio edit",
        track("Sandstorm", "Darude"),
        [
            C("Sandstorm - Radio Edit", ["Darude"], duration_ms=225_000, record_type="single"),
            C("Sandstorm", ["Darude"], duration_ms=443_000),
        ],
        ("Sandstorm", "Darude"),
    ),
    (
        "the original before its remaster",
        track("Wonderwall", "Oasis"),
        [
            C("Wonderwall - Remastered", ["Oasis"], duration_ms=259_000),
            C("Wonderwall", ["Oasis"], duration_ms=258_000),
        ],
        ("Wonderwall", "Oasis"),
    ),
    (
        "a remaster when there is nothing else",
        track("Bohemian Rhapsody", "Queen"),
        [C("Bohemian Rhapsody - Remastered 2011", ["Queen"])],
        ("Bohemian Rhapsody - Remastered 2011", "Queen"),
    ),
    (
        "a version the post names, and only that",
        track("Creep (Acoustic)", "Radiohead"),
        [C("Creep", ["Radiohead"]), C("Creep - Acoustic", ["Radiohead"])],
        ("Creep - Acoustic", "Radiohead"),
    ),
    (
        "a version the post names, missing",
        track("Creep (Acoustic)", "Radiohead"),
        [C("Creep", ["Radiohead"])],
        None,
    ),
    (
        "an X version is another recording",
        track("Despacito", "Luis Fonsi"),
        [C("Despacito (Versión Pop)", ["Luis Fonsi"])],
        None,
    ),
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


def test_two_takes_of_different_lengths_on_the_same_evidence_are_ambiguous() -> None:
    """Deezer's live album is not named live: only an identifier or a length can tell."""
    studio = C("Wonderwall", ["Oasis"], duration_ms=258_000, album="Morning Glory")
    live = C("Wonderwall", ["Oasis"], duration_ms=278_000, album="Familiar to Millions")
    choice = choose(track("Wonderwall", "Oasis"), [live, studio])
    assert choice.match is None and choice.ambiguous
    known_length = replace(track("Wonderwall", "Oasis"), duration_ms=258_000)
    assert choose(known_length, [live, studio]).match == (studio, 0.96)


def test_an_unmarked_take_and_a_remaster_of_different_lengths_are_ambiguous() -> None:
    """A remaster has the original's length: one that differs says the other is not it."""
    remaster = C("Hotel California (2013 Remaster)", ["Eagles"], duration_ms=391_000)
    live = C("Hotel California", ["Eagles"], duration_ms=432_000, album="Hell Freezes Over")
    assert choose(track("Hotel California", "Eagles"), [live, remaster]).ambiguous


def test_the_same_take_on_two_albums_is_not_ambiguous() -> None:
    album_take = C("Someone Like You", ["Adele"], duration_ms=285_000, album="21")
    compiled = C(
        "Someone Like You",
        ["Adele"],
        duration_ms=285_000,
        album="Now 80",
        record_type="compilation",
    )
    assert choose(track("Someone Like You", "Adele"), [compiled, album_take]).match == (
        album_take,
        0.93,
    )
