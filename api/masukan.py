"""One check of every request's input before any route sees it, so no route can forget it.

``refuse_bad_input`` is an app-wide dependency (``api.main``). It reads what FastAPI has already
read (Starlette caches the body and the form), so it costs no second read:
- every text (path and query parameters, form fields, JSON keys and values at any depth) must
  be free of control and bidirectional formatting characters (``sop.teks``);
- a date a person chooses must lie in a range that means something for its field
  (``DATE_RANGES``, relative to today in WITA). The wire models also bound every date
  statically (``sop.teks.Tanggal``), so a date that reaches a workflow can never overflow.

Also the bounded integer types of path and query parameters, so a number too large for the
database is a 422 described in the OpenAPI document, never a 500.
"""

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Annotated, Any

from fastapi import HTTPException, Path, Query, Request, status
from starlette.datastructures import UploadFile

from sop.teks import TANGGAL_MIN, date_message, forbidden_char, forbidden_message
from sop.waktu import WITA

MAX_VERSI = 1_000_000
MAX_RONDE = 1_000_000

VersiPath = Annotated[int, Path(ge=1, le=MAX_VERSI, description="Nomor versi")]
VersiQuery = Annotated[
    int | None,
    Query(ge=1, le=MAX_VERSI, description="Nomor versi; bawaan: berlaku, atau draf terakhir"),
]
RondePath = Annotated[int, Path(ge=1, le=MAX_RONDE, description="Nomor ronde reviu")]

DATE_RANGES: dict[str, tuple[int | None, int]] = {
    # A campaign's deadline: up to ten years ahead (the route itself says it must be after
    # today, in its own words).
    "deadline": (None, 10),
    # Dates of things done (a decision, a training, a monitoring visit, a simulation, an
    # evaluation, a gathering of information): within the last ten years, or planned within
    # the coming year.
    "tanggal_keputusan": (-10, 1),
    "tanggal": (-10, 1),
}
"""Per field name: how many years before and after today a chosen date may lie."""


def _problem(field: str, message: str) -> HTTPException:
    return HTTPException(
        status.HTTP_422_UNPROCESSABLE_CONTENT,
        {
            "message": message,
            "problems": [{"field": field, "message": message}],
        },
    )


def _walk(value: Any, where: str) -> Iterator[tuple[str, str | None, Any]]:
    """(location, key, value) of every key and scalar in a JSON document."""
    if isinstance(value, dict):
        for key, item in value.items():
            place = f"{where}.{key}" if where else str(key)
            yield place, None, str(key)
            yield from _walk_item(item, place, str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, f"{where}.{index}" if where else str(index))
    else:
        yield where, None, value


def _walk_item(value: Any, place: str, key: str) -> Iterator[tuple[str, str | None, Any]]:
    if isinstance(value, dict | list):
        yield from _walk(value, place)
    else:
        yield place, key, value


def check_text(field: str, text: str) -> None:
    char = forbidden_char(text)
    if char is not None:
        raise _problem(field, forbidden_message(field, char))


def _years_from(today: date, years: int) -> date:
    try:
        return today.replace(year=today.year + years)
    except ValueError:  # 29 February in a year that has none
        return today.replace(year=today.year + years, day=28)


def check_date(field: str, key: str, text: str, today: date) -> None:
    bounds = DATE_RANGES.get(key)
    if bounds is None or len(text) != 10:
        return
    try:
        value = date.fromisoformat(text)
    except ValueError:
        return  # not a date: the model's own validation answers
    before, after = bounds
    earliest = _years_from(today, before) if before is not None else TANGGAL_MIN
    latest = _years_from(today, after)
    if not earliest <= value <= latest:
        raise _problem(field, date_message(field, value, earliest, latest))


def check_document(document: Any, today: date | None) -> None:
    """Every text of a JSON document, and (unless ``today`` is None) its chosen dates."""
    for place, key, value in _walk(document, ""):
        if isinstance(value, str):
            check_text(place or "permintaan", value)
            if key is not None and today is not None:
                check_date(place, key, value, today)


async def refuse_bad_input(request: Request) -> None:
    """Refuse (422) a request whose texts or dates no route may accept."""
    for name, value in request.path_params.items():
        if isinstance(value, str):
            check_text(name, value)
    for name, value in request.query_params.multi_items():
        check_text(name, name)
        check_text(name, value)
    content_type = request.headers.get("content-type", "")
    today = datetime.now(UTC).astimezone(WITA).date()
    if content_type.startswith(("multipart/form-data", "application/x-www-form-urlencoded")):
        form = await request.form()
        for name, value in form.multi_items():
            check_text(name, name)
            if isinstance(value, UploadFile):
                check_text(name, value.filename or "")
            else:
                check_text(name, value)
                check_date(name, name, value, today)
    elif "json" in content_type:
        body = await request.body()
        if not body:
            return
        try:
            document = json.loads(body)
        except ValueError:
            return  # not JSON: FastAPI's own parsing answers
        check_document(document, today)
