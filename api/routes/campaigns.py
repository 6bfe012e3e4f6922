"""/api/v1/campaigns: start and track SOP drafting campaigns; the Pasal 14 report."""

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Depends, Header, HTTPException, Query, status
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from api import campaign_service as service
from api.auth import aktor_of, get_current_user
from api.authz import Coordinator, check_role
from api.campaign_schemas import (
    CampaignOut,
    CampaignUnitOut,
    CloseRequest,
    DecideOut,
    DecideRequest,
    KebutuhanOut,
    ReturnRequest,
    StartCampaignRequest,
    SubmitKebutuhanRequest,
    SubmitOut,
)
from api.deps import CurrentUser, EngineDep, SessionDep, TemporalDep
from sop.kampanye import WITA
from sop.wewenang import Tindakan
from store.campaign_queries import CampaignProgress, campaign_units, progress, report
from store.campaign_report import render_csv, render_html
from store.campaign_tables import Campaign, CampaignReport, KebutuhanSop
from store.tables import Unit
from wire.campaign import (
    CampaignInput,
    CampaignUnitInput,
    CloseCampaignInput,
    DecideInput,
    Decision,
    PenanggungJawab,
    SopReviuInput,
    SubmitKebutuhanInput,
    SubmitResult,
)
from workflows.campaign import CampaignWorkflow

router = APIRouter(
    prefix="/api/v1/campaigns", tags=["kampanye"], dependencies=[Depends(get_current_user)]
)

T = TypeVar("T")

IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        max_length=200,
        description="Kunci unik per permintaan; permintaan yang diulang dengan kunci yang sama "
        "hanya dijalankan sekali.",
    ),
]


async def _read(engine: Engine, fn: Callable[..., T], *args: Any) -> T:
    """Run a read in a thread with its own short session.

    Async routes wait on workflow updates whose activities need database connections: holding
    a pooled connection across that wait would let many concurrent requests starve them.
    """

    def run() -> T:
        with Session(engine) as session:
            return fn(session, *args)

    return await run_in_threadpool(run)


def get_campaign_or_404(session: Session, campaign_id: str) -> Campaign:
    campaign = session.get(Campaign, campaign_id)
    if campaign is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"Kampanye '{campaign_id}' tidak ditemukan.")
    return campaign


def _campaign_out(session: Session, campaign: Campaign) -> CampaignOut:
    units = [
        CampaignUnitOut(
            unit_code=unit.unit_code,
            unit_name=name,
            penanggung_jawab=PenanggungJawab(
                jabatan=unit.penanggung_jawab_jabatan,
                nama=unit.penanggung_jawab_nama,
                nip=unit.penanggung_jawab_nip,
                dasar=unit.penanggung_jawab_dasar,
            ),
            submissions=unit.submissions,
            submitted_at=unit.submitted_at,
            sop_reviu=[SopReviuInput.model_validate(s) for s in unit.sop_reviu],
        )
        for unit, name in campaign_units(session, campaign.id)
    ]
    return CampaignOut.model_validate(
        {**campaign.model_dump(), "units": units}, from_attributes=False
    )


def _resolve_units(session: Session, body: StartCampaignRequest) -> list[CampaignUnitInput]:
    all_units = {u.code: u for u in session.exec(select(Unit).order_by(col(Unit.code))).all()}
    if body.units == "semua":
        codes = list(all_units)
    else:
        codes = body.units
        if not codes:
            raise HTTPException(
                status.HTTP_422_UNPROCESSABLE_CONTENT,
                'Daftar unit kerja kosong; isi kode unit atau "semua".',
            )
        duplicates = sorted({c for c in codes if codes.count(c) > 1})
        if duplicates:
            raise HTTPException(
                status.HTTP_422_UNPROCESSABLE_CONTENT,
                f"Unit kerja tercantum lebih dari sekali: {', '.join(duplicates)}.",
            )
    unknown = [c for c in [*codes, *body.penanggung_jawab] if c not in all_units]
    if unknown:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            f"Unit kerja tidak dikenal: {', '.join(unknown)}; lihat GET /api/v1/units.",
        )
    outside = [c for c in body.penanggung_jawab if c not in codes]
    if outside:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            f"Penanggung jawab diisi untuk unit yang bukan peserta: {', '.join(outside)}.",
        )
    return [
        CampaignUnitInput(
            code=code,
            name=all_units[code].name,
            jenis=all_units[code].jenis,
            penanggung_jawab=body.penanggung_jawab.get(code),
        )
        for code in codes
    ]


@router.post("", status_code=status.HTTP_201_CREATED, response_model=CampaignOut)
async def start_campaign(
    body: StartCampaignRequest,
    user: Coordinator,
    engine: EngineDep,
    temporal: TemporalDep,
    key: IdempotencyKey = None,
) -> CampaignOut:
    """Start a campaign: every participating unit is notified (Lampiran I 1.a)."""
    today = datetime.now(UTC).astimezone(WITA).date()
    if body.deadline is not None and body.deadline <= today:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            f"Batas waktu {body.deadline:%d-%m-%Y} harus setelah hari ini ({today:%d-%m-%Y}).",
        )
    units = await _read(engine, _resolve_units, body)
    campaign_id = service.new_campaign_id(key)
    request = CampaignInput(
        campaign_id=campaign_id,
        nama=body.nama,
        units=units,
        deadline=body.deadline,
        koordinator=aktor_of(user),
    )
    await service.start_campaign(temporal, request)
    return await _read(engine, _campaign_out_by_id, campaign_id)


@router.get("", response_model=list[CampaignOut])
def list_campaigns(session: SessionDep) -> list[CampaignOut]:
    rows = session.exec(select(Campaign).order_by(col(Campaign.started_at).desc())).all()
    return [CampaignOut.model_validate(r.model_dump()) for r in rows]


def _campaign_out_by_id(session: Session, campaign_id: str) -> CampaignOut:
    return _campaign_out(session, get_campaign_or_404(session, campaign_id))


@router.get("/{campaign_id}", response_model=CampaignOut)
def get_campaign(campaign_id: str, session: SessionDep) -> CampaignOut:
    return _campaign_out_by_id(session, campaign_id)


@router.post(
    "/{campaign_id}/units/{unit_code}/kebutuhan",
    status_code=status.HTTP_201_CREATED,
    response_model=SubmitOut,
)
async def submit_kebutuhan(
    campaign_id: str,
    unit_code: str,
    body: SubmitKebutuhanRequest,
    user: CurrentUser,
    engine: EngineDep,
    temporal: TemporalDep,
    key: IdempotencyKey = None,
) -> SubmitOut:
    """A unit's needs-identification form (Lampiran II.A) and its SOPs to review."""
    await _read(engine, get_campaign_or_404, campaign_id)
    if len(unit_code) > 40:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT, "Kode unit kerja paling panjang 40 karakter."
        )
    aktor = aktor_of(user)
    check_role(Tindakan.draf, aktor, unit_code)
    request = SubmitKebutuhanInput(
        unit_code=unit_code, aktor=aktor, rows=body.rows, sop_reviu=body.sop_reviu
    )
    result: SubmitResult = await service.update(
        temporal, campaign_id, CampaignWorkflow.submit_kebutuhan, request, update_id=key
    )
    rows = await _read(engine, _rows_by_id, result.row_ids)
    return SubmitOut(unit_code=unit_code, rows=rows)


def _rows_by_id(session: Session, row_ids: list[str]) -> list[KebutuhanOut]:
    rows = session.exec(
        select(KebutuhanSop).where(col(KebutuhanSop.id).in_(row_ids)).order_by(
            col(KebutuhanSop.id)
        )
    ).all()
    return [KebutuhanOut.model_validate(r, from_attributes=True) for r in rows]


@router.get("/{campaign_id}/kebutuhan", response_model=list[KebutuhanOut])
def list_kebutuhan(
    campaign_id: str,
    session: SessionDep,
    unit: Annotated[str | None, Query(max_length=40, description="Kode unit kerja")] = None,
    status_: Annotated[
        str | None, Query(alias="status", description="diusulkan, diterima atau dikembalikan")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=10000)] = 1000,
    offset: Annotated[int, Query(ge=0, le=1_000_000_000)] = 0,
) -> list[KebutuhanOut]:
    get_campaign_or_404(session, campaign_id)
    if status_ is not None and status_ not in ("diusulkan", "diterima", "dikembalikan"):
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            f"Status '{status_}' tidak dikenal; pilih diusulkan, diterima atau dikembalikan.",
        )
    query = select(KebutuhanSop).where(KebutuhanSop.campaign_id == campaign_id)
    if unit:
        query = query.where(KebutuhanSop.unit_code == unit)
    if status_:
        query = query.where(KebutuhanSop.status == status_)
    query = query.order_by(col(KebutuhanSop.unit_code), col(KebutuhanSop.no))
    rows = session.exec(query.offset(offset).limit(limit)).all()
    return [KebutuhanOut.model_validate(r, from_attributes=True) for r in rows]


async def _decide(
    engine: Engine, temporal: TemporalDep, campaign_id: str, request: DecideInput
) -> DecideOut:
    await _read(engine, get_campaign_or_404, campaign_id)
    result = await service.update(temporal, campaign_id, CampaignWorkflow.decide, request)
    return DecideOut(**result.model_dump())


@router.post("/{campaign_id}/kebutuhan/keputusan", response_model=DecideOut)
async def decide_batch(
    campaign_id: str,
    body: DecideRequest,
    user: Coordinator,
    engine: EngineDep,
    temporal: TemporalDep,
) -> DecideOut:
    """Accept or return many rows at once; every accepted row becomes an SOP."""
    request = DecideInput(aktor=aktor_of(user), decisions=body.keputusan)
    return await _decide(engine, temporal, campaign_id, request)


@router.post("/{campaign_id}/kebutuhan/{row_id}/terima", response_model=DecideOut)
async def accept_row(
    campaign_id: str, row_id: str, user: Coordinator, engine: EngineDep, temporal: TemporalDep
) -> DecideOut:
    decisions = [Decision(row_id=row_id, diterima=True)]
    request = DecideInput(aktor=aktor_of(user), decisions=decisions)
    return await _decide(engine, temporal, campaign_id, request)


@router.post("/{campaign_id}/kebutuhan/{row_id}/kembalikan", response_model=DecideOut)
async def return_row(
    campaign_id: str,
    row_id: str,
    body: ReturnRequest,
    user: Coordinator,
    engine: EngineDep,
    temporal: TemporalDep,
) -> DecideOut:
    decision = Decision(row_id=row_id, diterima=False, alasan=body.alasan)
    request = DecideInput(aktor=aktor_of(user), decisions=[decision])
    return await _decide(engine, temporal, campaign_id, request)


@router.post("/{campaign_id}/tutup", response_model=CampaignOut)
async def close_campaign(
    campaign_id: str,
    body: CloseRequest,
    user: Coordinator,
    engine: EngineDep,
    temporal: TemporalDep,
) -> CampaignOut:
    """Close the campaign; the Pasal 14 report is stored and Bagian Organisasi is told."""
    await _read(engine, get_campaign_or_404, campaign_id)
    request = CloseCampaignInput(aktor=aktor_of(user), note=body.note)
    await service.update(temporal, campaign_id, CampaignWorkflow.close, request)
    return await _read(engine, _campaign_out_by_id, campaign_id)


@router.get("/{campaign_id}/progress", response_model=CampaignProgress)
def campaign_progress(campaign_id: str, session: SessionDep) -> CampaignProgress:
    """Progress per unit and in total, from the read model."""
    return progress(session, get_campaign_or_404(session, campaign_id))


SaatPenutupan = Annotated[
    bool,
    Query(description="true: laporan sebagaimana tersimpan saat kampanye ditutup."),
]


def _stored_report(session: Session, campaign_id: str) -> CampaignReport:
    stored = session.get(CampaignReport, campaign_id)
    if stored is None:
        raise HTTPException(
            status.HTTP_404_NOT_FOUND, "Kampanye belum ditutup; laporan penutupan belum ada."
        )
    return stored


@router.get("/{campaign_id}/report.csv", response_class=Response)
def report_csv(
    campaign_id: str, session: SessionDep, saat_penutupan: SaatPenutupan = False
) -> Response:
    """The Pasal 14 report as CSV (now, or as stored at close)."""
    campaign = get_campaign_or_404(session, campaign_id)
    if saat_penutupan:
        text = _stored_report(session, campaign_id).csv
    else:
        text = render_csv(report(session, campaign, datetime.now(UTC)))
    return Response(
        text,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="laporan-{campaign_id}.csv"'},
    )


@router.get("/{campaign_id}/report.html", response_class=HTMLResponse)
def report_html(
    campaign_id: str, session: SessionDep, saat_penutupan: SaatPenutupan = False
) -> HTMLResponse:
    """The Pasal 14 report as a printable page (now, or as stored at close)."""
    campaign = get_campaign_or_404(session, campaign_id)
    if saat_penutupan:
        return HTMLResponse(_stored_report(session, campaign_id).html)
    return HTMLResponse(render_html(report(session, campaign, datetime.now(UTC))))
