"""Penyusunan of one SOP over HTTP (Lampiran I 3.a-3.e, Pasal 7, 8, 9 and 11).

Each POST is one workflow update performed as the signed-in user; the workflow validates it
again. Listings are read from the audit trail (``store.penyusunan_queries``).
"""

from datetime import date
from typing import Literal

from fastapi import APIRouter, Depends, HTTPException, status
from pydantic import BaseModel, ConfigDict, Field
from sqlmodel import Session

from api.auth import get_current_user
from api.authz import Drafting, Signing, forbid
from api.deps import CurrentUser, EngineDep, SessionDep, TemporalDep, read
from api.lifecycle_service import send
from api.routes.sops import IdempotencyKey, get_sop_or_404
from api.schemas import ActionOut, UtcDatetime
from sop.document import SopDocument
from sop.organisasi import JenisUnit, LingkupSop, check_lingkup
from sop.pasal7 import RekomendasiFormat, rekomendasi_format
from sop.pasal8 import KoordinasiPenyusunan, koordinasi_penyusunan
from sop.pasal11 import PejabatPengesah, pejabat_pengesah
from sop.penyusunan import CatatanInformasi, KonteksPenyusunan, PilihanAlternatif, PilihanFormat
from sop.simulasi import CatatanSimulasi, PerbandinganWaktu, bandingkan_waktu
from sop.wewenang import pengesah_refusal
from store.penyusunan_queries import events_of
from store.queries import document_version
from store.tables import Sop, Unit
from wire.penyusunan import (
    AlternatifInput,
    FormatInput,
    InformasiInput,
    KonteksInput,
    PengesahanInput,
    SimulationInput,
)
from workflows.sop_lifecycle import SopLifecycleWorkflow

router = APIRouter(
    prefix="/api/v1/sops/{sop_id}", tags=["penyusunan"], dependencies=[Depends(get_current_user)]
)


class PengesahanRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    keputusan: Literal["sahkan", "kembalikan"]
    nomor_keputusan: str | None = Field(default=None, min_length=1, max_length=200)
    tanggal_keputusan: date | None = None
    alasan: str = Field(default="", max_length=4000)


class PejabatOut(BaseModel):
    """Who answers for, coordinates and signs the SOP (Pasal 8 ayat (5)-(9), Pasal 11)."""

    lingkup: LingkupSop
    jenis_unit: JenisUnit
    koordinasi: KoordinasiPenyusunan
    pengesah: PejabatPengesah


class FormatOut(BaseModel):
    versi: int
    format_draf: str
    rekomendasi: RekomendasiFormat
    pilihan: dict | None


class RecordOut(BaseModel):
    seq: int
    oleh: str
    jabatan: str | None
    pada: UtcDatetime
    data: dict


class SimulasiOut(RecordOut):
    perbandingan_waktu: list[PerbandinganWaktu]


def _document(session: Session, sop_id: str, version: int) -> SopDocument:
    row = document_version(session, sop_id, version)
    if row is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"Versi {version} tidak ada.")
    return SopDocument.model_validate(row.content)


def _records(session: Session, sop_id: str, kind: str) -> list[RecordOut]:
    return [
        RecordOut(
            seq=e.seq,
            oleh=e.actor_nama,
            jabatan=e.actor_jabatan,
            pada=e.occurred_at,
            data=e.payload or {},
        )
        for e in events_of(session, sop_id, (kind,))
    ]



def pejabat_of(sop: Sop, unit: Unit) -> PejabatOut:
    jenis = JenisUnit(unit.jenis)
    lingkup = LingkupSop(sop.lingkup)
    return PejabatOut(
        lingkup=lingkup,
        jenis_unit=jenis,
        koordinasi=koordinasi_penyusunan(jenis, lingkup),
        pengesah=pejabat_pengesah(jenis, lingkup),
    )


# Lampiran I 3.a-3.b ----------------------------------------------------------------------


@router.post("/informasi", status_code=status.HTTP_201_CREATED)
async def record_information(
    body: CatatanInformasi, acting: Drafting, temporal: TemporalDep, key: IdempotencyKey = None
) -> ActionOut:
    """One use of an information-gathering technique (Lampiran I 3.a), at pengumpulan
    informasi: teknik, tanggal, peserta and temuan."""
    arg = InformasiInput(aktor=acting.aktor, catatan=body)
    return await send(temporal, acting.sop.id, SopLifecycleWorkflow.record_information, arg, key)


@router.get("/informasi", response_model=list[RecordOut])
def list_information(sop_id: str, session: SessionDep, _: CurrentUser) -> list[RecordOut]:
    get_sop_or_404(session, sop_id)
    return _records(session, sop_id, "catatan_informasi")


@router.post("/alternatif", status_code=status.HTTP_201_CREATED)
async def choose_alternative(
    body: PilihanAlternatif, acting: Drafting, temporal: TemporalDep, key: IdempotencyKey = None
) -> ActionOut:
    """The alternative the analysis chose (Lampiran I 3.b); moves the SOP to penulisan."""
    arg = AlternatifInput(aktor=acting.aktor, pilihan=body)
    return await send(temporal, acting.sop.id, SopLifecycleWorkflow.choose_alternative, arg, key)


@router.put("/konteks")
async def set_context(
    body: KonteksPenyusunan,
    acting: Drafting,
    engine: EngineDep,
    temporal: TemporalDep,
    key: IdempotencyKey = None,
) -> ActionOut:
    """Scope (lingkup) and the Pasal 9 context: tugas pokok dan fungsi, "tidak ada SOP
    terkait", the needs-identification entry. Allowed while the SOP is being drafted."""
    unit = await read(engine, lambda session: session.get(Unit, acting.sop.unit_code))
    try:
        check_lingkup(JenisUnit(unit.jenis), body.lingkup)
    except ValueError as err:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, f"Lingkup: {err}.") from err
    arg = KonteksInput(aktor=acting.aktor, konteks=body)
    return await send(temporal, acting.sop.id, SopLifecycleWorkflow.set_context, arg, key)


@router.get("/pejabat", response_model=PejabatOut)
def officials(sop_id: str, session: SessionDep, _: CurrentUser) -> PejabatOut:
    """Who answers for the drafting, who coordinates it (Pasal 8) and who signs (Pasal 11)."""
    sop = get_sop_or_404(session, sop_id)
    unit = session.get(Unit, sop.unit_code)
    assert unit is not None
    return pejabat_of(sop, unit)


# Pasal 7 ---------------------------------------------------------------------------------


@router.get("/format", response_model=FormatOut)
def format_advice(sop_id: str, session: SessionDep, _: CurrentUser) -> FormatOut:
    """The format Pasal 7 recommends for the latest draft, and the choice recorded for it."""
    sop = get_sop_or_404(session, sop_id)
    if sop.current_version is None:
        raise HTTPException(status.HTTP_409_CONFLICT, "Belum ada draf tersimpan.")
    document = _document(session, sop_id, sop.current_version)
    chosen = [
        e.payload
        for e in events_of(session, sop_id, ("pilihan_format",))
        if e.payload and e.payload.get("versi") == sop.current_version
    ]
    return FormatOut(
        versi=sop.current_version,
        format_draf=document.format.value,
        rekomendasi=rekomendasi_format(document),
        pilihan=chosen[-1] if chosen else None,
    )


@router.post("/format", status_code=status.HTTP_201_CREATED)
async def choose_format(
    body: PilihanFormat, acting: Drafting, temporal: TemporalDep, key: IdempotencyKey = None
) -> ActionOut:
    """Confirm the recommended format, or override it with a reason (Pasal 7)."""
    arg = FormatInput(aktor=acting.aktor, pilihan=body)
    return await send(temporal, acting.sop.id, SopLifecycleWorkflow.choose_format, arg, key)


# Lampiran I 3.d.2-3 ----------------------------------------------------------------------


@router.post("/simulations", status_code=status.HTTP_201_CREATED)
async def record_simulation(
    body: CatatanSimulasi, acting: Drafting, temporal: TemporalDep, key: IdempotencyKey = None
) -> ActionOut:
    """A simulation of the reviewed draft; ``hasil`` moves the SOP on to pengesahan (after the
    Pasal 9 check), back to penulisan, analisis or pengumpulan informasi, or keeps it here."""
    arg = SimulationInput(aktor=acting.aktor, catatan=body)
    return await send(temporal, acting.sop.id, SopLifecycleWorkflow.record_simulation, arg, key)


@router.get("/simulations", response_model=list[SimulasiOut])
def list_simulations(sop_id: str, session: SessionDep, _: CurrentUser) -> list[SimulasiOut]:
    """Every simulation, each step's real time set against its mutu baku waktu."""
    get_sop_or_404(session, sop_id)
    kinds = (
        "catatan_simulasi",
        "ajukan_pengesahan",
        "perbaiki_tulisan",
        "kembali_ke_analisis",
        "kembali_ke_pengumpulan_informasi",
    )
    out = []
    for event in events_of(session, sop_id, kinds):
        payload = event.payload or {}
        # A simulation that moved the SOP nests its record under "simulasi".
        data = payload.get("simulasi", payload)
        if "langkah" not in data:
            continue  # a move made by a review round, not a simulation
        catatan = CatatanSimulasi.model_validate({k: v for k, v in data.items() if k != "versi"})
        document = _document(session, sop_id, data["versi"])
        out.append(
            SimulasiOut(
                seq=event.seq,
                oleh=event.actor_nama,
                jabatan=event.actor_jabatan,
                pada=event.occurred_at,
                data=data,
                perbandingan_waktu=bandingkan_waktu(document, catatan),
            )
        )
    return out


# Pasal 11 --------------------------------------------------------------------------------


@router.post("/pengesahan", status_code=status.HTTP_201_CREATED)
async def decide_pengesahan(
    body: PengesahanRequest,
    acting: Signing,
    engine: EngineDep,
    temporal: TemporalDep,
    key: IdempotencyKey = None,
) -> ActionOut:
    """The official Pasal 11 names signs (with the number and date of the Keputusan) or
    returns the draft to penulisan with reasons. Anyone else is refused (403)."""
    sop = acting.sop
    unit = await read(engine, lambda session: session.get(Unit, sop.unit_code))
    refusal = pengesah_refusal(
        unit.jenis if unit else None,
        LingkupSop(sop.lingkup),
        sop.unit_code,
        acting.aktor.kode_jabatan,
        acting.aktor.unit,
    )
    if refusal:
        forbid(refusal)
    arg = PengesahanInput(aktor=acting.aktor, **body.model_dump())
    return await send(temporal, sop.id, SopLifecycleWorkflow.decide_pengesahan, arg, key)


@router.get("/pengesahan", response_model=list[RecordOut])
def list_approvals(sop_id: str, session: SessionDep, _: CurrentUser) -> list[RecordOut]:
    """Every approval of the SOP: version, revision, Keputusan number and date, official.
    Each approved version stays readable at GET .../versions/{versi}."""
    get_sop_or_404(session, sop_id)
    return _records(session, sop_id, "sahkan")
