"""Request and response bodies of /api/v1/campaigns.

A body that is a campaign update's input minus the actor (and the unit of the path) is that
input's ``...Fields`` base in ``wire.campaign``.
"""

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

from api.schemas import UtcDatetime
from sop.strict import ClosedModel
from wire.campaign import (
    MAX_DECISIONS_PER_UPDATE,
    Decision,
    PenanggungJawab,
    SopReviuInput,
)


class StartCampaignRequest(ClosedModel):
    nama: str = Field(min_length=3, max_length=300, examples=["Penyusunan SOP Tahun 2026"])
    units: Literal["semua"] | list[str] = Field(
        default="semua",
        description='"semua" untuk seluruh unit kerja, atau daftar kode unit kerja.',
    )
    deadline: date | None = Field(
        default=None, description="Batas waktu; bawaan: akhir tahun berjalan (Pasal 8 ayat (2))."
    )
    penanggung_jawab: dict[str, PenanggungJawab] = Field(
        default_factory=dict,
        description="Penanggung jawab per kode unit; bawaan menurut Pasal 8 ayat (7)-(9).",
    )


class DecideRequest(ClosedModel):
    keputusan: list[Decision] = Field(min_length=1, max_length=MAX_DECISIONS_PER_UPDATE)


class ReturnRequest(ClosedModel):
    alasan: str = Field(min_length=3, max_length=1000)


class CampaignUnitOut(BaseModel):
    unit_code: str
    unit_name: str
    penanggung_jawab: PenanggungJawab
    submissions: int
    submitted_at: UtcDatetime | None
    sop_reviu: list[SopReviuInput]


class CampaignOut(BaseModel):
    id: str
    nama: str
    deadline: date
    status: str
    koordinator_nama: str
    koordinator_jabatan: str
    coordinator_unit: str
    started_at: UtcDatetime
    closed_at: UtcDatetime | None
    units: list[CampaignUnitOut] = []


class KebutuhanOut(BaseModel):
    id: str
    unit_code: str
    no: int
    kegiatan: str
    judul: str
    perkiraan_output: str
    status: str
    alasan: str | None
    sop_id: str
    submitted_by: str
    submitted_at: UtcDatetime
    decided_by: str | None
    decided_at: UtcDatetime | None


class SubmitOut(BaseModel):
    unit_code: str
    rows: list[KebutuhanOut]


class DecideOut(BaseModel):
    accepted: list[str]
    returned: list[str]
    unchanged: list[str]
