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


# Pydantic's own messages are English; the common ones, said in Bahasa Indonesia.
_PESAN: dict[str, str] = {
    "missing": "wajib diisi",
    "extra_forbidden": "tidak dikenal",
    "string_too_short": "paling sedikit {min_length} karakter",
    "string_too_long": "paling banyak {max_length} karakter",
    "too_short": "paling sedikit {min_length} butir",
    "too_long": "paling banyak {max_length} butir",
    "greater_than_equal": "paling kecil {ge}",
    "greater_than": "harus lebih dari {gt}",
    "less_than_equal": "paling besar {le}",
    "less_than": "harus kurang dari {lt}",
    "int_parsing": "harus bilangan bulat",
    "int_type": "harus bilangan bulat",
    "bool_parsing": "harus true atau false",
    "bool_type": "harus true atau false",
    "string_type": "harus teks",
    "date_from_datetime_parsing": "harus tanggal (TTTT-BB-HH)",
    "date_parsing": "harus tanggal (TTTT-BB-HH)",
    "date_type": "harus tanggal (TTTT-BB-HH)",
    "datetime_parsing": "harus waktu ISO 8601",
    "enum": "harus salah satu dari: {expected}",
    "literal_error": "harus salah satu dari: {expected}",
    "list_type": "harus daftar",
    "model_type": "harus objek",
    "model_attributes_type": "harus objek",
    "dict_type": "harus objek",
    "json_invalid": "bukan JSON yang sah",
    "string_pattern_mismatch": "bentuknya tidak sesuai",
}


def _message(err: dict) -> str:
    """The error said for a civil servant: our own rules' texts as written, pydantic's in
    Bahasa Indonesia; never the model's class name."""
    kind, msg, ctx = err.get("type", ""), str(err.get("msg", "")), err.get("ctx") or {}
    if kind == "value_error":
        return msg.removeprefix("Value error, ")
    if kind == "assertion_error":
        return msg.removeprefix("Assertion failed, ")
    template = _PESAN.get(kind)
    if template is None:
        return msg
    try:
        said = {k: str(v).replace("' or '", "' atau '") for k, v in ctx.items()}
        return template.format(**said)
    except (KeyError, IndexError):
        return msg


def _unprocessable(errors: Sequence[Any]) -> JSONResponse:
    problems = [
        {"field": _location(tuple(err.get("loc", ()))), "message": _message(err)} for err in errors
    ]
    summary = "; ".join(
        p["message"] if p["field"] == "permintaan" else f"{p['field']}: {p['message']}"
        for p in problems
    )
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
            document_statuses(schema)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


_ERROR_REF = {"$ref": "#/components/schemas/HTTPValidationError"}
_STATUS_TEXT = {
    "400": "Permintaan rusak (isi formulir atau berkas tidak dapat dibaca)",
    "401": "Belum masuk, atau token tidak sah atau kedaluwarsa",
    "403": "Peran atau jabatan Anda tidak berwenang untuk tindakan ini",
    "404": "Yang dituju tidak ada",
    "409": "Tidak dapat dilakukan pada tahap ini, atau bertentangan dengan data tersimpan",
    "413": "Isi permintaan terlalu besar",
    "422": "Data tidak valid: pesan menyebut kolom dan aturannya",
    "429": "Terlalu banyak percobaan; coba lagi nanti",
}
_BINARY = {"schema": {"type": "string", "format": "binary"}}
XLSX_MEDIA = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Routes whose success answer is not (only) JSON, by path.
_MEDIA: dict[str, dict[str, dict]] = {
    "/api/v1/sops/{sop_id}/document.{fmt}": {
        "text/html": {"schema": {"type": "string"}},
        "application/pdf": _BINARY,
        XLSX_MEDIA: _BINARY,
        "application/json": {"schema": {"type": "object"}},
    },
    "/api/v1/campaigns/{campaign_id}/report.csv": {"text/csv": {"schema": {"type": "string"}}},
}


def _statuses(path: str, method: str, operation: dict) -> list[str]:
    """What an operation can answer besides success, from what every route shares: the
    input checks (422), sign-in (401/403), a path naming something (404), a change that the
    SOP's step or stored data may refuse (409), a body (413, and 400 for forms and files)."""
    found = ["422"]
    if operation.get("security"):
        found += ["401", "403"]
    if "{" in path:
        found.append("404")
    signing_in = path.startswith("/api/v1/auth/") and method == "post"
    if method in ("post", "put", "patch", "delete") and not signing_in:
        found.append("409")
    body = operation.get("requestBody", {}).get("content", {})
    if body:
        found.append("413")
    if set(body) & {"multipart/form-data", "application/x-www-form-urlencoded"}:
        found.append("400")
    if signing_in:
        found += ["401", "429"]
    return found


def document_statuses(schema: dict) -> None:
    """Add to every operation the error answers it can give (all with the error body
    above) and the real media types of the routes that answer more than JSON."""
    for path, item in schema.get("paths", {}).items():
        for method, operation in item.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            responses = operation["responses"]
            for code in _statuses(path, method, operation):
                entry = responses.setdefault(code, {"description": _STATUS_TEXT[code]})
                entry.setdefault("content", {"application/json": {"schema": _ERROR_REF}})
            if path in _MEDIA:
                for code, entry in responses.items():
                    if code.startswith("2"):
                        entry["content"] = _MEDIA[path]
