"""What the API and the operator commands opened is closed when they end: every resource
the modules registered with `Closing`, the rate limits' store among them."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import pytest
from injector import Injector
from starlette.testclient import TestClient

import app
from services.index.embedded import EmbeddedIndex
from services.operations import commands
from services.providers.rate_limits import LIMITS_FILE
from services.settings import Settings
from standins.cases import TABLE
from standins.world import World
from tests.closing import open_files, recording
from tests.conftest import API_KEY, AUTH, make_settings
from tests.factories import stored

pytestmark = pytest.mark.unit


def test_the_apis_lifespan_closes_everything_the_modules_opened(tmp_path: Path) -> None:
    world = World(TABLE[:2])
    with world.running():
        injector = app.build_injector(world.settings(tmp_path, api_keys=API_KEY))
        closing = recording(injector)
        with TestClient(app.create_app(injector)) as client:
            post = TABLE[0].post
            body = {"title": post.title, "artist": post.artist, "kind": post.kind, "user": "ana"}
            created = client.post("/recommendations", json=body, headers=AUTH).json()
            looked_up = wait_for_links(client, created["id"])
            assert looked_up["links"]["spotify"]["status"] == "found"
            params = {"kind": post.kind, "title": post.title, "artist": post.artist}
            assert client.get("/links", params=params, headers=AUTH).status_code == 200
            assert open_files(tmp_path / LIMITS_FILE)  # the limits were taken from the file
    assert len(closing.resources) > 5
    assert closing.unclosed() == []
    assert open_files(tmp_path / LIMITS_FILE) == []


def test_an_operator_command_closes_what_it_opened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`relookup` asks every provider (offline here: each an error) in this process."""
    settings = make_settings(tmp_path)  # every provider at a closed port
    index = EmbeddedIndex(settings.embedded_db_path)
    index.bulk_load([stored()])  # pending: its lookup is to run
    index.close()
    built, original = [], app.build_injector

    def build_injector(settings: Settings) -> Injector:
        injector = original(settings)
        built.append(recording(injector))
        return injector

    monkeypatch.setattr(app, "build_injector", build_injector)
    args = argparse.Namespace(older_than_days=None, wait=30.0, quiet=True)
    assert commands.relookup(args, settings) == 0
    assert (tmp_path / LIMITS_FILE).exists()  # the providers took their limits there
    (closing,) = built
    assert len(closing.resources) > 5
    assert closing.unclosed() == []
    assert open_files(tmp_path / LIMITS_FILE) == []


def wait_for_links(client: TestClient, recommendation_id: str) -> dict[str, object]:
    deadline = time.monotonic() + 20
    while True:
        document = client.get(f"/recommendations/{recommendation_id}").json()
        if document["links_status"] != "pending" or time.monotonic() > deadline:
            return document  # type: ignore[no-any-return]
        time.sleep(0.05)
