"""Same name, different album: an artist's self-titled albums, told apart by a colour or a
number in some stores' titles only, or by year, track count and UPC; numbered sequels."""

from standins.table import DEEZER, ITUNES, SPOTIFY, Case, Listing, album
from standins.table import everywhere as every

L = Listing

BLUE = L("Weezer (Blue Album)", "Weezer", year=1994, upc="0720642462423", tracks=10)
GREEN = L("Weezer (Green Album)", "Weezer", year=2001, upc="0606949304522", tracks=10)
RED = L("Weezer (Red Album)", "Weezer", year=2008, upc="0602517669623", tracks=10)
WHITE = L("Weezer (White Album)", "Weezer", year=2016, upc="0075678666620", tracks=10)
BST = L("Blood, Sweat & Tears", "Blood, Sweat & Tears", year=1969, upc="0074640000002", tracks=11)
GABRIEL = {
    year: L("Peter Gabriel", "Peter Gabriel", year=year, upc=f"08845{year}0001", tracks=tracks)
    for year, tracks in ((1977, 10), (1978, 11), (1980, 10))
}

NAMESAKES = [
    Case(
        "namesakes",
        "Weezer (Green Album): Deezer and iTunes drop the colour; the Blue Album first",
        album("Weezer (Green Album)", "Weezer"),
        every(GREEN, deezer={"title": "Weezer"}, apple_music={"title": "Weezer"}),
        decoys=(
            BLUE.but(on=(SPOTIFY,)),
            BLUE.but(title="Weezer", on=(DEEZER, ITUNES)),
            WHITE.but(on=(SPOTIFY,)),
            WHITE.but(title="Weezer", on=(DEEZER, ITUNES)),
        ),
    ),
    Case(
        "namesakes",
        "Weezer (Red Album): Deezer drops the colour and lists it under another UPC",
        album("Weezer (Red Album)", "Weezer"),
        every(RED, deezer={"title": "Weezer", "upc": "0602517669999"}),
        decoys=(BLUE.but(title="Weezer", on=(DEEZER,)), WHITE.but(title="Weezer", on=(DEEZER,))),
    ),
    Case(
        "namesakes",
        "Peter Gabriel of 1978: three albums of that name; iTunes calls it Peter Gabriel 2",
        album("Peter Gabriel", "Peter Gabriel", year=1978),
        every(GABRIEL[1978], apple_music={"title": "Peter Gabriel 2: Scratch"}),
        decoys=(
            GABRIEL[1977].but(on=(SPOTIFY, DEEZER)),
            GABRIEL[1980].but(on=(SPOTIFY, DEEZER)),
            GABRIEL[1977].but(title="Peter Gabriel 1: Car", on=(ITUNES,)),
            GABRIEL[1980].but(title="Peter Gabriel 3: Melt", on=(ITUNES,)),
        ),
    ),
    Case(
        "namesakes",
        "Blood, Sweat & Tears of 1969: its third and fourth first; Deezer has only those",
        album("Blood, Sweat & Tears", "Blood, Sweat & Tears", year=1969),
        every(BST, deezer=None),
        decoys=(
            BST.but(title="Blood, Sweat & Tears 3", year=1970, upc="0074640000003"),
            BST.but(title="Blood, Sweat & Tears 4", year=1971, upc="0074640000004"),
        ),
    ),
    Case(
        "namesakes",
        "McCartney: II and III first; Deezer has only those",
        album("McCartney", "Paul McCartney"),
        every(
            L("McCartney", "Paul McCartney", year=1970, upc="0602557000101", tracks=13),
            deezer=None,
            apple_music={"title": "McCartney (Remastered)", "year": 2011},
        ),
        decoys=(
            L("McCartney III", "Paul McCartney", year=2020, upc="0602435000103", tracks=11),
            L("McCartney II", "Paul McCartney", year=1980, upc="0602557000102", tracks=11),
        ),
    ),
]
