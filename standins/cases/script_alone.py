"""Another script, with no help from MusicBrainz (down, or not knowing the work): the
platforms that know the native script (Spotify, YouTube) are searched first, and what
they give (ISRC, UPC, the English name) finds the work on the others."""

from standins.table import DEEZER, ITUNES, SPOTIFY, Case, Listing, Video, album, art_track, track
from standins.table import everywhere as every

L = Listing

SPRING_DAY = L(
    "봄날",
    "BTS",
    album="YOU NEVER WALK ALONE",
    year=2017,
    isrc="KRA381700201",
    upc="8804775077001",
    seconds=274,
    track_number=2,
)
GURENGE = L(
    "紅蓮華",
    "LiSA",
    album="紅蓮華",
    record_type="single",
    year=2019,
    isrc="JPU901900101",
    upc="4547366410001",
    seconds=239,
)
ENTROPY = L("The Book of Us : Entropy", "DAY6", year=2019, upc="8804775140501", tracks=11)
RAYONY = L(
    "Районы-кварталы",
    "Zveri",
    album="Районы-кварталы",
    year=2004,
    isrc="RUA110400201",
    upc="4601250000201",
    seconds=232,
    track_number=3,
)
DIMPLE = L(
    "小酒窝",
    "JJ Lin",
    album="JJ陆",
    year=2008,
    isrc="TWA530800201",
    upc="4711000000201",
    seconds=231,
    track_number=4,
)

RICE_FIELD = L(
    "稻香",
    "Jay Chou",
    album="魔杰座",
    year=2008,
    isrc="TWK970800301",
    upc="0886973000301",
    seconds=223,
    track_number=10,
)

SCRIPT_ALONE = [
    Case(
        "script_alone",
        "봄날 by 방탄소년단, MusicBrainz down: Spotify writes BTS, Deezer and iTunes Spring Day",
        track("봄날", "방탄소년단"),
        every(
            SPRING_DAY,
            spotify={"aliases": ("방탄소년단",)},
            deezer={"title": "Spring Day"},
            apple_music={"title": "Spring Day"},
        ),
        decoys=(
            SPRING_DAY.but(
                title="봄날 (Inst.)", isrc="KRA381700202", aliases=("방탄소년단",), on=(SPOTIFY,)
            ),
            L("Spring Day", "Spring Day Tribute", isrc="QZK002300031", on=(DEEZER, ITUNES)),
        ),
        videos=(
            Video("bd-mv", "BTS (방탄소년단) '봄날 (Spring Day)' Official MV", "HYBE LABELS", True),
            art_track("bd-art", "봄날", "BTS"),
        ),
        musicbrainz_down=True,
    ),
    Case(
        "script_alone",
        "紅蓮華 by LiSA, unknown to MusicBrainz: Deezer romanised, a TV size beside it",
        track("紅蓮華", "LiSA"),
        every(GURENGE, deezer={"title": "Gurenge"}),
        decoys=(
            GURENGE.but(title="紅蓮華 (TV Size)", isrc="JPU901900102", seconds=90),
            L("紅蓮華 (Piano Cover)", "Animenz", isrc="QZK002300032", on=(SPOTIFY,)),
        ),
        videos=(Video("gr-off", "LiSA 『紅蓮華』 -MUSiC CLiP-", "LiSA Official YouTube", True),),
    ),
    Case(
        "script_alone",
        "The Book of Us : Entropy by 데이식스, MusicBrainz down; every store writes DAY6",
        album("The Book of Us : Entropy", "데이식스"),
        every(ENTROPY, spotify={"aliases": ("데이식스",)}),
        decoys=(
            L("The Book of Us : Gravity", "DAY6", year=2019, upc="8804775140502", record_type="ep"),
            L("The Book of Us : Entropy (Piano)", "K-Piano", year=2020, upc="8804775140503"),
        ),
        videos=(
            Video("OLAK5uy_d6", "The Book of Us : Entropy", "DAY6 - Topic", True, playlist=True),
        ),
        musicbrainz_down=True,
    ),
    Case(
        "script_alone",
        "Районы-кварталы by Звери, unknown to MusicBrainz: Deezer and iTunes in Latin letters",
        track("Районы-кварталы", "Звери"),
        every(
            RAYONY,
            spotify={"aliases": ("Звери",)},
            deezer={"title": "Rayony-kvartaly"},
            apple_music={"title": "Rayony-kvartaly"},
        ),
        decoys=(
            RAYONY.but(
                title="Районы-кварталы (Live)",
                isrc="RUA110600201",
                seconds=260,
                aliases=("Звери",),
                on=(SPOTIFY,),
            ),
        ),
        videos=(Video("rk-off", "Звери - Районы-кварталы", "Zveri", True),),
    ),
    Case(
        "script_alone",
        "小酒窝 by 林俊杰, MusicBrainz down: Deezer in English under JJ Lin",
        track("小酒窝", "林俊杰"),
        every(DIMPLE, spotify={"aliases": ("林俊杰",)}, deezer={"title": "Little Dimple"}),
        decoys=(
            DIMPLE.but(
                title="小酒窝 (Live)",
                isrc="TWA530900201",
                seconds=260,
                aliases=("林俊杰",),
                on=(SPOTIFY,),
            ),
            L("小酒窝", "Cover Kid", album="Covers", isrc="QZK002300033", on=(ITUNES,)),
        ),
        videos=(
            Video(
                "jj-off",
                "林俊杰 JJ Lin - 小酒窝 Little Dimple (官方完整版 MV)",
                "林俊杰 JJ Lin",
                True,
            ),
            art_track("jj-art", "小酒窝", "JJ Lin"),
        ),
        musicbrainz_down=True,
    ),
    Case(
        "script_alone",
        "稻香 by 周杰倫, MusicBrainz down: Deezer in English; the video quotes the title《》",
        track("稻香", "周杰倫"),
        every(RICE_FIELD, spotify={"aliases": ("周杰倫",)}, deezer={"title": "Rice Field"}),
        decoys=(
            RICE_FIELD.but(
                title="稻香 (Live)",
                album="地表最強 演唱會",
                isrc="TWK971300301",
                seconds=260,
                aliases=("周杰倫",),
                on=(SPOTIFY,),
            ),
            L("稻香 (Piano Version)", "Piano Kid", isrc="QZK002300034", on=(ITUNES,)),
        ),
        videos=(
            Video("rf-cover", "稻香 (鋼琴版) Piano Cover", "Piano Kid"),
            Video("rf-off", "周杰倫 Jay Chou《稻香》Official MV", "周杰倫 Jay Chou", True),
        ),
        musicbrainz_down=True,
    ),
]
