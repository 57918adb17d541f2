"""Words the stores add or drop: soundtrack suffixes, edition words, a leading The.

Held-out cases of issue 23 (written before its matching changes, never tuned on).
"""

from standins.table import DEEZER, SPOTIFY, Case, Listing, Video, album, track
from standins.table import everywhere as every

L = Listing

INCEPTION = L(
    "Inception (Music from the Motion Picture)",
    "Hans Zimmer",
    year=2010,
    upc="0093624964525",
    tracks=12,
)
DRIVE = L(
    "Drive (Original Motion Picture Soundtrack)",
    "Cliff Martinez",
    year=2011,
    upc="0881034000001",
    tracks=19,
)
PURPLE_RAIN = L("Purple Rain", "Prince", year=1984, upc="0075992511024", tracks=9)
LIGHT_MY_FIRE = L(
    "Light My Fire - Remastered 2006",
    "The Doors",
    album="The Doors (Remastered)",
    year=1967,
    isrc="USEE10600006",
    upc="0081227999001",
    seconds=430,
    track_number=6,
)
JOSHUA_TREE = L("The Joshua Tree", "U2", year=1987, upc="0602517000002", tracks=11)
KILLING_MOON = L(
    "The Killing Moon",
    "Echo & the Bunnymen",
    album="Ocean Rain",
    year=1984,
    isrc="GBAHT8400021",
    upc="0825646000012",
    seconds=350,
    track_number=4,
)
LET_IT_GO = L(
    'Let It Go - From "Frozen"/Soundtrack Version',
    "Idina Menzel",
    album="Frozen (Original Motion Picture Soundtrack)",
    year=2013,
    isrc="USWD11366378",
    upc="0050087000001",
    seconds=224,
    track_number=5,
)

STORE_WORDS = [
    Case(
        "store_words",
        "hold-out 23: Inception; the stores add (Music from the Motion Picture)",
        album("Inception", "Hans Zimmer"),
        every(INCEPTION, apple_music={"title": "Inception (Music From the Motion Picture)"}),
        decoys=(
            L("Inception", "Piano Dreamers", year=2014, upc="0198000000001"),
            L("Inception: Main Theme", "Epic Soundtrack Covers", record_type="single"),
        ),
        videos=(
            Video(
                "OLAK5uy_h23-in",
                "Inception (Music from the Motion Picture)",
                "Hans Zimmer - Topic",
                True,
                playlist=True,
            ),
        ),
    ),
    Case(
        "store_words",
        "hold-out 23: Drive; Original Motion Picture Soundtrack added; Alan Jackson's Drive",
        album("Drive", "Cliff Martinez"),
        every(DRIVE, apple_music={"title": "Drive (Original Soundtrack)"}),
        decoys=(L("Drive", "Alan Jackson", year=2002, upc="0078636700001"),),
    ),
    Case(
        "store_words",
        "hold-out 23: Purple Rain; Spotify has only Purple Rain Deluxe (Expanded Edition)",
        album("Purple Rain", "Prince"),
        every(
            PURPLE_RAIN,
            spotify={
                "title": "Purple Rain Deluxe (Expanded Edition)",
                "year": 2017,
                "upc": "0093624909001",
                "tracks": 35,
            },
            apple_music={"title": "Purple Rain (Remastered)", "year": 2015},
        ),
        decoys=(
            L("Purple Rain", "Prince", record_type="single", year=1984, upc="0075992000101"),
            L("Purple Rain (Karaoke)", "Karaoke Legends", upc="0075992000102"),
        ),
    ),
    Case(
        "store_words",
        "hold-out 23: Light My Fire (Remastered 2006); dashed there, the 2017 remaster first",
        track("Light My Fire (Remastered 2006)", "The Doors"),
        every(
            LIGHT_MY_FIRE,
            deezer={"title": "Light My Fire (Remastered 2006)"},
            apple_music={"title": "Light My Fire"},
        ),
        decoys=(
            LIGHT_MY_FIRE.but(
                title="Light My Fire - 2017 Remaster",
                album="The Doors (50th Anniversary Deluxe Edition)",
                isrc="USEE11700006",
                upc="0081227999002",
                on=(SPOTIFY, DEEZER),
            ),
            LIGHT_MY_FIRE.but(
                title="Light My Fire - Live at the Matrix",
                album="Live at the Matrix",
                isrc="USEE10800006",
                seconds=500,
            ),
        ),
        videos=(Video("h23-lf-off", "The Doors - Light My Fire", "The Doors", True),),
    ),
    Case(
        "store_words",
        "hold-out 23: Joshua Tree without its The; another artist's Joshua Tree",
        album("Joshua Tree", "U2"),
        every(JOSHUA_TREE),
        decoys=(
            JOSHUA_TREE.but(
                title="The Joshua Tree (Super Deluxe)", year=2017, upc="0602557000003", tracks=49
            ),
            L("Joshua Tree", "Desert Sessions", year=2019, upc="0198000000002"),
        ),
        videos=(Video("OLAK5uy_h23-jt", "The Joshua Tree", "U2 - Topic", True, playlist=True),),
    ),
    Case(
        "store_words",
        "hold-out 23: Killing Moon without its The; Pavement's cover first",
        track("Killing Moon", "Echo & the Bunnymen"),
        every(KILLING_MOON),
        decoys=(
            L("The Killing Moon", "Pavement", album="Major Leagues", isrc="USMTD9900001"),
            L("The Killing Moon (Karaoke Version)", "Karaoke 80s", isrc="QZHN42300007"),
        ),
        videos=(
            Video("h23-km-pav", "Pavement - The Killing Moon", "Pavement"),
            Video(
                "h23-km-off",
                "Echo & The Bunnymen - The Killing Moon (Official Music Video)",
                "Echo & The Bunnymen",
                True,
            ),
        ),
    ),
    Case(
        "store_words",
        'hold-out 23: Let It Go; From "Frozen"/Soundtrack Version added; the single first',
        track("Let It Go", "Idina Menzel"),
        every(
            LET_IT_GO,
            deezer={"title": 'Let It Go (From "Frozen"/Soundtrack Version)'},
            apple_music={"title": 'Let It Go (From "Frozen"/Soundtrack Version)'},
        ),
        decoys=(
            L(
                'Let It Go (From "Frozen"/Single Version)',
                "Demi Lovato",
                album="Frozen (Original Motion Picture Soundtrack)",
                year=2013,
                isrc="USWD11366379",
            ),
            L("Let It Go", "James Bay", album="Chaos and the Calm", isrc="GBUM71400001"),
            L("Let It Go (Karaoke Version)", "Disney Karaoke", isrc="QZHN42300008"),
        ),
        videos=(
            Video(
                "h23-lg-off",
                "Idina Menzel - Let It Go (from Frozen) (Official Video)",
                "DisneyMusicVEVO",
                True,
            ),
        ),
    ),
]
