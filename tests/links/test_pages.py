"""Where share pages live: absolute URLs under `PUBLIC_URL`, or `http://HOST:PORT`."""

from __future__ import annotations

from pathlib import Path

import pytest

from services.links.pages import SharePages
from services.links.sources.urls import PlatformLink
from tests.conftest import make_settings

pytestmark = pytest.mark.unit


def test_pages_of_links_and_recommendations_under_the_public_url(tmp_path: Path) -> None:
    pages = SharePages(make_settings(tmp_path, public_url="https://links.example/app/"))

    link = PlatformLink("youtube_music", "album", "OLAK5uy_x")
    assert pages.of_link(link) == "https://links.example/app/s/youtube_music/album/OLAK5uy_x"
    assert pages.of_recommendation("a/b") == "https://links.example/app/r/a%2Fb"


def test_without_a_public_url_pages_are_where_the_api_listens(tmp_path: Path) -> None:
    pages = SharePages(make_settings(tmp_path, public_url="", host="0.0.0.0", port=9000))

    assert (
        pages.of_link(PlatformLink("tmdb", "movie", "949"))
        == "http://0.0.0.0:9000/s/tmdb/movie/949"
    )
