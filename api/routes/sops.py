"""/api/v1/sops: create, list, read, draft and act on SOPs."""

from typing import Annotated

from fastapi import HTTPException, Query, status
from sqlmodel import Session, col, func, select

from api import lifecycle_service as service
from api.auth import CurrentUser, aktor_for
from api.deps import (
    Acting,
    EngineDep,
    IdempotencyKey,
    SessionDep,
    SopDep,
    TemporalDep,
    check_role,
    found,
    read,
    signed_in_router,
)
from api.masukan import VersiPath
from api.schemas import (
    ActionOut,
    CreateSopRequest,
    EventOut,
    SopOut,
    SopPage,
    VersionOut,
    VersionSummary,
)
from sop import lifecycle
from sop.organisasi import JenisUnit, check_lingkup
from sop.wewenang import Tindakan
from store.queries import document_version
from store.tables import DocumentVersion, Sop, SopEvent, Unit
from wire.sop import NoteFields, SaveDraftFields, SaveDraftInput
from workflows.sop_lifecycle import SopLifecycleWorkflow as Workflow

router = signed_in_router("/api/v1/sops", "sops")

_KNOWN_EVENTS = frozenset(lifecycle.USER_EVENTS) | lifecycle.SYSTEM_EVENTS


def _unit(session: Session, code: str) -> Unit:
    unit = session.get(Unit, code)
    if unit is None:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            f"Unit kerja '{code}' tidak dikenal; lihat daftar di GET /api/v1/units.",
        )
    return unit


@router.post("", status_code=status.HTTP_201_CREATED, response_model=SopOut)
async def create_sop(
    body: CreateSopRequest,
    user: CurrentUser,
    engine: EngineDep,
    temporal: TemporalDep,
    key: IdempotencyKey = None,
) -> Sop:
    """Start a new SOP at persiapan (its lifecycle workflow starts now)."""
    # A Plt./Plh. creating an SOP of the appointment's unit acts in that office's name.
    aktor = aktor_for(user, body.unit_code)
    unit = await read(engine, lambda session: _unit(session, body.unit_code))
    # No workflow runs yet to judge this: the API checks the role before starting one.
    check_role(Tindakan.buat, aktor, body.unit_code)
    try:
        check_lingkup(JenisUnit(unit.jenis), body.lingkup)
    except ValueError as err:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, f"Lingkup: {err}.") from err
    sop_id = service.new_sop_id(key)
    await service.create_sop(
        temporal,
        sop_id,
        body.unit_code,
        body.nama_sop,
        aktor,
        body.note,
        body.evaluation_interval_months,
        unit_jenis=unit.jenis,
        lingkup=body.lingkup,
    )
    return await found(engine, Sop, sop_id, f"SOP '{sop_id}' tidak ditemukan.")


@router.get("", response_model=SopPage)
def list_sops(
    session: SessionDep,
    unit: Annotated[str | None, Query(max_length=40, description="Kode unit kerja")] = None,
    stage: Annotated[str | None, Query(description="Tahap: " + ", ".join(lifecycle.STAGES))] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0, le=1_000_000_000)] = 0,
) -> SopPage:
    valid_stages = (*lifecycle.STAGES, *lifecycle.FINAL_STATES)
    if stage is not None and stage not in valid_stages:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            f"Tahap '{stage}' tidak dikenal; pilih salah satu: {', '.join(valid_stages)}.",
        )
    query = select(Sop)
    if unit:
        query = query.where(Sop.unit_code == unit)
    if stage:
        query = query.where(Sop.stage == stage)
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    query = query.order_by(col(Sop.created_at), col(Sop.id))
    rows = session.exec(query.offset(offset).limit(limit)).all()
    items = [SopOut.model_validate(r, from_attributes=True) for r in rows]
    return SopPage(total=total, items=items)


@router.get("/{sop_id}", response_model=SopOut)
def get_sop(sop: SopDep) -> Sop:
    """The SOP's projection, with the actions allowed now (``allowed_events``)."""
    return sop


@router.post(
    "/{sop_id}/actions/{event}",
    response_model=ActionOut,
    responses={404: {"description": "SOP or action unknown"}, 409: {"description": "Not now"}},
)
async def perform_action(event: str, body: NoteFields, acting: Acting) -> ActionOut:
    """Perform one action of the Siklus SOP (a workflow update) as the signed-in user."""
    if event not in _KNOWN_EVENTS:
        raise HTTPException(
            status.HTTP_404_NOT_FOUND,
            {
                "message": f"Aksi '{event}' tidak dikenal.",
                "known_events": list(lifecycle.USER_EVENTS),
            },
        )
    return await service.perform_action(
        acting.temporal, acting.sop.id, event, acting.aktor, body.note, acting.key
    )


@router.post("/{sop_id}/versions", status_code=status.HTTP_201_CREATED, response_model=ActionOut)
async def save_draft(body: SaveDraftFields, acting: Acting) -> ActionOut:
    """Save a new immutable version of the SOP document (only while drafting)."""
    arg = SaveDraftInput(**dict(body), aktor=acting.aktor)
    return await acting.send(Workflow.save_draft, arg)


@router.get("/{sop_id}/versions", response_model=list[VersionSummary])
def list_versions(sop: SopDep, session: SessionDep) -> list[DocumentVersion]:
    query = select(DocumentVersion).where(DocumentVersion.sop_id == sop.id)
    return list(session.exec(query.order_by(col(DocumentVersion.version))).all())


@router.get("/{sop_id}/versions/{version}", response_model=VersionOut)
def get_version(sop: SopDep, version: VersiPath, session: SessionDep) -> DocumentVersion:
    row = document_version(session, sop.id, version)
    if row is None:
        raise HTTPException(
            status.HTTP_404_NOT_FOUND, f"Versi {version} dari SOP '{sop.id}' tidak ada."
        )
    return row


@router.get("/{sop_id}/events", response_model=list[EventOut])
def list_events(sop: SopDep, session: SessionDep) -> list[SopEvent]:
    """Every committed action on the SOP, in order."""
    query = select(SopEvent).where(SopEvent.sop_id == sop.id).order_by(col(SopEvent.seq))
    return list(session.exec(query).all())
