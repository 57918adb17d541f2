"""What is possible here: the same read served by a bare Connexion app and by plain Starlette.

Both answer one stored document by id from the same SQLite file, with no validation
of ours, no injection and no middleware: the bound our service is measured against.
"""

from __future__ import annotations

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

_local = threading.local()


def _document(recommendation_id: str) -> bytes | None:
    connection = getattr(_local, "connection", None)
    if connection is None:
        path = Path(os.environ.get("DATA_DIR", "./var")) / "recindex.sqlite3"
        connection = _local.connection = sqlite3.connect(path)
    row = connection.execute(
        "SELECT doc FROM recommendations WHERE id = ?", (recommendation_id,)
    ).fetchone()
    return row[0].encode() if row else None


def plain_starlette() -> Starlette:
    async def get(request: Request) -> Response:
        document = _document(request.path_params["id"])
        if document is None:
            return JSONResponse({"status": 404}, status_code=404)
        return Response(document, media_type="application/json")

    return Starlette(routes=[Route("/recommendations/{id}", get)])


SPEC: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {"title": "bare", "version": "1"},
    "paths": {
        "/recommendations/{id}": {
            "get": {
                "operationId": "bench.baselines.bare_get",
                "parameters": [
                    {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
                ],
                "responses": {"200": {"description": "the document"}},
            }
        }
    },
}


async def bare_get(id: str) -> Any:  # noqa: A002 - the spec's name
    document = _document(id)
    if document is None:
        return {"status": 404}, 404
    return Response(document, media_type="application/json")


def bare_connexion() -> AsyncApp:
    app = AsyncApp(__name__)
    app.add_api(SPEC)
    return app
