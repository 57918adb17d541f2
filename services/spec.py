"""The OpenAPI spec (`spec/openapi.yaml`), read one way by everything that needs it: the
API's routes, the observability's route names, the messages' and imports' schemas."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

SPEC_DIR = Path(__file__).resolve().parent.parent / "spec"
SPEC_PATH = SPEC_DIR / "openapi.yaml"

# libyaml's loader when present: the pure-Python one was a large share of a crawler
# worker's CPU under load (read on its first message; docs/profiles.md), and an API
# process reads the spec at every start.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_spec(path: Path = SPEC_PATH) -> dict[str, Any]:
    """The spec as a new dict (callers may change theirs)."""
    spec: dict[str, Any] = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    return spec
