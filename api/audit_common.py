"""What the audit routes share: the filter query parameters and CSV/JSON downloads."""

import json
from collections.abc import Sequence
from datetime import date
from enum import StrEnum
from typing import Annotated

from fastapi import HTTPException, Query, status
from fastapi.responses import Response
from pydantic import AfterValidator, BaseModel
from sqlmodel import Session, select

from sop import lifecycle
from store.audit_export import to_csv, to_json
from store.audit_search import EventFilter
from store.tables import SopEvent

# Events that are not chart transitions but are written to the log.
RECORDED_EVENTS = frozenset({"dibuat", "simpan_draf"})


def known_events(session: Session) -> frozenset[str]:
    """Every event name a filter may use: the chart's, and any already in the log (other
    features record their own events, and a filter must still find them)."""
    logged = session.exec(select(SopEvent.event).distinct()).all()
    return (
        frozenset(lifecycle.USER_EVENTS) | lifecycle.SYSTEM_EVENTS | RECORDED_EVENTS
        | frozenset(logged)
    )


class ExportFormat(StrEnum):
    csv = "csv"
    json = "json"


EventsQuery = Annotated[
    list[str] | None,
    Query(alias="event", description="Jenis peristiwa, mis. sahkan; boleh diulang"),
]
ActorQuery = Annotated[
    str | None, Query(max_length=200, description="Nama (sebagian) atau NIP pelaku")
]
JabatanQuery = Annotated[
    str | None, Query(max_length=200, description="Jabatan pelaku (sebagian)")
]
ActorUnitQuery = Annotated[
    str | None, Query(max_length=40, description="Kode unit kerja pelaku")
]
def _plausible(day: date | None) -> date | None:
    if day is not None and not (EARLIEST <= day <= LATEST):
        raise ValueError(
            f"tanggal {day.isoformat()} di luar rentang {EARLIEST.year}-{LATEST.year}"
        )
    return day


EARLIEST, LATEST = date(1900, 1, 1), date(2199, 12, 31)
PlausibleDate = Annotated[date | None, AfterValidator(_plausible)]
"""A date a civil servant could mean; far-off years would overflow date arithmetic."""

FromQuery = Annotated[
    PlausibleDate, Query(alias="from", description="Sejak tanggal (WITA), YYYY-MM-DD")
]
ToQuery = Annotated[
    PlausibleDate, Query(alias="to", description="Sampai tanggal (WITA), inklusif")
]
FormatQuery = Annotated[
    ExportFormat | None,
    Query(description="csv atau json: unduh semua baris yang cocok (tanpa halaman)"),
]
LimitQuery = Annotated[int, Query(ge=1, le=500)]
OffsetQuery = Annotated[int, Query(ge=0, le=1_000_000_000)]


def event_filter(
    session: Session,
    events: list[str] | None,
    actor: str | None,
    jabatan: str | None,
    actor_unit: str | None,
    date_from: date | None,
    date_to: date | None,
    **extra: str | None,
) -> EventFilter:
    """The filter, refusing with a clear 422 what can only be a mistake."""
    known = known_events(session)
    unknown = sorted(set(events or []) - known)
    if unknown:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            {
                "message": f"Jenis peristiwa tidak dikenal: {', '.join(unknown)}.",
                "known_events": sorted(known),
            },
        )
    if date_from and date_to and date_from > date_to:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            f"Tanggal 'from' ({date_from}) sesudah tanggal 'to' ({date_to}).",
        )
    return EventFilter(
        events=events or [],
        actor=actor,
        jabatan=jabatan,
        actor_unit=actor_unit,
        date_from=date_from,
        date_to=date_to,
        **extra,
    )


def download(
    rows: Sequence[BaseModel],
    model: type[BaseModel],
    fmt: ExportFormat,
    name: str,
    as_page: bool = False,
) -> Response:
    """The rows as an attachment; CSV and JSON carry the same rows in the same order.

    ``as_page`` wraps the JSON rows in the route's page shape (``total``, ``limit``,
    ``offset``, ``items``), so the download matches the documented response schema.
    """
    if fmt == ExportFormat.csv:
        body, media = to_csv(rows, model), "text/csv; charset=utf-8"
    elif as_page:
        items = json.loads(to_json(rows))
        page = {"total": len(rows), "limit": len(rows), "offset": 0, "items": items}
        body, media = json.dumps(page, ensure_ascii=False), "application/json"
    else:
        body, media = to_json(rows), "application/json"
    return Response(
        body,
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="{name}.{fmt.value}"'},
    )


def too_many(total: int, limit: int) -> HTTPException:
    return HTTPException(
        status.HTTP_422_UNPROCESSABLE_CONTENT,
        f"Hasil terlalu besar untuk diunduh ({total} baris, paling banyak {limit}); "
        "persempit filternya.",
    )
