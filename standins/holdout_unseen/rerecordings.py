"""Re-recordings, live takes and remasters of another year than the post names.

Held-out cases of issue 23 (written before its matching changes, never tuned on).
"""

from standins.table import DEEZER, ITUNES, SPOTIFY, Case, Listing, Video, album, track
from standins.table import everywhere as every

L = Listing

LEAVE = L(
    "Leave (Get Out)",
    "JoJo",
    album="JoJo",
    year=2004,
    isrc="USBL10400123",
    upc="0601501000001",
    seconds=242,
    track_number=2,
)
TEMPTED = L(
    "Tempted",
    "Squeeze",
    album="East Side Story",
    year=1981,
    isrc="GBAAM8100042",
    upc="0082839329929",
    seconds=244,
    track_number=3,
)
SUGAR = L(
    "Pour Some Sugar On Me",
    "Def Leppard",
    album="Hysteria",
    year=1987,
    isrc="GBF088700027",
    upc="0042283067522",
    seconds=267,
    track_number=4,
)
HIGH_ROAD = L("The High Road", "JoJo", year=2006, upc="0601501000002", tracks=13)
ODDITY = L(
    "Space Oddity - 2015 Remaster",
    "David Bowie",
    album="David Bowie (aka Space Oddity) [2015 Remaster]",
    year=1969,
    isrc="GBAYE1500501",
    upc="0825646287406",
    seconds=315,
    track_number=1,
)

RERECORDINGS = [
    Case(
        "rerecordings",
        "hold-out 23: Leave (Get Out) of 2004; the 2018 re-recording first, alone on Spotify",
        track("Leave (Get Out)", "JoJo", year=2004),
        every(LEAVE, spotify=None),
        decoys=(
            LEAVE.but(
                title="Leave (Get Out) - 2018",
                album="JoJo (2018)",
                year=2018,
                isrc="USJJ11800201",
                upc="0601501800001",
                seconds=240,
            ),
        ),
        videos=(
            Video("h23-lv-2018", "JoJo - Leave (Get Out) 2018 (Official Audio)", "JoJo"),
            Video("h23-lv-off", "JoJo - Leave (Get Out) (Official Video)", "JoJoVEVO", True),
        ),
    ),
    Case(
        "rerecordings",
        "hold-out 23: Tempted of 1981; the 2010 re-recording, titled plainly, first",
        track("Tempted", "Squeeze", year=1981),
        every(TEMPTED),
        decoys=(
            TEMPTED.but(
                album="Spot the Difference",
                year=2010,
                isrc="GBLFP1000013",
                upc="5060001000013",
                seconds=246,
                track_number=5,
            ),
        ),
        videos=(Video("h23-tm-off", "Squeeze - Tempted (Official Video)", "Squeeze", True),),
    ),
    Case(
        "rerecordings",
        "hold-out 23: Pour Some Sugar On Me; the 2012 forgery and a re-recorded take first",
        track("Pour Some Sugar on Me", "Def Leppard"),
        every(SUGAR),
        decoys=(
            SUGAR.but(
                title="Pour Some Sugar On Me (2012)",
                album="Pour Some Sugar On Me (2012)",
                record_type="single",
                year=2012,
                isrc="GBF081200001",
                upc="0602537000121",
                seconds=268,
                on=(SPOTIFY, ITUNES),
            ),
            SUGAR.but(
                title="Pour Some Sugar On Me (Re-Recorded)",
                album="Rock of Ages (Re-Recorded)",
                year=2013,
                isrc="GBF081300002",
                upc="0602537000122",
                seconds=266,
                on=(DEEZER,),
            ),
        ),
        videos=(
            Video(
                "h23-ps-off",
                "Def Leppard - Pour Some Sugar On Me (Official Music Video)",
                "DefLeppardVEVO",
                True,
            ),
        ),
    ),
    Case(
        "rerecordings",
        "hold-out 23: The High Road of 2006; the 2018 re-recorded album first",
        album("The High Road", "JoJo", year=2006),
        every(HIGH_ROAD, spotify=None),
        decoys=(HIGH_ROAD.but(title="The High Road (2018)", year=2018, upc="0601501800002"),),
    ),
    Case(
        "rerecordings",
        "hold-out 23: Space Oddity, the post names the 2015 remaster; 2009's and a mix first",
        track("Space Oddity - 2015 Remaster", "David Bowie"),
        every(
            ODDITY,
            deezer={"title": "Space Oddity (2015 Remaster)"},
            apple_music={"title": "Space Oddity (2015 Remaster)"},
        ),
        decoys=(
            ODDITY.but(
                title="Space Oddity - 2009 Remaster",
                album="Space Oddity (40th Anniversary Edition)",
                isrc="GBAYE0900512",
                upc="5099969500001",
                seconds=316,
                on=(SPOTIFY, DEEZER),
            ),
            ODDITY.but(
                title="Space Oddity - 2019 Mix",
                album="Space Oddity (2019 Mix)",
                year=2019,
                isrc="GBAYE1900301",
                upc="0190295400001",
                seconds=318,
                on=(SPOTIFY,),
            ),
            ODDITY.but(
                title="Space Oddity (Live)",
                album="Live Nassau Coliseum '76",
                year=1976,
                isrc="GBAYE1700501",
                upc="0190295800001",
                seconds=340,
                on=(ITUNES,),
            ),
        ),
    ),
]
