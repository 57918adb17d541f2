"""Misspelt names: a letter wrong, missing, added or two swapped, in artist or title.

Held-out cases of issue 23 (written before its matching changes, never tuned on).
"""

from standins.table import Case, Listing, Video, album, track
from standins.table import everywhere as every

L = Listing

BRIGHTSIDE = L(
    "Mr. Brightside",
    "The Killers",
    album="Hot Fuss",
    year=2004,
    isrc="GBFFP0300052",
    upc="0602498620712",
    seconds=222,
    track_number=2,
)
ZOMBIE = L(
    "Zombie",
    "The Cranberries",
    album="No Need To Argue",
    year=1994,
    isrc="GBUM70800091",
    upc="0042282679528",
    seconds=306,
    track_number=4,
)
SEVEN_NATION = L(
    "Seven Nation Army",
    "The White Stripes",
    album="Elephant",
    year=2003,
    isrc="USVT10300001",
    upc="0638812716225",
    seconds=232,
    track_number=1,
)
SKINNY_LOVE = L(
    "Skinny Love",
    "Bon Iver",
    album="For Emma, Forever Ago",
    year=2008,
    isrc="US38Y0811403",
    upc="0656605211527",
    seconds=238,
    track_number=3,
)
RUMOURS = L("Rumours", "Fleetwood Mac", year=1977, upc="0075992731324", tracks=11)
HOLD_THE_LINE = L(
    "Hold the Line",
    "TOTO",
    album="Toto",
    year=1978,
    isrc="USSM17800354",
    upc="0074643508527",
    seconds=236,
    track_number=2,
)
HALLELUJAH = L(
    "Hallelujah",
    "Jeff Buckley",
    album="Grace",
    year=1994,
    isrc="USSM19400325",
    upc="0074645713022",
    seconds=413,
    track_number=6,
)

MISSPELT = [
    Case(
        "misspelt",
        "hold-out 23: Mr. Brightside by The Kilers, a letter missing; karaoke and a tribute",
        track("Mr. Brightside", "The Kilers"),
        every(BRIGHTSIDE),
        decoys=(
            L("Mr. Brightside (Karaoke Version)", "The Killers Karaoke Band", isrc="QZHN42300001"),
            L(
                "Mr. Brightside",
                "The Killers Tribute Band",
                album="A Tribute to The Killers",
                isrc="QZHN42300002",
            ),
            BRIGHTSIDE.but(
                title="Mr. Brightside - Jacques Lu Cont's Thin White Duke Mix",
                isrc="GBFFP0400101",
                seconds=531,
            ),
        ),
        videos=(
            Video("h23-mb-kar", "The Killers - Mr. Brightside (Karaoke Version)", "Sing King"),
            Video(
                "h23-mb-off",
                "The Killers - Mr. Brightside (Official Music Video)",
                "TheKillersVEVO",
                True,
            ),
        ),
    ),
    Case(
        "misspelt",
        "hold-out 23: Zombie by The Cranberies; Bad Wolves' Zombie first",
        track("Zombie", "The Cranberies"),
        every(ZOMBIE),
        decoys=(
            L("Zombie", "Bad Wolves", album="Disobey", year=2018, isrc="USN9R1800001"),
            ZOMBIE.but(
                title="Zombie - Acoustic Version",
                album="Something Else",
                year=2017,
                isrc="GBUM71700501",
                seconds=279,
            ),
        ),
        videos=(
            Video("h23-zo-bw", "Bad Wolves - Zombie (Official Video)", "Bad Wolves"),
            Video(
                "h23-zo-off",
                "The Cranberries - Zombie (Official Music Video)",
                "TheCranberriesVEVO",
                True,
            ),
        ),
    ),
    Case(
        "misspelt",
        "hold-out 23: Seven Nation Army by The White Stipes; a cover and a remix first",
        track("Seven Nation Army", "The White Stipes"),
        every(SEVEN_NATION),
        decoys=(
            L("Seven Nation Army", "Marcus Collins", album="Marcus Collins", isrc="GBARL1200001"),
            SEVEN_NATION.but(
                title="Seven Nation Army (The Glitch Mob Remix)", isrc="USVT11000001", seconds=290
            ),
            L("Seven Nation Army (Karaoke)", "Karaoke Rock Stars", isrc="QZHN42300003"),
        ),
    ),
    Case(
        "misspelt",
        "hold-out 23: Skinny Love by Bon Ivre, two letters swapped; Birdy's cover first",
        track("Skinny Love", "Bon Ivre"),
        every(SKINNY_LOVE),
        decoys=(L("Skinny Love", "Birdy", album="Birdy", year=2011, isrc="GBAHS1000123"),),
        videos=(
            Video("h23-sl-birdy", "Birdy - Skinny Love [Official Music Video]", "BirdyVEVO"),
            Video("h23-sl-off", "Bon Iver - Skinny Love", "Bon Iver", True),
        ),
    ),
    Case(
        "misspelt",
        "hold-out 23: Rumors, the American spelling of Rumours; its deluxe and a single",
        album("Rumors", "Fleetwood Mac"),
        every(RUMOURS),
        decoys=(
            RUMOURS.but(title="Rumours (Super Deluxe)", year=2013, upc="0081227965024", tracks=47),
            L("Rumors", "Lizzo", record_type="single", year=2021, upc="0075679000001"),
        ),
    ),
    Case(
        "misspelt",
        "hold-out 23: Hold the Line by Totto; Major Lazer's namesake and a live take",
        track("Hold the Line", "Totto"),
        every(HOLD_THE_LINE),
        decoys=(
            L("Hold The Line", "Major Lazer", album="Free the Universe", isrc="USZ4V1200001"),
            HOLD_THE_LINE.but(
                title="Hold the Line - Live", album="Live in Amsterdam", isrc="USSM10300001"
            ),
        ),
    ),
    Case(
        "misspelt",
        "hold-out 23: Halelujah by Jeff Buckley, a letter missing; Cohen's and a live take",
        track("Halelujah", "Jeff Buckley"),
        every(HALLELUJAH),
        decoys=(
            L("Hallelujah", "Leonard Cohen", album="Various Positions", isrc="USSM18400416"),
            HALLELUJAH.but(
                title="Hallelujah (Live at Sin-é)",
                album="Live at Sin-é (Legacy Edition)",
                isrc="USSM10300002",
                seconds=560,
            ),
        ),
        videos=(
            Video("h23-ha-cohen", "Leonard Cohen - Hallelujah (Live In London)", "LeonardCohen"),
            Video(
                "h23-ha-off", "Jeff Buckley - Hallelujah (Official Video)", "JeffBuckleyVEVO", True
            ),
        ),
    ),
]
