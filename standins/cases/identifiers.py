"""Identifiers across platforms: an ISRC or UPC from one platform (or the post) finds the work
on the others, in both directions."""

from standins.table import DEEZER, ITUNES, SPOTIFY, Case, Listing, Video, album, art_track, track
from standins.table import everywhere as every

L = Listing

FIRST_LOVE = L(
    "First Love",
    "宇多田ヒカル",
    album="First Love",
    year=1999,
    isrc="JPTO09901010",
    upc="4988006150002",
    seconds=257,
    track_number=11,
)
BLINDING = L(
    "Blinding Lights",
    "The Weeknd",
    album="After Hours",
    year=2020,
    isrc="USUG11904206",
    upc="0602508720306",
    seconds=200,
    track_number=9,
)
RAM = L("Random Access Memories", "Daft Punk", year=2013, upc="0888837168613")
YESTERDAY = L(
    "Yesterday - Remastered 2009",
    "The Beatles",
    album="Help! (Remastered)",
    year=1965,
    isrc="GBAYE0601477",
    upc="0094638241621",
    seconds=125,
    track_number=13,
)
GANGNAM = L(
    "강남스타일",
    "PSY",
    album="PSY 6甲 Part.1",
    year=2012,
    isrc="KRA341200001",
    upc="8804775050001",
    seconds=219,
    track_number=1,
)
HEROES = L('"Heroes" (2017 Remaster)', "David Bowie", year=1977, upc="0190295842918")
DYNAMITE = L(
    "Dynamite",
    "BTS",
    album="Dynamite (DayTime Version)",
    record_type="single",
    year=2020,
    isrc="USA2P2030027",
    upc="0196922000001",
    seconds=199,
)


def _beatles_page() -> tuple[Listing, ...]:
    """Ten takes of Yesterday that Spotify ranks above the one asked for (a whole page)."""
    takes = [
        "Yesterday - Live At Shea Stadium",
        "Yesterday - Live / Remastered",
        "Yesterday - Live At Budokan",
        "Yesterday - Anthology 2 Version",
        "Yesterday - Take 1",
        "Yesterday - Instrumental",
        "Yesterday - Demo",
        "Yesterday - Remix 2015",
        "Yesterday (Karaoke Version)",
        "Yesterday - Live At The BBC",
    ]
    return tuple(
        YESTERDAY.but(title=title, isrc=f"GBAYE99000{n:02d}", seconds=150, on=(SPOTIFY,))
        for n, title in enumerate(takes)
    )


IDENTIFIERS = [
    Case(
        "identifiers",
        "First Love: a title many artists share; iTunes found by the ISRC Spotify gave",
        track("First Love", "宇多田ヒカル"),
        every(
            FIRST_LOVE,
            deezer={"artist": "Hikaru Utada"},
            apple_music={"artist": "Hikaru Utada"},
        ),
        decoys=(
            L("First Love", "Adele", album="19", isrc="GBBKS0700589", seconds=190),
            L("First Love", "Nikka Costa", album="Nikka Costa", isrc="USCA28100001"),
            L("First Love (Karaoke)", "Karaoke Hits JP", isrc="JPK000000001"),
            FIRST_LOVE.but(
                title="First Love - 2014 Remastered",
                artist="Hikaru Utada",
                album="First Love (15th Anniversary Deluxe Edition)",
                isrc="JPTO01400011",
                upc="4988006500000",
                year=2014,
                on=(DEEZER, ITUNES),
            ),
        ),
        videos=(
            Video("fl-adele", "Adele - First Love", "AdeleVEVO"),
            Video(
                "fl-off",
                "宇多田ヒカル『First Love』(Official Music Video)",
                "Hikaru Utada",
                right=True,
            ),
        ),
    ),
    Case(
        "identifiers",
        "Blinding Lights: the post carries the ISRC; iTunes also sells the single",
        track("Blinding Lights", "The Weeknd", isrc="USUG11904206"),
        every(BLINDING),
        decoys=(
            BLINDING.but(
                title="Blinding Lights (Chromatics Remix)", isrc="USUG12000001", seconds=270
            ),
            BLINDING.but(
                album="Blinding Lights", record_type="single", upc="0602508500000", on=(ITUNES,)
            ),
        ),
        videos=(
            Video("bl-audio", "The Weeknd - Blinding Lights (Official Audio)", "TheWeekndVEVO"),
            Video("bl-lyr", "The Weeknd - Blinding Lights (Lyrics)", "Dan Music"),
            Video(
                "bl-off",
                "The Weeknd - Blinding Lights (Official Video)",
                "TheWeekndVEVO",
                right=True,
            ),
        ),
    ),
    Case(
        "identifiers",
        "Random Access Memories: the post carries the UPC without its leading zero",
        album("Random Access Memories", "Daft Punk", upc="888837168613"),
        every(RAM),
        decoys=(
            RAM.but(title="Random Access Memories (10th Anniversary Edition)", upc="0196588000000"),
            RAM.but(title="Random Access Memories (Drumless Edition)", upc="0196588000011"),
        ),
        videos=(
            Video(
                "OLAK5uy_ram", "Random Access Memories", "Daft Punk - Topic", True, playlist=True
            ),
        ),
    ),
    Case(
        "identifiers",
        "Yesterday: Spotify's first page is all other takes; Deezer's ISRC finds it there",
        track("Yesterday", "The Beatles"),
        every(
            YESTERDAY,
            deezer={"title": "Yesterday (Remastered 2009)"},
            apple_music={"title": "Yesterday"},
        ),
        decoys=_beatles_page(),
        videos=(
            Video("ye-off", "The Beatles - Yesterday", "The Beatles", True),
            art_track("ye-art", "Yesterday (Remastered 2009)", "The Beatles"),
        ),
    ),
    Case(
        "identifiers",
        "Gangnam Style: a Latin post, Spotify lists it in Hangul; Deezer's ISRC finds it",
        track("Gangnam Style", "PSY"),
        every(
            GANGNAM,
            deezer={"title": "Gangnam Style (강남스타일)"},
            apple_music={"title": "Gangnam Style (강남스타일)"},
        ),
        decoys=(
            GANGNAM.but(title="Gangnam Style (Remix)", isrc="KRA341200099", on=(DEEZER, ITUNES)),
            L("Gangnam Style", "Gangnam Style Kids", isrc="QZK001200001", seconds=180),
        ),
        videos=(
            Video("gs-off", "PSY - GANGNAM STYLE(강남스타일) M/V", "officialpsy", True),
            art_track("gs-art", "Gangnam Style (강남스타일)", "PSY"),
        ),
    ),
    Case(
        "identifiers",
        '"Heroes": quotes in the title, a same-titled single on iTunes',
        album('"Heroes"', "David Bowie"),
        every(HEROES),
        decoys=(
            HEROES.but(record_type="single", upc="0190295800000", on=(ITUNES,)),
            HEROES.but(title='"Heroes" (Live)', upc="0190295811111", on=(DEEZER,)),
        ),
    ),
    Case(
        "identifiers",
        "Dynamite: the post's ISRC is unknown to Deezer, which lists another release",
        track("Dynamite", "BTS", isrc="USA2P2030027"),
        every(DYNAMITE, deezer={"isrc": "KRA302000111", "upc": "8804775000001"}),
        decoys=(
            DYNAMITE.but(title="Dynamite (Instrumental)", isrc="USA2P2030028"),
            DYNAMITE.but(title="Dynamite (Tropical Remix)", isrc="USA2P2030029", seconds=197),
        ),
        videos=(
            Video("dy-off", "BTS (방탄소년단) 'Dynamite' Official MV", "HYBE LABELS", True),
            art_track("dy-art", "Dynamite", "BTS"),
        ),
    ),
]
