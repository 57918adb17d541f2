"""Artists MusicBrainz knows, with their aliases in other scripts (shared by several cases)."""

from standins.musicbrainz import MbArtist

IU = MbArtist("b9545342-1e6d-4dae-84ac-013374ad8d7c", "아이유", ("IU", "Lee Ji-eun", "이지은"))
UTADA = MbArtist(
    "2b0b2a0f-6b5d-4b1f-8a8a-5f5b0d1e0a11", "宇多田ヒカル", ("Hikaru Utada", "Utada Hikaru")
)
KINO = MbArtist("7d5e6f3a-1c2b-4e5f-9a8b-0c1d2e3f4a5b", "Кино", ("Kino", "KINO"))
BTS = MbArtist("0d79fe8e-ba27-4859-bb8c-2f255f346853", "방탄소년단", ("BTS", "Bangtan Boys"))
TAKAHASHI = MbArtist(
    "5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d", "高橋洋子", ("Yoko Takahashi", "Takahashi Yoko")
)
JAY_CHOU = MbArtist("a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d", "周杰倫", ("Jay Chou", "周杰伦"))
