"""Same name, different album: an artist's self-titled albums and numbered sequels.

Held-out cases of issue 23 (written before its matching changes, never tuned on).
"""

from standins.table import DEEZER, ITUNES, SPOTIFY, Case, Listing, album
from standins.table import everywhere as every

L = Listing

MAC_1975 = L("Fleetwood Mac", "Fleetwood Mac", year=1975, upc="0075992722520", tracks=11)
MAC_1968 = L("Fleetwood Mac", "Fleetwood Mac", year=1968, upc="5099749515025", tracks=12)
TRICK_1977 = L("Cheap Trick", "Cheap Trick", year=1977, upc="0074646424620", tracks=10)
TRICK_1997 = L("Cheap Trick", "Cheap Trick", year=1997, upc="0601215302127", tracks=12)
VAN_HALEN = L("Van Halen", "Van Halen", year=1978, upc="0075992739528", tracks=11)
VAN_HALEN_II = L("Van Halen II", "Van Halen", year=1979, upc="0075992739627", tracks=10)
VAN_HALEN_III = L("Van Halen III", "Van Halen", year=1998, upc="0093624666226", tracks=12)
SEAL_1991 = L("Seal", "Seal", year=1991, upc="0075992646522", tracks=11)
SEAL_1994 = L("Seal", "Seal", year=1994, upc="0093624525622", tracks=11)
CHICAGO_II = L("Chicago II", "Chicago", year=1970, upc="0081227637729", tracks=23)
BLUEPRINT = L("The Blueprint", "JAY-Z", year=2001, upc="0731458639626", tracks=15)
BLUEPRINT_3 = L("The Blueprint 3", "JAY-Z", year=2009, upc="0075678953928", tracks=15)

NAMESAKES = [
    Case(
        "namesakes",
        "hold-out 23: Fleetwood Mac of 1975, the 1968 debut of that name first",
        album("Fleetwood Mac", "Fleetwood Mac", year=1975),
        every(MAC_1975),
        decoys=(
            MAC_1968.but(on=(SPOTIFY, DEEZER)),
            MAC_1968.but(title="Peter Green's Fleetwood Mac", on=(ITUNES,)),
            MAC_1975.but(title="Fleetwood Mac (Deluxe)", year=2018, upc="0603497861170", tracks=48),
        ),
    ),
    Case(
        "namesakes",
        "hold-out 23: Cheap Trick of 1997; Spotify has only the 1977 album of that name",
        album("Cheap Trick", "Cheap Trick", year=1997),
        every(TRICK_1997, spotify=None),
        decoys=(TRICK_1977,),
    ),
    Case(
        "namesakes",
        "hold-out 23: Van Halen, the second and third albums beside it; Deezer lacks it",
        album("Van Halen", "Van Halen", year=1978),
        every(VAN_HALEN, spotify={"title": "Van Halen (Remastered)"}, deezer=None),
        decoys=(VAN_HALEN_II, VAN_HALEN_III.but(on=(DEEZER, ITUNES))),
    ),
    Case(
        "namesakes",
        "hold-out 23: Seal of 1994, the 1991 Seal first; iTunes calls it Seal II",
        album("Seal", "Seal", year=1994),
        every(SEAL_1994, apple_music={"title": "Seal II"}),
        decoys=(SEAL_1991,),
    ),
    Case(
        "namesakes",
        "hold-out 23: Chicago II, which Deezer calls Chicago; the third and 16th beside it",
        album("Chicago II", "Chicago"),
        every(CHICAGO_II, deezer={"title": "Chicago"}),
        decoys=(
            L("Chicago III", "Chicago", year=1971, upc="0081227637828", tracks=16),
            L("Chicago 16", "Chicago", year=1982, upc="0075992367929", tracks=10),
            L("Chicago Transit Authority", "Chicago", year=1969, upc="0081227637620"),
        ),
    ),
    Case(
        "namesakes",
        "hold-out 23: The Blueprint; its sequels first, iTunes has only those",
        album("The Blueprint", "JAY-Z"),
        every(BLUEPRINT, apple_music=None),
        decoys=(
            BLUEPRINT_3,
            L("The Blueprint 2: The Gift & The Curse", "JAY-Z", year=2002, upc="0602498000172"),
        ),
    ),
]
