"""Another script: the post in Hangul, kanji and kana, Chinese or Cyrillic; platforms that
know the work under an English title and a romanised artist."""

from standins.cases.mb import BTS, IU, JAY_CHOU, KINO, TAKAHASHI, UTADA
from standins.musicbrainz import MbRecording, MbRelease
from standins.table import DEEZER, ITUNES, SPOTIFY, Case, Listing, Video, album, art_track, track
from standins.table import everywhere as every

L = Listing

NIGHT = L(
    "밤편지",
    "아이유",
    album="밤편지",
    record_type="single",
    year=2017,
    isrc="KRA381700010",
    upc="8804775079001",
    seconds=253,
)
THESIS = L(
    "残酷な天使のテーゼ",
    "高橋洋子",
    album="残酷な天使のテーゼ/FLY ME TO THE MOON",
    record_type="single",
    year=1995,
    isrc="JPKI09500010",
    upc="4988003171238",
    seconds=246,
)
SUNNY_DAY = L(
    "晴天",
    "周杰倫",
    album="葉惠美",
    year=2003,
    isrc="TWK970300204",
    upc="0886970535122",
    seconds=269,
    track_number=3,
)
BLOOD_TYPE = L("Группа крови", "Кино", year=1988, upc="4600317000116")
CUCKOO = L(
    "Kukushka",
    "Kino",
    album="Chorny albom",
    year=1990,
    isrc="RUA119000123",
    upc="4600317000444",
    seconds=401,
    track_number=3,
)
MOTS7 = L("MAP OF THE SOUL : 7", "BTS", year=2020, upc="8804775140211")
AUTOMATIC = L(
    "Automatic",
    "宇多田ヒカル",
    album="First Love",
    year=1999,
    isrc="JPTO09800870",
    upc="4988006150001",
    seconds=326,
    track_number=1,
)
RACING = L(
    "夜に駆ける",
    "YOASOBI",
    album="夜に駆ける",
    record_type="single",
    year=2019,
    isrc="JPP301900501",
    upc="4547366440001",
    seconds=261,
)
GOOD_DAY = L(
    "Good Day",
    "IU",
    album="Real",
    record_type="ep",
    year=2010,
    isrc="KRA381001057",
    upc="8804775039203",
    seconds=234,
    track_number=2,
)

SCRIPT = [
    Case(
        "script",
        "밤편지: Hangul post, Deezer and iTunes know it as Through the Night by IU",
        track("밤편지", "아이유"),
        every(
            NIGHT,
            deezer={"title": "Through the Night", "artist": "IU"},
            apple_music={
                "title": "Through the Night",
                "artist": "IU",
                "album": "Through the Night",
            },
        ),
        decoys=(
            NIGHT.but(title="밤편지 (Inst.)", isrc="KRA381700011", on=(SPOTIFY,)),
            L("밤편지 (Piano Cover)", "아이유 피아노", isrc="QZK001700001", on=(SPOTIFY,)),
            L("Through the Night", "Kim Jong Wan", isrc="KRA000000001", on=(DEEZER, ITUNES)),
        ),
        videos=(
            Video("iu-mv", "[MV] IU(아이유) _ Through the Night(밤편지)", "1theK (원더케이)", True),
            art_track("iu-art", "밤편지", "IU"),
        ),
        musicbrainz=(MbRecording("e0d5a9c3-0001", "밤편지", IU, ("KRA381700010",), 253),),
    ),
    Case(
        "script",
        "残酷な天使のテーゼ: kanji and kana, Deezer in English, the TV size beside it",
        track("残酷な天使のテーゼ", "高橋洋子"),
        every(THESIS, deezer={"title": "A Cruel Angel's Thesis", "artist": "Yoko Takahashi"}),
        decoys=(
            THESIS.but(title="残酷な天使のテーゼ (TV Size)", isrc="JPKI09500020", seconds=90),
            THESIS.but(title="残酷な天使のテーゼ (Director's Edit Version)", isrc="JPKI09700001"),
        ),
        videos=(
            Video(
                "eva-cover", "残酷な天使のテーゼ / 高橋洋子 (Covered by 歌ってみた)", "Utattemita"
            ),
            art_track("eva-art", "残酷な天使のテーゼ", "Yoko Takahashi"),
        ),
        musicbrainz=(
            MbRecording("e0d5a9c3-0002", "残酷な天使のテーゼ", TAKAHASHI, ("JPKI09500010",), 246),
        ),
    ),
    Case(
        "script",
        "晴天: Chinese post, Deezer in English under Jay Chou",
        track("晴天", "周杰倫"),
        every(
            SUNNY_DAY,
            deezer={"title": "Sunny Day", "artist": "Jay Chou"},
            apple_music={"artist": "Jay Chou"},
        ),
        decoys=(
            SUNNY_DAY.but(
                title="晴天 (Live)",
                album="2004 無與倫比 演唱會 Live全紀錄",
                isrc="TWK970400111",
                seconds=300,
                on=(SPOTIFY,),
            ),
            L("晴天", "孫燕姿", album="Stefanie", isrc="TWA000000001", on=(ITUNES,)),
        ),
        videos=(
            Video(
                "qt-off", "周杰倫 Jay Chou【晴天 Sunny Day】Official MV", "周杰倫 Jay Chou", True
            ),
            art_track("qt-art", "晴天", "Jay Chou"),
        ),
        musicbrainz=(MbRecording("e0d5a9c3-0003", "晴天", JAY_CHOU, ("TWK970300204",), 269),),
    ),
    Case(
        "script",
        "Группа крови: Cyrillic album, Deezer and iTunes in Latin letters",
        album("Группа крови", "Кино"),
        every(
            BLOOD_TYPE,
            deezer={"title": "Gruppa krovi", "artist": "Kino"},
            apple_music={"title": "Gruppa Krovi", "artist": "Kino"},
        ),
        decoys=(
            BLOOD_TYPE.but(
                title="Группа крови (Remastered 2019)",
                year=2019,
                upc="4600317009999",
                on=(SPOTIFY,),
            ),
            L("Gruppa krovi", "Ariya", year=2004, upc="4600317000222", on=(DEEZER,)),
        ),
        videos=(Video("OLAK5uy_gk", "Группа крови", "KINO - Topic", True, playlist=True),),
        musicbrainz=(MbRelease("e0d5a9c3-0004", "Группа крови", KINO, "4600317000116", "1988"),),
    ),
    Case(
        "script",
        "Кукушка: Cyrillic post, every store in Latin letters, MusicBrainz knows the ISRC",
        track("Кукушка", "Кино"),
        every(CUCKOO),
        decoys=(
            CUCKOO.but(
                title="Kukushka (Live)",
                album="Poslednij koncert",
                isrc="RUA119000999",
                seconds=420,
            ),
            L("Kukushka", "Polina Gagarina", album="Kukushka", isrc="RUA111500001", seconds=260),
        ),
        videos=(
            Video("ku-cover", "Кукушка - Полина Гагарина (cover Кино)", "Polina Gagarina"),
            Video("ku-off", "Кино - Кукушка (Official Audio)", "KINO", True),
        ),
        musicbrainz=(
            MbRecording("e0d5a9c3-0005", "Кукушка", KINO, ("RUA119000999",), 420, "live"),
            MbRecording("e0d5a9c3-0006", "Кукушка", KINO, ("RUA119000123",), 401),
        ),
    ),
    Case(
        "script",
        "Map of the Soul: 7: Latin title, Hangul artist, every store writes BTS",
        album("Map of the Soul: 7", "방탄소년단"),
        every(MOTS7),
        decoys=(
            MOTS7.but(title="MAP OF THE SOUL : PERSONA", year=2019, upc="8804775130212"),
            MOTS7.but(title="MAP OF THE SOUL : 7 ~ THE JOURNEY ~", upc="4988031380001"),
        ),
        videos=(Video("OLAK5uy_mots7", "MAP OF THE SOUL : 7", "BTS - Topic", True, playlist=True),),
        musicbrainz=(
            MbRelease("e0d5a9c3-0007", "MAP OF THE SOUL : 7", BTS, "8804775140211", "2020-02-21"),
        ),
    ),
    Case(
        "script",
        "Automatic: kana artist, Latin title; Deezer and iTunes credit Hikaru Utada",
        track("Automatic", "宇多田ヒカル"),
        every(
            AUTOMATIC,
            deezer={"artist": "Hikaru Utada"},
            apple_music={"artist": "Hikaru Utada"},
        ),
        decoys=(
            L("Automatic", "Tokio Hotel", album="Humanoid", isrc="DEUM70900001", on=(DEEZER,)),
            AUTOMATIC.but(
                title="Automatic (Live)",
                album="Wild Life",
                isrc="JPTO01100001",
                seconds=350,
                on=(SPOTIFY,),
            ),
        ),
        videos=(
            Video(
                "au-off", "宇多田ヒカル - Automatic (Official Music Video)", "Hikaru Utada", True
            ),
        ),
        musicbrainz=(MbRecording("e0d5a9c3-0008", "Automatic", UTADA, ("JPTO09800870",), 326),),
    ),
    Case(
        "script",
        "夜に駆ける: Deezer has its own ISRC and a romanised title; only the length agrees",
        track("夜に駆ける", "YOASOBI"),
        every(
            RACING,
            deezer=RACING.but(
                title="Yoru ni Kakeru",
                album="THE BOOK",
                isrc="JPP302000999",
                upc="4547366480000",
                record_type="album",
            ),
        ),
        decoys=(
            L(
                "Yoru ni Kakeru - Acoustic",
                "YOASOBI",
                isrc="JPP302000998",
                seconds=280,
                on=(DEEZER,),
            ),
            RACING.but(
                title="Yoru ni Kakeru",
                album="Yoru ni Kakeru (Live)",
                isrc="JPP302100222",
                seconds=300,
                on=(DEEZER,),
            ),
            L("Into The Night", "YOASOBI", isrc="JPP302000777", seconds=259),
        ),
        videos=(
            Video("yo-piano", "夜に駆ける / YOASOBI (Piano Cover)", "Animenz"),
            Video("yo-off", "YOASOBI「夜に駆ける」Official Music Video", "Ayase / YOASOBI", True),
        ),
    ),
    Case(
        "script",
        "좋은 날: Hangul post, every store in English, MusicBrainz links the two",
        track("좋은 날", "아이유"),
        every(GOOD_DAY),
        decoys=(
            GOOD_DAY.but(title="Good Day (Live)", album="IU Real Fantasy", isrc="KRA381200001"),
            L("Good Day", "Surface", album="Surface", isrc="USSM10000001", seconds=240),
        ),
        videos=(
            Video("gd-mv", "[MV] IU(아이유) _ Good Day(좋은 날)", "1theK (원더케이)", True),
            art_track("gd-art", "Good Day", "IU"),
        ),
        musicbrainz=(MbRecording("e0d5a9c3-0009", "좋은 날", IU, ("KRA381001057",), 234),),
        known_misses={
            "youtube_music": "a search in Hangul does not bring up the art track's English title"
        },
    ),
]
