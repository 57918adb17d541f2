"""Versions: live, remastered, acoustic, radio edit, karaoke, cover and tribute recordings
beside the original; the post names a version or it does not."""

from standins.table import DEEZER, ITUNES, SPOTIFY, Case, Listing, Video, art_track, track
from standins.table import everywhere as every

L = Listing

HALO = L(
    "Halo",
    "Beyoncé",
    album="I AM...SASHA FIERCE",
    year=2008,
    isrc="USSM10804556",
    upc="0886973939729",
    seconds=261,
    track_number=3,
)
WONDERWALL = L(
    "Wonderwall",
    "Oasis",
    album="(What's The Story) Morning Glory?",
    year=1995,
    isrc="GBBQY9500012",
    upc="5051961070001",
    seconds=258,
    track_number=3,
)
ABOUT_A_GIRL = L(
    "About A Girl - Live",
    "Nirvana",
    album="MTV Unplugged In New York",
    year=1994,
    isrc="USGF19463201",
    upc="0720642472729",
    seconds=217,
    track_number=1,
)
SOMEONE = L(
    "Someone Like You",
    "Adele",
    album="21",
    year=2011,
    isrc="GBBKS1000351",
    upc="0634904052041",
    seconds=285,
    track_number=11,
)
SANDSTORM = L(
    "Sandstorm",
    "Darude",
    album="Before the Storm",
    year=2000,
    isrc="FIABC9900001",
    upc="0602498000001",
    seconds=443,
    track_number=2,
)
RHAPSODY = L(
    "Bohemian Rhapsody - Remastered 2011",
    "Queen",
    album="A Night At The Opera (2011 Remaster)",
    year=1975,
    isrc="GBUM71029604",
    upc="0602527644436",
    seconds=355,
    track_number=11,
)
CREEP_ACOUSTIC = L(
    "Creep - Acoustic",
    "Radiohead",
    album="My Iron Lung",
    record_type="ep",
    year=1994,
    isrc="GBAYE9400101",
    upc="0724388000001",
    seconds=259,
    track_number=6,
)
HOTEL = L(
    "Hotel California - 2013 Remaster",
    "Eagles",
    album="Hotel California (2013 Remaster)",
    year=1976,
    isrc="USEE11300353",
    upc="0081227964528",
    seconds=391,
    track_number=1,
)
HURT = L(
    "Hurt",
    "Johnny Cash",
    album="American IV: The Man Comes Around",
    year=2002,
    isrc="USUM70200123",
    upc="0044006300000",
    seconds=218,
    track_number=2,
)
LET_IT_BE = L(
    "Let It Be - Remastered 2009",
    "The Beatles",
    album="Let It Be (Remastered)",
    year=1970,
    isrc="GBAYE0601713",
    upc="0094638246817",
    seconds=243,
    track_number=6,
)

VERSIONS = [
    Case(
        "versions",
        "Halo: Deezer lists its live take plainly titled, first",
        track("Halo", "Beyonce"),
        every(HALO),
        decoys=(
            HALO.but(
                album="I Am... Yours: An Intimate Performance at Wynn Las Vegas",
                year=2009,
                isrc="USSM10904321",
                upc="0886976109323",
                seconds=300,
                on=(DEEZER,),
            ),
            HALO.but(
                title="Halo - Live", album="I Am... World Tour", isrc="USSM11000123", on=(SPOTIFY,)
            ),
            HALO.but(
                title="Halo (Live)", album="I Am... World Tour", isrc="USSM11000124", on=(ITUNES,)
            ),
            L(
                "Halo (In the Style of Beyoncé) [Karaoke Version]",
                "Ameritz Karaoke",
                isrc="GBKAR0800001",
                on=(ITUNES,),
            ),
        ),
        videos=(
            Video("halo-lyr", "Beyoncé - Halo (Lyrics)", "BeyonceVEVO"),
            Video("halo-live", "Beyoncé - Halo (Live at Wynn Las Vegas)", "BeyonceVEVO"),
            Video("halo-off", "Beyoncé - Halo", "BeyonceVEVO", True),
            art_track("halo-art", "Halo", "Beyoncé"),
        ),
    ),
    Case(
        "versions",
        "Wonderwall: Deezer's live album is not named live; its length and the ISRC tell",
        track("Wonderwall", "Oasis"),
        every(WONDERWALL),
        decoys=(
            WONDERWALL.but(
                title="Wonderwall - Remastered",
                album="(What's The Story) Morning Glory? (Remastered)",
                year=2014,
                isrc="GBQCG1400001",
                upc="5051961070025",
                seconds=259,
                on=(SPOTIFY,),
            ),
            WONDERWALL.but(
                album="Familiar to Millions",
                year=2000,
                isrc="GBBQY0000123",
                upc="5051961000000",
                seconds=278,
                on=(DEEZER,),
            ),
            WONDERWALL.but(
                title="Wonderwall (Live)",
                album="Familiar to Millions",
                isrc="GBBQY0000124",
                seconds=278,
                on=(ITUNES,),
            ),
        ),
        videos=(
            Video("ww-cover", "Wonderwall - Oasis (Boyce Avenue acoustic cover)", "Boyce Avenue"),
            Video("ww-off", "Oasis - Wonderwall (Official Video)", "Oasis", True),
        ),
    ),
    Case(
        "versions",
        "About a Girl (Live): the post names a version; the studio take ranks first",
        track("About a Girl (Live)", "Nirvana"),
        every(
            ABOUT_A_GIRL,
            deezer={"title": "About A Girl (Live At MTV Unplugged, 1993)"},
            apple_music={"title": "About a Girl (Live)"},
        ),
        decoys=(
            L(
                "About A Girl",
                "Nirvana",
                album="Bleach",
                year=1989,
                isrc="USSUB8900201",
                upc="0098787003421",
                seconds=168,
            ),
        ),
        videos=(
            Video("ag-studio", "Nirvana - About A Girl (Audio)", "NirvanaVEVO"),
            Video("ag-live", "Nirvana - About A Girl (MTV Unplugged)", "NirvanaVEVO", True),
        ),
    ),
    Case(
        "versions",
        "Someone Like You: karaoke, tribute, live and piano versions first; a compilation",
        track("Someone Like You", "Adele"),
        every(SOMEONE),
        decoys=(
            L(
                "Someone Like You (Originally Performed by Adele) [Karaoke Version]",
                "Sing Karaoke",
                isrc="GBKAR1100001",
                on=(ITUNES,),
            ),
            L("Someone Like You", "Adele Tribute Band", album="A Tribute to Adele", isrc="QZK0011"),
            SOMEONE.but(
                title="Someone Like You - Live at the Royal Albert Hall",
                album="Live at the Royal Albert Hall",
                isrc="GBBKS1100401",
                seconds=300,
            ),
            L("Someone Like You (Piano Version)", "Adele Piano Covers", isrc="QZK0012"),
            SOMEONE.but(
                album="Now That's What I Call Music! 80",
                record_type="compilation",
                upc="0888751000001",
                on=(SPOTIFY,),
            ),
        ),
        videos=(
            Video("sly-kar", "Adele - Someone Like You (Karaoke Version)", "Sing King"),
            Video(
                "sly-live", "Adele - Someone Like You (Live at the BRIT Awards 2011)", "AdeleVEVO"
            ),
            Video("sly-off", "Adele - Someone Like You (Official Music Video)", "AdeleVEVO", True),
        ),
    ),
    Case(
        "versions",
        "Sandstorm: the radio edit first; the original mix is the one",
        track("Sandstorm", "Darude"),
        every(SANDSTORM),
        decoys=(
            SANDSTORM.but(
                title="Sandstorm - Radio Edit",
                album="Sandstorm",
                record_type="single",
                year=1999,
                isrc="FIABC9900002",
                upc="0602498000002",
                seconds=225,
            ),
            SANDSTORM.but(title="Sandstorm (Remix)", isrc="FIABC9900003", seconds=300),
        ),
        videos=(
            Video("ds-8bit", "Darude - Sandstorm (8-bit)", "8 Bit Universe"),
            Video("ds-off", "Darude - Sandstorm", "Darude", True),
        ),
    ),
    Case(
        "versions",
        "Bohemian Rhapsody: only the remaster on Spotify and Deezer; a compilation and Live Aid",
        track("Bohemian Rhapsody", "Queen"),
        every(
            RHAPSODY,
            deezer={"title": "Bohemian Rhapsody (Remastered 2011)"},
            apple_music={"title": "Bohemian Rhapsody"},
        ),
        decoys=(
            RHAPSODY.but(
                title="Bohemian Rhapsody - Live Aid",
                album="Live Aid",
                isrc="GBUM78500001",
                seconds=150,
            ),
            RHAPSODY.but(
                album="Greatest Hits",
                record_type="compilation",
                upc="0602527000000",
                on=(SPOTIFY, DEEZER),
            ),
        ),
        videos=(
            Video("br-live", "Queen - Bohemian Rhapsody (Live Aid 1985)", "Queen Official"),
            Video(
                "br-off",
                "Queen \u2013 Bohemian Rhapsody (Official Video Remastered)",
                "Queen Official",
                True,
            ),
        ),
    ),
    Case(
        "versions",
        "Creep (Acoustic): asked for; iTunes has only the studio take, so nothing there",
        track("Creep (Acoustic)", "Radiohead"),
        every(CREEP_ACOUSTIC, deezer={"title": "Creep (Acoustic)"}, apple_music=None),
        decoys=(
            L(
                "Creep",
                "Radiohead",
                album="Pablo Honey",
                year=1993,
                isrc="GBAYE9200070",
                upc="0724382770032",
                seconds=238,
            ),
        ),
        videos=(
            Video("cr-off", "Radiohead - Creep", "Radiohead"),
            Video("cr-ac", "Radiohead - Creep (Acoustic)", "Radiohead", True),
        ),
    ),
    Case(
        "versions",
        "Hotel California: Deezer's unmarked live take outscores its remaster; lengths differ",
        track("Hotel California", "Eagles"),
        every(
            HOTEL,
            deezer={"title": "Hotel California (2013 Remaster)"},
            apple_music={"title": "Hotel California"},
        ),
        decoys=(
            HOTEL.but(
                title="Hotel California",
                album="Hell Freezes Over",
                year=1994,
                isrc="USGF19400001",
                upc="0720642472511",
                seconds=432,
                on=(DEEZER,),
            ),
            HOTEL.but(
                title="Hotel California - Live on MTV, 1994",
                album="Hell Freezes Over (Remaster 2018)",
                isrc="USGF11800001",
                seconds=432,
                on=(SPOTIFY,),
            ),
        ),
        videos=(Video("hc-off", "Eagles - Hotel California (Official Audio)", "Eagles", True),),
    ),
    Case(
        "versions",
        "Hurt: Johnny Cash's take is the work; Nine Inch Nails' is another artist's",
        track("Hurt", "Johnny Cash"),
        every(HURT),
        decoys=(
            L("Hurt", "Nine Inch Nails", album="The Downward Spiral", isrc="USIR19400001"),
            L(
                "Hurt (Originally Performed by Johnny Cash) [Karaoke Version]",
                "Karaoke Diamonds",
                isrc="GBKAR0300001",
                on=(ITUNES,),
            ),
            HURT.but(title="Hurt - Live", album="Live at Folsom", isrc="USUM70300001", seconds=240),
        ),
        videos=(
            Video("hurt-nin", "Nine Inch Nails - Hurt (Official Video)", "NINVEVO"),
            Video("hurt-off", "Johnny Cash - Hurt (Official Music Video)", "JohnnyCashVEVO", True),
        ),
    ),
    Case(
        "versions",
        "Let It Be - Remastered 2009: the post names the remaster; Naked beside it",
        track("Let It Be - Remastered 2009", "The Beatles"),
        every(
            LET_IT_BE,
            deezer={"title": "Let It Be (Remastered 2009)"},
            apple_music={"title": "Let It Be"},
        ),
        decoys=(
            LET_IT_BE.but(
                title="Let It Be - Naked Version / Remastered 2013",
                album="Let It Be... Naked",
                isrc="GBAYE0300001",
                seconds=234,
            ),
            LET_IT_BE.but(title="Let It Be (Live)", album="Live", isrc="GBAYE0300002", seconds=260),
        ),
        videos=(Video("lib-off", "The Beatles - Let It Be", "The Beatles", True),),
    ),
]
