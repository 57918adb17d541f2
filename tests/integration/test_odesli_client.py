"""An Odesli client from PyPI (python-odesli), unchanged but for its base URL, against
`python -m cli serve`: it parses recindex's answers as it parses Odesli's."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from services.settings import Settings
from tests.integration.test_serve import server
from tests.links.everywhere import ART_TRACK, MUSIC_VIDEO, everywhere
from tools.ports import free_port

pytestmark = pytest.mark.integration

# The module, not the class of the same name that `from odesli.Odesli import Odesli` gives.
client_module = importlib.import_module("odesli.Odesli")
Odesli = client_module.Odesli

SERVED_SETTINGS = (
    "spotify_client_id",
    "spotify_client_secret",
    "spotify_accounts_url",
    "spotify_api_url",
    "deezer_api_url",
    "itunes_api_url",
    "youtube_api_key",
    "youtube_api_url",
    "tmdb_api_key",
    "tmdb_api_url",
    "spotify_rate_limit",
    "deezer_rate_limit",
    "itunes_rate_limit",
    "youtube_rate_limit",
)


def environment(settings: Settings, *more: str) -> dict[str, str]:
    """The stand-ins' settings as a server's environment (and the settings named `more`)."""
    values: dict[str, str] = {}
    for name in (*SERVED_SETTINGS, *more):
        value = getattr(settings, name)
        secret = getattr(value, "get_secret_value", None)
        values[name.upper()] = str(secret() if secret else value)
    return values


@pytest.fixture(scope="module")
def recindex(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """recindex served on a free port, its providers the stand-ins, as Odesli's base URL."""
    data_dir: Path = tmp_path_factory.mktemp("odesli-served")
    port = free_port()
    with everywhere(data_dir) as world:
        public = {"PUBLIC_URL": "https://links.example"}
        with server(data_dir, port, **environment(world.settings), **public) as url:
            yield url


@pytest.fixture
def odesli_at(recindex: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # The client's one base URL (`ROOT`, from its `BASE_URL` and `API_VERSION`).
    monkeypatch.setattr(client_module, "ROOT", f"{recindex}/v1-alpha.1")


@pytest.mark.usefixtures("odesli_at")
def test_the_client_reads_a_song_from_a_spotify_link() -> None:
    result = Odesli(key="k1").getByUrl("https://open.spotify.com/track/sp5?si=abc")

    assert type(result).__name__ == "SongResult"
    assert result.songLink == "https://links.example/s/spotify/track/sp5"
    assert result.song.provider == "spotify"
    assert (result.song.title, result.song.artistName) == ("The Diary of Jane", "Breaking Benjamin")
    songs = result.songsByProvider
    assert set(songs) == {"spotify", "deezer", "itunes", "youtube"}
    assert songs["deezer"].linksByPlatform["deezer"] == "https://www.deezer.com/track/1005"
    apple = songs["itunes"].linksByPlatform
    assert set(apple) == {"appleMusic", "itunes"}
    assert "i=9005" in apple["appleMusic"]
    # Two YouTube entities (the music video, the art track): the client keeps one per provider.
    assert songs["youtube"].id in {MUSIC_VIDEO, ART_TRACK}


@pytest.mark.usefixtures("odesli_at")
def test_the_client_reads_an_album_by_platform_type_and_id() -> None:
    result = Odesli(key="k2").getById("1001", "deezer", "album")

    assert type(result).__name__ == "AlbumResult"
    assert result.album.provider == "deezer" and result.album.title == "Phobia"
    albums = result.albumsByProvider
    assert albums["spotify"].linksByPlatform["spotify"] == "https://open.spotify.com/album/sp1"
    assert albums["itunes"].thumbnailUrl.endswith("600x600bb.jpg")
    assert set(albums["youtube"].linksByPlatform) == {"youtube", "youtubeMusic"}


@pytest.mark.usefixtures("odesli_at")
def test_the_client_without_a_key_is_refused_as_get_links_refuses() -> None:
    with pytest.raises(requests.HTTPError) as refused:
        Odesli().getByUrl("https://www.deezer.com/track/1005")

    assert refused.value.response.status_code == 401
