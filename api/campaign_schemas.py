"""Request and response bodies of /api/v1/campaigns (one model per request)."""

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from api.schemas import UtcDatetime
from wire.campaign import (
    MAX_DECISIONS_PER_UPDATE,
    MAX_ROWS_PER_SUBMISSION,
    Decision,
    KebutuhanInput,
    PenanggungJawab,
    SopReviuInput,
)


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid")


class StartCampaignRequest(_Request):
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


class SubmitKebutuhanRequest(_Request):
    """Formulir identifikasi kebutuhan SOP (Lampiran II.A) dan daftar SOP untuk direviu."""

    rows: list[KebutuhanInput] = Field(default_factory=list, max_length=MAX_ROWS_PER_SUBMISSION)
    sop_reviu: list[SopReviuInput] = Field(default_factory=list, max_length=1000)

    @model_validator(mode="after")
    def _not_empty(self) -> "SubmitKebutuhanRequest":
        if not self.rows and not self.sop_reviu:
            raise ValueError("isi paling sedikit satu baris kebutuhan atau satu SOP untuk direviu")
        return self


class DecideRequest(_Request):
    keputusan: list[Decision] = Field(min_length=1, max_length=MAX_DECISIONS_PER_UPDATE)


class ReturnRequest(_Request):
    alasan: str = Field(min_length=3, max_length=1000)


class CloseRequest(_Request):
    note: str = Field(default="", max_length=4000)


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
