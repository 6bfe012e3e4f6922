"""Error bodies a civil servant can act on: always ``{"detail": ...}`` in Bahasa Indonesia."""

from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request, status
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import ValidationError


def _location(loc: tuple) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header")]
    return ".".join(parts) or "permintaan"


def _unprocessable(errors: Sequence[Any]) -> JSONResponse:
    problems = [
        {"field": _location(tuple(err.get("loc", ()))), "message": err.get("msg", "")}
        for err in errors
    ]
    summary = "; ".join(f"{p['field']}: {p['message']}" for p in problems)
    return JSONResponse(
        status_code=status.HTTP_422_UNPROCESSABLE_CONTENT,
        content={"detail": {"message": f"Data tidak valid: {summary}", "problems": problems}},
    )


async def _validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
    return _unprocessable(exc.errors())


async def _model_error(_request: Request, exc: ValidationError) -> JSONResponse:
    """A route built a model from path values or combined fields that do not fit it: the
    request is at fault (422), never the server."""
    return _unprocessable(exc.errors())


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _validation_error)  # type: ignore[arg-type]
    app.add_exception_handler(ValidationError, _model_error)  # type: ignore[arg-type]


ERROR_SCHEMA = {
    "title": "Galat",
    "type": "object",
    "description": "Penjelasan penolakan: teks, atau pesan dengan rincian (problems, "
    "allowed_events ...).",
    "properties": {
        "detail": {
            "anyOf": [
                {"type": "string"},
                {
                    "type": "object",
                    "properties": {
                        "message": {"type": "string"},
                        "problems": {"type": "array"},
                        "allowed_events": {"type": "array", "items": {"type": "string"}},
                    },
                },
                {"type": "array"},
            ]
        }
    },
    "required": ["detail"],
}


def document_errors(app: FastAPI) -> None:
    """Make the OpenAPI schema describe the error bodies this API really sends.

    FastAPI documents 422 with its own ``HTTPValidationError`` (a list of pydantic errors);
    ours say what to fix in Bahasa Indonesia (``_validation_error``, ``HTTPException``).
    """
    original = app.openapi

    def openapi() -> dict:
        if app.openapi_schema is None:
            schema = original()
            schemas = schema.setdefault("components", {}).setdefault("schemas", {})
            schemas["HTTPValidationError"] = ERROR_SCHEMA
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
