"""Another script, with no help from MusicBrainz (down, or not knowing the work).

Held-out cases of issue 23 (written before its matching changes, never tuned on).
"""

from standins.table import DEEZER, ITUNES, SPOTIFY, Case, Listing, Video, album, art_track, track
from standins.table import everywhere as every

L = Listing

EVENT_HORIZON = L(
    "사건의 지평선",
    "YOUNHA",
    album="END THEORY : Final Edition",
    year=2022,
    isrc="KRA302200501",
    upc="8804775250011",
    seconds=300,
    track_number=1,
)
IVE = L("I've IVE", "IVE", record_type="album", year=2023, upc="8804775252013", tracks=11)
MARIGOLD = L(
    "マリーゴールド",
    "Aimyon",
    album="瞬間的シックスセンス",
    year=2019,
    isrc="JPWP01800122",
    upc="4943674000001",
    seconds=304,
    track_number=2,
)
ISKALA = L(
    "Искала",
    "Zemfira",
    album="Прости меня моя любовь",
    year=2000,
    isrc="RUA110000123",
    upc="4601250000001",
    seconds=224,
    track_number=3,
)
LATER = L(
    "后来",
    "Rene Liu",
    album="我等你",
    year=2000,
    isrc="TWA450000123",
    upc="4710000000123",
    seconds=341,
    track_number=1,
)
RED_FLAVOR = L(
    "빨간 맛 (Red Flavor)",
    "Red Velvet",
    album="The Red Summer - Summer Mini Album",
    record_type="ep",
    year=2017,
    isrc="KRA381700001",
    upc="8804775083001",
    seconds=191,
    track_number=1,
)

SCRIPT_ALONE = [
    Case(
        "script_alone",
        "hold-out 23: 사건의 지평선 by 윤하, MusicBrainz down; Deezer and iTunes in English",
        track("사건의 지평선", "윤하"),
        every(
            EVENT_HORIZON,
            spotify={"aliases": ("윤하",)},
            deezer={"title": "Event Horizon"},
            apple_music={"title": "Event Horizon"},
        ),
        decoys=(
            EVENT_HORIZON.but(
                title="사건의 지평선 (Inst.)", isrc="KRA302200502", aliases=("윤하",), on=(SPOTIFY,)
            ),
            L("사건의 지평선 (Piano Cover)", "Kpop Piano", isrc="QZHN42300009", on=(SPOTIFY,)),
            L("Event Horizon", "Ghost Data", isrc="QZHN42300010", on=(DEEZER, ITUNES)),
        ),
        videos=(
            Video("h23-eh-cover", "윤하 - 사건의 지평선 (Piano Cover)", "Kpop Piano"),
            Video(
                "h23-eh-mv",
                "[MV] YOUNHA(윤하) _ Event Horizon(사건의 지평선)",
                "1theK (원더케이)",
                True,
            ),
            art_track("h23-eh-art", "사건의 지평선", "YOUNHA"),
        ),
        musicbrainz_down=True,
    ),
    Case(
        "script_alone",
        "hold-out 23: I've IVE by 아이브, which MusicBrainz does not know; every store writes IVE",
        album("I've IVE", "아이브"),
        every(IVE, spotify={"aliases": ("아이브",)}),
        decoys=(
            L("I've Mine", "IVE", record_type="ep", year=2023, upc="8804775252020"),
            L("I've IVE (Instrumental)", "K-Pop Piano Covers", year=2023, upc="8804775252037"),
        ),
        videos=(Video("OLAK5uy_h23-ive", "I've IVE", "IVE - Topic", True, playlist=True),),
    ),
    Case(
        "script_alone",
        "hold-out 23: マリーゴールド by あいみょん, MusicBrainz down; Deezer in English",
        track("マリーゴールド", "あいみょん"),
        every(MARIGOLD, spotify={"aliases": ("あいみょん",)}, deezer={"title": "Marigold"}),
        decoys=(
            MARIGOLD.but(
                title="マリーゴールド (Instrumental)",
                isrc="JPWP01800123",
                aliases=("あいみょん",),
                on=(SPOTIFY,),
            ),
            L("Marigold", "Nirvana", album="Heart-Shaped Box", isrc="USGF19300123", on=(DEEZER,)),
        ),
        videos=(
            Video(
                "h23-mg-mv",
                "あいみょん - マリーゴールド【OFFICIAL MUSIC VIDEO】",
                "あいみょん",
                True,
            ),
            art_track("h23-mg-art", "マリーゴールド", "Aimyon"),
        ),
        musicbrainz_down=True,
    ),
    Case(
        "script_alone",
        "hold-out 23: Искала by Земфира, which MusicBrainz does not know; Deezer in Latin",
        track("Искала", "Земфира"),
        every(ISKALA, spotify={"aliases": ("Земфира",)}, deezer={"title": "Iskala"}),
        decoys=(
            ISKALA.but(
                title="Искала (Live)",
                album="Земфира. Live",
                isrc="RUA110500123",
                seconds=250,
                aliases=("Земфира",),
                on=(SPOTIFY,),
            ),
            ISKALA.but(title="Iskala (Live)", album="Live", isrc="RUA110500124", on=(DEEZER,)),
        ),
        videos=(Video("h23-is-off", "Земфира — Искала", "Zemfira", True),),
    ),
    Case(
        "script_alone",
        "hold-out 23: 后来 by 刘若英, MusicBrainz down; Deezer in English, a namesake on iTunes",
        track("后来", "刘若英"),
        every(LATER, spotify={"aliases": ("刘若英",)}, deezer={"title": "Later"}),
        decoys=(
            LATER.but(
                title="后来 (Live)",
                album="脱掉高跟鞋 世界巡回演唱会",
                isrc="TWA450900123",
                seconds=380,
                aliases=("刘若英",),
                on=(SPOTIFY,),
            ),
            L("后来", "张学友", album="Black & White", isrc="HKA000000123", on=(ITUNES,)),
        ),
        videos=(
            Video("h23-hl-off", "刘若英 René Liu《后来》Official MV", "René Liu 刘若英", True),
        ),
        musicbrainz_down=True,
    ),
    Case(
        "script_alone",
        "hold-out 23: 빨간 맛 by 레드벨벳, unknown to MusicBrainz; Deezer has its own ISRC",
        track("빨간 맛", "레드벨벳"),
        every(
            RED_FLAVOR,
            spotify={"aliases": ("레드벨벳",)},
            deezer={"title": "Red Flavor", "isrc": "KRA381700099", "upc": "8804775083099"},
            apple_music={"title": "Red Flavor"},
        ),
        decoys=(
            L("Red Flavor (Karaoke Version)", "K-Pop Karaoke", isrc="QZHN42300011", on=(DEEZER,)),
            RED_FLAVOR.but(
                title="Red Flavor (Remix)",
                isrc="KRA381700098",
                upc="8804775083098",
                seconds=200,
                on=(DEEZER, ITUNES),
            ),
        ),
        videos=(
            Video("h23-rf-mv", "Red Velvet 레드벨벳 '빨간 맛 (Red Flavor)' MV", "SMTOWN", True),
        ),
    ),
]
