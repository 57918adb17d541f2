"""Words the stores add or drop: soundtrack suffixes, edition words, a leading "The", a
remaster written "- Remastered 2009" or "(Remastered 2009)", "Love Theme from …"."""

from standins.table import DEEZER, ITUNES, SPOTIFY, Case, Listing, Video, album, track
from standins.table import everywhere as every

L = Listing

INTERSTELLAR = L(
    "Interstellar (Original Motion Picture Soundtrack)",
    "Hans Zimmer",
    year=2014,
    upc="0794043000001",
    tracks=16,
)
BORN_THIS_WAY = L("Born This Way", "Lady Gaga", year=2011, upc="0602527000301", tracks=14)
SCIENTIST = L(
    "The Scientist",
    "Coldplay",
    album="A Rush of Blood to the Head",
    year=2002,
    isrc="GBAYE0200771",
    upc="0724354000301",
    seconds=309,
    track_number=4,
)
SOMETHING = L(
    "Something - Remastered 2009",
    "The Beatles",
    album="Abbey Road (Remastered)",
    year=1969,
    isrc="GBAYE0601691",
    upc="0094638246800",
    seconds=182,
    track_number=2,
)
HEART_GO_ON = L(
    'My Heart Will Go On - Love Theme from "Titanic"',
    "Céline Dion",
    album="Let's Talk About Love",
    year=1997,
    isrc="CAB119700001",
    upc="0074648900001",
    seconds=280,
    track_number=16,
)
LA_LA_LAND = L(
    "La La Land (Original Motion Picture Soundtrack)",
    "Justin Hurwitz",
    year=2016,
    upc="0602557000401",
    tracks=15,
)

STORE_WORDS = [
    Case(
        "store_words",
        "Interstellar: the stores add Original Motion Picture Soundtrack; a piano album first",
        album("Interstellar", "Hans Zimmer"),
        every(INTERSTELLAR),
        decoys=(
            L("Interstellar", "Piano Covers Club", year=2015, upc="0198000000101"),
            L("Interstellar Main Theme", "Hans Zimmer", record_type="single", upc="0794043000002"),
        ),
        videos=(
            Video(
                "OLAK5uy_int",
                "Interstellar (Original Motion Picture Soundtrack)",
                "Hans Zimmer - Topic",
                True,
                playlist=True,
            ),
        ),
    ),
    Case(
        "store_words",
        "Born This Way: International Special Edition Version on Spotify",
        album("Born This Way", "Lady Gaga"),
        every(
            BORN_THIS_WAY,
            spotify={
                "title": "Born This Way (International Special Edition Version)",
                "tracks": 17,
            },
            apple_music={"title": "Born This Way (Special Edition)", "tracks": 22},
        ),
        decoys=(L("Born This Way", "Lady Gaga", record_type="single", upc="0602527000302"),),
    ),
    Case(
        "store_words",
        "Scientist without its The; a cover and a live take first",
        track("Scientist", "Coldplay"),
        every(SCIENTIST),
        decoys=(
            L("The Scientist", "Corinne Bailey Rae", album="Tribute", isrc="GBUM70900001"),
            SCIENTIST.but(
                title="The Scientist - Live in Buenos Aires",
                album="Live in Buenos Aires",
                isrc="GBAYE1800301",
                seconds=330,
            ),
        ),
        videos=(Video("sc-off", "Coldplay - The Scientist (Official 4K Video)", "Coldplay", True),),
    ),
    Case(
        "store_words",
        "Something - Remastered 2009: bracketed on Deezer; the 2019 mix first",
        track("Something - Remastered 2009", "The Beatles"),
        every(
            SOMETHING,
            deezer={"title": "Something (Remastered 2009)"},
            apple_music={"title": "Something"},
        ),
        decoys=(
            SOMETHING.but(
                title="Something - 2019 Mix",
                album="Abbey Road (Super Deluxe Edition)",
                year=2019,
                isrc="GBUM71903871",
                upc="0602508000001",
                on=(SPOTIFY, DEEZER),
            ),
            L("Something", "Shirley Bassey", album="Something", isrc="GBAYE7000001"),
        ),
    ),
    Case(
        "store_words",
        'My Heart Will Go On: the stores add Love Theme from "Titanic"',
        track("My Heart Will Go On", "Celine Dion"),
        every(
            HEART_GO_ON,
            deezer={"title": 'My Heart Will Go On (Love Theme from "Titanic")'},
            apple_music={"title": 'My Heart Will Go On (Love Theme From "Titanic")'},
        ),
        decoys=(
            L("My Heart Will Go On (Recorder Version)", "Flute Fail", isrc="QZK002300021"),
            L("My Heart Will Go On", "Titanic Tribute Orchestra", isrc="QZK002300022"),
        ),
        videos=(
            Video(
                "mh-off",
                "Céline Dion - My Heart Will Go On (Official HD Video)",
                "CelineDionVEVO",
                True,
            ),
        ),
    ),
    Case(
        "store_words",
        "La La Land (Original Motion Picture Soundtrack): Deezer drops it; the score first",
        album("La La Land (Original Motion Picture Soundtrack)", "Justin Hurwitz"),
        every(LA_LA_LAND, deezer={"title": "La La Land"}),
        decoys=(
            L(
                "La La Land (Original Motion Picture Score)",
                "Justin Hurwitz",
                year=2016,
                upc="0602557000402",
                tracks=22,
                on=(SPOTIFY, ITUNES),
            ),
            L("La La Land", "Piano Movie Themes", year=2017, upc="0198000000102", on=(DEEZER,)),
        ),
    ),
]
