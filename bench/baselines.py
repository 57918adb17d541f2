"""What is possible here: the GET of one recommendation without our service around it.

- `fair_bound`, a bare Connexion `AsyncApp` (Connexion's defaults: its own parameter
  validator, no security, no middleware of ours) with one route,
  `GET /recommendations/{id}`, whose `id` is validated against the schema of the
  service's own spec (`components.parameters.RecommendationId`). The handler reads
  the stored document by id from the same SQLite file and answers its public JSON
  (the fields of `services.model.public_view`), serialized by Connexion, as the service
  does: the same bytes. The service's GET one is measured against it.
- `plain_starlette`: no validation at all, the stored text sent as it is: the most
  Python can do here, for scale.

Both are served by `uvicorn --factory` directly (they have no settings, no `/ready`,
nothing that `python -m cli serve` would set up); every recindex process of the
bench starts as production starts it.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from pathlib import Path
from typing import Any

from connexion import AsyncApp
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from api.spec import load_spec
from services.model import public_view

_local = threading.local()


def _stored(recommendation_id: str) -> str | None:
    connection = getattr(_local, "connection", None)
    if connection is None:
        path = Path(os.environ.get("DATA_DIR", "./var")) / "recindex.sqlite3"
        connection = _local.connection = sqlite3.connect(path)
    row = connection.execute(
        "SELECT doc FROM recommendations WHERE id = ?", (recommendation_id,)
    ).fetchone()
    return str(row[0]) if row else None


def plain_starlette() -> Starlette:
    async def get(request: Request) -> Response:
        document = _stored(request.path_params["id"])
        if document is None:
            return JSONResponse({"status": 404}, status_code=404)
        return Response(document, media_type="application/json")

    return Starlette(routes=[Route("/recommendations/{id}", get)])


def fair_spec() -> dict[str, Any]:
    """One route, its `id` parameter exactly as the service's spec declares it."""
    parameter = load_spec()["components"]["parameters"]["RecommendationId"]
    return {
        "openapi": "3.0.3",
        "info": {"title": "fair bound", "version": "1"},
        "paths": {
            "/recommendations/{id}": {
                "get": {
                    "operationId": "bench.baselines.fair_get",
                    "parameters": [parameter],
                    "responses": {"200": {"description": "the document"}},
                }
            }
        },
    }


async def fair_get(id: str) -> Any:  # noqa: A002 - the spec's name
    document = _stored(id)
    if document is None:
        return {"status": 404}, 404
    return public_view(json.loads(document)), 200, {"Content-Type": "application/json"}


def fair_bound() -> AsyncApp:
    app = AsyncApp(__name__)
    app.add_api(fair_spec())
    return app
