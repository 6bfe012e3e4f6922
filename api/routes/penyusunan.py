"""Penyusunan of one SOP over HTTP (Lampiran I 3.a-3.e, Pasal 7, 8, 9 and 11).

Each POST is one workflow update performed as the signed-in user: the workflow judges who may
do it and when. Listings are read from the audit trail (``store.penyusunan_queries``).
"""


from fastapi import HTTPException, status
from pydantic import BaseModel
from sqlmodel import Session

from api.deps import Acting, SessionDep, SopDep, signed_in_router
from api.schemas import ActionOut, UtcDatetime
from sop.document import SopDocument
from sop.organisasi import JenisUnit, LingkupSop
from sop.pasal7 import RekomendasiFormat, rekomendasi_format
from sop.pasal8 import KoordinasiPenyusunan, koordinasi_penyusunan
from sop.pasal11 import PejabatPengesah, pejabat_pengesah
from sop.penyusunan import CatatanInformasi, PilihanAlternatif, PilihanFormat
from sop.simulasi import CatatanSimulasi, PerbandinganWaktu, bandingkan_waktu
from store.penyusunan_queries import events_of
from store.queries import document_version
from store.tables import Sop, Unit
from wire.payloads import simulasi_of
from wire.penyusunan import (
    AlternatifInput,
    FormatInput,
    InformasiInput,
    KonteksInput,
    PengesahanFields,
    PengesahanInput,
    PerubahanKonteks,
    SimulationInput,
)
from workflows.sop_lifecycle import SopLifecycleWorkflow as Workflow

router = signed_in_router("/api/v1/sops/{sop_id}", "penyusunan")


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
async def record_information(body: CatatanInformasi, acting: Acting) -> ActionOut:
    """One use of an information-gathering technique (Lampiran I 3.a), at pengumpulan
    informasi: teknik, tanggal, peserta and temuan."""
    arg = InformasiInput(aktor=acting.aktor, catatan=body)
    return await acting.send(Workflow.record_information, arg)


@router.get("/informasi", response_model=list[RecordOut])
def list_information(sop: SopDep, session: SessionDep) -> list[RecordOut]:
    return _records(session, sop.id, "catatan_informasi")


@router.post("/alternatif", status_code=status.HTTP_201_CREATED)
async def choose_alternative(body: PilihanAlternatif, acting: Acting) -> ActionOut:
    """The alternative the analysis chose (Lampiran I 3.b); moves the SOP to penulisan."""
    arg = AlternatifInput(aktor=acting.aktor, pilihan=body)
    return await acting.send(Workflow.choose_alternative, arg)


@router.put("/konteks")
async def set_context(body: PerubahanKonteks, acting: Acting) -> ActionOut:
    """Scope (lingkup, which the owning unit's type must allow) and the Pasal 9 context: tugas
    pokok dan fungsi, "tidak ada SOP terkait", the needs-identification entry. Allowed while
    the SOP is being drafted. A field left out (or null) keeps its stored value; a change of
    lingkup is recorded in the event's note."""
    arg = KonteksInput(aktor=acting.aktor, perubahan=body)
    return await acting.send(Workflow.set_context, arg)


@router.get("/pejabat", response_model=PejabatOut)
def officials(sop: SopDep, session: SessionDep) -> PejabatOut:
    """Who answers for the drafting, who coordinates it (Pasal 8) and who signs (Pasal 11)."""
    unit = session.get(Unit, sop.unit_code)
    assert unit is not None
    return pejabat_of(sop, unit)


# Pasal 7 ---------------------------------------------------------------------------------


@router.get("/format", response_model=FormatOut)
def format_advice(sop: SopDep, session: SessionDep) -> FormatOut:
    """The format Pasal 7 recommends for the latest draft, and the choice recorded for it."""
    sop_id = sop.id
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
async def choose_format(body: PilihanFormat, acting: Acting) -> ActionOut:
    """Confirm the recommended format, or override it with a reason (Pasal 7)."""
    arg = FormatInput(aktor=acting.aktor, pilihan=body)
    return await acting.send(Workflow.choose_format, arg)


# Lampiran I 3.d.2-3 ----------------------------------------------------------------------


@router.post("/simulations", status_code=status.HTTP_201_CREATED)
async def record_simulation(body: CatatanSimulasi, acting: Acting) -> ActionOut:
    """A simulation of the reviewed draft; ``hasil`` moves the SOP on to pengesahan (after the
    Pasal 9 check), back to penulisan, analisis or pengumpulan informasi, or keeps it here."""
    arg = SimulationInput(aktor=acting.aktor, catatan=body)
    return await acting.send(Workflow.record_simulation, arg)


@router.get("/simulations", response_model=list[SimulasiOut])
def list_simulations(sop: SopDep, session: SessionDep) -> list[SimulasiOut]:
    """Every simulation, each step's real time set against its mutu baku waktu."""
    sop_id = sop.id
    kinds = (
        "catatan_simulasi",
        "ajukan_pengesahan",
        "perbaiki_tulisan",
        "kembali_ke_analisis",
        "kembali_ke_pengumpulan_informasi",
    )
    out = []
    for event in events_of(session, sop_id, kinds):
        simulasi = simulasi_of(event.event, event.payload)
        if simulasi is None:
            continue  # a move made by a review round, not a simulation
        assert simulasi.versi is not None
        document = _document(session, sop_id, simulasi.versi)
        out.append(
            SimulasiOut(
                seq=event.seq,
                oleh=event.actor_nama,
                jabatan=event.actor_jabatan,
                pada=event.occurred_at,
                data=simulasi.model_dump(mode="json", exclude_unset=True),
                perbandingan_waktu=bandingkan_waktu(document, simulasi),
            )
        )
    return out


# Pasal 11 --------------------------------------------------------------------------------


@router.post("/pengesahan", status_code=status.HTTP_201_CREATED)
async def decide_pengesahan(body: PengesahanFields, acting: Acting) -> ActionOut:
    """The official Pasal 11 names signs (with the number and date of the Keputusan) or
    returns the draft to penulisan with reasons. Anyone else is refused (403)."""
    arg = PengesahanInput(**dict(body), aktor=acting.aktor)
    return await acting.send(Workflow.decide_pengesahan, arg)


@router.get("/pengesahan", response_model=list[RecordOut])
def list_approvals(sop: SopDep, session: SessionDep) -> list[RecordOut]:
    """Every approval of the SOP: version, revision, Keputusan number and date, official.
    Each approved version stays readable at GET .../versions/{versi}."""
    return _records(session, sop.id, "sahkan")
