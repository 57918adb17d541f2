"""The music stand-ins of the links tests, for the works whose links are told of."""

from __future__ import annotations

from tests.links.conftest import music_standins as music_standins
