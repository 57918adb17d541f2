"""Featured artists: the guest in the post, in the title, in the artist list, or nowhere."""

from standins.table import ITUNES, Case, Listing, Video, album, art_track, track
from standins.table import everywhere as every

L = Listing

GET_LUCKY = L(
    "Get Lucky (feat. Pharrell Williams & Nile Rodgers)",
    "Daft Punk",
    ("Pharrell Williams", "Nile Rodgers"),
    album="Random Access Memories",
    year=2013,
    isrc="USQX91300108",
    upc="0888837168612",
    seconds=369,
    track_number=8,
)
UMBRELLA = L(
    "Umbrella",
    "Rihanna",
    ("JAY-Z",),
    album="Good Girl Gone Bad",
    year=2007,
    isrc="USUM70711123",
    upc="0602517348634",
    seconds=275,
)
SENORITA = L(
    "Señorita",
    "Shawn Mendes",
    ("Camila Cabello",),
    album="Señorita",
    record_type="single",
    year=2019,
    isrc="USUM71911283",
    upc="0602577826264",
    seconds=191,
)
UNDER_PRESSURE = L(
    "Under Pressure - Remastered 2011",
    "Queen",
    ("David Bowie",),
    album="Hot Space (2011 Remaster)",
    year=1982,
    isrc="GBUM71029605",
    upc="0602527799778",
    seconds=248,
    track_number=11,
)
ONE_KISS = L(
    "One Kiss (with Dua Lipa)",
    "Calvin Harris",
    ("Dua Lipa",),
    album="One Kiss",
    record_type="single",
    year=2018,
    isrc="GBARL1800368",
    upc="0886446990912",
    seconds=214,
)
DESPACITO = L(
    "Despacito",
    "Luis Fonsi",
    ("Daddy Yankee",),
    album="VIDA",
    year=2019,
    isrc="USUM71607007",
    upc="0602577428260",
    seconds=229,
    track_number=2,
)
STAY = L(
    "STAY (with Justin Bieber)",
    "The Kid LAROI",
    ("Justin Bieber",),
    album="F*CK LOVE 3: OVER YOU",
    year=2021,
    isrc="USSM12104539",
    upc="0886449341742",
    seconds=141,
)
PANINI = L(
    "Panini",
    "Lil Nas X",
    album="7",
    record_type="ep",
    year=2019,
    isrc="USSM11904510",
    upc="0886447806700",
    seconds=115,
)
THE_BOXER = L(
    "The Boxer",
    "Simon & Garfunkel",
    album="Bridge Over Troubled Water",
    year=1970,
    isrc="USSM19922509",
    upc="0074646999528",
    seconds=308,
    track_number=3,
)
SEPTEMBER = L(
    "September",
    "Earth, Wind & Fire",
    album="The Best Of Earth, Wind & Fire, Vol. 1",
    record_type="compilation",
    year=1978,
    isrc="USSM17800845",
    upc="0074643562725",
    seconds=215,
)
THRONE = L("Watch The Throne", "JAY-Z", ("Kanye West",), year=2011, upc="0602527791598")

FEATURED = [
    Case(
        "featured",
        "Get Lucky: guest after feat. in the post, in the title or the credits on platforms",
        track("Get Lucky", "Daft Punk feat. Pharrell Williams"),
        every(
            GET_LUCKY,
            deezer={
                "title": "Get Lucky (feat. Pharrell Williams and Nile Rodgers)",
                "featured": (),
            },
            apple_music={"featured": ()},
        ),
        decoys=(
            GET_LUCKY.but(
                title="Get Lucky (Radio Edit) [feat. Pharrell Williams & Nile Rodgers]",
                album="Get Lucky",
                record_type="single",
                seconds=248,
                isrc="USQX91300105",
                upc="0888837168599",
            ),
            L("Get Lucky (Karaoke Version)", "Karaoke Daft Punk", isrc="QZK001300001"),
            L("Get Lucky", "Daft Punk Tribute Band", album="A Tribute", isrc="QZK001300002"),
        ),
        videos=(
            Video("gl-lyrics", "Daft Punk - Get Lucky (Lyrics) ft. Pharrell Williams", "7clouds"),
            Video(
                "gl-audio",
                "Daft Punk - Get Lucky (Official Audio) ft. Pharrell Williams, Nile Rodgers",
                "DaftPunkVEVO",
                right=True,
            ),
            art_track("gl-art", "Get Lucky (feat. Pharrell Williams & Nile Rodgers)", "Daft Punk"),
        ),
    ),
    Case(
        "featured",
        "Umbrella: ft. in the post, the guest nowhere on Deezer",
        track("Umbrella", "Rihanna ft. JAY-Z"),
        every(
            UMBRELLA,
            deezer={"featured": ()},
            apple_music={"title": "Umbrella (feat. JAY-Z)", "featured": ()},
        ),
        decoys=(
            UMBRELLA.but(
                title="Umbrella - Live From The Good Girl Gone Bad Tour",
                album="Good Girl Gone Bad Live",
                isrc="USUM70900001",
                seconds=300,
            ),
            UMBRELLA.but(title="Umbrella (Instrumental)", isrc="USUM70711999", featured=()),
            L(
                "Umbrella (Originally Performed by Rihanna & Jay-Z) [Karaoke Version]",
                "Ameritz Karaoke Band",
                on=(ITUNES,),
            ),
        ),
        videos=(
            Video("um-cover", "Umbrella - Rihanna (Cover by Tiffany Alvord)", "Tiffany Alvord"),
            Video("um-live", "Rihanna - Umbrella (Live at Wembley)", "RihannaVEVO"),
            Video(
                "um-off",
                "Rihanna - Umbrella (Orange Version) (Official Music Video) ft. JAY-Z",
                "RihannaVEVO",
                right=True,
            ),
        ),
    ),
    Case(
        "featured",
        "Señorita: two artists with a comma",
        track("Señorita", "Shawn Mendes, Camila Cabello"),
        every(
            SENORITA,
            deezer={"featured": ()},
            apple_music={"artist": "Shawn Mendes & Camila Cabello", "featured": ()},
        ),
        decoys=(
            SENORITA.but(title="Señorita (Acoustic)", isrc="USUM71999999", seconds=200),
            L("Señorita", "Justin Timberlake", album="Justified", isrc="USJI10200001"),
        ),
        videos=(
            Video("se-lyr", "Shawn Mendes, Camila Cabello - Señorita (Lyrics)", "Dan Music"),
            Video("se-off", "Shawn Mendes, Camila Cabello - Señorita", "ShawnMendesVEVO", True),
        ),
    ),
    Case(
        "featured",
        "Under Pressure: two artists with &, remastered everywhere but iTunes",
        track("Under Pressure", "Queen & David Bowie"),
        every(
            UNDER_PRESSURE,
            deezer={"title": "Under Pressure (Remastered 2011)", "featured": ()},
            apple_music={
                "title": "Under Pressure",
                "artist": "Queen & David Bowie",
                "featured": (),
            },
        ),
        decoys=(
            UNDER_PRESSURE.but(
                title="Under Pressure - Live at Wembley Stadium",
                album="Live at Wembley Stadium",
                isrc="GBUM71111111",
                seconds=230,
            ),
            UNDER_PRESSURE.but(title="Under Pressure (Rah Mix)", isrc="GBUM79900001", seconds=260),
        ),
        videos=(
            Video(
                "up-live", "Queen & David Bowie - Under Pressure (Live Aid 1985)", "Queen Official"
            ),
            Video(
                "up-off",
                "Queen & David Bowie - Under Pressure (Official Video)",
                "Queen Official",
                right=True,
            ),
        ),
    ),
    Case(
        "featured",
        "One Kiss: x between the artists, with in Spotify's title",
        track("One Kiss", "Calvin Harris x Dua Lipa"),
        every(
            ONE_KISS,
            deezer={"title": "One Kiss", "featured": ()},
            apple_music={"title": "One Kiss", "artist": "Calvin Harris & Dua Lipa", "featured": ()},
        ),
        decoys=(
            ONE_KISS.but(title="One Kiss (Jauz Remix)", isrc="GBARL1800500", seconds=190),
            ONE_KISS.but(title="One Kiss - Acoustic", isrc="GBARL1800501", seconds=220),
        ),
        videos=(
            Video("ok-lyr", "Calvin Harris & Dua Lipa - One Kiss (Lyrics)", "Taj Tracks"),
            Video(
                "ok-off",
                "Calvin Harris, Dua Lipa - One Kiss (Official Video)",
                "CalvinHarrisVEVO",
                right=True,
            ),
        ),
    ),
    Case(
        "featured",
        "Despacito: featuring in the post, the remix and the solo version beside it",
        track("Despacito", "Luis Fonsi featuring Daddy Yankee"),
        every(
            DESPACITO,
            deezer={"title": "Despacito (feat. Daddy Yankee)", "featured": ()},
            apple_music={"title": "Despacito (feat. Daddy Yankee)", "featured": ()},
        ),
        decoys=(
            DESPACITO.but(
                title="Despacito - Remix",
                featured=("Daddy Yankee", "Justin Bieber"),
                album="Despacito (Remix)",
                record_type="single",
                isrc="USUM71703861",
                seconds=228,
            ),
            DESPACITO.but(
                title="Despacito (Versión Pop)",
                featured=(),
                album="Despacito",
                record_type="single",
                isrc="USUM71700001",
                seconds=213,
            ),
        ),
        videos=(
            Video(
                "de-bieber",
                "Luis Fonsi, Daddy Yankee - Despacito (Audio) ft. Justin Bieber",
                "LuisFonsiVEVO",
            ),
            Video("de-off", "Luis Fonsi - Despacito ft. Daddy Yankee", "LuisFonsiVEVO", True),
        ),
    ),
    Case(
        "featured",
        "Stay: the guest in the post's title",
        track("Stay (with Justin Bieber)", "The Kid LAROI"),
        every(
            STAY,
            deezer={"title": "STAY", "featured": ()},
            apple_music={
                "title": "STAY",
                "artist": "The Kid LAROI & Justin Bieber",
                "featured": (),
            },
        ),
        decoys=(
            STAY.but(title="STAY (with Justin Bieber) [Sped Up]", isrc="USSM12200001", seconds=120),
        ),
        videos=(
            Video("st-sped", "The Kid LAROI, Justin Bieber - STAY (sped up)", "Sped Up Songs"),
            Video(
                "st-off",
                "The Kid LAROI, Justin Bieber - STAY (Official Video)",
                "TheKidLAROIVEVO",
                right=True,
            ),
        ),
    ),
    Case(
        "featured",
        "Lil Nas X: an X that ends a name is no guest marker",
        track("Panini", "Lil Nas X"),
        every(PANINI),
        decoys=(L("Panini", "Lil Nas", album="Panini Freestyle", isrc="QZK001900001"),),
        videos=(Video("pa-off", "Lil Nas X - Panini (Official Video)", "LilNasXVEVO", True),),
    ),
    Case(
        "featured",
        "Simon & Garfunkel: an & inside a duo's name",
        track("The Boxer", "Simon & Garfunkel"),
        every(THE_BOXER),
        decoys=(
            L("The Boxer", "Simon", album="Boxer Songs", isrc="QZK001900002", seconds=200),
            THE_BOXER.but(
                title="The Boxer - Live at Central Park",
                album="The Concert in Central Park",
                isrc="USSM18100150",
                seconds=330,
            ),
        ),
        videos=(
            Video("bx-audio", "Simon & Garfunkel - The Boxer (Audio)", "Simon & Garfunkel", True),
            art_track("bx-art", "The Boxer", "Simon & Garfunkel"),
        ),
    ),
    Case(
        "featured",
        "Earth, Wind & Fire: a comma and an & inside a band's name",
        track("September", "Earth, Wind & Fire"),
        every(SEPTEMBER),
        decoys=(
            L("September", "Earth", album="Hex", isrc="QZK001900003", seconds=240),
            SEPTEMBER.but(
                title="September (Live)", album="Live in Rio", isrc="USSM18000001", seconds=260
            ),
        ),
        videos=(
            Video("sep-cover", "September - Earth, Wind & Fire (Cover)", "Cover Garden"),
            Video(
                "sep-off",
                "Earth, Wind & Fire - September (Official HD Video)",
                "Earth, Wind & Fire",
                right=True,
            ),
        ),
    ),
    Case(
        "featured",
        "Watch the Throne: an album by two artists, the deluxe edition beside it",
        album("Watch the Throne", "JAY-Z & Kanye West"),
        every(
            THRONE,
            deezer={"featured": ()},
            apple_music={"artist": "JAY-Z & Kanye West", "featured": ()},
        ),
        decoys=(
            THRONE.but(title="Watch The Throne (Deluxe)", upc="0602527791604"),
            THRONE.but(title="Watch The Throne", record_type="single", upc="0602527700000"),
        ),
        videos=(Video("OLAK5uy_wtt", "Watch The Throne", "JAY-Z - Topic", True, playlist=True),),
    ),
]
