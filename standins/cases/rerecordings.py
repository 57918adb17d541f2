"""Re-recordings, live takes and remasters of another year: other recordings, unless the
post names them."""

from standins.table import DEEZER, ITUNES, SPOTIFY, Case, Listing, Video, album, track
from standins.table import everywhere as every

L = Listing

LOVE_STORY = L(
    "Love Story",
    "Taylor Swift",
    album="Fearless",
    year=2008,
    isrc="USCJY0803275",
    upc="0843930000001",
    seconds=235,
    track_number=3,
)
COME_TOGETHER = L(
    "Come Together - Remastered 2009",
    "The Beatles",
    album="Abbey Road (Remastered)",
    year=1969,
    isrc="GBAYE0601690",
    upc="0094638246800",
    seconds=259,
    track_number=1,
)
HURRICANE = L(
    "Rock You Like a Hurricane",
    "Scorpions",
    album="Love at First Sting",
    year=1984,
    isrc="DEA628400001",
    upc="0602537000301",
    seconds=252,
    track_number=1,
)
SWEET_DREAMS = L(
    "Sweet Dreams (Are Made of This)",
    "Eurythmics",
    album="Sweet Dreams (Are Made of This)",
    year=1983,
    isrc="GBARL8300001",
    upc="0078635000001",
    seconds=216,
    track_number=7,
)
FEARLESS = L("Fearless", "Taylor Swift", year=2008, upc="0843930000002", tracks=13)

RERECORDINGS = [
    Case(
        "rerecordings",
        "Love Story of 2008: Taylor's Version first; on iTunes only its album says so",
        track("Love Story", "Taylor Swift", year=2008),
        every(LOVE_STORY),
        decoys=(
            LOVE_STORY.but(
                title="Love Story (Taylor\u2019s Version)",
                album="Fearless (Taylor's Version)",
                year=2021,
                isrc="USUG12100341",
                upc="0602435000001",
                seconds=236,
                on=(SPOTIFY,),
            ),
            LOVE_STORY.but(
                title_version="(Taylor's Version)",
                album="Fearless (Taylor's Version)",
                year=2021,
                isrc="USUG12100341",
                upc="0602435000001",
                seconds=236,
                on=(DEEZER,),
            ),
            LOVE_STORY.but(
                album="Fearless (Taylor's Version)",
                year=2021,
                isrc="USUG12100341",
                upc="0602435000001",
                seconds=236,
                on=(ITUNES,),
            ),
        ),
        videos=(
            Video(
                "ls-tv",
                "Taylor Swift - Love Story (Taylor's Version) (Lyric Video)",
                "TaylorSwiftVEVO",
            ),
            Video("ls-off", "Taylor Swift - Love Story", "TaylorSwiftVEVO", True),
        ),
    ),
    Case(
        "rerecordings",
        "Fearless: the re-recorded album first; the Platinum Edition beside it",
        album("Fearless", "Taylor Swift"),
        every(FEARLESS),
        decoys=(
            FEARLESS.but(
                title="Fearless (Taylor's Version)", year=2021, upc="0602435000002", tracks=26
            ),
            FEARLESS.but(
                title="Fearless (Platinum Edition)", year=2009, upc="0843930000003", tracks=19
            ),
        ),
    ),
    Case(
        "rerecordings",
        "Come Together - Remastered 2009: the 2019 mix first",
        track("Come Together - Remastered 2009", "The Beatles"),
        every(
            COME_TOGETHER,
            deezer={"title": "Come Together (Remastered 2009)"},
            apple_music={"title": "Come Together"},
        ),
        decoys=(
            COME_TOGETHER.but(
                title="Come Together - 2019 Mix",
                album="Abbey Road (Super Deluxe Edition)",
                year=2019,
                isrc="GBUM71903870",
                upc="0602508000001",
                on=(SPOTIFY, DEEZER),
            ),
            COME_TOGETHER.but(
                title="Come Together (Live)",
                album="Live",
                isrc="GBUM70000001",
                seconds=280,
                on=(ITUNES,),
            ),
        ),
        videos=(Video("ct-off", "The Beatles - Come Together", "The Beatles", True),),
    ),
    Case(
        "rerecordings",
        "Rock You Like a Hurricane of 1984: the 2011 re-recording first",
        track("Rock You Like a Hurricane", "Scorpions", year=1984),
        every(HURRICANE),
        decoys=(
            HURRICANE.but(
                title="Rock You Like a Hurricane - 2011",
                album="Comeblack",
                year=2011,
                isrc="DEA621100001",
                upc="0886978000001",
                seconds=254,
            ),
        ),
    ),
    Case(
        "rerecordings",
        "Sweet Dreams: a 1991 version, a live take and the 2005 remaster first",
        track("Sweet Dreams (Are Made of This)", "Eurythmics"),
        every(SWEET_DREAMS),
        decoys=(
            SWEET_DREAMS.but(
                title="Sweet Dreams (Are Made of This) (1991 Version)",
                album="Greatest Hits",
                record_type="compilation",
                year=1991,
                isrc="GBARL9100001",
                upc="0078635000002",
                seconds=220,
            ),
            SWEET_DREAMS.but(
                title="Sweet Dreams (Are Made of This) - Live",
                album="Live 1983-1989",
                year=1993,
                isrc="GBARL9300001",
                upc="0078635000003",
                seconds=260,
            ),
            SWEET_DREAMS.but(
                title="Sweet Dreams (Are Made of This) - 2005 Remaster",
                album="Sweet Dreams (Are Made of This) (2005 Remaster)",
                year=2005,
                isrc="GBARL0500001",
                upc="0078635000004",
            ),
        ),
        videos=(
            Video("sd-live", "Eurythmics - Sweet Dreams (Live 1987)", "EurythmicsVEVO"),
            Video(
                "sd-off",
                "Eurythmics - Sweet Dreams (Are Made Of This) (Official Video)",
                "EurythmicsVEVO",
                True,
            ),
        ),
    ),
]
