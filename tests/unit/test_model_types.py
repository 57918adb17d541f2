"""`Recommendation` and `Link` are TypedDicts: mypy refuses a key the spec does not have."""

from __future__ import annotations

from pathlib import Path

import pytest
from mypy import api as mypy_api

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[2]

MISSPELT = """
from services.model import Link, Recommendation


def reads(document: Recommendation) -> object:
    return document["link_status"]


def writes(link: Link) -> None:
    link["extrenal_id"] = "x"


def builds() -> Link:
    return {"status": "fonud"}
"""


def test_a_misspelt_key_or_value_is_a_type_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    module = tmp_path / "misspelt.py"
    module.write_text(MISSPELT)
    monkeypatch.chdir(ROOT)  # `services` is found as `make lint` finds it
    out, _, status = mypy_api.run(
        [
            "--no-incremental",
            "--follow-imports=silent",
            "--config-file",
            str(ROOT / "pyproject.toml"),
            str(module),
        ]
    )
    assert status == 1, out
    assert '"Recommendation" has no key "link_status"' in out
    assert '"Link" has no key "extrenal_id"' in out
    assert "Literal['fonud']" in out
