"""Tricky YouTube results: the work or a decoy? (A wrong link is worse than none.)"""

from __future__ import annotations

import pytest

from services.links.matching.youtube import (
    OFFICIAL_CEILING,
    best_work,
    is_official_channel,
    work_score,
)
from services.links.query import Query
from services.providers.youtube import Result

pytestmark = pytest.mark.unit

PROVIDED = "Provided to YouTube by Universal Music Group"

# (artist, title, video title, channel, is the work)
CASES = [
    (
        "Queen",
        "Don't Stop Me Now",
        "Queen - Don't Stop Me Now (Official Video)",
        "Queen Official",
        True,
    ),
    (
        "Queen",
        "Don't Stop Me Now",
        "Queen \u2013 Don't Stop Me Now (Remastered 2011)",
        "Queen Official",
        True,
    ),
    (
        "Queen",
        "Don't Stop Me Now",
        "Queen - Don't Stop Me Now (Live Aid 1985)",
        "Queen Official",
        False,
    ),
    (
        "Queen",
        "Don't Stop Me Now",
        "Don't Stop Me Now (Live At Wembley Stadium)",
        "Queen - Topic",
        False,
    ),
    (
        "Queen",
        "Bohemian Rhapsody",
        "Panic! At The Disco - Bohemian Rhapsody (Official Video)",
        "Fueled By Ramen",
        False,
    ),
    ("Queen", "Bohemian Rhapsody", "Bohemian Rhapsody", "Panic! At The Disco - Topic", False),
    (
        "Queen",
        "Bohemian Rhapsody",
        "Bohemian Rhapsody - Queen | Karaoke Version",
        "Sing King",
        False,
    ),
    (
        "Queen",
        "Bohemian Rhapsody",
        "Bohemian Rhapsody (in the style of Queen)",
        "Karaoke Hits",
        False,
    ),
    ("Queen", "Bohemian Rhapsody", "Queen - Bohemian Rhapsody (8-bit)", "Chip Tunes", False),
    ("Beyoncé", "Halo", "Beyoncé - Halo", "BeyonceVEVO", True),
    ("Beyoncé", "Halo", "Halo (Official Video) \u2013 Beyoncé", "Beyoncé", True),
    ("Beyoncé", "Halo", "Beyoncé - Halo (Official Lyric Video)", "BeyonceVEVO", True),
    ("Beyoncé", "Halo", "Beyoncé - Halo (Lyrics)", "7clouds", False),
    ("Beyoncé", "Halo", "Beyoncé - Halo (Remix)", "BeyonceVEVO", False),
    ("Beyoncé", "Halo", "Beyoncé - Halo (Slowed + Reverb)", "Vibes", False),
    ("Beyoncé", "Halo", "Beyoncé - Halo (Cover by Jane)", "Jane Sings", False),
    ("Beyoncé", "Halo", "Vocal coach REACTS to Beyoncé - Halo", "Coach", False),
    (
        "Sigur Rós",
        "Hoppípolla",
        "Sigur Rós - Hoppípolla (Official Video) [HD]",
        "Sigur Rós",
        True,
    ),
    ("Sigur Ros", "Hoppipolla", "Hoppípolla", "Sigur Rós - Topic", True),
    (
        "Кино",
        "Группа крови",
        "Кино - Группа крови (Official Video)",
        "Кино",
        True,
    ),
    (
        "宇多田ヒカル",
        "First Love",
        "宇多田ヒカル『First Love』(Official Music Video)",
        "Hikaru Utada",
        True,
    ),
    (
        "宇多田ヒカル",
        "First Love",
        "First Love",
        "宇多田ヒカル - Topic",
        True,
    ),
    (
        "فيروز",
        "شادي",
        "فيروز - شادي",
        "فيروز - Topic",
        True,
    ),
    (
        "Dua Lipa",
        "Levitating",
        "Dua Lipa - Levitating Featuring DaBaby (Official Music Video)",
        "Dua Lipa",
        True,
    ),
    ("Dua Lipa", "Levitating", "Dua Lipa - Levitating (feat. DaBaby)", "Dua Lipa - Topic", True),
    ("The Beatles", "Yesterday", "Yesterday (Remastered 2009)", "The Beatles - Topic", True),
    ("The Beatles", "Yesterday", "Yesterday - Piano Tutorial", "PianoGuy", False),
    ("The Beatles", "Yesterday", "The Beatles - Yesterday | Guitar Lesson", "Guitar Club", False),
    ("The Beatles", "Yesterday", "The Beatles - Let It Be (Official Video)", "The Beatles", False),
]


@pytest.mark.parametrize(("artist", "title", "video_title", "channel", "is_work"), CASES)
def test_is_the_work(
    artist: str, title: str, video_title: str, channel: str, is_work: bool
) -> None:
    query = Query(kind="track", title=title, artist=artist)
    result = Result("v", video_title, "UC1", channel, PROVIDED if channel.endswith("Topic") else "")

    assert (best_work(query, [result]) is not None) is is_work, work_score(query, result)


def test_the_official_upload_outranks_a_perfect_reupload() -> None:
    query = Query(kind="track", title="Halo", artist="Beyoncé")
    reupload = Result("re", "Beyoncé - Halo", "UC2", "Best Hits 2000s")
    official = Result("off", "Beyoncé - Halo (Official Video)", "UC3", "BeyonceVEVO")

    assert best_work(query, [reupload, official]) == (official, OFFICIAL_CEILING)


# -- the official music video first (issue 13) ----------------------------------------

HALO = Query(kind="track", title="Halo", artist="Beyoncé")


@pytest.mark.parametrize(
    ("other_title", "other_channel"),
    [
        ("Beyoncé - Halo (Lyric Video)", "BeyonceVEVO"),
        ("Beyoncé - Halo (Official Audio)", "BeyonceVEVO"),
        ("Beyoncé - Halo (Official Visualizer)", "BeyonceVEVO"),
        ("Beyoncé - Halo (Official Live Video)", "BeyonceVEVO"),
        ("Halo", "Beyoncé - Topic"),
        ("Beyoncé - Halo", "Best Hits 2000s"),
    ],
)
def test_the_official_video_titled_plainly_outranks(other_title: str, other_channel: str) -> None:
    official = Result("off", "Beyoncé - Halo", "UC1", "BeyonceVEVO")
    other = Result("other", other_title, "UC2", other_channel, PROVIDED)
    assert best_work(HALO, [other, official]) == (official, OFFICIAL_CEILING)


def test_the_art_track_outranks_the_artists_audio_and_lyric_uploads() -> None:
    art = Result("art", "Halo", "UC1", "Beyoncé - Topic", PROVIDED)
    for title in ("Beyoncé - Halo (Official Audio)", "Beyoncé - Halo (Official Lyric Video)"):
        upload = Result("upload", title, "UC2", "BeyonceVEVO")
        match = best_work(HALO, [upload, art])
        assert match is not None and match[0] is art


def test_a_cut_of_the_video_on_the_artists_channel_is_the_work() -> None:
    query = Query(kind="track", title="Umbrella (feat. JAY-Z)", artist="Rihanna")
    orange = Result(
        "o",
        "Rihanna - Umbrella (Orange Version) (Official Music Video) ft. JAY-Z",
        "UC1",
        "RihannaVEVO",
    )
    piano = Result("p", "Rihanna - Umbrella (Piano Version)", "UC2", "Piano Tribute")
    assert best_work(query, [piano, orange]) == (orange, OFFICIAL_CEILING)
    assert best_work(query, [piano]) is None


def test_bilingual_titles_and_channels_named_after_every_name() -> None:
    good_day = Query(kind="track", title="좋은 날", artist="아이유")
    mv = Result("mv", "[MV] IU(아이유) _ Good Day(좋은 날)", "UC1", "1theK (원더케이)")
    assert best_work(good_day, [mv]) is not None
    sunny = Query(kind="track", title="晴天", artist="周杰倫", aliases=("Jay Chou",))
    channel = Result("a", "晴天", "UC2", "周杰倫 Jay Chou")
    fans = Result("b", "晴天", "UC3", "周杰倫 Jay Chou Fans")
    assert is_official_channel(sunny, channel) and not is_official_channel(sunny, fans)
