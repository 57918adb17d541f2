"""Artists who changed their name: the post uses the former one.

Held-out cases of issue 23 (written before its matching changes, never tuned on).
"""

from standins.musicbrainz import MbArtist
from standins.table import Case, Listing, Video, album, track
from standins.table import everywhere as every

L = Listing

THE_CHICKS = MbArtist("h23-mb-0001", "The Chicks", ("Dixie Chicks", "Chicks"))
SNOOP = MbArtist("h23-mb-0002", "Snoop Dogg", ("Snoop Doggy Dogg", "Snoop Lion"))
DIDDY = MbArtist("h23-mb-0003", "Diddy", ("Puff Daddy", "P. Diddy", "Sean Combs"))
MELLENCAMP = MbArtist("h23-mb-0004", "John Mellencamp", ("John Cougar", "John Cougar Mellencamp"))

SPACES = L(
    "Wide Open Spaces",
    "The Chicks",
    album="Wide Open Spaces",
    year=1998,
    isrc="USSM19800123",
    upc="0074646888224",
    seconds=224,
    track_number=2,
    aliases=("Dixie Chicks",),
)
NEED_YOU_NOW = L(
    "Need You Now",
    "Lady A",
    album="Need You Now",
    year=2010,
    isrc="USCN10900123",
    upc="0094637000001",
    seconds=277,
    track_number=1,
    aliases=("Lady Antebellum",),
)
PEACE_TRAIN = L(
    "Peace Train",
    "Yusuf / Cat Stevens",
    album="Teaser And The Firecat",
    year=1971,
    isrc="GBAAN7100023",
    upc="0602517000001",
    seconds=251,
    track_number=11,
    aliases=("Cat Stevens", "Yusuf Islam"),
)
GIN_AND_JUICE = L(
    "Gin and Juice",
    "Snoop Dogg",
    album="Doggystyle",
    year=1993,
    isrc="USDR19300123",
    upc="0049925000001",
    seconds=211,
    track_number=9,
    aliases=("Snoop Doggy Dogg", "Snoop Lion"),
)
MISSING_YOU = L(
    "I'll Be Missing You (feat. Faith Evans & 112)",
    "Diddy",
    ("Faith Evans", "112"),
    album="No Way Out",
    year=1997,
    isrc="USBB40700123",
    upc="0078612730122",
    seconds=343,
    track_number=16,
    aliases=("Puff Daddy", "P. Diddy"),
)
AMERICAN_FOOL = L(
    "American Fool",
    "John Mellencamp",
    year=1982,
    upc="0602498620013",
    tracks=10,
    aliases=("John Cougar", "John Cougar Mellencamp"),
)

RENAMED = [
    Case(
        "renamed",
        "hold-out 23: Wide Open Spaces by Dixie Chicks, today The Chicks",
        track("Wide Open Spaces", "Dixie Chicks"),
        every(SPACES),
        decoys=(
            L(
                "Wide Open Spaces (Originally Performed by Dixie Chicks) [Karaoke Version]",
                "Karaoke Country Stars",
                isrc="QZHN42300004",
            ),
        ),
        videos=(
            Video(
                "h23-wo-off",
                "Dixie Chicks - Wide Open Spaces (Official Video)",
                "TheChicksVEVO",
                True,
            ),
        ),
        musicbrainz=(THE_CHICKS,),
    ),
    Case(
        "renamed",
        "hold-out 23: Need You Now by Lady Antebellum, today Lady A; MusicBrainz does not know",
        track("Need You Now", "Lady Antebellum"),
        every(NEED_YOU_NOW),
        decoys=(
            L("Need You Now", "Plumb", album="Need You Now", year=2013, isrc="USXWR1300001"),
            L("Need You Now (Karaoke Version)", "Country Karaoke Band", isrc="QZHN42300005"),
        ),
        videos=(
            Video(
                "h23-nn-off",
                "Lady Antebellum - Need You Now (Official Music Video)",
                "LadyAVEVO",
                True,
            ),
        ),
    ),
    Case(
        "renamed",
        "hold-out 23: Peace Train by Cat Stevens, credited Yusuf / Cat Stevens on two stores",
        track("Peace Train", "Cat Stevens"),
        every(PEACE_TRAIN, deezer={"artist": "Cat Stevens", "aliases": ("Yusuf",)}),
        decoys=(
            L(
                "Peace Train",
                "10,000 Maniacs",
                album="MTV Unplugged",
                year=1993,
                isrc="USEE19300001",
            ),
            PEACE_TRAIN.but(
                title="Peace Train (Live)",
                album="Majikat",
                year=2004,
                isrc="GBAAN0400001",
                seconds=280,
            ),
        ),
    ),
    Case(
        "renamed",
        "hold-out 23: Gin and Juice by Snoop Doggy Dogg, today Snoop Dogg; a cover first",
        track("Gin and Juice", "Snoop Doggy Dogg"),
        every(GIN_AND_JUICE),
        decoys=(
            L("Gin and Juice", "The Gourds", album="Gogitchyershinebox", isrc="USXX19980001"),
            GIN_AND_JUICE.but(
                title="Gin and Juice (Laid Back Remix)", isrc="USDR19400001", seconds=240
            ),
        ),
        videos=(
            Video("h23-gj-gourds", "The Gourds - Gin and Juice", "The Gourds"),
            Video(
                "h23-gj-off",
                "Snoop Dogg - Gin And Juice (Official Music Video)",
                "SnoopDoggVEVO",
                True,
            ),
        ),
        musicbrainz=(SNOOP,),
    ),
    Case(
        "renamed",
        "hold-out 23: I'll Be Missing You by Puff Daddy, today Diddy; karaoke first",
        track("I'll Be Missing You", "Puff Daddy"),
        every(MISSING_YOU),
        decoys=(
            L(
                "I'll Be Missing You (In the Style of Puff Daddy) [Karaoke Version]",
                "Ameritz Karaoke",
                isrc="QZHN42300006",
            ),
        ),
        musicbrainz=(DIDDY,),
    ),
    Case(
        "renamed",
        "hold-out 23: American Fool by John Cougar, today John Mellencamp",
        album("American Fool", "John Cougar"),
        every(AMERICAN_FOOL),
        decoys=(
            AMERICAN_FOOL.but(
                title="American Fool (Karaoke Hits)",
                artist="Karaoke All Stars",
                upc="0602498620099",
                aliases=(),
            ),
        ),
        musicbrainz=(MELLENCAMP,),
    ),
]
