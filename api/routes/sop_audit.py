"""/api/v1/sops/{id}/...: one SOP's audit trail (timeline, retained histories, version diff)."""

from fastapi import APIRouter, Depends, HTTPException, status
from fastapi.responses import Response
from sqlmodel import Session, col, select

from api.audit_common import (
    ActorQuery,
    ActorUnitQuery,
    EventsQuery,
    FormatQuery,
    FromQuery,
    JabatanQuery,
    LimitQuery,
    OffsetQuery,
    ToQuery,
    download,
    event_filter,
    too_many,
)
from api.audit_schemas import AuditEventOut, AuditEventPage, RunHistoryOut
from api.auth import get_current_user
from api.deps import SessionDep, get_sop
from api.masukan import VersiPath
from sop.diff import DocumentDiff, diff_documents
from store.audit_search import MAX_EXPORT_ROWS, count_events, find_events
from store.queries import document_version
from store.tables import DocumentVersion, RunHistory

# Every route here names an SOP: 404 unless it exists.
router = APIRouter(
    prefix="/api/v1/sops",
    tags=["audit"],
    dependencies=[Depends(get_current_user), Depends(get_sop)],
)


@router.get(
    "/{sop_id}/timeline",
    response_model=AuditEventPage,
    responses={200: {"content": {"text/csv": {}}}, 404: {"description": "SOP tidak ada"}},
)
def timeline(
    sop_id: str,
    session: SessionDep,
    event: EventsQuery = None,
    actor: ActorQuery = None,
    jabatan: JabatanQuery = None,
    actor_unit: ActorUnitQuery = None,
    date_from: FromQuery = None,
    date_to: ToQuery = None,
    limit: LimitQuery = 100,
    offset: OffsetQuery = 0,
    format: FormatQuery = None,
) -> AuditEventPage | Response:
    """Everything that happened to the SOP across all its runs, in order (by ``seq``)."""
    f = event_filter(session, event, actor, jabatan, actor_unit, date_from, date_to, sop_id=sop_id)
    total = count_events(session, f)
    if format is not None:
        if total > MAX_EXPORT_ROWS:
            raise too_many(total, MAX_EXPORT_ROWS)
        rows = [
            AuditEventOut.model_validate(r, from_attributes=True) for r in find_events(session, f)
        ]
        return download(rows, AuditEventOut, format, f"timeline-{sop_id}", as_page=True)
    items = [
        AuditEventOut.model_validate(r, from_attributes=True)
        for r in find_events(session, f, limit, offset)
    ]
    return AuditEventPage(total=total, limit=limit, offset=offset, items=items)


@router.get("/{sop_id}/histories", response_model=list[RunHistoryOut])
def list_histories(sop_id: str, session: SessionDep) -> list[RunHistoryOut]:
    """The Temporal histories of the SOP's closed runs, kept beyond Temporal's retention."""
    query = (
        select(RunHistory)
        .where(RunHistory.sop_id == sop_id)
        .order_by(col(RunHistory.cycle), col(RunHistory.closed_at), col(RunHistory.id))
    )
    return [
        RunHistoryOut.model_validate(r, from_attributes=True) for r in session.exec(query).all()
    ]


@router.get(
    "/{sop_id}/histories/{run_id}",
    responses={200: {"content": {"application/json": {}}}, 404: {"description": "Tidak ada"}},
)
def download_history(sop_id: str, run_id: str, session: SessionDep) -> Response:
    """One run's full history, exactly as Temporal exported it (``WorkflowHistory.to_json``)."""
    row = session.exec(
        select(RunHistory).where(RunHistory.sop_id == sop_id, RunHistory.run_id == run_id)
    ).first()
    if row is None:
        raise HTTPException(
            status.HTTP_404_NOT_FOUND,
            f"Riwayat run '{run_id}' dari SOP '{sop_id}' tidak tersimpan; lihat daftar di "
            f"GET /api/v1/sops/{sop_id}/histories.",
        )
    return Response(
        row.history_json,
        media_type="application/json",
        headers={
            "Content-Disposition": f'attachment; filename="history-{run_id}.json"',
            "X-Content-SHA256": row.sha256,
        },
    )


def _version(session: Session, sop_id: str, version: int) -> DocumentVersion:
    row = document_version(session, sop_id, version)
    if row is None:
        raise HTTPException(
            status.HTTP_404_NOT_FOUND, f"Versi {version} dari SOP '{sop_id}' tidak ada."
        )
    return row


@router.get("/{sop_id}/versions/{a}/diff/{b}", response_model=DocumentDiff)
def diff_versions(sop_id: str, a: VersiPath, b: VersiPath, session: SessionDep) -> DocumentDiff:
    """What changed from version ``a`` to version ``b``: identity, document fields, steps."""
    before, after = _version(session, sop_id, a), _version(session, sop_id, b)
    return diff_documents(before.content, after.content)
