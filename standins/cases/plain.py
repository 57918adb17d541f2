"""Plain works beside the hard kinds: accents, near-miss titles, works a store lacks."""

from standins.table import DEEZER, ITUNES, SPOTIFY, Case, Listing, Video, album, track
from standins.table import everywhere as every

L = Listing

PHOBIA = L("Phobia", "Breaking Benjamin", year=2006, upc="0602498537684")
AGAETIS = L("Ágætis byrjun", "Sigur Rós", year=1999, upc="5033197000002")
HURT_AGUILERA = L(
    "Hurt",
    "Christina Aguilera",
    album="Back to Basics",
    year=2006,
    isrc="USRC10600001",
    upc="0828768000001",
    seconds=243,
)

PLAIN = [
    Case(
        "plain",
        "Phobia: karaoke, the single and another band's album of that name",
        album("Phobia", "Breaking Benjamin"),
        every(PHOBIA),
        decoys=(
            L("Phobia (Karaoke Version)", "Karaoke Stars", upc="0000000000111"),
            PHOBIA.but(record_type="single", upc="0602498500000"),
            L("Phobia", "The Kinks", year=1993, upc="0078221874029"),
        ),
    ),
    Case(
        "plain",
        "Agaetis byrjun: the post without accents",
        album("Agaetis byrjun", "Sigur Ros"),
        every(AGAETIS),
        videos=(Video("OLAK5uy_ab", "Ágætis byrjun", "Sigur Rós - Topic", True, playlist=True),),
    ),
    Case(
        "plain",
        "Nowhere: only karaoke and a namesake by another artist",
        track("Fallen Angels Rising", "Nobody Real"),
        {},
        decoys=(
            L("Fallen Angels Rising (Karaoke Version)", "Nobody Real Karaoke", isrc="QZK0020"),
            L("Fallen Angels Rising", "Somebody Else", isrc="QZK0021"),
        ),
        videos=(Video("far-kar", "Nobody Real - Fallen Angels Rising (Karaoke)", "Sing King"),),
    ),
    Case(
        "plain",
        "Rare Demos: on Spotify only; namesakes elsewhere",
        album("Rare Demos", "Obscure Band"),
        every(L("Rare Demos", "Obscure Band", upc="0000000000222"), deezer=None, apple_music=None),
        decoys=(L("Rare Demos", "Another Obscure Band", upc="0000000000333", on=(DEEZER, ITUNES)),),
    ),
    Case(
        "plain",
        "Hurt: Hurts by the same artist ranks first",
        track("Hurt", "Christina Aguilera"),
        every(HURT_AGUILERA),
        decoys=(HURT_AGUILERA.but(title="Hurts", isrc="USRC10600002", on=(SPOTIFY, ITUNES)),),
        videos=(
            Video(
                "hurt-ca",
                "Christina Aguilera - Hurt (Official Video)",
                "ChristinaAguileraVEVO",
                True,
            ),
        ),
    ),
]
