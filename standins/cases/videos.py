"""Official videos: the artist's channel or VEVO, a title without lyric, audio, live or cover
markers, before everything else YouTube ranks above them."""

from standins.table import Case, Listing, Video, art_track, track
from standins.table import everywhere as every

L = Listing


def _work(title: str, artist: str, isrc: str, upc: str, seconds: int) -> dict[str, Listing]:
    return every(L(title, artist, album=title, isrc=isrc, upc=upc, seconds=seconds, year=2015))


VIDEOS = [
    Case(
        "videos",
        "Rolling in the Deep: VEVO's lyric video first, the official one titled plainly",
        track("Rolling in the Deep", "Adele"),
        _work("Rolling in the Deep", "Adele", "GBBKS1000335", "0634904052001", 228),
        videos=(
            Video("rd-lyric", "Adele - Rolling in the Deep (Lyric Video)", "AdeleVEVO"),
            Video("rd-off", "Adele - Rolling in the Deep", "AdeleVEVO", True),
        ),
    ),
    Case(
        "videos",
        "Shape of You: the official audio first, the music video on the artist's channel",
        track("Shape of You", "Ed Sheeran"),
        _work("Shape of You", "Ed Sheeran", "GBAHS1600463", "0190295851286", 233),
        videos=(
            Video("sy-audio", "Ed Sheeran - Shape of You (Official Audio)", "Ed Sheeran"),
            Video("sy-off", "Ed Sheeran - Shape of You (Official Music Video)", "Ed Sheeran", True),
            art_track("sy-art", "Shape of You", "Ed Sheeran"),
        ),
    ),
    Case(
        "videos",
        "Levitating: a fan's lyric video with the exact title first",
        track("Levitating", "Dua Lipa"),
        _work("Levitating", "Dua Lipa", "GBAHT2000942", "0190295000001", 203),
        videos=(
            Video("lv-fan", "Dua Lipa - Levitating (Lyrics)", "7clouds"),
            Video(
                "lv-off",
                "Dua Lipa - Levitating Featuring DaBaby (Official Music Video)",
                "Dua Lipa",
                True,
            ),
        ),
    ),
    Case(
        "videos",
        "Hey Ya!: the official live video first",
        track("Hey Ya!", "OutKast"),
        _work("Hey Ya!", "OutKast", "USAR10300924", "0828765133621", 235),
        videos=(
            Video("hy-live", "OutKast - Hey Ya! (Official Live Video)", "OutKastVEVO"),
            Video("hy-off", "OutKast - Hey Ya! (Official HD Video)", "OutKastVEVO", True),
        ),
    ),
    Case(
        "videos",
        "bad guy: the visualizer first",
        track("bad guy", "Billie Eilish"),
        _work("bad guy", "Billie Eilish", "USUM71900764", "0602577427669", 194),
        videos=(
            Video("bg-vis", "Billie Eilish - bad guy (Official Visualizer)", "BillieEilishVEVO"),
            Video("bg-off", "Billie Eilish - bad guy", "BillieEilishVEVO", True),
        ),
    ),
    Case(
        "videos",
        "Hallelujah: another group's cover first",
        track("Hallelujah", "Jeff Buckley"),
        _work("Hallelujah", "Jeff Buckley", "USSM19400325", "0074645724527", 414),
        videos=(
            Video("ha-cover", "Hallelujah - Jeff Buckley (Cover)", "Pentatonix"),
            Video("ha-off", "Jeff Buckley - Hallelujah (Official Video)", "JeffBuckleyVEVO", True),
        ),
    ),
    Case(
        "videos",
        "Ophelia: no music video; the art track before the official lyric video",
        track("Ophelia", "The Lumineers"),
        _work("Ophelia", "The Lumineers", "USDMG1500001", "0601501000001", 160),
        videos=(
            Video(
                "op-lyr", "The Lumineers - Ophelia (Official Lyric Video)", "The Lumineers", True
            ),
            art_track("op-art", "Ophelia", "The Lumineers"),
        ),
    ),
    Case(
        "videos",
        "Take On Me: a re-upload with the bare title first",
        track("Take On Me", "a-ha"),
        _work("Take On Me", "a-ha", "GBAYE8500001", "0075992525001", 225),
        videos=(
            Video("tom-re", "a-ha - Take On Me", "80s Hits Forever"),
            Video("tom-off", "a-ha - Take On Me (Official Video) [4K]", "a-ha", True),
        ),
    ),
    Case(
        "videos",
        "Svefn-g-englar: only fans' uploads and the art track",
        track("Svefn-g-englar", "Sigur Rós"),
        _work("Svefn-g-englar", "Sigur Rós", "GBAAA9900001", "5033197000001", 604),
        videos=(
            Video(
                "sv-fan", "Sigur Rós - Svefn-g-englar (lyrics + translation)", "Icelandic Lyrics"
            ),
            art_track("sv-art", "Svefn-g-englar", "Sigur Rós"),
        ),
    ),
    Case(
        "videos",
        "Here Comes The Sun: a fan's upload under the store's title; the official one a new mix",
        track("Here Comes The Sun - Remastered 2009", "The Beatles"),
        _work(
            "Here Comes The Sun - Remastered 2009",
            "The Beatles",
            "GBAYE0601690",
            "0094638246825",
            185,
        ),
        videos=(
            Video(
                "hcs-fan",
                "The Beatles - Here Comes The Sun - Remastered 2009 (Lyrics)",
                "Classic Lyrics",
            ),
            Video("hcs-off", "The Beatles - Here Comes The Sun (2019 Mix)", "The Beatles", True),
        ),
    ),
    Case(
        "videos",
        "Numb: a reaction first; the official title puts the artist last",
        track("Numb", "Linkin Park"),
        _work("Numb", "Linkin Park", "USWB10300475", "0093624849501", 187),
        videos=(
            Video("nb-react", "Linkin Park - Numb (REACTION)", "Reacts"),
            Video(
                "nb-off",
                "Numb (Official Music Video) [4K UPGRADE] \u2013 Linkin Park",
                "Linkin Park",
                True,
            ),
        ),
    ),
]
