"""/api/v1/audit: questions across all SOPs, chain verification and consistency."""

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from api.audit_common import (
    ActorQuery,
    ActorUnitQuery,
    EventsQuery,
    FormatQuery,
    FromQuery,
    JabatanQuery,
    LimitQuery,
    OffsetQuery,
    PlausibleDate,
    ToQuery,
    download,
    event_filter,
    too_many,
)
from api.audit_schemas import AuditEventOut, AuditEventPage
from api.auth import require_roles
from api.deps import EngineDep, SessionDep, TemporalDep
from audit.consistency import ConsistencyReport, check_consistency
from sop.peran import Peran
from sop.waktu import WITA
from store.audit_search import (
    MAX_EXPORT_ROWS,
    OverdueEvaluation,
    count_events,
    find_events,
    overdue_evaluations,
)
from store.chain import ChainReport, verify_chains

router = APIRouter(
    prefix="/api/v1/audit",
    tags=["audit"],
    dependencies=[Depends(require_roles(Peran.auditor, Peran.koordinator, Peran.admin))],
)

SopIdsQuery = Annotated[
    list[str] | None, Query(alias="sop_id", description="Hanya SOP ini; boleh diulang")
]


@router.get(
    "/events",
    response_model=AuditEventPage,
    responses={200: {"content": {"text/csv": {}}}},
)
def search_events(
    session: SessionDep,
    event: EventsQuery = None,
    actor: ActorQuery = None,
    jabatan: JabatanQuery = None,
    actor_unit: ActorUnitQuery = None,
    unit: Annotated[str | None, Query(max_length=40, description="Unit pemilik SOP")] = None,
    date_from: FromQuery = None,
    date_to: ToQuery = None,
    limit: LimitQuery = 100,
    offset: OffsetQuery = 0,
    format: FormatQuery = None,
) -> AuditEventPage | Response:
    """The audit log across SOPs, oldest first; e.g. ``?event=sahkan&jabatan=Sekretaris
    Daerah&from=2026-01-01&to=2026-12-31``. With ``format`` every match is downloaded."""
    f = event_filter(session, event, actor, jabatan, actor_unit, date_from, date_to, unit=unit)
    total = count_events(session, f)
    if format is not None:
        if total > MAX_EXPORT_ROWS:
            raise too_many(total, MAX_EXPORT_ROWS)
        rows = [
            AuditEventOut.model_validate(r, from_attributes=True) for r in find_events(session, f)
        ]
        return download(rows, AuditEventOut, format, "audit-events", as_page=True)
    items = [
        AuditEventOut.model_validate(r, from_attributes=True)
        for r in find_events(session, f, limit, offset)
    ]
    return AuditEventPage(total=total, limit=limit, offset=offset, items=items)


@router.get(
    "/overdue-evaluations",
    response_model=list[OverdueEvaluation],
    responses={200: {"content": {"text/csv": {}}}},
)
def overdue(
    session: SessionDep,
    days: Annotated[int, Query(ge=0, le=36500, description="Terlambat lebih dari N hari")] = 0,
    as_of: Annotated[
        PlausibleDate, Query(description="Per tanggal (WITA); default hari ini")
    ] = None,
    format: FormatQuery = None,
) -> list[OverdueEvaluation] | Response:
    """SOPs whose periodic evaluation (Pasal 13) is overdue by more than ``days`` days."""
    today = as_of or datetime.now(WITA).date()
    rows = overdue_evaluations(session, days, today)
    if format is not None:
        return download(rows, OverdueEvaluation, format, f"evaluasi-terlambat-{days}-hari")
    return rows


@router.get("/verify", response_model=ChainReport)
async def verify(engine: EngineDep, sop_ids: SopIdsQuery = None) -> ChainReport:
    """Check the hash chain of every SOP (or the given ones); names the first bad row of each."""
    return await run_in_threadpool(verify_chains, engine, sop_ids)


@router.get("/consistency", response_model=ConsistencyReport)
async def consistency(
    engine: EngineDep, temporal: TemporalDep, sop_ids: SopIdsQuery = None
) -> ConsistencyReport:
    """Compare each SOP's state in Temporal with the read model; lists every difference."""
    return await check_consistency(temporal, engine, sop_ids)
