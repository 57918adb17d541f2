"""Writers for the reindex drills: threads that create, change, mark and delete their own
documents through `ElasticsearchIndex` while a reindex runs, and remember what each
acknowledged write left, so a drill can check every document afterwards."""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable
from typing import Any

import pytest

from services.errors import IndexUnavailable, NotFound, WritesPaused
from services.index.elasticsearch import ElasticsearchIndex
from services.model import Recommendation, utc_now
from tests.factories import stored

Document = dict[str, Any] | None  # None: deleted
PAUSED_RETRY_SECONDS = 0.05


class Writer(threading.Thread):
    """Creates, changes, looks up, marks pending and deletes its own documents.

    `expected[id]` is what the last acknowledged write left (None: deleted). A write
    that answered "writes paused" was not made, and is made again; a document whose
    last write's outcome is unknown (the index did not answer) is `unknown`: left alone
    from then on, and not checked.
    """

    def __init__(self, index: ElasticsearchIndex, owned: list[dict[str, Any]], seed: int) -> None:
        super().__init__(daemon=True)
        self.index = index
        self.expected: dict[str, Document] = {d["id"]: d for d in owned}
        self.unknown: set[str] = set()
        self.random = random.Random(seed)
        self.stop = threading.Event()
        self.going = threading.Event()  # cleared: the writer pauses before its next write
        self.going.set()
        self.errors: list[str] = []
        self.operations = 0
        self.paused = 0  # writes that met a write block and were made again

    def run(self) -> None:
        while not self.stop.is_set():
            self.going.wait()
            try:
                self.step()
                self.operations += 1
            except Exception as error:  # every failure is the drill's finding
                self.errors.append(f"{type(error).__name__}: {error}")

    def step(self) -> None:
        alive = [i for i, d in self.expected.items() if d is not None and i not in self.unknown]
        choice = self.random.random()
        if choice < 0.25 or not alive:
            document = stored(title=f"Writer {self.random.random()} - Work")
            # A fresh key: stored under its hash, the id `create` answers.
            self._write(document["id"], lambda: {**document, "id": self.index.create(document)})
            # Created during a reindex: readable at once, never a 404.
            self.index.get(document["id"])
            return
        target = self.random.choice(alive)
        if choice < 0.45:
            description = f"changed {self.random.random()}"
            self._write(target, lambda: self.index.update(target, _described(description)))
        elif choice < 0.65:
            platform = self.random.choice(["spotify", "deezer", "apple_music"])
            link = {"status": "not_found", "checked_at": utc_now()}
            self._write(target, lambda: self.index.set_links(target, {platform: link}))
        elif choice < 0.8:
            self._write(target, lambda: self.index.mark_pending(target))
        else:
            self._write(target, lambda: self.index.delete(target))

    def _write(self, doc_id: str, write: Callable[[], Document]) -> None:
        """`write` (returning what it left) until it is made; remember its result."""
        while True:
            try:
                self.expected[doc_id] = write()
                return
            except WritesPaused:
                self.paused += 1
                time.sleep(PAUSED_RETRY_SECONDS)
            except IndexUnavailable:
                self.unknown.add(doc_id)
                raise

    def check(self, index: ElasticsearchIndex) -> None:
        """Every document answers with the last acknowledged write's content."""
        for doc_id, document in self.expected.items():
            if doc_id in self.unknown:
                continue
            if document is None:
                with pytest.raises(NotFound):
                    index.get(doc_id)
            else:
                assert index.get(doc_id) == document, doc_id

    def alive(self) -> set[str]:
        """The ids that must exist (unknown outcomes left out)."""
        return {i for i, d in self.expected.items() if d is not None and i not in self.unknown}


def _described(description: str) -> Callable[[Recommendation], Recommendation]:
    return lambda doc: {**doc, "description": description}


def start(writers: list[Writer]) -> None:
    for writer in writers:
        writer.start()


def pause(writers: list[Writer]) -> None:
    for writer in writers:
        writer.going.clear()


def resume(writers: list[Writer]) -> None:
    for writer in writers:
        writer.going.set()


def stop(writers: list[Writer]) -> None:
    for writer in writers:
        writer.stop.set()
        writer.going.set()
    for writer in writers:
        writer.join(60)


def operations(writers: list[Writer]) -> int:
    return sum(writer.operations for writer in writers)
