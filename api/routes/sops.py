"""/api/v1/sops: create, list, read, draft and act on SOPs."""

from typing import Annotated

from fastapi import APIRouter, Depends, Header, HTTPException, Query, status
from sqlalchemy.engine import Engine
from sqlmodel import Session, func, select

from api import lifecycle_service as service
from api.auth import aktor_of, get_current_user
from api.authz import AnyAction, Drafting, check_role
from api.deps import CurrentUser, EngineDep, SessionDep, TemporalDep, read
from api.schemas import (
    ActionOut,
    ActionRequest,
    CreateSopRequest,
    EventOut,
    SaveDraftRequest,
    SopOut,
    SopPage,
    VersionOut,
    VersionSummary,
)
from sop import lifecycle
from sop.organisasi import JenisUnit, check_lingkup
from sop.wewenang import Tindakan, tindakan_of
from store.queries import document_version
from store.tables import DocumentVersion, Sop, SopEvent, Unit
from wire.sop import SaveDraftInput

router = APIRouter(
    prefix="/api/v1/sops", tags=["sops"], dependencies=[Depends(get_current_user)]
)

IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        max_length=200,
        description="Kunci unik per permintaan; permintaan yang diulang dengan kunci yang sama "
        "hanya dijalankan sekali.",
    ),
]

_KNOWN_EVENTS = frozenset(lifecycle.USER_EVENTS) | lifecycle.SYSTEM_EVENTS


def get_sop_or_404(session: Session, sop_id: str) -> Sop:
    sop = session.get(Sop, sop_id)
    if sop is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"SOP '{sop_id}' tidak ditemukan.")
    return sop


async def require_sop(engine: Engine, sop_id: str) -> Sop:
    """404 unless the SOP exists, read in a short session of its own."""
    return await read(engine, lambda session: get_sop_or_404(session, sop_id))


@router.post("", status_code=status.HTTP_201_CREATED, response_model=SopOut)
async def create_sop(
    body: CreateSopRequest,
    user: CurrentUser,
    engine: EngineDep,
    temporal: TemporalDep,
    key: IdempotencyKey = None,
) -> Sop:
    """Start a new SOP at persiapan (its lifecycle workflow starts now)."""
    unit = await read(engine, lambda session: session.get(Unit, body.unit_code))
    if unit is None:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            f"Unit kerja '{body.unit_code}' tidak dikenal; lihat daftar di GET /api/v1/units.",
        )
    aktor = aktor_of(user)
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
    return await read(engine, lambda session: get_sop_or_404(session, sop_id))


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
    rows = session.exec(query.order_by(Sop.created_at, Sop.id).offset(offset).limit(limit)).all()
    items = [SopOut.model_validate(r, from_attributes=True) for r in rows]
    return SopPage(total=total, items=items)


@router.get("/{sop_id}", response_model=SopOut)
def get_sop(sop_id: str, session: SessionDep) -> Sop:
    """The SOP's projection, with the actions allowed now (``allowed_events``)."""
    return get_sop_or_404(session, sop_id)


@router.post(
    "/{sop_id}/actions/{event}",
    response_model=ActionOut,
    responses={404: {"description": "SOP or action unknown"}, 409: {"description": "Not now"}},
)
async def perform_action(
    event: str,
    body: ActionRequest,
    acting: AnyAction,
    temporal: TemporalDep,
    key: IdempotencyKey = None,
) -> ActionOut:
    """Perform one action of the Siklus SOP (a workflow update) as the signed-in user."""
    sop_id = acting.sop.id
    if event not in _KNOWN_EVENTS:
        raise HTTPException(
            status.HTTP_404_NOT_FOUND,
            {
                "message": f"Aksi '{event}' tidak dikenal.",
                "known_events": list(lifecycle.USER_EVENTS),
            },
        )
    check_role(tindakan_of(event), acting.aktor, acting.sop.unit_code)
    result = await service.perform_action(temporal, sop_id, event, acting.aktor, body.note, key)
    return ActionOut(**result.model_dump())


@router.post("/{sop_id}/versions", status_code=status.HTTP_201_CREATED, response_model=ActionOut)
async def save_draft(
    body: SaveDraftRequest,
    acting: Drafting,
    temporal: TemporalDep,
    key: IdempotencyKey = None,
) -> ActionOut:
    """Save a new immutable version of the SOP document (only while drafting)."""
    request = SaveDraftInput(aktor=acting.aktor, document=body.document, note=body.note)
    result = await service.save_draft(temporal, acting.sop.id, request, key)
    return ActionOut(**result.model_dump())


@router.get("/{sop_id}/versions", response_model=list[VersionSummary])
def list_versions(sop_id: str, session: SessionDep) -> list[DocumentVersion]:
    get_sop_or_404(session, sop_id)
    query = select(DocumentVersion).where(DocumentVersion.sop_id == sop_id)
    return list(session.exec(query.order_by(DocumentVersion.version)).all())


@router.get("/{sop_id}/versions/{version}", response_model=VersionOut)
def get_version(sop_id: str, version: int, session: SessionDep) -> DocumentVersion:
    get_sop_or_404(session, sop_id)
    row = document_version(session, sop_id, version)
    if row is None:
        raise HTTPException(
            status.HTTP_404_NOT_FOUND, f"Versi {version} dari SOP '{sop_id}' tidak ada."
        )
    return row


@router.get("/{sop_id}/events", response_model=list[EventOut])
def list_events(sop_id: str, session: SessionDep) -> list[SopEvent]:
    """Every committed action on the SOP, in order."""
    get_sop_or_404(session, sop_id)
    query = select(SopEvent).where(SopEvent.sop_id == sop_id).order_by(SopEvent.seq)
    return list(session.exec(query).all())
