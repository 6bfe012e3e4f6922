"""/api/v1/campaigns: start and track SOP drafting campaigns; the Pasal 14 report."""

from datetime import UTC, datetime
from typing import Annotated, Literal

from fastapi import HTTPException, Query, status
from fastapi.responses import HTMLResponse, Response
from sqlmodel import Session, col, select

from api import campaign_service as service
from api.campaign_schemas import (
    CampaignOut,
    CampaignUnitOut,
    DecideOut,
    DecideRequest,
    KebutuhanOut,
    ReturnRequest,
    StartCampaignRequest,
    SubmitOut,
)
from api.deps import (
    CampaignActing,
    CampaignAction,
    CampaignDep,
    Coordinator,
    EngineDep,
    IdempotencyKey,
    SessionDep,
    TemporalDep,
    aktor_for,
    read,
    signed_in_router,
)
from sop.kampanye import WITA
from sop.wewenang import kebutuhan_refusal, koordinasi_kampanye_refusal
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
    SubmitKebutuhanFields,
    SubmitKebutuhanInput,
    SubmitResult,
)
from wire.sop import NoteFields
from workflows.campaign import CampaignWorkflow

router = signed_in_router("/api/v1/campaigns", "kampanye")


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


def _by_id(session: Session, campaign_id: str) -> Campaign:
    """The campaign as the read model holds it now (after an update wrote to it)."""
    campaign = session.get(Campaign, campaign_id)
    assert campaign is not None, campaign_id
    return campaign


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
    """Start a campaign: every participating unit is notified (Lampiran I 1.a). Only a
    coordinator starts one: no campaign runs yet to judge that."""
    today = datetime.now(UTC).astimezone(WITA).date()
    if body.deadline is not None and body.deadline <= today:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            f"Batas waktu {body.deadline:%d-%m-%Y} harus setelah hari ini ({today:%d-%m-%Y}).",
        )
    units = await read(engine, lambda session: _resolve_units(session, body))
    campaign_id = service.new_campaign_id(key)
    request = CampaignInput(
        campaign_id=campaign_id,
        nama=body.nama,
        units=units,
        deadline=body.deadline,
        koordinator=aktor_for(user, None),
    )
    await service.start_campaign(temporal, request)
    return await read(engine, lambda session: _campaign_out(session, _by_id(session, campaign_id)))


@router.get("", response_model=list[CampaignOut])
def list_campaigns(session: SessionDep) -> list[CampaignOut]:
    rows = session.exec(select(Campaign).order_by(col(Campaign.started_at).desc())).all()
    return [CampaignOut.model_validate(r.model_dump()) for r in rows]


@router.get("/{campaign_id}", response_model=CampaignOut)
def get_campaign(campaign: CampaignDep, session: SessionDep) -> CampaignOut:
    return _campaign_out(session, campaign)


@router.post(
    "/{campaign_id}/units/{unit_code}/kebutuhan",
    status_code=status.HTTP_201_CREATED,
    response_model=SubmitOut,
)
async def submit_kebutuhan(
    unit_code: str,
    body: SubmitKebutuhanFields,
    acting: CampaignActing,
    engine: EngineDep,
    key: IdempotencyKey = None,
) -> SubmitOut:
    """A unit's needs-identification form (Lampiran II.A) and its SOPs to review; the campaign
    decides who may fill in the unit's form."""
    if len(unit_code) > 40:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT, "Kode unit kerja paling panjang 40 karakter."
        )
    aktor = acting.aktor
    request = SubmitKebutuhanInput(**dict(body), unit_code=unit_code, aktor=aktor)
    refusal = kebutuhan_refusal(aktor.peran, aktor.unit, unit_code)
    result: SubmitResult = await acting.send(
        CampaignWorkflow.submit_kebutuhan, request, update_id=key, closed_refusal=refusal
    )
    rows = await read(engine, lambda session: _rows_by_id(session, result.row_ids))
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
    campaign: CampaignDep,
    session: SessionDep,
    unit: Annotated[str | None, Query(max_length=40, description="Kode unit kerja")] = None,
    status_: Annotated[
        str | None, Query(alias="status", description="diusulkan, diterima atau dikembalikan")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=10000)] = 1000,
    offset: Annotated[int, Query(ge=0, le=1_000_000_000)] = 0,
) -> list[KebutuhanOut]:
    if status_ is not None and status_ not in ("diusulkan", "diterima", "dikembalikan"):
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            f"Status '{status_}' tidak dikenal; pilih diusulkan, diterima atau dikembalikan.",
        )
    query = select(KebutuhanSop).where(KebutuhanSop.campaign_id == campaign.id)
    if unit:
        query = query.where(KebutuhanSop.unit_code == unit)
    if status_:
        query = query.where(KebutuhanSop.status == status_)
    query = query.order_by(col(KebutuhanSop.unit_code), col(KebutuhanSop.no))
    rows = session.exec(query.offset(offset).limit(limit)).all()
    return [KebutuhanOut.model_validate(r, from_attributes=True) for r in rows]


# Deciding rows and closing are the coordinator's: the campaign's validators judge that (and,
# once it has closed, the same rule passed as ``closed_refusal``).


async def _decide(acting: CampaignAction, decisions: list[Decision]) -> DecideOut:
    request = DecideInput(aktor=acting.aktor, decisions=decisions)
    refusal = koordinasi_kampanye_refusal(acting.aktor.peran)
    result = await acting.send(CampaignWorkflow.decide, request, closed_refusal=refusal)
    return DecideOut(**result.model_dump())


@router.post("/{campaign_id}/kebutuhan/keputusan", response_model=DecideOut)
async def decide_batch(body: DecideRequest, acting: CampaignActing) -> DecideOut:
    """Accept or return many rows at once; every accepted row becomes an SOP."""
    return await _decide(acting, body.keputusan)


@router.post("/{campaign_id}/kebutuhan/{row_id}/terima", response_model=DecideOut)
async def accept_row(row_id: str, acting: CampaignActing) -> DecideOut:
    return await _decide(acting, [Decision(row_id=row_id, diterima=True)])


@router.post("/{campaign_id}/kebutuhan/{row_id}/kembalikan", response_model=DecideOut)
async def return_row(row_id: str, body: ReturnRequest, acting: CampaignActing) -> DecideOut:
    return await _decide(acting, [Decision(row_id=row_id, diterima=False, alasan=body.alasan)])


@router.post("/{campaign_id}/tutup", response_model=CampaignOut)
async def close_campaign(
    body: NoteFields, acting: CampaignActing, engine: EngineDep
) -> CampaignOut:
    """Close the campaign; the Pasal 14 report is stored and Bagian Organisasi is told."""
    request = CloseCampaignInput(**dict(body), aktor=acting.aktor)
    refusal = koordinasi_kampanye_refusal(acting.aktor.peran)
    await acting.send(CampaignWorkflow.close, request, closed_refusal=refusal)
    campaign_id = acting.campaign.id
    return await read(
        engine, lambda session: _campaign_out(session, _by_id(session, campaign_id))
    )


@router.get("/{campaign_id}/progress", response_model=CampaignProgress)
def campaign_progress(campaign: CampaignDep, session: SessionDep) -> CampaignProgress:
    """Progress per unit and in total, from the read model."""
    return progress(session, campaign)


SaatPenutupan = Annotated[
    bool,
    Query(description="true: laporan sebagaimana tersimpan saat kampanye ditutup."),
]


def _report_text(
    session: Session, campaign: Campaign, saat_penutupan: bool, fmt: Literal["csv", "html"]
) -> str:
    """The report rendered now, or (``saat_penutupan``) as stored when the campaign closed."""
    if not saat_penutupan:
        render = render_csv if fmt == "csv" else render_html
        return render(report(session, campaign, datetime.now(UTC)))
    stored = session.get(CampaignReport, campaign.id)
    if stored is None:
        raise HTTPException(
            status.HTTP_404_NOT_FOUND, "Kampanye belum ditutup; laporan penutupan belum ada."
        )
    return stored.csv if fmt == "csv" else stored.html


@router.get("/{campaign_id}/report.csv", response_class=Response)
def report_csv(
    campaign: CampaignDep, session: SessionDep, saat_penutupan: SaatPenutupan = False
) -> Response:
    """The Pasal 14 report as CSV (now, or as stored at close)."""
    return Response(
        _report_text(session, campaign, saat_penutupan, "csv"),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="laporan-{campaign.id}.csv"'},
    )


@router.get("/{campaign_id}/report.html", response_class=HTMLResponse)
def report_html(
    campaign: CampaignDep, session: SessionDep, saat_penutupan: SaatPenutupan = False
) -> HTMLResponse:
    """The Pasal 14 report as a printable page (now, or as stored at close)."""
    return HTMLResponse(_report_text(session, campaign, saat_penutupan, "html"))
