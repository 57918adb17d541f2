"""Artists who changed their name: the post uses one name, the stores credit the other
(their free text knows both); MusicBrainz, when it answers, knows both too."""

from standins.musicbrainz import MbArtist
from standins.table import Case, Listing, Video, track
from standins.table import everywhere as every

L = Listing

KESHA = MbArtist("c2d1e0f9-0001", "Kesha", ("Ke$ha", "Kesha Rose Sebert"))
MOS_DEF = MbArtist("c2d1e0f9-0002", "Mos Def", ("Yasiin Bey", "Dante Smith"))
KANYE = MbArtist("c2d1e0f9-0003", "Kanye West", ("Ye", "Yeezy"))

TIK_TOK = L(
    "TiK ToK",
    "Kesha",
    album="Animal",
    year=2010,
    isrc="USRC10900301",
    upc="0886976000001",
    seconds=200,
    track_number=2,
    aliases=("Ke$ha",),
)
FAT_BOOTY = L(
    "Ms. Fat Booty",
    "Mos Def",
    album="Black on Both Sides",
    year=1999,
    isrc="USRW29900001",
    upc="0008282000001",
    seconds=223,
    track_number=6,
    aliases=("Yasiin Bey",),
)
STRONGER = L(
    "Stronger",
    "Kanye West",
    album="Graduation",
    year=2007,
    isrc="USUM70741299",
    upc="0602517448266",
    seconds=311,
    track_number=3,
    aliases=("Ye",),
)
SO_WHAT = L(
    "So What",
    "P!nk",
    album="Funhouse",
    year=2008,
    isrc="USLF20800001",
    upc="0886973000001",
    seconds=215,
    track_number=1,
    aliases=("Pink",),
)
JACK_AND_DIANE = L(
    "Jack & Diane",
    "John Mellencamp",
    album="American Fool",
    year=1982,
    isrc="USPR38200001",
    upc="0602498000301",
    seconds=254,
    track_number=2,
    aliases=("John Cougar", "John Cougar Mellencamp"),
)

LEGIT = L(
    "2 Legit 2 Quit",
    "Hammer",
    album="Too Legit to Quit",
    year=1991,
    isrc="USCA29100001",
    upc="0077779000001",
    seconds=301,
    track_number=4,
    aliases=("MC Hammer",),
)

RENAMED = [
    Case(
        "renamed",
        "TiK ToK by Ke$ha, credited Kesha today; karaoke first",
        track("TiK ToK", "Ke$ha"),
        every(TIK_TOK),
        decoys=(L("Tik Tok (Karaoke Version)", "Ke$ha Karaoke Band", isrc="QZK002300011"),),
        videos=(Video("kt-off", "Ke$ha - TiK ToK (Official HD Video)", "KeshaVEVO", True),),
        musicbrainz=(KESHA,),
    ),
    Case(
        "renamed",
        "Ms. Fat Booty by Yasiin Bey: the post has the new name, the stores the old one",
        track("Ms. Fat Booty", "Yasiin Bey"),
        every(FAT_BOOTY),
        decoys=(L("Ms. Fat Booty (Remix)", "DJ Fat Booty", isrc="QZK002300012"),),
        videos=(
            Video("mf-fan", "Ms. Fat Booty - Yasiin Bey (Lyrics)", "Rap Lyrics Daily"),
            Video("mf-off", "Mos Def - Ms. Fat Booty (Official Video)", "MosDefVEVO", True),
        ),
        musicbrainz=(MOS_DEF,),
    ),
    Case(
        "renamed",
        "Stronger by Ye, credited Kanye West; Kelly Clarkson's Stronger first",
        track("Stronger", "Ye"),
        every(STRONGER),
        decoys=(
            L(
                "Stronger (What Doesn't Kill You)",
                "Kelly Clarkson",
                album="Stronger",
                isrc="USRC11100001",
            ),
            L("Stronger", "Britney Spears", album="Oops!... I Did It Again", isrc="USJI10000001"),
        ),
        musicbrainz=(KANYE,),
    ),
    Case(
        "renamed",
        "So What by Pink, credited P!nk; the field search finds nothing",
        track("So What", "Pink"),
        every(SO_WHAT),
        decoys=(
            L("So What", "Miles Davis", album="Kind of Blue", isrc="USSM15900001", seconds=562),
        ),
    ),
    Case(
        "renamed",
        "Jack & Diane by John Cougar Mellencamp, credited John Mellencamp; MusicBrainz down",
        track("Jack & Diane", "John Cougar Mellencamp"),
        every(JACK_AND_DIANE),
        decoys=(L("Jack and Diane (Karaoke)", "80s Karaoke Stars", isrc="QZK002300013"),),
        musicbrainz_down=True,
    ),
    Case(
        "renamed",
        "2 Legit 2 Quit by MC Hammer, credited Hammer; unknown to MusicBrainz; a namesake",
        track("2 Legit 2 Quit", "MC Hammer"),
        every(LEGIT),
        decoys=(
            L("2 Legit 2 Quit", "MC Hammer Tribute Crew", album="Hammer Time", isrc="QZK002300014"),
            L("2 Legit 2 Quit", "Hammerfall", album="Covers", isrc="QZK002300015"),
        ),
    ),
]
