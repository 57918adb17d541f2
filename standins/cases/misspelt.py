"""Misspelt names: a letter wrong, missing or two swapped, in the artist or the title. Field
searches find nothing; the stores' free text forgives it, and so must matching, once
nothing closer is found; a plural is another title, not a typo."""

from standins.table import Case, Listing, Video, album, track
from standins.table import everywhere as every

L = Listing

KARMA = L(
    "Karma Police",
    "Radiohead",
    album="OK Computer",
    year=1997,
    isrc="GBAYE9700176",
    upc="0724385522925",
    seconds=264,
    track_number=6,
)
HELLO = L(
    "Hello",
    "Lionel Richie",
    album="Can't Slow Down",
    year=1983,
    isrc="USMO18300001",
    upc="0602498000201",
    seconds=251,
    track_number=5,
)
TEEN_SPIRIT = L(
    "Smells Like Teen Spirit",
    "Nirvana",
    album="Nevermind",
    year=1991,
    isrc="USGF19942501",
    upc="0720642442524",
    seconds=301,
    track_number=1,
)
VIVA = L(
    "Viva La Vida",
    "Coldplay",
    album="Viva La Vida or Death and All His Friends",
    year=2008,
    isrc="GBAYE0800265",
    upc="5099921000001",
    seconds=242,
    track_number=7,
)
OK_COMPUTER = L("OK Computer", "Radiohead", year=1997, upc="0724385522925", tracks=12)

MISSPELT = [
    Case(
        "misspelt",
        "Karma Police by Radiohed: the field search finds nothing; a cover and karaoke",
        track("Karma Police", "Radiohed"),
        every(KARMA),
        decoys=(
            L("Karma Police", "Vitamin String Quartet", album="Strung Out", isrc="USV000400001"),
            L("Karma Police (Karaoke Version)", "Radiohead Karaoke Band", isrc="QZK002300001"),
        ),
        videos=(
            Video("rh-cover", "Karma Police - Radiohead (Piano Cover)", "Piano Tribute"),
            Video("rh-off", "Radiohead - Karma Police", "Radiohead", True),
        ),
    ),
    Case(
        "misspelt",
        "Hello by Lionel Ritchie: Adele's Hello first, karaoke too",
        track("Hello", "Lionel Ritchie"),
        every(HELLO),
        decoys=(
            L("Hello", "Adele", album="25", year=2015, isrc="GBBKS1500214", seconds=295),
            L(
                "Hello (Originally Performed by Lionel Richie) [Karaoke]",
                "Karaoke Hits 80s",
                isrc="QZK002300002",
            ),
        ),
        videos=(
            Video("lr-adele", "Adele - Hello (Official Music Video)", "AdeleVEVO"),
            Video(
                "lr-off", "Lionel Richie - Hello (Official Music Video)", "LionelRichieVEVO", True
            ),
        ),
    ),
    Case(
        "misspelt",
        "Smels Like Teen Spirit: a letter missing in the title; the live take first",
        track("Smels Like Teen Spirit", "Nirvana"),
        every(TEEN_SPIRIT),
        decoys=(
            TEEN_SPIRIT.but(
                title="Smells Like Teen Spirit - Live",
                album="From the Muddy Banks of the Wishkah",
                isrc="USGF19600001",
                seconds=290,
            ),
            L("Smells Like Teen Spirit", "Tori Amos", album="Crucify", isrc="USAT19200001"),
        ),
    ),
    Case(
        "misspelt",
        "Viva la Vdia: two letters swapped in the title",
        track("Viva la Vdia", "Coldplay"),
        every(VIVA),
        decoys=(
            VIVA.but(
                title="Viva La Vida - Live from Glastonbury", isrc="GBAYE0900001", seconds=260
            ),
            L("Viva La Vida (Karaoke Version)", "Coldplay Karaoke", isrc="QZK002300003"),
        ),
        videos=(Video("vv-off", "Coldplay - Viva La Vida (Official Video)", "Coldplay", True),),
    ),
    Case(
        "misspelt",
        "OK Compter: a letter missing in an album's title; OKNOTOK beside it",
        album("OK Compter", "Radiohead"),
        every(OK_COMPUTER),
        decoys=(
            OK_COMPUTER.but(
                title="OK Computer OKNOTOK 1997 2017", year=2017, upc="0634904086725", tracks=23
            ),
        ),
    ),
    Case(
        "misspelt",
        "Hurts by Johnny Cash: a plural is another title, not a typo of Hurt",
        track("Hurts", "Johnny Cash"),
        {},
        decoys=(
            L(
                "Hurt",
                "Johnny Cash",
                album="American IV: The Man Comes Around",
                year=2002,
                isrc="USUM70200124",
                upc="0044006300001",
                seconds=218,
            ),
        ),
        videos=(Video("jc-hurt", "Johnny Cash - Hurt", "JohnnyCashVEVO"),),
    ),
]
