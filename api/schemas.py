"""Request and response bodies of the HTTP API (one model per request)."""

from datetime import UTC, date, datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from sop.document import SopDocument
from sop.organisasi import LingkupSop


def _as_utc(value: datetime) -> datetime:
    # SQLite returns naive timestamps; every timestamp we store is UTC.
    return value if value.tzinfo else value.replace(tzinfo=UTC)


UtcDatetime = Annotated[datetime, AfterValidator(_as_utc)]


class _Request(BaseModel):
    # A misspelt field is refused, not silently ignored.
    model_config = ConfigDict(extra="forbid")


class CreateSopRequest(_Request):
    unit_code: str = Field(min_length=1, max_length=40, examples=["ORG"])
    nama_sop: str = Field(min_length=3, max_length=300, examples=["Pelayanan Surat Masuk"])
    lingkup: LingkupSop = Field(
        default=LingkupSop.unit,
        description="unit (satu SKPD/unit kerja), lintas_bagian (Setda) atau lintas_skpd",
    )
    evaluation_interval_months: int = Field(
        default=24,
        ge=1,
        le=24,
        description="Evaluasi paling lama 2 tahun sekali (Pasal 13 ayat (1)); boleh lebih sering.",
    )
    note: str = Field(default="", max_length=4000)


class ActionRequest(_Request):
    note: str = Field(default="", max_length=4000)


class SaveDraftRequest(_Request):
    document: SopDocument
    note: str = Field(default="", max_length=4000)


class SopOut(BaseModel):
    id: str
    unit_code: str
    nama_sop: str
    stage: str
    step: str
    allowed_events: list[str]
    revision: int
    cycle: int
    current_version: int | None
    effective_version: int | None
    tanggal_berlaku: date | None
    last_evaluation: date | None
    evaluation_due: date | None
    campaign_id: str | None
    kebutuhan_id: str | None
    lingkup: str = "unit"
    nomor_sop: str | None = None
    tanggal_pengesahan: date | None = None
    tanggal_revisi: date | None = None
    nomor_keputusan: str | None = None
    created_at: UtcDatetime
    updated_at: UtcDatetime


class SopPage(BaseModel):
    total: int
    items: list[SopOut]


class EventOut(BaseModel):
    seq: int
    cycle: int
    event: str
    from_step: str | None
    to_step: str
    from_stage: str | None
    to_stage: str
    actor_nama: str
    actor_nip: str | None
    actor_jabatan: str | None
    actor_unit: str | None
    note: str
    document_version: int | None
    document_hash: str | None
    occurred_at: UtcDatetime


class VersionSummary(BaseModel):
    version: int
    revision: int
    content_hash: str
    saved_by: str
    saved_at: UtcDatetime


class VersionOut(VersionSummary):
    content: SopDocument


class UnitOut(BaseModel):
    code: str
    name: str
    jenis: str
    parent_code: str | None


class NotificationOut(BaseModel):
    id: int
    recipient_unit: str
    recipient_jabatan: str | None
    sop_id: str | None
    kind: str
    subject: str
    body: str
    created_at: UtcDatetime


class ActionOut(BaseModel):
    """The result of an action: where the SOP is now and what may happen next."""

    sop_id: str
    event: str
    seq: int
    from_step: str | None
    step: str
    stage: str
    allowed_events: list[str]
    document_version: int | None


class HealthOut(BaseModel):
    status: str
    temporal: bool
    database: bool
